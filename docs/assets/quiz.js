// The self-assessment page (quiz.md.j2): progress, results, named assessments with their past results
// kept in this browser, comparison, the team view, files and share links. Dependency-free; builds
// elements with createElement/textContent, never innerHTML. Needs kb.js (window.kbgen) and
// quiz-core.js (window.kbgenQuiz: scoring, formats and checks), loaded before it.
(function () {
  "use strict";
  var kb = window.kbgen, core = window.kbgenQuiz, make = kb.make;
  var current = null;   // the quiz on the page now (Material's instant navigation swaps pages)
  var FIRST = "My assessment";

  // localStorage may be missing, disabled or throw (privacy settings, some file:// setups):
  // then nothing is kept, and the quiz works all the same.
  function storage(act) {
    try { return act(window.localStorage); } catch (error) { return null; }
  }

  function each(list, act) {
    Array.prototype.forEach.call(list, act);
  }

  // Empties a node, then adds the given children (nodes or text).
  function fill(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    for (var i = 1; i < arguments.length; i++) node.append(arguments[i]);
    return node;
  }

  function when(iso, time) {
    return new Date(iso).toLocaleString(undefined, { dateStyle: "long", timeStyle: time ? "short" : undefined });
  }

  function quote(text) {
    return "\u201c" + text + "\u201d";
  }

  function pctText(pct) {
    return pct === null ? "no score" : pct + "%";
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function table(head, rows) {
    var t = make("table"), body = make("tbody"), tr = make("tr");
    head.forEach(function (h) { tr.appendChild(make("th", h)).scope = "col"; });
    t.appendChild(make("thead")).appendChild(tr);
    rows.forEach(function (row) {
      tr = body.appendChild(make("tr"));
      row.forEach(function (cell) { tr.appendChild(make("td")).append(cell); });
    });
    t.appendChild(body);
    return t;
  }

  function setup(form) {
    var data;
    try {
      data = core.prepare(JSON.parse(form.getAttribute("data-kb-quiz")));
    } catch (error) {
      return null;
    }
    var KEY = data.key + ":self-assessment", OLD = data.key + ":quiz:";
    var byId = document.getElementById.bind(document), root = form.parentNode;
    var actions = form.querySelector(".kb-quiz-actions"), keep = form.querySelector('[data-kb-action="keep"]');
    var notice = byId("kb-quiz-notice"), results = byId("kb-results"), pick = byId("kb-assess-pick");
    var doc, cur = 0, shared = false;

    function say(text, box) {
      box = box || notice;
      box.textContent = text.trim();
      box.hidden = !text;
    }

    function radios(e) {
      return form.querySelectorAll('input[name="' + CSS.escape(e.id) + '"]');
    }

    function answers() {
      return data.entries.map(function (e) {
        var on = form.querySelector('input[name="' + CSS.escape(e.id) + '"]:checked');
        return on ? on.value : "-";
      });
    }

    function apply(list) {
      data.entries.forEach(function (e, i) {
        each(radios(e), function (r) { r.checked = r.value === list[i]; });
      });
      showProgress();
    }

    function mine() {
      return doc.assessments[cur];
    }

    function taken(name) {
      return doc.assessments.some(function (a) { return a.name === name; });
    }

    // Nothing worth keeping: one unnamed assessment, with no answer and no past result.
    function blank() {
      var a = doc.assessments;
      return a.length === 1 && a[0].name === FIRST && !a[0].history.length &&
        !/"answer":"[^-]/.test(JSON.stringify(a[0].answers));
    }

    // Nothing worth keeping is not stored at all.
    function persist() {
      var empty = blank();
      doc.current = cur;
      storage(function (s) {
        if (empty) s.removeItem(KEY);
        else s.setItem(KEY, JSON.stringify(doc));
      });
    }

    function save() {
      if (shared) return;  // shared answers are only looked at until the reader keeps them
      mine().answers = core.record(data, answers());
      persist();
    }

    // The stored assessments, checked as an imported file is; answers kept by earlier versions of this
    // page (one key per version of the whole questionnaire) are taken over when that version is today's.
    function restore() {
      var raw = storage(function (s) { return s.getItem(KEY); }), text = "";
      doc = null;
      if (raw) {
        try {
          doc = core.check(data, JSON.parse(raw));
          cur = doc.assessments[doc.current] ? +doc.current : 0;
        } catch (error) {
          storage(function (s) { s.removeItem(KEY); });
          text = "Your saved answers could not be read, so they were cleared. ";
        }
      }
      doc = doc || { format: 1, key: data.key, current: 0, assessments: [{ name: FIRST, answers: {}, history: [] }] };
      storage(function (s) {
        for (var i = s.length - 1; i >= 0; i--) {
          var k = s.key(i), old = null;
          if (k.indexOf(OLD) !== 0) continue;
          try {
            old = core.readLink(data, "#a=" + k.slice(OLD.length) + "." + JSON.parse(s.getItem(k)).answers);
          } catch (error) { /* unreadable: dropped like answers to other questions */ }
          if (old && !raw) mine().answers = core.record(data, old.list);
          else if (!raw) {
            text = "Answers saved for an earlier version of these questions cannot be matched to today's " +
              "questions, so they were cleared. ";
          }
          s.removeItem(k);
          persist();
        }
      });
      return text + load();
    }

    // Shows the current assessment's answers; returns what changed in the questions since they were given.
    function load() {
      var m = core.fromRecord(data, mine().answers);
      apply(m.list);
      tools();
      return core.changes(m);
    }

    function showProgress() {
      var n = answers().filter(function (a) { return a !== "-"; }).length, bar = byId("kb-quiz-bar");
      byId("kb-quiz-progress").textContent = n + " of " + data.entries.length + " questions answered";
      bar.value = n;
      bar.hidden = false;
    }

    function link(e, hash, text) {
      var a = make("a", text);
      a.href = e.url + hash;
      return a;
    }

    // The published address of an entry or of these results; "" in an offline copy with none.
    function address(path) {
      var home = kb.shareUrl();
      return home ? new URL(path, home).href : "";
    }

    function exposure(x) {
      return x === 1 ? "fully" : x === 0.5 ? "half" : Math.round(100 * x) + "%";
    }

    function show(focus) {
      var list = answers(), r = core.score(data, list), pct = core.percent(r.total), now = new Date().toISOString();
      var on = r.answered - r.unsure, need = Math.ceil(data.threshold * r.count) - r.answered;
      var from = pct + "%, from " + on + " of " + plural(r.count, "question") + ". ";
      var url = address(core.linkHash(data, list)), ranked = byId("kb-ranked"), first = byId("kb-first");
      results.hidden = false;
      form.classList.add("kb-quiz--done");
      fill(byId("kb-report-head"), make("strong", data.site + ", version " + data.release),
        make("span", "Printed " + when(now) + ". Assessment: " + (shared ? "answers from a shared link" : mine().name) +
          "."),
        make("span", url ? "These results: " + url
          : "These results have no address: this offline copy names no published site."));
      byId("kb-results-date").textContent = (shared ? "Answers from a shared link" : "Your answers") + ", " +
        when(now) + ": " + r.answered + " of " + r.count + " questions answered" +
        (r.unsure ? ", " + r.unsure + " marked " + quote(data.unsure) + " (not scored)" : "") + ".";
      byId("kb-score").textContent = pct === null ? "No score yet: answer at least one question to get one."
        : r.partial ? "Partial score: " + from + "No verdict yet: " + plural(r.count - r.answered, "question") +
          " left; answer at least " + need + " more for a verdict."
        : "Overall score: " + from + core.verdict(pct);

      var chart = fill(byId("kb-chart"));
      data.categories.forEach(function (c) {
        var value = core.percent(r.cats[c.id]), bar = make("span", "", "kb-bar");
        if (!data.entries.some(function (e) { return e.category === c.id; })) return;
        bar.setAttribute("aria-hidden", "true");
        bar.appendChild(make("span")).style.width = (value || 0) + "%";
        fill(chart.appendChild(make("li")), make("span", c.title + ":", "kb-bar-label"), bar,
          make("span", value === null ? "not scored" : value + "%", "kb-bar-value"));
      });

      var report = fill(byId("kb-report"));
      fill(ranked);
      fill(first);
      r.exposed.forEach(function (x) {
        var e = x.entry, given = quote(e.labels[x.answer]), risk = +x.risk.toFixed(2), steps = make("ul");
        var where = address(data.root + e.path + "#avoid");
        fill(ranked.appendChild(make("li")), link(e, "#avoid", e.id + ": " + e.title),
          make("span", " (" + e.severity + " severity)", "kb-sev"),
          make("span", "You answered " + given + ". Risk " + risk + ": " + e.severity + " severity counts " + x.weight +
            ", times " + exposure(x.exposure) + " exposed.", "kb-why"));
        e.steps.forEach(function (s) { steps.appendChild(make("li", s)); });
        var ask = make("ul", "", "kb-ask");
        (e.ask || []).forEach(function (s) { ask.appendChild(make("li", s)); });
        var row = report.appendChild(make("tr")), cell = row.appendChild(make("td"));
        fill(cell, make("strong", e.id + ": " + e.title), make("span", where || "(no published address)", "kb-url"));
        row.appendChild(make("td", given + ", risk " + risk));
        fill(row.appendChild(make("td")), steps, ask.firstChild ? make("p", "Ask the provider:", "kb-ask-title") : "",
          ask.firstChild ? ask : "");
        row.appendChild(make("td"));
        row.appendChild(make("td"));
      });
      r.first.forEach(function (x) {
        fill(first.appendChild(make("li")), x.entry.steps[0] + " ",
          link(x.entry, "#step-1", "Step 1 of " + x.entry.id + ": " + x.entry.title));
      });
      if (!r.exposed.length) {
        ranked.appendChild(make("li", pct === null ? "Nothing scored yet." : "None: every scored answer is covered."));
        first.appendChild(make("li", pct === null ? "Answer the questions above first." : "Keep doing what you do."));
      }
      // Each time the reader asks for results, a dated copy goes into the assessment's past results.
      if (focus && !shared && r.answered) {
        var history = mine().history, snap = core.snapshot(data, list, now), last = history[history.length - 1];
        if (!last || JSON.stringify(last.answers) !== JSON.stringify(snap.answers)) {
          if (history.push(snap) > 200) history.shift();
          persist();
          tools();
        }
      }
      if (focus) byId("kb-results-title").focus();
    }

    // The records to compare: "i" is the current answers of assessment i, "i.j" its past result j.
    function choices() {
      var out = [];
      doc.assessments.forEach(function (a, i) {
        out.push([String(i), a.name + ": current answers", a.answers]);
        a.history.forEach(function (h, j) {
          out.push([i + "." + j, a.name + ", " + when(h.date, true) + ": " + pctText(h.score), h.answers]);
        });
      });
      return out;
    }

    // The assessment switcher, the past results and the comparison's choices, from doc.
    function tools() {
      var name = byId("kb-assess-name"), list = fill(byId("kb-history")), past = mine().history;
      fill(pick);
      doc.assessments.forEach(function (a, i) { pick.appendChild(make("option", a.name)).value = String(i); });
      pick.value = String(cur);
      if (document.activeElement !== name) name.value = mine().name;
      for (var j = past.length - 1; j >= 0; j--) {
        var h = past[j], button = make("button", "Delete", "md-button kb-small");
        button.type = "button";
        button.setAttribute("data-kb-action", "forget");
        button.value = String(j);
        button.setAttribute("aria-label", "Delete the result of " + when(h.date, true));
        fill(list.appendChild(make("li")), when(h.date, true) + ": " + pctText(h.score) + " (" + h.answered + " of " +
          Object.keys(h.answers).length + " answered) ", button);
      }
      if (!past.length) list.appendChild(make("li", "None yet."));
      ["kb-compare-a", "kb-compare-b"].forEach(function (id, k) {
        var select = byId(id), was = select.value, all = choices();
        fill(select);
        all.forEach(function (c) { select.appendChild(make("option", c[1])).value = c[0]; });
        // By default the latest past result against the current answers.
        select.value = all.some(function (c) { return c[0] === was; }) ? was
          : k ? String(cur) : past.length ? cur + "." + (past.length - 1) : String(cur);
      });
    }

    // The chosen [value, label, record] of a comparison's select.
    function chosen(id) {
      return choices().filter(function (x) { return x[0] === byId(id).value; })[0];
    }

    function compare() {
      var a = chosen("kb-compare-a"), b = chosen("kb-compare-b"), out = byId("kb-compare");
      var c = a && b && core.compare(data, a[2], b[2]);
      if (!c) return fill(out, make("p", "These two cannot be compared."));
      var pct = function (m) { return pctText(core.percent(core.score(data, m.list).total)); };
      var named = function (kind) {
        var ids = c.rows.filter(function (r) { return r.change === kind; }).map(function (r) { return r.entry.id; });
        return ids.length ? ids.join(", ") : "none";
      };
      fill(out, make("p", "Score: " + pct(c.first) + " then " + pct(c.second) + ". Improved: " + named("improved") +
        ". Got worse: " + named("worse") + ". " + core.changes(c.first) + core.changes(c.second)),
      table(["Question", a[1], b[1], "Change"], c.rows.map(function (r) {
        return [r.entry.id + ": " + r.entry.title, core.label(data, r.entry, r.from), core.label(data, r.entry, r.to),
          r.change || "not compared"];
      })));
    }

    // Share links pasted one per line, each optionally after a name: read here, nothing is sent.
    function teamView() {
      var people = [], problems = [], out = byId("kb-team");
      byId("kb-team-links").value.split("\n").forEach(function (line, i) {
        var m = /^\s*(.*?)[\s:]*(\S*(#a=\S*))\s*$/.exec(line), got = m && core.readLink(data, m[3]);
        if (!line.trim()) return;
        if (!got) {
          return problems.push("Line " + (i + 1) + ": " + (got === false
            ? "made for an earlier version of the questions" : "not a readable link to results") + ".");
        }
        people.push({ name: m[1] || "Person " + (people.length + 1), list: got.list, note: core.changes(got) });
      });
      if (!people.length) return fill(out, make("p", problems.join(" ") || "Paste at least one link first."));
      var t = core.team(data, people.map(function (p) { return p.list; }));
      var split = t.rows.filter(function (row) { return row.disagree; }).length;
      fill(out, make("p", "Combined result of " + people.length + (people[1] ? " people: " : " person: ") +
        pctText(core.percent(core.score(data, t.combined).total)) +
        ", counting for each question the most exposed answer given. " + plural(split, "question") +
        " with different answers " + (split === 1 ? "comes" : "come") + " first: worth a conversation. " +
        problems.join(" ") + people.map(function (p) { return p.note ? p.name + ": " + p.note : ""; }).join("")),
      table(["Question"].concat(people.map(function (p) { return p.name; })), t.rows.map(function (row) {
        var e = row.entry;
        return [(row.disagree ? "Disagreement: " : "") + e.id + ": " + e.title]
          .concat(row.answers.map(function (a) { return core.label(data, e, a); }));
      })));
    }

    function download(all, csv) {
      var out = { format: 1, key: data.key, site: data.site, release: data.release, exported: new Date().toISOString(),
        assessments: all ? doc.assessments : [mine()] }, a = make("a"), home = address(data.schema);
      if (home) out.$schema = home;
      var text = csv ? core.toCsv(data, out) : JSON.stringify(out, null, 2) + "\n";
      a.href = URL.createObjectURL(new Blob([text], { type: csv ? "text/csv" : "application/json" }));
      a.download = data.key + "-self-assessment-" + out.exported.slice(0, 10) + (csv ? ".csv" : ".json");
      document.body.appendChild(a).click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }

    // An imported file is checked whole before anything is stored: a bad one changes nothing.
    function importFile(input) {
      var file = input.files[0], status = byId("kb-files-status");
      if (!file) return;
      file.text().then(function (text) {
        var got;
        try {
          got = core.readFile(data, text);
          if (doc.assessments.length + got.assessments.length > 50) throw new Error("over 50 assessments in all");
        } catch (error) {
          return say("This file cannot be imported (" + error.message + "). Nothing was changed.", status);
        }
        leaveLink();
        if (blank()) doc.assessments = [];  // an empty "My assessment" gives way to the file's
        var names = got.assessments.map(function (a) {
          var base = a.name, n = 1;
          while (taken(a.name)) a.name = base + " (" + ++n + ")";
          doc.assessments.push({ name: a.name, answers: a.answers, history: a.history });
          return a.name;
        });
        cur = doc.assessments.length - names.length;
        persist();
        say("Imported " + plural(names.length, "assessment") + ": " + names.join(", ") + ". Showing " +
          quote(names[0]) + ".", status);
        say(load());
        if (!results.hidden) show(false);
      }, function () {
        say("This file could not be read. Nothing was changed.", status);
      }).then(function () { input.value = ""; });
    }

    function leaveLink() {
      shared = false;
      keep.hidden = true;
      if (core.isLink(location.hash)) {
        try { history.replaceState(history.state, "", location.href.split("#")[0]); } catch (error) { /* keep it */ }
      }
    }

    function copyLink() {
      var base = kb.shareUrl(), box = byId("kb-quiz-copy"), field, status;
      if (!box) {
        box = make("p", "", "kb-quiz-copy");
        box.id = "kb-quiz-copy";
        status = box.appendChild(make("span", "", "kb-quiz-copy-status"));
        status.setAttribute("role", "status");
        var label = box.appendChild(make("label", "Link to these results:"));
        field = box.appendChild(make("input"));
        field.id = label.htmlFor = "kb-quiz-link";
        field.type = "text";
        field.readOnly = true;
        actions.parentNode.insertBefore(box, actions.nextSibling);
      }
      field = byId("kb-quiz-link");
      status = box.querySelector(".kb-quiz-copy-status");
      box.classList.toggle("kb-quiz-copy--none", !base);
      if (!base) {
        status.textContent = "This offline copy names no published address, so there is no link to share. " +
          "Download your answers as a file below instead.";
        return;
      }
      field.value = new URL(core.linkHash(data, answers()), base).href;
      status.textContent = "";
      kb.copyText(field.value, function () {
        status.textContent = "Link copied. It shows these answers to whoever opens it. ";
      }, function () {
        status.textContent = "Copy the link below (press Ctrl+C or \u2318C). ";
        field.focus();
        field.select();
      });
    }

    // Answers from a share link are shown, never saved unless the reader keeps them. Returns the notice.
    function openLink() {
      var got = core.readLink(data, location.hash);
      if (got === undefined) return "";
      if (!got) {
        return got === false ? "This link was made for an earlier version of the questions, when links kept one " +
          "version for the whole questionnaire, so its answers cannot be matched question by question and are not " +
          "shown. Ask whoever sent it for a new link."
          : "The answers in this link are incomplete or damaged, so they are not shown.";
      }
      apply(got.list);
      shared = true;
      keep.hidden = false;
      show(true);
      return "You are looking at answers from a shared link. Your own saved answers stay as they were " +
        "unless you choose \u201cKeep these answers\u201d. " + core.changes(got);
    }

    function switchTo(i) {
      leaveLink();
      cur = i;
      persist();
      say(load());
      if (!results.hidden) show(false);
    }

    function fresh(name, list) {
      for (var n = doc.assessments.length + 1; !name || taken(name); n++) name = "Assessment " + n;
      doc.assessments.push({ name: name, answers: list ? core.record(data, list) : {}, history: [] });
      switchTo(doc.assessments.length - 1);
    }

    var actionsByName = {
      results: function () { show(true); },
      share: copyLink,
      keep: function () {
        fresh("Shared link, " + when(new Date()), answers());
        say("These answers are now saved in this browser, as the assessment " + quote(mine().name) + ".");
        show(false);
      },
      reset: function () {
        leaveLink();
        form.reset();
        save();
        results.hidden = true;
        form.classList.remove("kb-quiz--done");
        var box = byId("kb-quiz-copy");
        if (box) box.remove();
        showProgress();
        say("Your answers were cleared.");
      },
      new: function () {
        fresh("");
        byId("kb-assess-name").focus();
        say("A new, empty assessment: give it a name.");
      },
      delete: function () {
        if (!window.confirm("Delete " + quote(mine().name) + " and its past results from this browser?")) return;
        var gone = doc.assessments.splice(cur, 1)[0].name;
        if (!doc.assessments.length) doc.assessments.push({ name: FIRST, answers: {}, history: [] });
        switchTo(0);
        say("Deleted " + quote(gone) + ".");
      },
      forget: function (button) {
        mine().history.splice(+button.value, 1);
        persist();
        tools();
        (byId("kb-history").querySelector("button") || root.querySelector('[data-kb-action="clear"]')).focus();
      },
      clear: function () {
        if (!window.confirm("Delete every past result of " + quote(mine().name) + "?")) return;
        mine().history = [];
        persist();
        tools();
      },
      compare: compare,
      team: teamView,
      "json-one": function () { download(false); },
      "json-all": function () { download(true); },
      csv: function () { download(true, true); },
    };

    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-kb-action]");
      var act = button && actionsByName[button.getAttribute("data-kb-action")];
      if (act) act(button);
    });
    root.addEventListener("change", function (event) {
      var t = event.target, name;
      if (t.type === "radio") {
        save();
        showProgress();
        if (!results.hidden) show(false);
      } else if (t === pick) {
        switchTo(+pick.value);
      } else if (t.id === "kb-assess-name") {
        name = t.value.trim().slice(0, 80);
        if (name && !taken(name)) mine().name = name;
        persist();
        tools();
        t.value = mine().name;
      } else if (t.id === "kb-import") {
        importFile(t);
      }
    });

    // One tab stop per question, its radio group: the entry links of the questions stay clickable,
    // and the results link every entry.
    each(form.querySelectorAll(".kb-qlink a"), function (a) { a.tabIndex = -1; });
    [actions, byId("kb-assess"), byId("kb-tools")].forEach(function (n) { n.hidden = false; });
    say(restore() + openLink());
    return { openLink: function () { say(openLink()); } };
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
    if (current && core.isLink(location.hash)) current.openLink();
  });
  kb.onPage(init);
})();
