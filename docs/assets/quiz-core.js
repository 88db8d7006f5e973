// The self-assessment's pure parts (no DOM): scoring, answers keyed per question, share links,
// comparison, the team view, and the checks on stored and imported files. quiz.js uses them as
// window.kbgenQuiz; tests/js/ loads this file under Node.
// In a "list" the answers follow the catalog's order, one character per question: "-" unanswered,
// "u" unsure, else the chosen option's index. A "record" keys them by entry id instead, each with the
// fingerprint of the question it answered ({"HP-2": {answer: "1", fingerprint: "Xy_"}}), so that it
// still means something after the catalog changes.
(function () {
  "use strict";
  var LINK = "#a=", FORMAT = "2", ID = /^[A-Z][A-Z0-9]*-[1-9][0-9]*$/, FP = /^[\w-]{3}$/;

  // Each answer scores 0 (exposed) to 1 (covered) and counts the severity's weight; unanswered and
  // "unsure" answers are left out. Risk of an exposed entry: weight x (1 - score).
  function score(data, list) {
    var total = { got: 0, max: 0 }, cats = {}, exposed = [], answered = 0, unsure = 0;
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

  function verdict(pct) {
    if (pct >= 80) return "Well covered: only a few gaps remain.";
    if (pct >= 50) return "Partly covered: some gaps are worth closing soon.";
    return "Highly exposed: start with the actions below.";
  }

  // The answer given, in words: the option's label, the unsure answer, or "no answer".
  function label(data, e, a) {
    return a === "u" ? data.unsure : a === "-" || a === undefined ? "no answer" : e.labels[+a];
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
    var out = { list: [], changed: [], added: [], moved: [] }, targets = {}, bad = false;
    var known = Object.keys(rec).length;  // an empty record (nothing saved yet) has no "new" questions
    Object.keys(rec).forEach(function (id) {
      var to = data.redirects[id];
      if (to && !data.byId[id]) {
        targets[to[0]] = 1;
        if (rec[id].answer !== "-") out.moved.push([id, to[0], to[1]]);
      }
    });
    data.entries.forEach(function (e) {
      var r = rec[e.id], a = "-";
      if (!r) { if (!targets[e.id] && known) out.added.push(e.id); } else if (r.answer !== "-") {
        if (r.fingerprint !== e.fp) out.changed.push(e.id);
        else if (valid(e, r.answer)) a = r.answer;
        else bad = true;
      }
      out.list.push(a);
    });
    return bad ? null : out;
  }

  // What fromRecord found, in a sentence for the notice; "" when the answers fit as they are.
  function changes(m) {
    var parts = [], n = m.changed.length, k = m.added.length;
    if (n) {
      parts.push(n + (n > 1 ? " questions" : " question") + " changed since these answers: " + m.changed.join(", "));
    }
    if (k) parts.push(k + (k > 1 ? " are" : " is") + " new: " + m.added.join(", "));
    m.moved.forEach(function (x) {
      parts.push(x[0] + " was " + (x[2] === "merged" ? "merged into " : "renamed ") + x[1] +
        " (its answer is not carried over)");
    });
    return parts.length ? parts.join("; ") + ". " + (n + k ? "Those questions are left unanswered. " : "") : "";
  }

  // Share links, format 2: "#a=2." then one item per question in id-number order: the count of id
  // numbers skipped since the previous question (left out when none), the answer as a letter ("a" the
  // first option, "b" the second, ... "u" unsure) followed by the question's 3-character fingerprint,
  // or "-" alone when unanswered. 40 answered questions with no gaps: "#a=2." + 40 x 4 = 165 characters.
  function num(id) {
    return +id.slice(id.lastIndexOf("-") + 1);
  }

  function linkHash(data, list) {
    var prev = 0, out = LINK + FORMAT + ".";
    data.entries.map(function (e, i) { return [num(e.id), list[i], e.fp]; })
      .sort(function (x, y) { return x[0] - y[0]; })
      .forEach(function (x) {
        var a = x[1] === "-" ? "-" : (x[1] === "u" ? "u" : String.fromCharCode(97 + +x[1])) + x[2];
        out += (x[0] - prev - 1 || "") + a;
        prev = x[0];
      });
    return out;
  }

  function isLink(hash) {
    return hash.indexOf(LINK) === 0;
  }

  // A location.hash read as a share link: undefined when it is no share link; null when damaged;
  // false for a format-1 link of another version of the questions (it kept one version for the
  // whole questionnaire, so its answers cannot be matched per question); else what fromRecord gives.
  function readLink(data, hash) {
    if (!isLink(hash)) return undefined;
    var body = hash.slice(LINK.length), old = /^([0-9a-f]{12})\.([-u0-9]*)$/.exec(body), rec = {}, prev = 0, m;
    if (old) {  // format 1: "#a=<version of all questions>.<one character per question>"
      if (old[1] !== data.version) return false;
      var list = old[2].split("");
      return list.length === data.entries.length && data.entries.every(function (e, i) { return valid(e, list[i]); })
        ? { list: list, changed: [], added: [], moved: [] } : null;
    }
    if (body.slice(0, 2) !== FORMAT + ".") return null;
    var item = /(\d{0,6})(?:([a-u])([\w-]{3})|-)/y, rest = body.slice(2);
    item.lastIndex = 0;
    while (item.lastIndex < rest.length) {
      if (!(m = item.exec(rest))) return null;
      prev += 1 + +(m[1] || 0);
      rec[data.prefix + "-" + prev] = !m[2] ? { answer: "-" }
        : { answer: m[2] === "u" ? "u" : String(m[2].charCodeAt(0) - 97), fingerprint: m[3] };
    }
    return rest ? fromRecord(data, rec) : null;
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

  // The team view: per question every person's answer, the questions they disagree on first, and a
  // combined list that keeps, per question, the most exposed answer given (unsure only when that is all).
  function team(data, lists) {
    var rows = data.entries.map(function (e, i) {
      var given = lists.map(function (l) { return l[i]; }), seen = {}, worst = "-";
      given.forEach(function (a) {
        if (a === "-") return;
        seen[a] = 1;
        if (worst === "-" || worst === "u" || (a !== "u" && e.scores[+a] < e.scores[+worst])) worst = a;
      });
      return { entry: e, answers: given, order: i, disagree: Object.keys(seen).length > 1, combined: worst };
    });
    var combined = rows.map(function (r) { return r.combined; });
    rows.sort(function (x, y) { return y.disagree - x.disagree || x.order - y.order; });
    return { rows: rows, combined: combined };
  }

  // A stored or imported file, checked field by field: throws a message naming the first problem.
  // {format: 1, key, assessments: [{name, answers: record, history: [{date, score, answered, answers}]}]}
  function check(data, doc) {
    function fail(where, what) { throw new Error((where ? where + ": " : "") + what); }
    function obj(v, where) {
      if (!v || typeof v !== "object" || Array.isArray(v)) fail(where, "expected an object");
      return v;
    }
    function arr(v, where, most) {
      if (!Array.isArray(v)) fail(where, "expected a list");
      if (v.length > most) fail(where, "more than " + most + " items");
      return v;
    }
    function answers(rec, where) {
      Object.keys(obj(rec, where)).forEach(function (id) {
        var r = obj(rec[id], where + "." + id), e = data.byId[id];
        if (!ID.test(id)) fail(where, "'" + id + "' is not an id");
        var at = where + "." + id;
        if (typeof r.answer !== "string" || !/^(\d|u|-)$/.test(r.answer)) {
          fail(at, "answer must be an option number, u or -");
        }
        if (typeof r.fingerprint !== "string" || !FP.test(r.fingerprint)) fail(at, "fingerprint must be 3 characters");
        if (e && r.fingerprint === e.fp && !valid(e, r.answer)) fail(at, "no option " + r.answer);
      });
    }
    obj(doc, "");
    if (doc.format !== 1) fail("format", "expected 1 (got " + JSON.stringify(doc.format) + ")");
    if (doc.key !== data.key) fail("key", "this file belongs to another site (" + JSON.stringify(doc.key) + ")");
    arr(doc.assessments, "assessments", 50).forEach(function (a, i) {
      var where = "assessments[" + i + "]";
      obj(a, where);
      if (typeof a.name !== "string" || !a.name.trim() || a.name.length > 80) {
        fail(where + ".name", "expected a name of 1 to 80 characters");
      }
      answers(a.answers, where + ".answers");
      arr(a.history, where + ".history", 200).forEach(function (h, j) {
        var at = where + ".history[" + j + "]";
        obj(h, at);
        if (typeof h.date !== "string" || isNaN(Date.parse(h.date))) fail(at + ".date", "expected a date");
        if (h.score !== null && !(h.score >= 0 && h.score <= 100)) fail(at + ".score", "expected 0 to 100 or null");
        if (!(h.answered >= 0)) fail(at + ".answered", "expected a count");
        answers(h.answers, at + ".answers");
      });
    });
    if (!doc.assessments.length) fail("assessments", "no assessment in it");
    return doc;
  }

  // A dated snapshot of a record, with the score it had when it was taken.
  function snapshot(data, list, date) {
    var r = score(data, list);
    return { date: date, score: percent(r.total), answered: r.answered, answers: record(data, list) };
  }

  // CSV for spreadsheets: one row per question and assessment, "date" empty for the current answers
  // and the snapshot's date for past results. Importing it rebuilds the same assessments.
  var COLUMNS = ["assessment", "date", "id", "title", "answer", "option", "fingerprint"];

  function toCsv(data, doc) {
    var rows = [COLUMNS];
    function add(name, date, rec) {
      Object.keys(rec).forEach(function (id) {
        var e = data.byId[id], r = rec[id];
        // The label only while the question is unchanged: a changed question's old labels are not known.
        var words = e && r.fingerprint === e.fp ? label(data, e, r.answer) : "";
        rows.push([name, date, id, e ? e.title : "", words, r.answer, r.fingerprint]);
      });
    }
    doc.assessments.forEach(function (a) {
      add(a.name, "", a.answers);
      a.history.forEach(function (h) { add(a.name, h.date, h.answers); });
    });
    return rows.map(function (row) {
      return row.map(function (v) { return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }).join(",");
    }).join("\r\n") + "\r\n";
  }

  function fromCsv(data, text) {
    var rows = [], row = [], m, doc = { format: 1, key: data.key, assessments: [] };
    var cell = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r?\n|$)/y;  // one field and what ends it
    text = text.replace(/^\uFEFF/, "");
    while (cell.lastIndex < text.length) {
      if (!(m = cell.exec(text))) throw new Error("this is not a CSV file this page can read");
      row.push(m[1][0] === '"' ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
      if (m[2] !== ",") { rows.push(row); row = []; }
      if (!m[0]) break;
    }
    if ((rows.shift() || []).join() !== COLUMNS.join()) throw new Error("the first row must be: " + COLUMNS.join(","));
    var by = {};
    rows.forEach(function (r, i) {
      if (r.length !== COLUMNS.length) throw new Error("row " + (i + 2) + ": expected " + COLUMNS.length + " columns");
      var a = by[r[0]] || (by[r[0]] = { name: r[0], answers: {}, history: [], dates: {} }), rec = a.answers;
      if (r[1]) {  // a past result: one per date
        if (!a.dates[r[1]]) a.history.push(a.dates[r[1]] = { date: r[1], answers: {} });
        rec = a.dates[r[1]].answers;
      }
      rec[r[2]] = { answer: r[5], fingerprint: r[6] };
    });
    Object.keys(by).forEach(function (name) {
      var a = by[name];
      a.history.forEach(function (h) {
        var m = fromRecord(data, h.answers), s = m && snapshot(data, m.list, h.date);
        h.score = s ? s.score : null;
        h.answered = s ? s.answered : 0;
      });
      delete a.dates;
      doc.assessments.push(a);
    });
    return check(data, doc);
  }

  // An imported file's text: JSON when it starts with "{", else CSV; checked whole, or an Error.
  function readFile(data, text) {
    if (!/^\s*\{/.test(text)) return fromCsv(data, text);
    try { text = JSON.parse(text); } catch (error) { throw new Error("this is not valid JSON"); }
    return check(data, text);
  }

  // The page's data made ready: entries also by id.
  function prepare(data) {
    data.byId = {};
    data.entries.forEach(function (e) { data.byId[e.id] = e; });
    return data;
  }

  var api = {
    prepare: prepare, score: score, percent: percent, verdict: verdict, label: label, record: record,
    fromRecord: fromRecord,
    changes: changes, linkHash: linkHash, isLink: isLink, readLink: readLink, compare: compare, team: team,
    check: check, readFile: readFile, snapshot: snapshot, toCsv: toCsv, fromCsv: fromCsv,
  };
  if (typeof window === "object") window.kbgenQuiz = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})();
