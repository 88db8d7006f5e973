// The self-assessment page (quiz.md.j2): its start-up. Reads the page's data and texts, makes the parts
// (store.js: what the browser keeps; results.js; assess.js: assessments and past results; compare.js:
// comparison and team view; files.js; share.js: share links), and wires them to the page. Last of the
// parts: needs kb.js (window.kbgen) and the other parts (window.kbgenQuiz). Builds elements with
// createElement/textContent, never innerHTML.
(function () {
  "use strict";
  var kb = window.kbgen, Q = window.kbgenQuiz, make = kb.make;
  var PARTS = ["store", "results", "assess", "compare", "files", "share"];
  var current = null;   // the quiz on the page now (Material's instant navigation swaps pages)

  // Helpers the parts share.
  Q.ui = {
    each: function (list, act) { Array.prototype.forEach.call(list, act); },
    // Empties a node, then adds the given children (nodes or text).
    fill: function (node) {
      while (node.firstChild) node.removeChild(node.firstChild);
      for (var i = 1; i < arguments.length; i++) node.append(arguments[i]);
      return node;
    },
    when: function (iso, time) {
      return new Date(iso).toLocaleString(undefined, { dateStyle: "long", timeStyle: time ? "short" : undefined });
    },
    table: function (head, rows) {
      var t = make("table"), body = make("tbody"), tr = make("tr");
      head.forEach(function (h) { tr.appendChild(make("th", h)).scope = "col"; });
      t.appendChild(make("thead")).appendChild(tr);
      rows.forEach(function (row) {
        tr = body.appendChild(make("tr"));
        row.forEach(function (cell) { tr.appendChild(make("td")).append(cell); });
      });
      t.appendChild(body);
      return t;
    },
  };

  // The page's texts: the hidden list at its end (quiz.md.j2), one element per key.
  function texts() {
    var out = Q.map();
    Q.ui.each(document.querySelectorAll("#kb-quiz-texts [data-kb-t]"), function (n) {
      out[n.getAttribute("data-kb-t")] = n.textContent;
    });
    return Q.texts(out, document.documentElement.lang);
  }

  function setup(form) {
    var data;
    try {
      data = Q.prepare(JSON.parse(form.getAttribute("data-kb-quiz")), texts());
    } catch (error) {
      return null;
    }
    var byId = document.getElementById.bind(document), t = data.t, notice = byId("kb-quiz-notice");
    var q = { data: data, form: form, root: form.parentNode, byId: byId, t: t, actions: {} };

    // Shows the non-empty texts, one after the other, in the box (the page's notice by default).
    q.say = function (parts, box) {
      box = box || notice;
      box.textContent = [].concat(parts).filter(Boolean).join(" ");
      box.hidden = !box.textContent;
    };
    q.pct = function (pct) {
      return pct === null ? t("no-score") : t("pct", { pct: pct });
    };
    // The published address of an entry or of these results; "" in an offline copy with none.
    q.address = function (path) {
      var home = kb.shareUrl();
      return home ? new URL(path, home).href : "";
    };
    q.quote = function (text) {
      return t("quoted", { text: text });
    };
    // The answers on the form, as a list (core.js), and back.
    q.answers = function () {
      return data.entries.map(function (e) {
        var on = form.querySelector('input[name="' + CSS.escape(e.id) + '"]:checked');
        return on ? on.value : "-";
      });
    };
    q.apply = function (list) {
      data.entries.forEach(function (e, i) {
        Q.ui.each(form.querySelectorAll('input[name="' + CSS.escape(e.id) + '"]'), function (r) {
          r.checked = r.value === list[i];
        });
      });
      q.progress();
    };
    q.progress = function () {
      var n = q.answers().filter(function (a) { return a !== "-"; }).length, bar = byId("kb-quiz-bar");
      byId("kb-quiz-progress").textContent = t("progress", { n: n, count: data.entries.length });
      bar.value = n;
      bar.hidden = false;
    };
    // The past results, the assessment switcher and the comparison's choices, after the store changed.
    q.refresh = function () {
      q.assess.render();
      q.compare.render();
    };
    // Shows the current assessment's answers; returns what changed in the questions since they were given.
    q.load = function () {
      var m = Q.fromRecord(data, q.store.mine().answers);
      q.apply(m.list);
      q.refresh();
      return Q.changes(data, m);
    };

    PARTS.forEach(function (name) {
      q[name] = Q.parts[name](q);
      Object.assign(q.actions, q[name].actions);
    });
    q.root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-kb-action]");
      var act = button && q.actions[button.getAttribute("data-kb-action")];
      if (act) act(button);
    });
    q.root.addEventListener("change", function (event) {
      var target = event.target;
      if (target.type === "radio") {
        q.store.save(q.answers());
        q.progress();
        q.results.update();
      } else {
        PARTS.forEach(function (name) { if (q[name].change) q[name].change(target); });
      }
    });

    // A question reached by keyboard shows whole, below the sticky progress bar (its scroll margin).
    form.addEventListener("focusin", function (event) {
      var question = event.target.closest(".kb-question");
      if (question && event.target.matches(":focus-visible")) question.scrollIntoView({ block: "nearest" });
    });
    [form.querySelector(".kb-quiz-actions"), byId("kb-assess"), byId("kb-tools")].forEach(function (n) {
      n.hidden = false;
    });
    q.say([q.store.restore(), q.load(), q.share.open()]);
    // Results that were on screen show again (not over a shared link's).
    if (!Q.isLink(location.hash) && q.store.doc.shown) q.results.show(false);
    return { openLink: function () { q.say(q.share.open()); } };
  }

  function init() {
    var form = document.getElementById("kb-quiz");
    if (!form) current = null;
    else if (!form.kbQuiz) {
      form.kbQuiz = true;
      current = setup(form);
    }
  }

  // A share link pasted into the address bar of an open quiz page only changes the fragment.
  window.addEventListener("hashchange", function () {
    if (current && Q.isLink(location.hash)) current.openLink();
  });
  kb.onPage(init);
})();
