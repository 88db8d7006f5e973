// The meeting agenda's pure part (hooks/kbgen/assets/agenda/core.js): what the browser keeps and what a link
// holds, read and checked (prototype names, numbers and dates out of range, lengths); ids followed through the
// redirects; the CSV, whose formula cells are neutralised by the self-assessment's writer (one rule for the site).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const A = require(path.join(__dirname, "../../hooks/kbgen/assets/agenda/core.js"));
const quiz = require(path.join(__dirname, "../../hooks/kbgen/assets/quiz/check.js"));

const TEXTS = quiz.map();
Object.assign(TEXTS, {
  merged: "{old} was merged into {id}", renamed: "{old} is now {id}",
  gone: "{ids} are gone", "gone:one": "{ids} is gone", twice: "{ids} twice", "twice:one": "{ids} once twice",
  changes: "Since: {changes}.",
});
const DATA = quiz.prepare({
  redirects: { "HP-4": ["HP-2", "merged"], "HP-5": ["HP-1", "renamed"] },
  entries: [
    { id: "HP-1", title: "=cmd|' /C calc'!A0", summary: "@SUM(1)", path: "mistakes/hp-1/", ask: ["+1", "a, \"b\""],
      signs: ["-2"] },
    { id: "HP-2", title: "Two", summary: "s", path: "mistakes/hp-2/", ask: [], signs: ["\tx", "line\nbreak"] },
  ],
}, quiz.texts(TEXTS, "en"));
const plain = (x) => JSON.parse(JSON.stringify(x));

test("what the browser keeps is checked field by field", () => {
  const ok = { format: 1, title: "Kick-off", date: "2026-09-01", ids: ["HP-1", "HP-2"] };
  assert.deepEqual(A.check(ok), { title: "Kick-off", date: "2026-09-01", ids: ["HP-1", "HP-2"] });
  assert.deepEqual(A.check({ ...ok, ids: ["HP-1", "HP-1"] }).ids, ["HP-1"]);
  for (const bad of [null, [], "x", { ...ok, format: 2 }, { ...ok, format: "1" }, { ...ok, ids: "HP-1" },
    { ...ok, ids: ["HP-1", 7] }, { ...ok, ids: ["__proto__"] }, { ...ok, ids: ["hp-1"] }, { ...ok, ids: ["HP-01"] },
    { ...ok, ids: Array.from({ length: 101 }, (_, i) => `HP-${i + 1}`) }, { ...ok, title: 5 }, { ...ok, title: " x" },
    { ...ok, title: "x".repeat(81) }, { ...ok, date: "2026-02-30" }, { ...ok, date: "2026-13-01" },
    { ...ok, date: "0999-01-01" }, { ...ok, date: "2026-9-1" }, { ...ok, date: 20260901 }, { ...ok, date: null }]) {
    assert.equal(A.check(bad), null, JSON.stringify(bad));
  }
  assert.deepEqual(A.fromStorage('{"__proto__": {"format": 1}}'), { agenda: A.empty(), unreadable: true });
  assert.deepEqual(A.fromStorage("not json"), { agenda: A.empty(), unreadable: true });
  assert.deepEqual(A.fromStorage(null), { agenda: A.empty(), unreadable: false });
  assert.equal({}.format, undefined);
  assert.deepEqual(A.fromStorage(A.toStorage(ok)).agenda, A.check(ok));
});

test("links hold ids, and the date and title only when set; a damaged one reads as null", () => {
  const a = { title: "Acme & Co: #1", date: "2026-09-01", ids: ["HP-2", "HP-1"] };
  const hash = A.linkHash(a);
  assert.equal(hash, "#agenda=1&ids=HP-2,HP-1&date=2026-09-01&title=Acme%20%26%20Co%3A%20%231");
  assert.deepEqual(A.readLink(hash), a);
  assert.equal(A.linkHash({ title: "", date: "", ids: ["HP-1"] }), "#agenda=1&ids=HP-1");
  assert.deepEqual(A.readLink("#agenda=1&ids="), { title: "", date: "", ids: [] });
  assert.equal(A.readLink("#a=2.b"), undefined);
  assert.equal(A.readLink(""), undefined);
  for (const bad of ["#agenda=2&ids=HP-1", "#agenda=1", "#agenda=1&ids=HP-1,,HP-2", "#agenda=1&ids=constructor",
    "#agenda=1&ids=HP-1&date=2026-02-29", "#agenda=1&ids=HP-1&title=" + "x".repeat(81),
    "#agenda=1&ids=HP-1&title=%20x", "#agenda=1&ids=HP-1&" + "x".repeat(4000)]) {
    assert.equal(A.readLink(bad), null, bad);
  }
  assert.equal(A.readLink("#agenda=1&ids=HP-1&date=2028-02-29").date, "2028-02-29");  // a leap day
});

test("ids are followed through the redirects; the rest are named", () => {
  const r = A.resolve(DATA, ["HP-4", "HP-9", "HP-5", "HP-1", "HP-2", "__proto__", "toString"]);
  assert.deepEqual(plain(r), { ids: ["HP-2", "HP-1"], moved: [["HP-4", "HP-2", "merged"], ["HP-5", "HP-1", "renamed"]],
    gone: ["HP-9", "__proto__", "toString"], twice: ["HP-1", "HP-2"] });
  assert.equal(A.changes(DATA, r), "Since: HP-4 was merged into HP-2; HP-5 is now HP-1; HP-9, __proto__, toString are " +
    "gone; HP-1, HP-2 twice.");
  assert.equal(A.changes(DATA, A.resolve(DATA, ["HP-1"])), "");
});

test("the CSV has the agenda's rows in its order, and no cell a spreadsheet would run", () => {
  const text = A.toCsv(DATA, { title: "=Kick-off", date: "2026-09-01", ids: ["HP-2", "HP-1"] },
    (p) => (p.startsWith("mistakes/hp-1/") ? "https://example.org/" + p : ""));
  assert.ok(text.startsWith("\uFEFFagenda,date,position,id,title,kind,n,text,url,answer\r\n"));
  const rows = text.slice(1).trimEnd().split("\r\n");
  assert.equal(rows[1], "'=Kick-off,2026-09-01,1,HP-2,Two,summary,1,s,mistakes/hp-2/#title,");
  assert.equal(rows[2], "'=Kick-off,2026-09-01,1,HP-2,Two,warning_signs,1,'\tx,mistakes/hp-2/#sign-1,");
  assert.equal(rows[3], "'=Kick-off,2026-09-01,1,HP-2,Two,warning_signs,2,\"line\nbreak\",mistakes/hp-2/#sign-2,");
  assert.ok(text.includes(
    "2,HP-1,'=cmd|' /C calc'!A0,ask_provider,2,\"a, \"\"b\"\"\",https://example.org/mistakes/hp-1/#ask-2,\r\n"));
  assert.ok(text.includes(",summary,1,'@SUM(1),https://example.org/mistakes/hp-1/#title,"));
  assert.ok(text.includes(",ask_provider,1,'+1,") && text.includes(",warning_signs,1,'-2,"));
});
