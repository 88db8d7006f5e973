// The hiring fixture's questions and files, as the tests of tests/js/ share them, and the quiz's pure
// parts (hooks/kbgen/assets/quiz/core.js, links.js, check.js) with the page's texts.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const quiz = require(path.join(__dirname, "../../hooks/kbgen/assets/quiz/check.js"));  // and core.js, links.js

// The page's texts, as the quiz page's template holds them (quiz.md.j2, its hidden list of texts).
const TEMPLATE = path.join(__dirname, "../../hooks/kbgen/templates/quiz.md.j2");
const TEXTS = quiz.map();
for (const m of fs.readFileSync(TEMPLATE, "utf8").matchAll(/<span data-kb-t="([^"]+)">([^<]*)<\/span>/g)) {
  TEXTS[m[1]] = m[2];
}
const t = quiz.texts(TEXTS, "en");

// What check gives back, as plain JSON (its answers are prototype-free maps).
const plain = (x) => JSON.parse(JSON.stringify(x));

// The hiring fixture's questions, as quiz.py writes them into the page: HP-1 (medium, weight 2;
// Yes 1 / No 0), HP-2 (high, weight 3; Yes 1 / Sometimes 0.5 / No 0), HP-3 (low, weight 1; Yes 1 / No 0).
const HIRING = quiz.prepare({
  key: "hiring-pitfalls",
  version: "0123456789ab",
  prefix: "HP",
  threshold: 0.5,
  unsure: "Does not apply",
  redirects: { "HP-4": ["HP-2", "merged"], "HP-5": ["HP-1", "renamed"] },
  weights: { high: 3, medium: 2, low: 1 },
  categories: [{ id: "sourcing", title: "Finding candidates" }, { id: "interviews", title: "Interviews" }],
  entries: [
    { id: "HP-1", category: "sourcing", severity: "medium", scores: [1, 0], labels: ["Yes", "No"], fp: "aN3",
      title: "Posting a vague job ad" },
    { id: "HP-2", category: "interviews", severity: "high", scores: [1, 0.5, 0], labels: ["Yes", "Sometimes", "No"],
      fp: "m9c", title: "Interviewing without a plan" },
    { id: "HP-3", category: "interviews", severity: "low", scores: [1, 0], labels: ["Yes", "No"], fp: "E_T",
      title: "Skipping reference checks" },
  ],
}, t);

// A record of every question: answers by entry id (unanswered when left out), today's fingerprints unless given.
const rec = (byId, fps = {}) => {
  const out = {};
  for (const e of HIRING.entries) {
    out[e.id] = { answer: e.id in byId ? String(byId[e.id]) : "-", fingerprint: fps[e.id] || e.fp };
  }
  return out;
};

// A file of two assessments, one with a past result.
const DOC = () => ({
  format: 1, key: "hiring-pitfalls", assessments: [
    { name: "Provider A", answers: rec({ "HP-1": 1, "HP-2": "u" }),
      history: [{ date: "2026-05-01T10:00:00.000Z", score: 0, answered: 2, answers: rec({ "HP-1": 1, "HP-2": "u" }) }] },
    { name: "Before, \"the\" move", answers: rec({ "HP-3": 0 }), history: [] },
  ],
});

module.exports = { quiz, t, HIRING, rec, DOC, plain };
