// The self-assessment page: two results side by side ("Compare two results"), and the team view of
// pasted share links (read in this browser, nothing is sent or stored).
(function (Q) {
  "use strict";
  Q.parts.compare = function (q) {
    var data = q.data, t = q.t, ui = Q.ui, make = window.kbgen.make, byId = q.byId, store = q.store;
    var SELECTS = ["kb-compare-a", "kb-compare-b"], picked = {};  // picked: the selects the reader has set

    // The records to compare: "i" is the current answers of assessment i, "i.j" its past result j.
    function choices() {
      var out = [];
      store.doc.assessments.forEach(function (a, i) {
        out.push([String(i), t("current", { name: a.name }), a.answers]);
        a.history.forEach(function (h, j) {
          out.push([i + "." + j, t("past", { name: a.name, date: ui.when(h.date, true), score: q.pct(h.score) }),
            h.answers]);
        });
      });
      return out;
    }

    // The choices, and unless the reader chose, the two most recent different results: the current
    // answers, and the newest past result (or other assessment's answers) that differs, older first.
    function render() {
      var all = choices(), by = Q.map(), cur = store.cur, past = store.mine().history, recent = [String(cur)];
      all.forEach(function (c) { by[c[0]] = c; });
      for (var j = past.length - 1; j >= 0; j--) recent.push(cur + "." + j);
      store.doc.assessments.forEach(function (a, i) { if (i !== cur) recent.push(String(i)); });
      var two = Q.pair(recent.map(function (value) { return by[value][2]; }));
      SELECTS.forEach(function (id, k) {
        var select = byId(id), was = select.value;
        ui.fill(select);
        all.forEach(function (c) { select.appendChild(make("option", c[1])).value = c[0]; });
        select.value = picked[id] && by[was] ? was : recent[two[k]];
      });
    }

    // The chosen [value, label, record] of a comparison's select.
    function chosen(id) {
      return choices().filter(function (x) { return x[0] === byId(id).value; })[0];
    }

    function compare() {
      var a = chosen(SELECTS[0]), b = chosen(SELECTS[1]), out = byId("kb-compare");
      var c = a && b && Q.compare(data, a[2], b[2]);
      if (!c) return ui.fill(out, make("p", t("compare-none")));
      var pct = function (m) { return q.pct(Q.percent(Q.score(data, m.list).total)); };
      var named = function (kind) {
        var ids = c.rows.filter(function (r) { return r.change === kind; }).map(function (r) { return r.entry.id; });
        return ids.length ? ids.join(", ") : t("none");
      };
      ui.fill(out, make("p", [t("compare", { first: pct(c.first), second: pct(c.second), improved: named("improved"),
        worse: named("worse") }), Q.changes(data, c.first), Q.changes(data, c.second)].filter(Boolean).join(" ")),
      ui.table([t("question"), a[1], b[1], t("change")], c.rows.map(function (r) {
        return [t("entry", r.entry), Q.label(data, r.entry, r.from), Q.label(data, r.entry, r.to),
          t("change-" + (r.change || "none"))];
      })));
    }

    // Share links pasted one per line, each optionally after a name.
    function team() {
      var out = byId("kb-team"), got = Q.teamLinks(data, byId("kb-team-links").value);
      if (!got) {
        return ui.fill(out, make("p", t("team-too-much", { lines: Q.TEAM_LINES,
          chars: Q.TEAM_CHARS.toLocaleString(document.documentElement.lang || undefined) })));
      }
      var problems = got.problems.map(function (p) { return t(p.old ? "team-old" : "team-bad", { n: p.line }); });
      var people = got.people.map(function (p, i) {
        return { name: p.name || t("team-person", { n: i + 1 }), list: p.list, note: Q.changes(data, p.got) };
      });
      if (!people.length) return ui.fill(out, make("p", problems.join(" ") || t("team-empty")));
      var view = Q.team(data, people.map(function (p) { return p.list; }));
      var split = view.rows.filter(function (row) { return row.disagree; }).length;
      ui.fill(out, make("p", [
        t("team", { people: t("people", { n: people.length }), score: q.pct(Q.percent(Q.score(data, view.combined).total)) }),
        t("team-split", { n: split })].concat(problems, people.map(function (p) {
        return p.note ? t("team-note", { name: p.name, changes: p.note }) : "";
      })).filter(Boolean).join(" ")),
      ui.table([t("question")].concat(people.map(function (p) { return p.name; })), view.rows.map(function (row) {
        var e = row.entry, title = t("entry", e);
        return [row.disagree ? t("team-disagree", { question: title }) : title]
          .concat(row.answers.map(function (a) { return Q.label(data, e, a); }));
      })));
    }

    return {
      render: render,
      change: function (target) { if (SELECTS.indexOf(target.id) >= 0) picked[target.id] = true; },
      actions: { compare: compare, team: team },
    };
  };
})(window.kbgenQuiz);
