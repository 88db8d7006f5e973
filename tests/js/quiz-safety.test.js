// What hostile or broken values cannot do to the quiz's pure parts: keys such as "__proto__" in what
// the browser keeps, a file or a link; numbers out of range; a pasted line that would make a
// backtracking parser freeze the tab; spreadsheet formulas in a CSV download.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { performance } = require("node:perf_hooks");
const { quiz, HIRING, rec, DOC, plain } = require("./hiring.js");

// Stored and imported data: prototype-free, every number checked

test("keys such as __proto__ are refused or kept as plain keys, never reach a prototype", () => {
  const stored = (change) => JSON.stringify({ ...DOC(), ...change });
  for (const current of ["__proto__", "constructor", "0", 0.5, -1, 2, null, 1e400]) {
    assert.throws(() => quiz.check(HIRING, JSON.parse(stored({ current }))), /^Error: current: /, String(current));
  }
  assert.equal(quiz.check(HIRING, JSON.parse(stored({ current: 1 }))).current, 1);
  // JSON.parse makes "__proto__" an own key: it is no entry id.
  const bad = '{"format": 1, "key": "hiring-pitfalls", "assessments": [{"name": "x", "history": [], ' +
    '"answers": {"__proto__": {"answer": "0", "fingerprint": "aN3"}}}]}';
  assert.throws(() => quiz.check(HIRING, JSON.parse(bad)), /'__proto__' is not an id/);
  assert.throws(() => quiz.readFile(HIRING, bad), /'__proto__' is not an id/);
  const got = quiz.check(HIRING, DOC());
  assert.equal(Object.getPrototypeOf(got.assessments[0].answers), null);
  assert.equal(Object.getPrototypeOf(got.assessments[0].history[0].answers), null);
  // Unknown fields are not carried into what is kept.
  assert.deepEqual(Object.keys(quiz.check(HIRING, { ...DOC(), extra: 1, shown: true })),
    ["format", "key", "assessments", "shown"]);
  assert.throws(() => quiz.check(HIRING, { ...DOC(), shown: "yes" }), /^Error: shown: /);
  // Records with such keys are read without touching a prototype.
  for (const id of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    const r = JSON.parse(`{"${id}": {"answer": "1", "fingerprint": "aN3"}, "HP-1": {"answer": "1", "fingerprint": "aN3"}}`);
    assert.deepEqual(quiz.fromRecord(HIRING, r).list, ["1", "-", "-"], id);
  }
  assert.equal({}.answer, undefined);  // and nothing was added to Object.prototype
});

test("CSV rows named like prototype keys import as they are", () => {
  const names = ["__proto__", "constructor", "hasOwnProperty"];
  const doc = { format: 1, key: "hiring-pitfalls",
    assessments: names.map((name) => ({ name, answers: rec({ "HP-1": 1 }), history: [] })) };
  doc.assessments[0].history.push({ date: "__proto__", score: 0, answered: 1, answers: rec({ "HP-1": 1 }) });
  assert.throws(() => quiz.fromCsv(HIRING, quiz.toCsv(HIRING, doc)), /history\[0\]\.date: expected a date/);
  doc.assessments[0].history = [];
  assert.deepEqual(quiz.fromCsv(HIRING, quiz.toCsv(HIRING, doc)).assessments.map((a) => a.name), names);
  const csv = quiz.toCsv(HIRING, doc).replace(",HP-2,", ",__proto__,");
  assert.throws(() => quiz.fromCsv(HIRING, csv), /'__proto__' is not an id/);
});

test("every number read is a whole number in its range", () => {
  const history = (change) => {
    const d = DOC();
    Object.assign(d.assessments[0].history[0], change);
    return d;
  };
  for (const [change, field] of [
    [{ score: "50" }, "score"], [{ score: 50.5 }, "score"], [{ score: -1 }, "score"], [{ score: 101 }, "score"],
    [{ score: Infinity }, "score"], [{ score: NaN }, "score"], [{ answered: "1" }, "answered"],
    [{ answered: Infinity }, "answered"], [{ answered: -1 }, "answered"], [{ answered: 1.5 }, "answered"],
    [{ answered: 4 }, "answered"],  // more than the record's 3 answers
  ]) {
    assert.throws(() => quiz.check(HIRING, history(change)), new RegExp(`history\\[0\\]\\.${field}: `),
      JSON.stringify(change));
  }
  // As the issue found it: "score": "50", "answered": "1e400" (and 1e400, which JSON reads as Infinity)
  const text = JSON.stringify(DOC()).replace('"score":0,"answered":2', '"score":"50","answered":"1e400"');
  assert.throws(() => quiz.readFile(HIRING, text), /history\[0\]\.score: expected a whole number/);
  assert.throws(() => quiz.readFile(HIRING, text.replace('"score":"50","answered":"1e400"', '"score":50,"answered":1e400')),
    /history\[0\]\.answered: expected a whole number/);
  assert.deepEqual(plain(quiz.check(HIRING, history({ score: null, answered: 0 }))).assessments[0].history[0].score, null);
  assert.throws(() => quiz.check(HIRING, history({ date: "2026-13-45" })), /date: expected a date/);
});

test("what the browser keeps: today's format, the earlier page's, or unreadable", () => {
  const stored = JSON.stringify({ ...DOC(), current: 1 });
  assert.deepEqual(plain(quiz.fromStorage(HIRING, stored, [])),
    { doc: { ...DOC(), current: 1 }, list: null, unreadable: false, dropped: false });
  for (const raw of ["{broken", "null", '{"format": 1}', JSON.stringify({ ...DOC(), current: "__proto__" })]) {
    const got = quiz.fromStorage(HIRING, raw, [[HIRING.version, '{"answers": "1u-"}']]);
    assert.deepEqual([got.doc, got.list, got.unreadable], [null, null, true], raw);  // unreadable: cleared
  }
  const v = HIRING.version;
  assert.deepEqual(quiz.fromStorage(HIRING, null, [[v, '{"answers": "1u-"}']]).list, ["1", "u", "-"]);
  for (const old of [["0123456789ff", '{"answers": "1u-"}'], [v, '{"answers": "9"}'], [v, "null"], [v, "{"]]) {
    assert.deepEqual(plain(quiz.fromStorage(HIRING, null, [old])), { doc: null, list: null, unreadable: false, dropped: true });
  }
});

// The team view's pasted lines

// The line parser this page used before: right, but it backtracks cubically on long lines.
const OLD = /^\s*(.*?)[\s:]*(\S*(#a=\S*))\s*$/;

test("a pasted line gives its name and link, as the earlier parser did", () => {
  const lines = ["Ana: https://x.example/q/#a=2.aaN3", "https://x.example/#a=2.-", "  Cy  #a=2.- ", "Bo::x#a=2.-",
    "Ana: :https://h/#a=1#a=2.-", "A : B x#a=2.-", ":: x#a=2.-", "\tDee\t\thttps://h/#a=2.-\t", "no link at all", "",
    "#a=", "Ana #a=2.- trailing words", "Ana:https://h/#a=2.-"];
  // and every short line of these pieces, to compare with the old parser exhaustively
  const pieces = [" ", ":", "a", "#a=", "\t", "b:"];
  for (let n = 0; n < 6 ** 5; n++) {
    let line = "";
    for (let k = n, i = 0; i < 5; i++, k = Math.floor(k / 6)) line += pieces[k % 6];
    lines.push(line);
  }
  for (const line of lines) {
    const m = OLD.exec(line);
    assert.deepEqual(quiz.teamLine(line), m && { name: m[1], hash: m[3] }, JSON.stringify(line));
  }
});

test("a 100,000-character line is parsed in well under 50 ms, whatever it holds", () => {
  const link = "https://x.example/q/#a=2.aaN3";
  const lines = [" ".repeat(99999) + "a", ":".repeat(100000), "a".repeat(100000), "Ana" + " :".repeat(49990) + " " + link,
    link + "x".repeat(100000 - link.length), ("#a=" + " ").repeat(25000), "\t:".repeat(50000)];
  for (const line of lines) {
    assert.ok(line.length >= 100000);
    quiz.teamLine(line);  // warm up
    const start = performance.now();
    quiz.teamLine(line);
    const ms = performance.now() - start;
    assert.ok(ms < 50, `${ms.toFixed(1)} ms for ${JSON.stringify(line.slice(0, 12))}...`);
  }
  const start = performance.now();
  const got = quiz.teamLinks(HIRING, "Ana " + ":".repeat(quiz.TEAM_CHARS - 100) + " #a=2.aaN3");
  assert.ok(performance.now() - start < 50);
  assert.deepEqual(got.people.map((p) => [p.name, p.list]), [["Ana", ["0", "-", "-"]]]);
});

test("a paste is bounded: more lines or characters than the team view reads gives null", () => {
  const line = "#a=2.aaN3\n";
  assert.equal(quiz.teamLinks(HIRING, line.repeat(quiz.TEAM_LINES)).people.length, quiz.TEAM_LINES);
  assert.equal(quiz.teamLinks(HIRING, line.repeat(quiz.TEAM_LINES) + "x"), null);
  assert.equal(quiz.teamLinks(HIRING, "x".repeat(quiz.TEAM_CHARS + 1)), null);
  assert.deepEqual(quiz.teamLinks(HIRING, "Ana #a=2.aaN3\n\nnot a link\n#a=0123456789ff.000"),
    { people: [{ name: "Ana", list: ["0", "-", "-"], got: quiz.readLink(HIRING, "#a=2.aaN3") }],
      problems: [{ line: 3, old: false }, { line: 4, old: true }] });
});

// Formulas in the CSV download (OWASP, CSV injection)

test("cells that a spreadsheet would run as formulas get a leading quote, and import back as typed", () => {
  for (const [cell, written] of [["=1+1", "'=1+1"], ["+1", "'+1"], ["-1", "'-1"], ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"], ["\rx", "'\rx"], ["'=x", "''=x"], ["''-x", "'''-x"], ["'plain", "'plain"], ["a=b", "a=b"],
    ["", ""], ["Provider A", "Provider A"]]) {
    assert.equal(quiz.neutralise(cell), written, JSON.stringify(cell));
  }
  const names = ['=HYPERLINK("http://evil.example/","Click")', "+cmd", "-2+3", "@x", "\tTab", "\rReturn", "'=quoted",
    "''+twice", "'just a quote", "plain"];
  const doc = { format: 1, key: "hiring-pitfalls",
    assessments: names.map((name) => ({ name, answers: rec({ "HP-1": 1 }), history: [] })) };
  const csv = quiz.toCsv(HIRING, doc);
  assert.ok(csv.includes('\r\n"\'=HYPERLINK(""http://evil.example/"",""Click"")",,HP-1,'), csv);
  assert.ok(csv.includes("\r\nplain,,HP-3,Skipping reference checks,no answer,'-,E_T\r\n"), csv);  // unanswered
  for (const row of csv.split("\r\n").slice(1, -1)) {  // no cell of any row starts a formula
    for (const cell of row.match(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)) assert.doesNotMatch(cell.replace(/^"/, ""), /^[=+\-@\t\r]/);
  }
  assert.deepEqual(quiz.fromCsv(HIRING, csv).assessments.map((a) => a.name), names);
  // Saved again by a spreadsheet, which drops the quote it showed as text: still the same answers.
  assert.deepEqual(plain(quiz.fromCsv(HIRING, csv.replace(/'-,/g, "-,"))), plain(quiz.fromCsv(HIRING, csv)));
});
