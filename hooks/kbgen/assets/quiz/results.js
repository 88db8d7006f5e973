// The self-assessment page: the results of the answers on the form (score, chart, ranked entries, what
// to do first) and the printed report's head and table; "Show my results" and "Reset answers".
(function (Q) {
  "use strict";
  Q.parts.results = function (q) {
    var data = q.data, t = q.t, ui = Q.ui, fill = ui.fill, make = window.kbgen.make, byId = q.byId;
    var results = byId("kb-results");

    function link(e, hash, text) {
      var a = make("a", text);
      a.href = e.url + hash;
      return a;
    }

    function exposure(x) {
      return x === 1 ? t("exposure-full") : x === 0.5 ? t("exposure-half") : t("exposure", { pct: Math.round(100 * x) });
    }

    function summary(r, pct, now, url) {
      var shared = q.store.shared, need = Math.ceil(data.threshold * r.count) - r.answered;
      var of = { pct: pct, scored: r.answered - r.unsure, questions: t("questions", { n: r.count }) };
      fill(byId("kb-report-head"), make("strong", t("head-site", { site: data.site, release: data.release })),
        make("span", t("head-printed", { date: ui.when(now), name: shared ? t("head-shared") : q.store.mine().name })),
        make("span", url ? t("head-url", { url: url }) : t("head-no-url")));
      byId("kb-results-date").textContent = t("date", {
        who: t(shared ? "who-shared" : "who-mine"), date: ui.when(now), answered: r.answered, count: r.count,
        unsure: r.unsure ? t("date-unsure", { n: r.unsure, label: q.quote(data.unsure) }) : "",
      });
      of.left = t("questions", { n: r.count - r.answered });
      of.need = need;
      of.verdict = Q.verdict(data, pct);
      byId("kb-score").textContent = pct === null ? t("score-none") : t(r.partial ? "score-partial" : "score", of);
    }

    function chart(r) {
      var list = fill(byId("kb-chart"));
      data.categories.forEach(function (c) {
        var value = Q.percent(r.cats[c.id]), bar = make("span", "", "kb-bar");
        if (!data.entries.some(function (e) { return e.category === c.id; })) return;
        bar.setAttribute("aria-hidden", "true");
        bar.appendChild(make("span")).style.width = (value || 0) + "%";
        fill(list.appendChild(make("li")), make("span", t("chart-label", { title: c.title }), "kb-bar-label"), bar,
          make("span", value === null ? t("not-scored") : t("pct", { pct: value }), "kb-bar-value"));
      });
    }

    // The exposed entries, highest risk first: on screen a list, in print a table with their first steps.
    function ranked(r, pct) {
      var list = fill(byId("kb-ranked")), report = fill(byId("kb-report")), first = fill(byId("kb-first"));
      r.exposed.forEach(function (x) {
        var e = x.entry, given = q.quote(e.labels[x.answer]), risk = +x.risk.toFixed(2), steps = make("ul");
        var where = q.address(data.root + e.path + "#avoid"), ask = make("ul", "", "kb-ask");
        fill(list.appendChild(make("li")), link(e, "#avoid", t("entry", e)), " ",
          make("span", t("severity", e), "kb-sev"),
          make("span", t("why", { answer: given, risk: risk, severity: e.severity, weight: x.weight,
            exposure: exposure(x.exposure) }), "kb-why"));
        e.steps.forEach(function (s) { steps.appendChild(make("li", s)); });
        (e.ask || []).forEach(function (s) { ask.appendChild(make("li", s)); });
        var row = report.appendChild(make("tr"));
        fill(row.appendChild(make("td")), make("strong", t("entry", e)), make("span", where || t("no-address"), "kb-url"));
        row.appendChild(make("td", t("given", { answer: given, risk: risk })));
        fill(row.appendChild(make("td")), steps, ask.firstChild ? make("p", t("ask"), "kb-ask-title") : "",
          ask.firstChild ? ask : "");
        row.appendChild(make("td"));
        row.appendChild(make("td"));
      });
      r.first.forEach(function (x) {
        fill(first.appendChild(make("li")), x.entry.steps[0], " ", link(x.entry, "#step-1", t("step-1", x.entry)));
      });
      if (!r.exposed.length) {
        list.appendChild(make("li", t(pct === null ? "ranked-none-yet" : "ranked-none")));
        first.appendChild(make("li", t(pct === null ? "first-none-yet" : "first-none")));
      }
    }

    // Shows the results; with focus (the reader asked for them), moves there, the heading at the top
    // (on a phone, focus alone leaves it at the bottom edge), and keeps a dated copy in the past results.
    function show(focus) {
      var list = q.answers(), r = Q.score(data, list), pct = Q.percent(r.total), now = new Date().toISOString();
      var title = byId("kb-results-title");
      results.hidden = false;
      q.form.classList.add("kb-quiz--done");
      summary(r, pct, now, q.address(Q.linkHash(data, list)));
      chart(r);
      ranked(r, pct);
      byId("kb-quiz-agenda").hidden = !r.exposed.length;
      q.say("", byId("kb-quiz-agenda-status"));
      if (!q.store.shared) q.store.showing(true);
      if (focus && !q.store.shared && r.answered && q.store.snapshot(list, now)) q.refresh();
      if (focus) {
        title.focus({ preventScroll: true });
        title.scrollIntoView({ block: "start" });
      }
    }

    return {
      show: show,
      // Results on screen follow the answers.
      update: function () { if (!results.hidden) show(false); },
      actions: {
        results: function () { show(true); },
        // "Add my exposed ones to the agenda" (assets/agenda/): highest risk first, after what it already holds.
        agenda: function () {
          var ids = Q.score(data, q.answers()).exposed.map(function (x) { return x.entry.id; });
          var added = window.kbgenAgenda.add(ids);
          q.say(added.length ? t("agenda-added", { n: added.length, ids: added.join(", ") }) : t("agenda-had"),
            byId("kb-quiz-agenda-status"));
        },
        reset: function () {
          q.share.leave();
          q.form.reset();
          q.store.save(q.answers());
          results.hidden = true;
          byId("kb-quiz-agenda").hidden = true;
          q.store.showing(false);
          q.form.classList.remove("kb-quiz--done");
          q.share.close();
          q.progress();
          q.say(t("reset"));
        },
      },
    };
  };
})(window.kbgenQuiz);
