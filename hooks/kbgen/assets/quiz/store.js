// The self-assessment page: what this browser keeps, and the one owner of the page's state. doc: the
// assessments, as check.js reads them; cur: the one shown; shared: the form shows answers from a
// shared link (set by share.js; then nothing is saved until the reader keeps them).
// localStorage may be missing, disabled or throw (privacy settings, some file:// setups): then nothing
// is kept, and the quiz works all the same.
(function (Q) {
  "use strict";
  Q.parts.store = function (q) {
    var data = q.data, t = q.t, KEY = data.key + ":self-assessment", OLD = data.key + ":quiz:";
    var s = { doc: null, cur: 0, shared: false };

    function storage(act) {
      try { return act(window.localStorage); } catch (error) { return null; }
    }

    function empty() {
      return { name: t("first-name"), answers: {}, history: [] };
    }

    s.mine = function () {
      return s.doc.assessments[s.cur];
    };

    s.taken = function (name) {
      return s.doc.assessments.some(function (a) { return a.name === name; });
    };

    // Nothing worth keeping: one unnamed assessment, with no answer and no past result.
    s.blank = function () {
      var a = s.doc.assessments;
      return a.length === 1 && a[0].name === t("first-name") && !a[0].history.length &&
        !/"answer":"[^-]/.test(JSON.stringify(a[0].answers));
    };

    // Nothing worth keeping is not stored at all.
    s.persist = function () {
      var blank = s.blank();
      s.doc.current = s.cur;
      storage(function (st) {
        if (blank) st.removeItem(KEY);
        else st.setItem(KEY, JSON.stringify(s.doc));
      });
    };

    // The stored assessments, checked as an imported file is; answers kept by earlier versions of this
    // page (one key per version of the whole questionnaire) are taken over when that version is today's.
    // Returns the notice, or "".
    s.restore = function () {
      var raw = storage(function (st) { return st.getItem(KEY); }), keys = [];
      storage(function (st) {
        for (var i = st.length - 1; i >= 0; i--) if (st.key(i).indexOf(OLD) === 0) keys.push(st.key(i));
      });
      var got = Q.fromStorage(data, raw, keys.map(function (k) {
        return [k.slice(OLD.length), storage(function (st) { return st.getItem(k); })];
      }));
      s.doc = got.doc || { format: 1, key: data.key, current: 0, assessments: [empty()] };
      s.cur = s.doc.current || 0;
      if (got.list) s.mine().answers = Q.record(data, got.list);
      if (got.unreadable) storage(function (st) { st.removeItem(KEY); });
      if (keys.length) {
        storage(function (st) { keys.forEach(function (k) { st.removeItem(k); }); });
        s.persist();
      }
      return got.unreadable ? t("store-unreadable") : got.dropped ? t("store-dropped") : "";
    };

    s.save = function (list) {
      if (s.shared) return;  // shared answers are only looked at until the reader keeps them
      s.mine().answers = Q.record(data, list);
      s.persist();
    };

    s.select = function (i) {
      s.cur = i;
      s.persist();
    };

    // A name no assessment has: the given one, else "Assessment <n>".
    s.unused = function (name) {
      for (var n = s.doc.assessments.length + 1; !name || s.taken(name); n++) name = t("new-name", { n: n });
      return name;
    };

    // Adds assessments ({name, answers, history}), their names made unique ("Name (2)"), and shows the
    // first of them; with instead, an empty "My assessment" gives way to them. Returns their names.
    s.add = function (list, instead) {
      if (instead && s.blank()) s.doc.assessments = [];
      var names = list.map(function (a) {
        var name = a.name;
        for (var n = 2; s.taken(name); n++) name = t("copy-name", { name: a.name, n: n });
        s.doc.assessments.push({ name: name, answers: a.answers, history: a.history });
        return name;
      });
      s.select(s.doc.assessments.length - names.length);
      return names;
    };

    // Deletes the current assessment (an empty one takes the place of the last); returns its name.
    s.remove = function () {
      var gone = s.doc.assessments.splice(s.cur, 1)[0].name;
      if (!s.doc.assessments.length) s.doc.assessments.push(empty());
      s.select(0);
      return gone;
    };

    s.rename = function (name) {
      name = name.trim().slice(0, 80);
      if (name && !s.taken(name)) s.mine().name = name;
      s.persist();
    };

    // A dated copy of the answers into the current assessment's past results, unless they are the same
    // as the last one's; returns whether it was added.
    s.snapshot = function (list, date) {
      var history = s.mine().history, snap = Q.snapshot(data, list, date), last = history[history.length - 1];
      if (last && JSON.stringify(last.answers) === JSON.stringify(snap.answers)) return false;
      if (history.push(snap) > 200) history.shift();
      s.persist();
      return true;
    };

    // Whether the reader's results are on screen: kept, so that they show again when the page opens.
    s.showing = function (on) {
      if (!s.doc.shown === !on) return;
      if (on) s.doc.shown = true;
      else delete s.doc.shown;
      s.persist();
    };

    // Deletes past result j of the current assessment, or all of them.
    s.forget = function (j) {
      if (j === undefined) s.mine().history = [];
      else s.mine().history.splice(j, 1);
      s.persist();
    };

    return s;
  };
})(window.kbgenQuiz);
