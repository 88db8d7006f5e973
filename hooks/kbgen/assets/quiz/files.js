// The self-assessment page: files. One assessment, or all with their past results, downloaded as JSON
// (self-assessment.schema.json) or CSV; a JSON or CSV file imported, checked whole before anything is
// stored, so that a bad one changes nothing.
(function (Q) {
  "use strict";
  Q.parts.files = function (q) {
    var data = q.data, t = q.t, make = window.kbgen.make, store = q.store, status = q.byId("kb-files-status");

    function download(all, csv) {
      var out = { format: 1, key: data.key, site: data.site, release: data.release, exported: new Date().toISOString(),
        assessments: all ? store.doc.assessments : [store.mine()] }, a = make("a"), home = q.address(data.schema);
      if (home) out.$schema = home;
      var text = csv ? Q.toCsv(data, out) : JSON.stringify(out, null, 2) + "\n";
      a.href = URL.createObjectURL(new Blob([text], { type: csv ? "text/csv" : "application/json" }));
      a.download = data.key + "-self-assessment-" + out.exported.slice(0, 10) + (csv ? ".csv" : ".json");
      document.body.appendChild(a).click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }

    function importFile(input) {
      var file = input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var got;
        try {
          got = Q.readFile(data, text);
          if (store.doc.assessments.length + got.assessments.length > Q.MOST) throw new Error(t("file-most", { n: Q.MOST }));
        } catch (error) {
          return q.say(t("file-refused", { problem: error.message }), status);
        }
        var names = store.add(got.assessments, true);
        q.say(t("file-imported", { assessments: t("assessments", { n: names.length }), names: names.join(", "),
          name: q.quote(names[0]) }), status);
        q.assess.show();
      }, function () {
        q.say(t("file-unreadable"), status);
      }).then(function () { input.value = ""; });
    }

    return {
      change: function (target) { if (target.id === "kb-import") importFile(target); },
      actions: {
        "json-one": function () { download(false); },
        "json-all": function () { download(true); },
        csv: function () { download(true, true); },
      },
    };
  };
})(window.kbgenQuiz);
