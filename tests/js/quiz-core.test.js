// The quiz's pure parts (hooks/kbgen/assets/quiz/core.js, links.js, check.js) without a browser:
// `node --test tests/js/`. The browser tests (tests/test_quiz.py) keep testing the page itself.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { quiz, HIRING, rec, DOC, plain } = require("./hiring.js");

// Answers by entry id, as the browser tests write them, to the one-character-per-question list.
function list(data, byId) {
  return data.entries.map((e) => (e.id in byId ? String(byId[e.id]) : "-"));
}

function results(data, byId) {
  const r = quiz.score(data, list(data, byId));
  const pct = quiz.percent(r.total);
  const chart = {};
  for (const c of data.categories) chart[c.id] = quiz.percent(r.cats[c.id]);
  return { pct, verdict: pct === null ? null : quiz.verdict(HIRING, pct), chart, ranked: r.exposed.map((x) => x.entry.id) };
}

// The cases of test_score_matches_hand_computed_cases in tests/test_quiz.py.
const CASES = [
  // 2*1 + 3*0.5 + 1*0 = 3.5 of 6 = 58%; interviews 1.5 of 4 = 37.5% -> 38%; risks HP-2 1.5, HP-3 1
  [{ "HP-1": 0, "HP-2": 1, "HP-3": 1 }, 58, "Partly covered", { sourcing: 100, interviews: 38 }, ["HP-2", "HP-3"]],
  // 0 of 2+3 = 0%; HP-3 unsure is left out; risks HP-2 3, HP-1 2
  [{ "HP-1": 1, "HP-2": 2, "HP-3": "u" }, 0, "Highly exposed", { sourcing: 0, interviews: 0 }, ["HP-2", "HP-1"]],
  // 2 of 2+3 = 40%; HP-3 unanswered is left out
  [{ "HP-1": 0, "HP-2": 2 }, 40, "Highly exposed", { sourcing: 100, interviews: 0 }, ["HP-2"]],
  // 3*0.5 + 1 of 3+1 = 62.5% -> 63%; risk HP-2 1.5
  [{ "HP-2": 1, "HP-3": 0 }, 63, "Partly covered", { sourcing: null, interviews: 63 }, ["HP-2"]],
  // 1*0 of 1 = 0% with every other question unsure
  [{ "HP-1": "u", "HP-2": "u", "HP-3": 1 }, 0, "Highly exposed", { sourcing: null, interviews: 0 }, ["HP-3"]],
  // everything covered: 6 of 6
  [{ "HP-1": 0, "HP-2": 0, "HP-3": 0 }, 100, "Well covered", { sourcing: 100, interviews: 100 }, []],
  // a "no" on high severity costs more than one on medium: 0 + 3 + 1 = 4 of 6 = 67% ...
  [{ "HP-1": 1, "HP-2": 0, "HP-3": 0 }, 67, "Partly covered", { sourcing: 0, interviews: 100 }, ["HP-1"]],
  // ... against 2 + 0 + 1 = 3 of 6 = 50%; interviews 1 of 4 = 25%
  [{ "HP-1": 0, "HP-2": 2, "HP-3": 0 }, 50, "Partly covered", { sourcing: 100, interviews: 25 }, ["HP-2"]],
  // 2 + 3 + 0 = 5 of 6 = 83%
  [{ "HP-1": 0, "HP-2": 0, "HP-3": 1 }, 83, "Well covered", { sourcing: 100, interviews: 75 }, ["HP-3"]],
];

for (const [answers, pct, verdict, chart, ranked] of CASES) {
  test(`score of ${JSON.stringify(answers)} is ${pct}%`, () => {
    const got = results(HIRING, answers);
    assert.equal(got.pct, pct);
    assert.ok(got.verdict.startsWith(verdict + ":"), got.verdict);
    assert.deepEqual(got.chart, chart);
    assert.deepEqual(got.ranked, ranked);
  });
}

test("unsure and unanswered questions are left out, not counted as exposed", () => {
  // A "no" (0) on HP-2 would give 2 of 5 = 40%.
  for (const answers of [{ "HP-1": 0, "HP-2": "u" }, { "HP-1": 0 }]) {
    const r = quiz.score(HIRING, list(HIRING, answers));
    assert.deepEqual(r.total, { got: 2, max: 2 });
    assert.deepEqual(r.cats.interviews, { got: 0, max: 0 });
    assert.equal(quiz.percent(r.cats.interviews), null);  // shown as "not scored"
    assert.deepEqual(r.exposed, []);
  }
  const none = quiz.score(HIRING, ["u", "-", "u"]);
  assert.equal(quiz.percent(none.total), null);  // "No score yet"
  assert.deepEqual(none.exposed, []);
});

test("equal risks rank in catalog order, not by id or severity", () => {
  // OP-10 (low, "No": 1 x 1 = 1) comes before OP-2 (medium, "Sometimes": 2 x 0.5 = 1) in the catalog.
  const data = {
    key: "k", version: "v", threshold: 0.5, weights: { high: 3, medium: 2, low: 1 }, categories: [{ id: "c" }],
    entries: [
      { id: "OP-10", category: "c", severity: "low", scores: [1, 0] },
      { id: "OP-2", category: "c", severity: "medium", scores: [1, 0.5, 0] },
      { id: "OP-3", category: "c", severity: "high", scores: [1, 0] },
    ],
  };
  const ranked = (answers) => quiz.score(data, answers).exposed.map((x) => [x.entry.id, x.risk]);
  assert.deepEqual(ranked(["1", "1", "1"]), [["OP-3", 3], ["OP-10", 1], ["OP-2", 1]]);
  const reversed = { ...data, entries: [data.entries[1], data.entries[0], data.entries[2]] };
  assert.deepEqual(quiz.score(reversed, ["1", "1", "-"]).exposed.map((x) => x.entry.id), ["OP-2", "OP-10"]);
});

test("verdict thresholds at 50% and 80%", () => {
  assert.deepEqual([0, 49, 50, 79, 80, 100].map((p) => quiz.verdict(HIRING, p).split(":")[0]),
    ["Highly exposed", "Highly exposed", "Partly covered", "Partly covered", "Well covered", "Well covered"]);
});

// Answers keyed per question

test("a record keeps every question with its fingerprint and reads back the same", () => {
  const r = quiz.record(HIRING, ["1", "u", "-"]);
  assert.deepEqual(r, { "HP-1": { answer: "1", fingerprint: "aN3" }, "HP-2": { answer: "u", fingerprint: "m9c" },
    "HP-3": { answer: "-", fingerprint: "E_T" } });
  assert.deepEqual(quiz.fromRecord(HIRING, r), { list: ["1", "u", "-"], changed: [], added: [], moved: [] });
  assert.equal(quiz.changes(HIRING, quiz.fromRecord(HIRING, r)), "");
  assert.deepEqual(quiz.fromRecord(HIRING, {}).added, []);  // nothing recorded yet: nothing is "new"
});

test("changed, new, merged and renamed questions are named and left unanswered, never guessed", () => {
  // Given against an older catalog: HP-2's question changed since, HP-3 did not exist, HP-4 (merged
  // into HP-2 since) and HP-5 (renamed HP-1 since) were answered.
  const old = { "HP-2": { answer: "0", fingerprint: "old" }, "HP-4": { answer: "1", fingerprint: "xyz" },
    "HP-5": { answer: "0", fingerprint: "aN3" } };
  const m = quiz.fromRecord(HIRING, old);
  assert.deepEqual(m.list, ["-", "-", "-"]);
  assert.deepEqual(m.changed, ["HP-2"]);
  assert.deepEqual(m.added, ["HP-3"]);  // HP-1 is not new: HP-5 leads to it
  assert.deepEqual(m.moved, [["HP-4", "HP-2", "merged"], ["HP-5", "HP-1", "renamed"]]);
  assert.equal(quiz.changes(HIRING, m), "1 question changed since these answers: HP-2; 1 is new: HP-3; " +
    "HP-4 was merged into HP-2 (its answer is not carried over); " +
    "HP-5 was renamed HP-1 (its answer is not carried over). " +
    "Those questions are left unanswered.");
  const two = quiz.fromRecord(HIRING, rec({ "HP-1": 1, "HP-2": 2, "HP-3": 0 }, { "HP-1": "zzz", "HP-3": "yyy" }));
  assert.deepEqual(two.list, ["-", "2", "-"]);
  assert.ok(quiz.changes(HIRING, two).startsWith("2 questions changed since these answers: HP-1, HP-3."));
  // An answer that cannot exist for an unchanged question makes the record unreadable.
  assert.equal(quiz.fromRecord(HIRING, rec({ "HP-1": 5 })), null);
});

// Share links

test("a format-2 link round-trips the answers, one item per question", () => {
  for (const list of [["1", "1", "u"], ["0", "-", "1"], ["-", "-", "-"], ["u", "2", "0"]]) {
    const hash = quiz.linkHash(HIRING, list);
    assert.ok(hash.startsWith("#a=2."), hash);
    assert.ok(quiz.isLink(hash));
    assert.deepEqual(quiz.readLink(HIRING, hash), { list, changed: [], added: [], moved: [] });
  }
  assert.equal(quiz.linkHash(HIRING, ["1", "u", "-"]), "#a=2.baN3um9c-");
});

test("id gaps are counted, and 40 answered questions make 165 characters", () => {
  const entries = [];
  for (let n = 1; n <= 40; n++) {
    entries.push({ id: "OP-" + n, category: "c", severity: "low", scores: [1, 0.5, 0], fp: "A-" + (n % 10) });
  }
  const forty = quiz.prepare({ prefix: "OP", threshold: 0.5, redirects: {}, weights: { low: 1 }, categories: [{ id: "c" }],
    entries });
  const hash = quiz.linkHash(forty, entries.map((e, i) => String(i % 3)));
  assert.equal(hash.length, 165);
  assert.deepEqual(quiz.readLink(forty, hash).list, entries.map((e, i) => String(i % 3)));
  // OP-2 and OP-3 retired: OP-4 follows OP-1 after a gap of 2; ids need not be in catalog order.
  const gaps = quiz.prepare({ ...forty, entries: [entries[39], entries[0], entries[3]] });
  assert.equal(quiz.linkHash(gaps, ["u", "0", "-"]), "#a=2.aA-12-35uA-0");
  assert.deepEqual(quiz.readLink(gaps, "#a=2.aA-12-35uA-0").list, ["u", "0", "-"]);
});

test("a link from an older catalog gives what still matches and names the rest", () => {
  // Made when HP-2's question had another fingerprint and HP-3 did not exist; HP-4 answered since merged.
  const m = quiz.readLink(HIRING, "#a=2.aaN3bold1bxyz");
  assert.deepEqual(m.list, ["0", "-", "-"]);
  assert.deepEqual([m.changed, m.added, m.moved], [["HP-2"], ["HP-3"], [["HP-4", "HP-2", "merged"]]]);
});

test("format-1 links: today's version maps exactly, another version is told apart", () => {
  const v = HIRING.version;
  assert.deepEqual(quiz.readLink(HIRING, `#a=${v}.11u`), { list: ["1", "1", "u"], changed: [], added: [], moved: [] });
  assert.equal(quiz.readLink(HIRING, "#a=fedcba987654.000"), false);
});

test("tampered share links are rejected; other fragments are no links", () => {
  const v = HIRING.version;
  const damaged = ["#a=", `#a=${v}`, `#a=${v}.`, `#a=${v}.00`, `#a=${v}.0000`, `#a=${v}.0x1`, `#a=${v}.050`,
    `#a=${v}.2u-`, `#a=${v}.0.0.0`, `#a=${v}.%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E`, "#a=<script>alert(1)</script>",
    `#a=${v}.01u `, `#a=${v}.01U`, "#a=2.", "#a=2.a", "#a=2.aaN", "#a=2.aaN3x", "#a=2.9999999a123", "#a=3.aaN3",
    "#a=2.zaN3", "#a=2.aaN3%20", "#a=2.faN3"];
  for (const hash of damaged) assert.equal(quiz.readLink(HIRING, hash), null, hash);
  for (const hash of ["", "#quiz-interviews", "#A=" + v + ".000", "#x#a=" + v + ".000"]) {
    assert.equal(quiz.isLink(hash), false, hash);
    assert.equal(quiz.readLink(HIRING, hash), undefined, hash);
  }
});

// Results that explain themselves

test("no verdict below half the questions answered; unsure answers count as answered", () => {
  assert.equal(quiz.score(HIRING, ["1", "-", "-"]).partial, true);
  assert.equal(quiz.score(HIRING, ["1", "u", "-"]).partial, false);
  assert.equal(quiz.score(HIRING, ["-", "-", "-"]).partial, true);
  const r = quiz.score(HIRING, ["1", "1", "u"]);
  assert.deepEqual([r.answered, r.unsure, r.count], [3, 1, 3]);
  assert.deepEqual(r.exposed.map((x) => [x.entry.id, x.answer, x.weight, x.exposure, x.risk]),
    [["HP-1", 1, 2, 1, 2], ["HP-2", 1, 3, 0.5, 1.5]]);
});

test("what to do first: every exposed entry with at least half the top risk, not a fixed three", () => {
  const first = (list) => quiz.score(HIRING, list).first.map((x) => x.entry.id);
  assert.deepEqual(first(["1", "2", "1"]), ["HP-2", "HP-1"]);  // risks 3, 2, 1: HP-3 is below 1.5
  assert.deepEqual(first(["1", "1", "1"]), ["HP-1", "HP-2", "HP-3"]);  // risks 2, 1.5, 1: all at least 1
  assert.deepEqual(first(["0", "0", "1"]), ["HP-3"]);
  assert.deepEqual(first(["0", "0", "0"]), []);
});

// Comparison and the team view

test("two records compared entry by entry: improved, worse, same or not compared", () => {
  const c = quiz.compare(HIRING, rec({ "HP-1": 1, "HP-2": 2, "HP-3": 0 }), rec({ "HP-1": 0, "HP-2": 1, "HP-3": 1 }));
  assert.deepEqual(c.rows.map((r) => [r.entry.id, r.change]),
    [["HP-1", "improved"], ["HP-2", "improved"], ["HP-3", "worse"]]);
  const d = quiz.compare(HIRING, rec({ "HP-1": 1, "HP-2": "u" }),
    rec({ "HP-1": 1, "HP-2": 0, "HP-3": 1 }, { "HP-3": "old" }));
  assert.deepEqual(d.rows.map((r) => r.change), ["same", "", ""]);  // unsure, then a changed question
  assert.deepEqual(d.second.changed, ["HP-3"]);
  assert.equal(quiz.compare(HIRING, rec({ "HP-1": 7 }), rec({})), null);
});

test("team view: every answer per question, disagreements first, the most exposed answer combined", () => {
  const t = quiz.team(HIRING, [["0", "1", "u"], ["0", "2", "-"], ["0", "0", "1"]]);
  assert.deepEqual(t.rows.map((r) => [r.entry.id, r.disagree, r.answers]),
    [["HP-2", true, ["1", "2", "0"]], ["HP-3", true, ["u", "-", "1"]], ["HP-1", false, ["0", "0", "0"]]]);
  assert.deepEqual(t.combined, ["0", "2", "1"]);
  assert.deepEqual(quiz.team(HIRING, [["u", "-", "-"], ["u", "-", "-"]]).combined, ["u", "-", "-"]);
  assert.deepEqual(quiz.team(HIRING, [["u", "-", "-"], ["1", "-", "-"]]).combined, ["1", "-", "-"]);
});

// Files: JSON checked field by field, CSV for spreadsheets

test("a good file passes the check unchanged", () => {
  assert.deepEqual(plain(quiz.check(HIRING, DOC())), DOC());
});

test("bad files are refused with a message naming the field", () => {
  const cases = [
    [(d) => { d.key = "other-site"; }, /key: this file belongs to another site/],
    [(d) => { d.format = 2; }, /format: expected 1/],
    [(d) => { d.assessments = []; }, /assessments: no assessment/],
    [(d) => { d.assessments[0].name = " "; }, /assessments\[0\]\.name: /],
    [(d) => { d.assessments[1].answers["HP-3"].answer = "x"; }, /assessments\[1\]\.answers\.HP-3: answer must be/],
    [(d) => { d.assessments[1].answers["HP-3"].answer = "4"; }, /assessments\[1\]\.answers\.HP-3: no option 4/],
    [(d) => { d.assessments[1].answers["hp-3"] = d.assessments[1].answers["HP-3"]; }, /'hp-3' is not an id/],
    [(d) => { delete d.assessments[0].answers["HP-1"].fingerprint; }, /fingerprint must be/],
    [(d) => { d.assessments[0].history[0].date = "soon"; }, /history\[0\]\.date: expected a date/],
    [(d) => { d.assessments[0].history[0].score = 101; }, /history\[0\]\.score/],
    [(d) => { d.assessments[0].history = {}; }, /history: expected a list/],
  ];
  for (const [spoil, message] of cases) {
    const d = DOC();
    spoil(d);
    assert.throws(() => quiz.check(HIRING, d), message, String(spoil));
  }
  for (const bad of [null, [], "text", 7]) assert.throws(() => quiz.check(HIRING, bad), /expected an object/);
});

test("CSV round-trips the assessments and their past results", () => {
  const csv = quiz.toCsv(HIRING, DOC());
  const lines = csv.split("\r\n");
  assert.equal(lines[0], "assessment,date,id,title,answer,option,fingerprint");
  assert.equal(lines[1], "Provider A,,HP-1,Posting a vague job ad,No,1,aN3");
  assert.equal(lines[2], "Provider A,,HP-2,Interviewing without a plan,Does not apply,u,m9c");
  assert.ok(csv.includes('"Before, ""the"" move",,HP-3,Skipping reference checks,Yes,0,E_T'));
  assert.deepEqual(plain(quiz.fromCsv(HIRING, csv)), DOC());
  assert.deepEqual(plain(quiz.fromCsv(HIRING, "\uFEFF" + csv.replace(/\r\n/g, "\n"))), DOC());
});

test("bad CSV files are refused", () => {
  const csv = quiz.toCsv(HIRING, DOC());
  assert.throws(() => quiz.fromCsv(HIRING, "id,answer\nHP-1,0\n"), /the first row must be/);
  assert.throws(() => quiz.fromCsv(HIRING, ""), /the first row must be/);
  assert.throws(() => quiz.fromCsv(HIRING, csv + "Provider A,,HP-1\r\n"), /row 11: expected 7 columns/);
  assert.throws(() => quiz.fromCsv(HIRING, csv.replace(",1,aN3", ",9,aN3")), /no option 9/);
  assert.throws(() => quiz.fromCsv(HIRING, csv + '"unclosed,,HP-1\r\n'), /not a CSV file/);
});

test("a snapshot keeps the score it had", () => {
  assert.deepEqual(quiz.snapshot(HIRING, ["1", "1", "u"], "2026-05-01T10:00:00.000Z"),
    { date: "2026-05-01T10:00:00.000Z", score: 30, answered: 3, answers: quiz.record(HIRING, ["1", "1", "u"]) });
});

test("an imported file is read as JSON or CSV, and unreadable text is refused", () => {
  assert.deepEqual(plain(quiz.readFile(HIRING, JSON.stringify(DOC()))), DOC());
  assert.deepEqual(plain(quiz.readFile(HIRING, quiz.toCsv(HIRING, DOC()))), DOC());
  assert.throws(() => quiz.readFile(HIRING, "{not json"), /this is not valid JSON/);
  assert.throws(() => quiz.readFile(HIRING, "\x89PNG\r\n"), /the first row must be/);
});

// The page's texts, and where a comparison starts

test("texts fill in values once, take the singular for one, and name a missing text by its key", () => {
  const t = quiz.texts(Object.assign(quiz.map(), { hello: "Hello {name}, {n} of {count}", "hello:one": "One {name}",
    quoted: "“{text}”" }), "en");
  assert.equal(t("hello", { name: "{count}", n: 2, count: 3 }), "Hello {count}, 2 of 3");  // values are not read again
  assert.equal(t("hello", { name: "Ana", n: 1 }), "One Ana");
  assert.equal(t("hello", { name: "__proto__" }), "Hello __proto__, {n} of {count}");  // unknown names stay
  assert.equal(t("quoted", { text: "x" }), "“x”");
  assert.equal(t("missing"), "missing");
  assert.equal(t("constructor"), "constructor");  // no text from a prototype
  assert.equal(HIRING.t("questions", { n: 1 }) + ", " + HIRING.t("questions", { n: 0 }), "1 question, 0 questions");
});

test("a comparison starts with the newest record and the newest one whose answers differ", () => {
  const a = rec({ "HP-1": 1 }), b = rec({ "HP-1": 0 }), c = rec({ "HP-2": 2 });
  assert.deepEqual(quiz.pair([a]), [0, 0]);  // nothing else to compare with
  assert.deepEqual(quiz.pair([a, rec({ "HP-1": 1 })]), [1, 0]);  // the same answers: still two different items
  assert.deepEqual(quiz.pair([a, rec({ "HP-1": 1 }), b, c]), [2, 0]);
  assert.deepEqual(quiz.pair([a, c, b]), [1, 0]);
});
