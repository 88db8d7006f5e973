// The self-assessment page (quiz.md.j2): progress, a severity-weighted score, results, answers kept
// in this browser and shared through the URL fragment. Dependency-free; builds elements with
// createElement/textContent, never innerHTML.
(function () {
  "use strict";
  var LINK = "#a=";     // share links: #a=<content version>.<one character per question>
  var current = null;   // the quiz on the page now (Material's instant navigation swaps pages)

  // localStorage may be missing, disabled or throw (privacy settings, some file:// setups):
  // then nothing is kept, and the quiz works all the same.
  function storage(act) {
    try { return act(window.localStorage); } catch (error) { return null; }
  }

  function make(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function percent(part) {
    return part.max ? Math.round(100 * part.got / part.max) : null;
  }

  // Each answer scores 0 (exposed) to 1 (covered) and counts the severity's weight; unanswered and
  // "unsure" answers are left out. Risk of an exposed entry: weight x (1 - score).
  function score(data, answers) {
    var total = { got: 0, max: 0 }, cats = {}, exposed = [];
    data.categories.forEach(function (c) { cats[c.id] = { got: 0, max: 0 }; });
    data.entries.forEach(function (e, i) {
      var a = answers[i], w = data.weights[e.severity];
      if (a === "-" || a === "u") return;
      var s = e.scores[+a];
      [total, cats[e.category]].forEach(function (part) { part.got += w * s; part.max += w; });
      if (s < 1) exposed.push({ entry: e, risk: w * (1 - s), order: i });
    });
    exposed.sort(function (x, y) { return y.risk - x.risk || x.order - y.order; });
    return { total: total, cats: cats, exposed: exposed };
  }

  function verdict(pct) {
    if (pct >= 80) return "Well covered: only a few gaps remain.";
    if (pct >= 50) return "Partly covered: some gaps are worth closing soon.";
    return "Highly exposed: start with the actions below.";
  }

  // One character per question, in catalog order: "-" unanswered, "u" unsure, else the option's index.
  function parse(data, text) {
    if (typeof text !== "string" || text.length !== data.entries.length) return null;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c !== "-" && c !== "u" && !(/[0-9]/.test(c) && +c < data.entries[i].scores.length)) return null;
    }
    return text.split("");
  }

  // Addresses to share and print are this page's own when it is hosted; from a file (an offline
  // copy), the hosted address that its canonical link names.
  function hosted() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return location.protocol === "file:" && canonical && canonical.href ? canonical.href : "";
  }

  function setup(form) {
    var data;
    try {
      data = JSON.parse(form.getAttribute("data-kb-quiz"));
    } catch (error) {
      return null;
    }
    var key = data.key + ":quiz:" + data.version, prefix = data.key + ":quiz:";
    var byId = document.getElementById.bind(document);
    var actions = form.querySelector(".kb-quiz-actions"), keep = form.querySelector('[data-kb-action="keep"]');
    var progress = byId("kb-quiz-progress"), notice = byId("kb-quiz-notice"), results = byId("kb-results");
    var shared = false;

    function say(text) {
      notice.textContent = text.trim();
      notice.hidden = !text;
    }

    function radios(e) {
      return form.querySelectorAll('input[name="' + CSS.escape(e.id) + '"]');
    }

    function answers() {
      return data.entries.map(function (e) {
        var on = Array.prototype.filter.call(radios(e), function (r) { return r.checked; })[0];
        return on ? on.value : "-";
      });
    }

    function apply(list) {
      data.entries.forEach(function (e, i) {
        Array.prototype.forEach.call(radios(e), function (r) { r.checked = r.value === list[i]; });
      });
    }

    function count(list, what) {
      return list.filter(function (a) { return what ? a === what : a !== "-"; }).length;
    }

    function save() {
      var text = answers().join("");
      if (shared) return;  // shared answers are only looked at until the reader keeps them
      storage(function (s) {
        if (/^-*$/.test(text)) s.removeItem(key);
        else s.setItem(key, JSON.stringify({ answers: text }));
      });
    }

    // Saved answers of this content version; answers to other versions are dropped, never applied.
    function restore() {
      var raw = storage(function (s) {
        for (var i = s.length - 1; i >= 0; i--) {
          var k = s.key(i);
          if (k !== key && k.indexOf(prefix) === 0) s.removeItem(k);
        }
        return s.getItem(key);
      });
      if (raw === null) return "";
      var list = null;
      try { list = parse(data, JSON.parse(raw).answers); } catch (error) { /* not JSON: dropped below */ }
      if (list) {
        apply(list);
        return "";
      }
      storage(function (s) { s.removeItem(key); });
      return "Your saved answers could not be read, so they were cleared. ";
    }

    function fromLink() {
      var hash = location.hash;
      if (hash.indexOf(LINK) !== 0) return undefined;
      var parts = hash.slice(LINK.length).split(".");
      if (parts.length === 2 && parts[0] === data.version) return parse(data, parts[1]);
      return /^[0-9a-f]+$/.test(parts[0]) && parts.length === 2 ? false : null;
    }

    function showProgress() {
      progress.textContent = count(answers()) + " of " + data.entries.length + " questions answered";
    }

    function link(e, hash, text) {
      var a = make("a", text);
      a.href = e.url + hash;
      return a;
    }

    function show(focus) {
      var list = answers(), r = score(data, list), pct = percent(r.total), unsure = count(list, "u");
      var date = new Date().toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
      results.hidden = false;
      form.classList.add("kb-quiz--done");
      byId("kb-results-date").textContent = (shared ? "Answers from a shared link" : "Your answers") + ", " + date +
        ": " + count(list) + " of " + list.length + " questions answered" +
        (unsure ? ", " + unsure + " marked \u201c" + data.unsure + "\u201d (not scored)" : "") + ".";
      byId("kb-score").textContent = pct === null ? "No score yet: answer at least one question to get one."
        : "Overall score: " + pct + "%. " + verdict(pct);

      var chart = byId("kb-chart");
      clear(chart);
      data.categories.forEach(function (c) {
        var part = r.cats[c.id], value = percent(part);
        if (!data.entries.some(function (e) { return e.category === c.id; })) return;
        var item = make("li"), bar = make("span", "", "kb-bar"), fill = make("span");
        bar.setAttribute("aria-hidden", "true");
        fill.style.width = (value || 0) + "%";
        bar.appendChild(fill);
        item.appendChild(make("span", c.title + ":", "kb-bar-label"));
        item.appendChild(bar);
        item.appendChild(make("span", value === null ? "not scored" : value + "%", "kb-bar-value"));
        chart.appendChild(item);
      });

      var ranked = byId("kb-ranked"), first = byId("kb-first"), home = hosted();
      clear(ranked);
      clear(first);
      r.exposed.forEach(function (x, i) {
        var e = x.entry, item = make("li");
        item.appendChild(link(e, "#avoid", e.id + ": " + e.title));
        item.appendChild(make("span", " (" + e.severity + " severity)", "kb-sev kb-sev--" + e.severity));
        var address = home ? new URL(data.root + e.path, home) : new URL(e.url, location.href);
        item.appendChild(make("span", " " + address.href + "#avoid", "kb-url"));  // shown in print
        ranked.appendChild(item);
        if (i > 2) return;
        item = make("li", e.firstStep + " ");
        item.appendChild(link(e, "#step-1", e.id + ", step 1"));
        first.appendChild(item);
      });
      if (!r.exposed.length) {
        ranked.appendChild(make("li", pct === null ? "Nothing scored yet." : "None: every scored answer is covered."));
        first.appendChild(make("li", pct === null ? "Answer the questions above first." : "Keep doing what you do."));
      }
      if (focus) byId("kb-results-title").focus();
    }

    function leaveLink() {
      shared = false;
      keep.hidden = true;
      if (location.hash.indexOf(LINK) === 0) {
        try { history.replaceState(history.state, "", location.href.split("#")[0]); } catch (error) { /* keep it */ }
      }
    }

    function copyLink() {
      var url = new URL(hosted() || location.href), box = byId("kb-quiz-copy"), field, status;
      url.hash = LINK.slice(1) + data.version + "." + answers().join("");
      if (!box) {
        box = make("p", "", "kb-quiz-copy");
        box.id = "kb-quiz-copy";
        status = make("span", "", "kb-quiz-copy-status");
        status.setAttribute("role", "status");
        field = make("input");
        field.id = "kb-quiz-link";
        field.type = "text";
        field.readOnly = true;
        var label = make("label", "Link to these results:");
        label.htmlFor = field.id;
        [status, label, field].forEach(function (n) { box.appendChild(n); });
        actions.parentNode.insertBefore(box, actions.nextSibling);
      }
      field = byId("kb-quiz-link");
      status = box.querySelector(".kb-quiz-copy-status");
      field.value = url.toString();
      status.textContent = "";
      function manual() {
        status.textContent = "Copy the link below (press Ctrl+C or \u2318C). ";
        field.focus();
        field.select();
      }
      try {
        navigator.clipboard.writeText(field.value).then(function () {
          status.textContent = "Link copied. It shows these answers to whoever opens it. ";
        }, manual);
      } catch (error) {
        manual();
      }
    }

    // Answers from a share link are shown, never saved unless the reader keeps them. Returns the notice.
    function openLink() {
      var list = fromLink();
      if (list === undefined) return "";
      if (!list) {
        return list === false ? "This link was made for another version of the questions, so its answers are not shown."
          : "The answers in this link are incomplete or damaged, so they are not shown.";
      }
      apply(list);
      shared = true;
      keep.hidden = false;
      showProgress();
      show(true);
      return "You are looking at answers from a shared link. Your own saved answers stay as they were " +
        "unless you choose \u201cKeep these answers\u201d.";
    }

    var actionsByName = {
      results: function () { show(true); },
      share: copyLink,
      keep: function () {
        leaveLink();
        save();
        say("These answers are now saved in this browser.");
        show(false);
      },
      reset: function () {
        leaveLink();
        form.reset();
        storage(function (s) { s.removeItem(key); });
        results.hidden = true;
        form.classList.remove("kb-quiz--done");
        var box = byId("kb-quiz-copy");
        if (box) box.parentNode.removeChild(box);
        showProgress();
        say("Your answers were cleared.");
      },
    };

    actions.addEventListener("click", function (event) {
      var button = event.target.closest("[data-kb-action]");
      if (button && actionsByName[button.getAttribute("data-kb-action")]) {
        actionsByName[button.getAttribute("data-kb-action")]();
      }
    });
    form.addEventListener("change", function (event) {
      if (event.target.type !== "radio") return;
      save();
      showProgress();
      if (!results.hidden) show(false);
    });

    actions.hidden = false;
    var stored = restore();
    showProgress();
    say(stored + openLink());
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
    if (current && location.hash.indexOf(LINK) === 0) current.openLink();
  });
  // With Material's instant navigation, document$ emits on every page; without it, once.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
