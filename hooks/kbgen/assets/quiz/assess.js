// The self-assessment page: named assessments (switch, name, add, delete) and the current one's past
// results (listed, deleted one by one or all at once).
(function (Q) {
  "use strict";
  Q.parts.assess = function (q) {
    var t = q.t, ui = Q.ui, make = window.kbgen.make, byId = q.byId, store = q.store, pick = byId("kb-assess-pick");

    // The assessment switcher and the current assessment's past results, from the store.
    function render() {
      var name = byId("kb-assess-name"), list = ui.fill(byId("kb-history")), past = store.mine().history;
      ui.fill(pick);
      store.doc.assessments.forEach(function (a, i) { pick.appendChild(make("option", a.name)).value = String(i); });
      pick.value = String(store.cur);
      if (document.activeElement !== name) name.value = store.mine().name;
      for (var j = past.length - 1; j >= 0; j--) {
        var h = past[j], date = ui.when(h.date, true), button = make("button", t("delete"), "md-button kb-small");
        button.type = "button";
        button.setAttribute("data-kb-action", "forget");
        button.value = String(j);
        button.setAttribute("aria-label", t("delete-label", { date: date }));
        ui.fill(list.appendChild(make("li")), t("history", { date: date, score: q.pct(h.score), answered: h.answered,
          count: Object.keys(h.answers).length }), " ", button);
      }
      if (!past.length) list.appendChild(make("li", t("history-none")));
    }

    // Shows assessment i (already the store's current one when i is left out).
    function show(i) {
      q.share.leave();
      if (i !== undefined) store.select(i);
      q.say(q.load());
      q.results.update();
    }

    // A new assessment, named as given (or "Assessment <n>"), with the given answers or none.
    function add(name, list) {
      store.add([{ name: store.unused(name), answers: list ? Q.record(q.data, list) : {}, history: [] }]);
      show();
    }

    return {
      render: render,
      show: show,
      add: add,
      change: function (target) {
        if (target === pick) show(+pick.value);
        else if (target.id === "kb-assess-name") {
          store.rename(target.value);
          q.refresh();
          target.value = store.mine().name;
        }
      },
      actions: {
        new: function () {
          add("");
          byId("kb-assess-name").focus();
          q.say(t("new"));
        },
        delete: function () {
          if (!window.confirm(t("confirm-delete", { name: q.quote(store.mine().name) }))) return;
          var gone = store.remove();
          show();
          q.say(t("deleted", { name: q.quote(gone) }));
        },
        forget: function (button) {
          store.forget(+button.value);
          q.refresh();
          (byId("kb-history").querySelector("button") || q.root.querySelector('[data-kb-action="clear"]')).focus();
        },
        clear: function () {
          if (!window.confirm(t("confirm-clear", { name: q.quote(store.mine().name) }))) return;
          store.forget();
          q.refresh();
        },
      },
    };
  };
})(window.kbgenQuiz);
