// The self-assessment page's script, in parts: hooks/kbgen/assets/quiz/*.js, served joined as assets/quiz.js
// (in the order of SCRIPT_PARTS in hooks/kbgen/generate/quiz.py), classic scripts under window.kbgenQuiz.
// This file: the pure parts (no DOM), first of three (then links.js, check.js): the page's texts,
// scoring, answers keyed per question, and comparison. tests/js/ loads the pure parts under Node.
// In a "list" the answers follow the catalog's order, one character per question: "-" unanswered,
// "u" unsure, else the chosen option's index. A "record" keys them by entry id instead, each with the
// fingerprint of the question it answered ({"HP-2": {answer: "1", fingerprint: "Xy_"}}), so that it
// still means something after the catalog changes.
(function () {
  "use strict";
  var ID = /^[A-Z][A-Z0-9]*-[1-9][0-9]*$/, FP = /^[\w-]{3}$/;

  // A map without a prototype: keys read from storage, a file or a link ("__proto__", "constructor")
  // are only ever its own keys.
  function map() {
    return Object.create(null);
  }

  function own(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  // The page's texts ({key: template}, from the page's hidden list of texts) as t(key, values): "{name}"
  // takes values.name; with a number values.n, "key:one" (or the language's other plural forms) first.
  function texts(templates, lang) {
    var rules = new Intl.PluralRules(lang || "en");
    return function (key, values) {
      var v = values || {}, plural = typeof v.n === "number" ? key + ":" + rules.select(v.n) : "";
      var text = own(templates, plural) ? templates[plural] : own(templates, key) ? templates[key] : key;
      return text.replace(/\{(\w+)\}/g, function (all, name) { return own(v, name) ? String(v[name]) : all; });
    };
  }

  // The page's data made ready: entries by id, redirects as a map, and t, the page's texts.
  function prepare(data, t) {
    var redirects = map();
    data.byId = map();
    data.entries.forEach(function (e) { data.byId[e.id] = e; });
    Object.keys(data.redirects || {}).forEach(function (id) { redirects[id] = data.redirects[id]; });
    data.redirects = redirects;
    data.t = t;
    return data;
  }

  // Each answer scores 0 (exposed) to 1 (covered) and counts the severity's weight; unanswered and
  // "unsure" answers are left out. Risk of an exposed entry: weight x (1 - score).
  function score(data, list) {
    var total = { got: 0, max: 0 }, cats = map(), exposed = [], answered = 0, unsure = 0;
    data.categories.forEach(function (c) { cats[c.id] = { got: 0, max: 0 }; });
    data.entries.forEach(function (e, i) {
      var a = list[i], w = data.weights[e.severity];
      if (a !== "-") answered++;
      if (a === "u") unsure++;
      if (a === "-" || a === "u") return;
      var s = e.scores[+a];
      [total, cats[e.category]].forEach(function (part) { part.got += w * s; part.max += w; });
      if (s < 1) exposed.push({ entry: e, answer: +a, weight: w, exposure: 1 - s, risk: w * (1 - s), order: i });
    });
    exposed.sort(function (x, y) { return y.risk - x.risk || x.order - y.order; });
    return {
      total: total, cats: cats, exposed: exposed, answered: answered, unsure: unsure, count: list.length,
      // No verdict on too few answers: the share is stated on the page (quiz.py, threshold).
      partial: answered < Math.ceil(data.threshold * list.length),
      // "What to do first": the entries whose risk is at least half the highest one.
      first: exposed.filter(function (x) { return x.risk >= exposed[0].risk / 2; }),
    };
  }

  // Whole percent of a {got, max} part, or null when nothing in it was scored.
  function percent(part) {
    return part.max ? Math.round(100 * part.got / part.max) : null;
  }

  function verdict(data, pct) {
    return data.t(pct >= 80 ? "verdict-well" : pct >= 50 ? "verdict-partly" : "verdict-exposed");
  }

  // The answer given, in words: the option's label, the unsure answer, or "no answer".
  function label(data, e, a) {
    return a === "u" ? data.unsure : a === "-" || a === undefined ? data.t("no-answer") : e.labels[+a];
  }

  function valid(e, a) {
    return a === "-" || a === "u" || (/^\d$/.test(a) && +a < e.scores.length);
  }

  // A list as a record: every question of the catalog, so a later catalog can tell which are new.
  function record(data, list) {
    var out = {};
    data.entries.forEach(function (e, i) { out[e.id] = { answer: list[i], fingerprint: e.fp }; });
    return out;
  }

  // A record read against today's questions. An answer counts only where the question's fingerprint
  // still matches; questions changed since, new ones, and answers to ids renamed or merged since
  // (followed through data.redirects) are named, never guessed. null when an answer cannot exist.
  function fromRecord(data, rec) {
    var out = { list: [], changed: [], added: [], moved: [] }, targets = map(), bad = false, ids = Object.keys(rec);
    ids.forEach(function (id) {
      var to = data.redirects[id];
      if (to && !data.byId[id]) {
        targets[to[0]] = 1;
        if (rec[id].answer !== "-") out.moved.push([id, to[0], to[1]]);
      }
    });
    data.entries.forEach(function (e) {
      var r = own(rec, e.id) ? rec[e.id] : null, a = "-";
      // an empty record (nothing saved yet) has no "new" questions
      if (!r) { if (!targets[e.id] && ids.length) out.added.push(e.id); } else if (r.answer !== "-") {
        if (r.fingerprint !== e.fp) out.changed.push(e.id);
        else if (valid(e, r.answer)) a = r.answer;
        else bad = true;
      }
      out.list.push(a);
    });
    return bad ? null : out;
  }

  // What fromRecord found, in a sentence for the notice; "" when the answers fit as they are.
  function changes(data, m) {
    var t = data.t, parts = [], n = m.changed.length, k = m.added.length;
    if (n) parts.push(t("changed", { n: n, ids: m.changed.join(", ") }));
    if (k) parts.push(t("added", { n: k, ids: m.added.join(", ") }));
    m.moved.forEach(function (x) { parts.push(t(x[2] === "merged" ? "merged" : "renamed", { old: x[0], id: x[1] })); });
    return parts.length ? t("changes", { changes: parts.join("; ") }) + (n + k ? " " + t("changes-left") : "") : "";
  }

  // A dated snapshot of a record, with the score it had when it was taken.
  function snapshot(data, list, date) {
    var r = score(data, list);
    return { date: date, score: percent(r.total), answered: r.answered, answers: record(data, list) };
  }

  // Two records side by side, entry by entry, on today's questions: each row says whether the answer
  // improved or got worse (a higher or lower score), stayed the same, or cannot be compared ("":
  // unanswered, unsure or changed on either side). null when either record cannot be read.
  function compare(data, a, b) {
    var x = fromRecord(data, a), y = fromRecord(data, b);
    return x && y && {
      first: x, second: y,
      rows: data.entries.map(function (e, i) {
        var p = x.list[i], q = y.list[i], d = /^\d\d$/.test(p + q) ? e.scores[+q] - e.scores[+p] : null;
        return { entry: e, from: p, to: q, change: d === null ? "" : d > 0 ? "improved" : d < 0 ? "worse" : "same" };
      }),
    };
  }

  // The pair a comparison starts with, from records newest first: the newest, and the newest one whose
  // answers differ from it (else simply the next one). [older, newer] indices; [0, 0] with one record.
  function pair(records) {
    var newest = JSON.stringify(records[0]), i;
    for (i = 1; i < records.length; i++) if (JSON.stringify(records[i]) !== newest) return [i, 0];
    return [records.length > 1 ? 1 : 0, 0];
  }

  var api = {
    ID: ID, FP: FP, map: map, texts: texts, prepare: prepare, score: score, percent: percent,
    verdict: verdict, label: label, valid: valid, record: record, fromRecord: fromRecord, changes: changes,
    snapshot: snapshot, compare: compare, pair: pair,
    parts: {},  // the page's parts (store.js, results.js, ...) register here for start.js
  };
  if (typeof window === "object") window.kbgenQuiz = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})();
