// The self-assessment's pure parts, third of three: what the browser keeps and what files hold, read
// and checked (also the earlier page's format), and CSV for spreadsheets. Adds to window.kbgenQuiz.
// {format: 1, key, current, shown, assessments: [{name, answers: record, history: [{date, score, answered,
// answers}]}]}; "current" (the assessment shown) and "shown" (results were on screen) only in the browser.
(function (Q) {
  "use strict";
  var MOST = 50;  // assessments kept in one browser, or in one file

  function fail(data, where, key, values) {
    throw new Error((where ? where + ": " : "") + data.t(key, values));
  }

  function count(n, least, most) {
    return Number.isInteger(n) && n >= least && n <= most;
  }

  // A stored or imported file, checked field by field and read into prototype-free maps: throws a
  // message naming the first problem. Every number is checked to be a whole number in its range.
  function check(data, doc) {
    function obj(v, where) {
      if (!v || typeof v !== "object" || Array.isArray(v)) fail(data, where, "err-object");
      return v;
    }
    function arr(v, where, most) {
      if (!Array.isArray(v)) fail(data, where, "err-list");
      if (v.length > most) fail(data, where, "err-most", { n: most });
      return v;
    }
    function answers(rec, where) {
      var out = Q.map();
      Object.keys(obj(rec, where)).forEach(function (id) {
        var at = where + "." + id, r = obj(rec[id], at), e = data.byId[id];
        if (!Q.ID.test(id)) fail(data, where, "err-id", { id: id });
        if (typeof r.answer !== "string" || !/^(\d|u|-)$/.test(r.answer)) fail(data, at, "err-answer");
        if (typeof r.fingerprint !== "string" || !Q.FP.test(r.fingerprint)) fail(data, at, "err-fp");
        if (e && r.fingerprint === e.fp && !Q.valid(e, r.answer)) fail(data, at, "err-option", { n: r.answer });
        out[id] = { answer: r.answer, fingerprint: r.fingerprint };
      });
      return out;
    }
    obj(doc, "");
    if (doc.format !== 1) fail(data, "format", "err-format", { got: JSON.stringify(doc.format) });
    if (doc.key !== data.key) fail(data, "key", "err-key", { got: JSON.stringify(doc.key) });
    var out = { format: 1, key: data.key, assessments: arr(doc.assessments, "assessments", MOST).map(function (a, i) {
      var where = "assessments[" + i + "]";
      obj(a, where);
      if (typeof a.name !== "string" || !a.name.trim() || a.name.length > 80) fail(data, where + ".name", "err-name");
      return { name: a.name, answers: answers(a.answers, where + ".answers"),
        history: arr(a.history, where + ".history", 200).map(function (h, j) {
          var at = where + ".history[" + j + "]", rec;
          obj(h, at);
          if (typeof h.date !== "string" || !isFinite(Date.parse(h.date))) fail(data, at + ".date", "err-date");
          if (h.score !== null && !count(h.score, 0, 100)) fail(data, at + ".score", "err-score");
          rec = answers(h.answers, at + ".answers");
          if (!count(h.answered, 0, Object.keys(rec).length)) fail(data, at + ".answered", "err-count");
          return { date: h.date, score: h.score, answered: h.answered, answers: rec };
        }) };
    }) };
    if (!out.assessments.length) fail(data, "assessments", "err-empty");
    if (doc.current !== undefined) {
      if (!count(doc.current, 0, out.assessments.length - 1)) fail(data, "current", "err-current");
      out.current = doc.current;
    }
    if (doc.shown !== undefined && typeof doc.shown !== "boolean") fail(data, "shown", "err-shown");
    if (doc.shown) out.shown = true;
    return out;
  }

  // What the browser keeps, read: raw, the stored text (or null); legacy, [version, text] of each value the
  // earlier page kept (one key per version of the whole questionnaire, {"answers": "1u-"}), taken over when
  // that version is today's and nothing newer is kept. {doc: checked, or null; list: the legacy answers, or
  // null; unreadable: raw was; dropped: legacy answers could not be matched to today's questions}.
  function fromStorage(data, raw, legacy) {
    var out = { doc: null, list: null, unreadable: false, dropped: false };
    if (raw) {
      try { out.doc = check(data, JSON.parse(raw)); } catch (error) { out.unreadable = true; }
      return out;  // newer answers win; unreadable ones are not replaced by older ones
    }
    legacy.forEach(function (old) {
      var got = null;
      try { got = Q.readLink(data, "#a=" + old[0] + "." + JSON.parse(old[1]).answers); } catch (error) { /* dropped */ }
      if (got) out.list = got.list;
      else out.dropped = true;
    });
    return out;
  }

  // CSV for spreadsheets: one row per question and assessment, "date" empty for the current answers
  // and the snapshot's date for past results. Importing it rebuilds the same assessments.
  var COLUMNS = ["assessment", "date", "id", "title", "answer", "option", "fingerprint"];
  // Formula injection (OWASP): a cell beginning with = + - @ tab or carriage return, also after single
  // quotes, gets one more single quote in front, so that a spreadsheet shows it as text; reading takes it off.
  var FORMULA = /^'*[=+\-@\t\r]/;

  function neutralise(v) {
    return FORMULA.test(v) ? "'" + v : v;
  }

  function toCsv(data, doc) {
    var rows = [COLUMNS];
    function add(name, date, rec) {
      Object.keys(rec).forEach(function (id) {
        var e = data.byId[id], r = rec[id];
        // The label only while the question is unchanged: a changed question's old labels are not known.
        var words = e && r.fingerprint === e.fp ? Q.label(data, e, r.answer) : "";
        rows.push([name, date, id, e ? e.title : "", words, r.answer, r.fingerprint]);
      });
    }
    doc.assessments.forEach(function (a) {
      add(a.name, "", a.answers);
      a.history.forEach(function (h) { add(a.name, h.date, h.answers); });
    });
    return csv(rows);
  }

  // Rows of text as CSV (RFC 4180, CRLF), every cell neutralised: the one writer of the site's CSV downloads
  // (the agenda's too, assets/agenda/), as generate/export.py is of the published ones.
  function csv(rows) {
    return rows.map(function (row) {
      return row.map(function (v) {
        v = neutralise(String(v));
        return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  function fromCsv(data, text) {
    var rows = [], row = [], m, doc = { format: 1, key: data.key, assessments: [] }, by = Q.map();
    var cell = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r?\n|$)/y;  // one field and what ends it
    text = text.replace(/^\uFEFF/, "");
    while (cell.lastIndex < text.length) {
      if (!(m = cell.exec(text))) fail(data, "", "err-csv");
      var v = m[1][0] === '"' ? m[1].slice(1, -1).replace(/""/g, '"') : m[1];
      row.push(FORMULA.test(v) && v[0] === "'" ? v.slice(1) : v);
      if (m[2] !== ",") { rows.push(row); row = []; }
      if (!m[0]) break;
    }
    if ((rows.shift() || []).join() !== COLUMNS.join()) fail(data, "", "err-head", { columns: COLUMNS.join() });
    rows.forEach(function (r, i) {
      if (r.length !== COLUMNS.length) fail(data, "", "err-columns", { row: i + 2, n: COLUMNS.length });
      var a = by[r[0]] || (by[r[0]] = { name: r[0], answers: Q.map(), history: [], dates: Q.map() }), rec = a.answers;
      if (r[1]) {  // a past result: one per date
        if (!a.dates[r[1]]) a.history.push(a.dates[r[1]] = { date: r[1], answers: Q.map() });
        rec = a.dates[r[1]].answers;
      }
      rec[r[2]] = { answer: r[5], fingerprint: r[6] };
    });
    Object.keys(by).forEach(function (name) {
      var a = by[name];
      a.history.forEach(function (h) {
        var m = Q.fromRecord(data, h.answers), s = m && Q.snapshot(data, m.list, h.date);
        h.score = s ? s.score : null;
        h.answered = s ? s.answered : 0;
      });
      doc.assessments.push(a);
    });
    return check(data, doc);
  }

  // An imported file's text: JSON when it starts with "{", else CSV; checked whole, or an Error.
  function readFile(data, text) {
    if (!/^\s*\{/.test(text)) return fromCsv(data, text);
    try { text = JSON.parse(text); } catch (error) { fail(data, "", "err-json"); }
    return check(data, text);
  }

  Object.assign(Q, {
    MOST: MOST, check: check, fromStorage: fromStorage, neutralise: neutralise, csv: csv, toCsv: toCsv, fromCsv: fromCsv,
    readFile: readFile,
  });
  if (typeof module === "object" && module && module.exports) module.exports = Q;
})(typeof module === "object" && module && module.exports ? require("./links.js") : window.kbgenQuiz);
