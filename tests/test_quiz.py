"""The self-assessment in real Chromium, hosted (http://127.0.0.1) and offline (file://): progress,
the severity-weighted score, results that explain themselves, answers kept per question in this browser
(also across catalog versions), named assessments, past results and comparison, the team view, files,
share links, print, phone width, keyboard use and axe-core."""

from __future__ import annotations

import json
import math
import random
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import pytest

from conftest import FIXTURES, ROOT, Recorder, copy_fixture, mkdocs_build
from kbgen.read.load import load_catalog
from kbgen.model.catalog import WEIGHT
from kbgen.generate.quiz import SCRIPT_PARTS

HIRING = FIXTURES / "hiring"
CANONICAL = "http://127.0.0.1:8000/"  # site_url of the fixture: a loopback address, so not a published one
PUBLISHED = "https://hiring.example.org/"  # a real address, for the offline copy of a published site
KEY = "hiring-pitfalls:self-assessment"  # where the assessments are kept
LEGACY = "hiring-pitfalls:quiz:"  # earlier pages kept one key per version of the whole questionnaire
NO_CLIPBOARD = "delete Navigator.prototype.clipboard"  # as on file:// or an old browser
# Storage blocked (cookies off, some privacy modes): reading window.localStorage throws a SecurityError.
NO_STORAGE = ("Object.defineProperty(window, 'localStorage', {configurable: true, get() {"
              " const e = new Error('The operation is insecure.'); e.name = 'SecurityError'; throw e; }})")
SCHEMA = json.loads((ROOT / "hooks/kbgen/assets/self-assessment.schema.json").read_text())


# Where the quiz lives: the hosted build over http, and the offline build (OFFLINE=true: .html
# pages, the way `make offline` packs it) opened from file://.


@pytest.fixture(scope="session")
def offline_hiring(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hiring-offline")
    mkdocs_build(HIRING / "mkdocs.yml", out, OFFLINE="true")
    return out


@pytest.fixture(scope="session")
def offline_published(tmp_path_factory) -> Path:
    """The offline copy of a site that names a real published address."""
    project = tmp_path_factory.mktemp("hiring-published")
    config = copy_fixture(project / "project")
    config.write_text(config.read_text().replace(f"site_url: {CANONICAL}", f"site_url: {PUBLISHED}"))
    mkdocs_build(config, project / "site", OFFLINE="true")
    return project / "site"


@dataclass
class Site:
    quiz: str                   # the quiz page's address
    entry: str                  # entry page address, with {slug} to fill in
    shared: str                 # the address share links and printed reports name ("" when there is none)

    def entry_url(self, slug: str) -> str:
        return self.entry.format(slug=slug)

    @property
    def hosted(self) -> bool:
        return self.quiz.startswith("http")


@pytest.fixture(params=["http", "file"])
def where(request, hiring_site, offline_hiring, serve) -> Site:
    if request.param == "http":
        base = serve(hiring_site)
        return Site(base + "self-assessment/", base + "mistakes/{slug}/", base + "self-assessment/")
    root = offline_hiring.as_uri() + "/"
    return Site(root + "self-assessment.html", root + "mistakes/{slug}.html", "")


@pytest.fixture
def hosted(hiring_site, serve) -> Site:
    base = serve(hiring_site)
    return Site(base + "self-assessment/", base + "mistakes/{slug}/", base + "self-assessment/")


def open_quiz(page, url: str) -> None:
    page.goto(url)
    page.locator(".kb-quiz-actions").wait_for()  # revealed by quiz.js once it has set up the page


def answer(page, answers: dict[str, int | str]) -> None:
    """Answers by entry id: an option index, or "u" for the unsure option."""
    for entry_id, value in answers.items():
        page.check(f"input[name='{entry_id}'][value='{value}']")


def show_results(page) -> dict:
    page.get_by_role("button", name="Show my results").click()
    page.locator("#kb-results").wait_for()
    return read_results(page)


def read_results(page) -> dict:
    return page.evaluate("""() => ({
        date: document.getElementById('kb-results-date').textContent,
        score: document.getElementById('kb-score').textContent,
        chart: Array.from(document.querySelectorAll('#kb-chart li'), li =>
            [li.querySelector('.kb-bar-label').textContent, li.querySelector('.kb-bar-value').textContent,
             li.querySelector('.kb-bar > span').style.width]),
        ranked: Array.from(document.querySelectorAll('#kb-ranked li'), li => {
            const a = li.querySelector('a');
            return a ? [a.textContent, a.getAttribute('href'), li.querySelector('.kb-sev').textContent.trim(),
                        li.querySelector('.kb-why').textContent]
                     : [li.textContent];
        }),
        first: Array.from(document.querySelectorAll('#kb-first li'), li => li.textContent),
        report: Array.from(document.querySelectorAll('#kb-report tr'), tr => Array.from(tr.cells, td =>
            Array.from(td.querySelectorAll('li').length ? td.querySelectorAll('li') : td.children.length ? td.children
                       : [td], n => n.textContent).join('\\n'))),
        head: document.getElementById('kb-report-head').innerText,
    })""")


def ranked_ids(results: dict) -> list[str]:
    return [r[0].split(":")[0] for r in results["ranked"] if len(r) == 4]


def stored(page) -> dict[str, str]:
    return page.evaluate("Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")


def kept(page) -> dict | None:
    """The stored assessments, parsed, or None when nothing is stored."""
    raw = stored(page).get(KEY)
    return json.loads(raw) if raw else None


def saved(page, which: int | None = None) -> dict[str, str]:
    """The given answers of an assessment as stored (the current one by default), by entry id."""
    doc = kept(page)
    if not doc:
        return {}
    a = doc["assessments"][doc["current"] if which is None else which]
    return {k: r["answer"] for k, r in a["answers"].items() if r["answer"] != "-"}


def checked(page) -> dict[str, str]:
    return page.evaluate("Object.fromEntries(Array.from(document.querySelectorAll('#kb-quiz input:checked'), "
                         "i => [i.name, i.value]))")


def quiz_data(page) -> dict:
    return json.loads(page.locator("#kb-quiz").get_attribute("data-kb-quiz"))


def version(page) -> str:
    return quiz_data(page)["version"]


def link_hash(page, answers: dict[str, int | str], fps: dict[str, str] | None = None) -> str:
    """A format-2 share link's fragment, written here independently of quiz-core.js: '#a=2.', then per
    question in id-number order the count of skipped numbers (if any), then the answer as a letter
    ("a" first option, "u" unsure) and the question's fingerprint, or "-" when unanswered."""
    data = quiz_data(page)
    fps = fps or {e["id"]: e["fp"] for e in data["entries"]}
    out, prev = "#a=2.", 0
    for entry_id in sorted(fps, key=lambda i: int(i.split("-")[1])):
        n = int(entry_id.split("-")[1])
        out += str(n - prev - 1) if n - prev - 1 else ""
        prev = n
        a = answers.get(entry_id)
        out += "-" if a is None else ("u" if a == "u" else chr(97 + int(a))) + fps[entry_id]
    return out


def notice(page) -> str:
    box = page.locator("#kb-quiz-notice")
    return box.inner_text() if box.is_visible() else ""


def assert_clean(page, *hosts: str) -> None:
    """No script error, no console error, and no request off the site."""
    assert page.recorder.errors == []
    assert page.recorder.console == []
    allowed = {urlparse(h).netloc for h in hosts} | {""}
    off_site = [u for u in page.recorder.urls if urlparse(u).scheme not in ("file", "data", "blob")
                and urlparse(u).netloc not in allowed]
    assert off_site == []


def new_page(context):
    p = context.new_page()
    p.recorder = Recorder(p)
    return p


def reopen(page) -> None:
    page.reload()
    page.locator(".kb-quiz-actions").wait_for()


# The scoring formula, checked on hand-computed cases. The fixture's questions: HP-1 (medium, weight 2;
# Yes 1 / No 0), HP-2 (high, weight 3; Yes 1 / Sometimes 0.5 / No 0), HP-3 (low, weight 1; Yes 1 / No 0).

SOURCING, INTERVIEWS = "Finding candidates:", "Interviews:"
HP = {"HP-1": "Posting a vague job ad", "HP-2": "Interviewing without a plan", "HP-3": "Skipping reference checks"}
STEP1 = {"HP-1": "List the three tasks the hire will spend most time on.",
         "HP-2": "Write five questions tied to the job and ask them of everyone.",
         "HP-3": "Call two references before every offer."}
SCORES = {"HP-1": [1, 0], "HP-2": [1, 0.5, 0], "HP-3": [1, 0]}
WEIGHTS = {"HP-1": 2, "HP-2": 3, "HP-3": 1}


def first_steps(answers: dict[str, int | str]) -> list[str]:
    """"What to do first" by hand: the first step of every exposed entry whose risk is at least half the
    highest, highest risk first (ties in catalog order)."""
    risks = {i: WEIGHTS[i] * (1 - SCORES[i][a]) for i, a in answers.items() if a != "u"}
    exposed = sorted((i for i, r in risks.items() if r > 0), key=lambda i: (-risks[i], i))
    top = max(risks.values(), default=0)
    return [f"{STEP1[i]} Step 1 of {i}: {HP[i]}" for i in exposed if risks[i] >= top / 2]


@pytest.mark.parametrize("answers, score, verdict, chart, ranked", [
    # 2*1 + 3*0.5 + 1*0 = 3.5 of 6 = 58%; interviews 1.5 of 4 = 37.5% -> 38%; risks HP-2 1.5, HP-3 1
    ({"HP-1": 0, "HP-2": 1, "HP-3": 1}, 58, "Partly covered", {SOURCING: "100%", INTERVIEWS: "38%"}, ["HP-2", "HP-3"]),
    # 0 of 2+3 = 0%; HP-3 unsure is left out; risks HP-2 3, HP-1 2
    ({"HP-1": 1, "HP-2": 2, "HP-3": "u"}, 0, "Highly exposed", {SOURCING: "0%", INTERVIEWS: "0%"}, ["HP-2", "HP-1"]),
    # 2 of 2+3 = 40%; HP-3 unanswered is left out
    ({"HP-1": 0, "HP-2": 2}, 40, "Highly exposed", {SOURCING: "100%", INTERVIEWS: "0%"}, ["HP-2"]),
    # 3*0.5 + 1 of 3+1 = 62.5% -> 63%; risk HP-2 1.5
    ({"HP-2": 1, "HP-3": 0}, 63, "Partly covered", {SOURCING: "not scored", INTERVIEWS: "63%"}, ["HP-2"]),
    # 1*0 of 1 = 0% with every other question unsure
    ({"HP-1": "u", "HP-2": "u", "HP-3": 1}, 0, "Highly exposed", {SOURCING: "not scored", INTERVIEWS: "0%"},
     ["HP-3"]),
    # everything covered: 6 of 6
    ({"HP-1": 0, "HP-2": 0, "HP-3": 0}, 100, "Well covered", {SOURCING: "100%", INTERVIEWS: "100%"}, []),
    # a "no" on high severity costs more than one on medium: 0 + 3 + 1 = 4 of 6 = 67% ...
    ({"HP-1": 1, "HP-2": 0, "HP-3": 0}, 67, "Partly covered", {SOURCING: "0%", INTERVIEWS: "100%"}, ["HP-1"]),
    # ... against 2 + 0 + 1 = 3 of 6 = 50%; interviews 1 of 4 = 25%
    ({"HP-1": 0, "HP-2": 2, "HP-3": 0}, 50, "Partly covered", {SOURCING: "100%", INTERVIEWS: "25%"}, ["HP-2"]),
    # 2 + 3 + 0 = 5 of 6 = 83%
    ({"HP-1": 0, "HP-2": 0, "HP-3": 1}, 83, "Well covered", {SOURCING: "100%", INTERVIEWS: "75%"}, ["HP-3"]),
])
def test_score_matches_hand_computed_cases(hosted, page, answers, score, verdict, chart, ranked):
    open_quiz(page, hosted.quiz)
    answer(page, answers)
    results = show_results(page)
    scored = sum(1 for a in answers.values() if a != "u")
    assert results["score"].startswith(f"Overall score: {score}%, from {scored} of 3 questions. {verdict}:"), \
        results["score"]
    assert {label: value for label, value, _ in results["chart"]} == chart
    assert [width for _, value, width in results["chart"]] == [v if v.endswith("%") else "0%" for v in chart.values()]
    assert ranked_ids(results) == ranked
    assert results["first"] == (first_steps(answers) or ["Keep doing what you do."])
    assert_clean(page, hosted.quiz)


def test_unsure_answers_do_not_count_against_the_reader(hosted, page):
    open_quiz(page, hosted.quiz)
    answer(page, {"HP-1": 0, "HP-2": "u"})  # a "no" (0) on HP-2 would give 2 of 5 = 40%
    results = show_results(page)
    assert results["score"].startswith("Overall score: 100%, from 1 of 3 questions.")  # 2 of 3 answered: a verdict
    assert ranked_ids(results) == []
    assert "2 of 3 questions answered, 1 marked \u201cDoes not apply\u201d (not scored)" in results["date"]
    assert dict((label, value) for label, value, _ in results["chart"])[INTERVIEWS] == "not scored"
    answer(page, {"HP-2": 2})  # results already shown: they follow the answers, and the score is announced
    page.wait_for_function("document.getElementById('kb-score').textContent.startsWith('Overall score: 40%')")
    assert page.locator("#kb-score").get_attribute("aria-live") == "polite"
    assert_clean(page, hosted.quiz)


def test_no_score_before_any_scored_answer(hosted, page):
    open_quiz(page, hosted.quiz)
    answer(page, {"HP-3": "u"})
    results = show_results(page)
    assert results["score"] == "No score yet: answer at least one question to get one."
    assert results["ranked"] == [["Nothing scored yet."]]
    assert_clean(page, hosted.quiz)


def test_too_few_answers_give_a_partial_score_and_no_verdict(hosted, page):
    open_quiz(page, hosted.quiz)
    assert "With fewer than 50% of the questions answered you get a partial score and no verdict." in \
        page.locator(".kb-quiz-formula").inner_text()
    answer(page, {"HP-1": 1})  # 1 of 3: below half
    results = show_results(page)
    assert results["score"] == ("Partial score: 0%, from 1 of 3 questions. No verdict yet: 2 questions left; "
                                "answer at least 1 more for a verdict.")
    answer(page, {"HP-3": 0})  # 2 of 3: a verdict
    page.wait_for_function("document.getElementById('kb-score').textContent.startsWith('Overall score: 33%, from 2')")
    assert "Highly exposed" in read_results(page)["score"]
    assert_clean(page, hosted.quiz)


def test_each_ranked_entry_shows_the_answer_and_its_risk_in_words(hosted, page):
    open_quiz(page, hosted.quiz)
    answer(page, {"HP-1": 1, "HP-2": 1, "HP-3": 1})  # risks: HP-1 2 x 1 = 2, HP-2 3 x 0.5 = 1.5, HP-3 1 x 1 = 1
    results = show_results(page)
    assert [r[3] for r in results["ranked"]] == [
        "You answered \u201cNo\u201d. Risk 2: medium severity counts 2, times fully exposed.",
        "You answered \u201cSometimes\u201d. Risk 1.5: high severity counts 3, times half exposed.",
        "You answered \u201cNo\u201d. Risk 1: low severity counts 1, times fully exposed."]
    rule = page.locator("#kb-ranked-title + .kb-rule").inner_text()
    assert rule.startswith("Ranked by risk: the severity's weight (high 3, medium 2, low 1) times how exposed")
    assert "Equal risks keep the catalog's order." in rule
    # The top risks, not a fixed three: every one at least half the highest (2), each naming its entry.
    assert results["first"] == [f"{STEP1[i]} Step 1 of {i}: {HP[i]}" for i in ("HP-1", "HP-2", "HP-3")]
    answer(page, {"HP-2": 2})  # risks 3, 2, 1: HP-3 drops out of "What to do first"
    page.wait_for_function("document.querySelectorAll('#kb-first li').length === 2")
    assert_clean(page, hosted.quiz)


# Progress, results and links, hosted and offline


def test_time_and_progress_bar(where, page):
    open_quiz(page, where.quiz)
    time = page.locator(".kb-quiz-time")
    assert time.inner_text().startswith("3 questions, about 1 minute.")
    assert time.bounding_box()["y"] < page.locator("#kb-quiz").bounding_box()["y"]  # said before it starts
    bar = page.get_by_role("progressbar", name="0 of 3 questions answered")
    assert bar.is_visible() and bar.bounding_box()["width"] > 200
    answer(page, {"HP-2": 1})
    assert page.get_by_role("progressbar", name="1 of 3 questions answered").evaluate("b => [b.value, b.max]") == [1, 3]
    assert_clean(page, where.quiz)


def test_progress_follows_answers_in_any_order(where, page):
    open_quiz(page, where.quiz)
    progress = page.locator("#kb-quiz-progress")
    assert progress.inner_text() == "0 of 3 questions answered"
    assert progress.get_attribute("aria-live") == "polite"
    answer(page, {"HP-3": 1})
    assert progress.inner_text() == "1 of 3 questions answered"
    answer(page, {"HP-1": "u"})
    assert progress.inner_text() == "2 of 3 questions answered"
    answer(page, {"HP-3": 0})  # changing an answer is not a new one
    assert progress.inner_text() == "2 of 3 questions answered"
    assert page.locator("#kb-quiz-bar").evaluate("b => b.value") == 2
    results = show_results(page)  # HP-2 skipped
    assert results["score"].startswith("Overall score: 100%, from 1 of 3 questions.")
    assert_clean(page, where.quiz)


def test_ranked_pitfalls_link_to_how_to_avoid_with_severity(where, page):
    open_quiz(page, where.quiz)
    answer(page, {"HP-1": 1, "HP-2": 2, "HP-3": 1})
    results = show_results(page)
    assert [(text, sev) for text, _, sev, _ in results["ranked"]] == [
        ("HP-2: Interviewing without a plan", "(high severity)"),
        ("HP-1: Posting a vague job ad", "(medium severity)"),
        ("HP-3: Skipping reference checks", "(low severity)")]
    assert results["first"] == first_steps({"HP-1": 1, "HP-2": 2, "HP-3": 1})  # HP-2 (3) and HP-1 (2)
    links = page.locator("#kb-first a")
    assert [links.nth(i).evaluate("a => a.href") for i in range(2)] == [
        where.entry_url(s) + "#step-1" for s in ("hp-2", "hp-1")]
    page.locator("#kb-ranked a").first.click()
    page.wait_for_url(where.entry_url("hp-2") + "#avoid")
    assert page.locator("h1").inner_text().startswith("HP-2: Interviewing without a plan")
    assert page.locator("#avoid").is_visible()
    assert_clean(page, where.quiz)


def test_results_take_focus_and_name_the_date(where, page):
    open_quiz(page, where.quiz)
    answer(page, {"HP-1": 1})
    show_results(page)
    assert page.evaluate("document.activeElement.id") == "kb-results-title"
    assert page.locator("#kb-results-title").inner_text() == "Your results"
    year = page.evaluate("new Date().getFullYear()")
    assert str(year) in read_results(page)["date"]
    assert_clean(page, where.quiz)


# Answers kept in this browser, per question


def test_reload_restores_answers(where, page):
    open_quiz(page, where.quiz)
    answer(page, {"HP-1": 1, "HP-2": "u"})
    fps = {e["id"]: e["fp"] for e in quiz_data(page)["entries"]}
    doc = kept(page)
    assert set(stored(page)) == {KEY}
    assert doc["assessments"] == [{"name": "My assessment", "history": [], "answers": {
        "HP-1": {"answer": "1", "fingerprint": fps["HP-1"]}, "HP-2": {"answer": "u", "fingerprint": fps["HP-2"]},
        "HP-3": {"answer": "-", "fingerprint": fps["HP-3"]}}}]
    jsonschema.validate(doc, SCHEMA)  # what is stored is what files hold
    reopen(page)
    assert checked(page) == {"HP-1": "1", "HP-2": "u"}
    assert page.locator("#kb-quiz-progress").inner_text() == "2 of 3 questions answered"
    assert notice(page) == ""
    assert_clean(page, where.quiz)


def test_results_on_screen_show_again_after_a_reload(where, page):
    """Results shown stay shown when the page is opened again (reload, back from an entry, another day),
    without moving the reader there or keeping another past result; after a reset they do not."""
    open_quiz(page, where.quiz)
    answer(page, {"HP-1": 1, "HP-2": 1})
    shown = show_results(page)
    reopen(page)
    assert page.locator("#kb-results").is_visible()
    assert {k: read_results(page)[k] for k in ("score", "chart", "ranked")} == \
        {k: shown[k] for k in ("score", "chart", "ranked")}
    page.goto("about:blank")
    open_quiz(page, where.quiz)  # opened again later: shown where they are, the page not moved there
    assert page.locator("#kb-results").is_visible()
    assert page.evaluate("[scrollY, document.activeElement.id]") == [0, ""]
    assert len(history(page)) == 1 and kept(page)["shown"] is True
    jsonschema.validate(kept(page), SCHEMA)
    page.get_by_role("button", name="Reset answers").click()
    reopen(page)
    assert page.locator("#kb-results").is_hidden() and "shown" not in kept(page)
    show_results(page)
    page.goto(where.quiz + "#a=zz")  # a damaged shared link: its notice, not the reader's own results
    reopen(page)
    assert notice(page) == BAD_LINK and page.locator("#kb-results").is_hidden()
    assert_clean(page, where.quiz)


def test_reset_clears_answers_and_results(where, page):
    open_quiz(page, where.quiz)
    answer(page, {"HP-1": 1, "HP-3": 0})
    show_results(page)
    page.get_by_role("button", name="Reset answers").click()
    assert checked(page) == {}
    assert saved(page) == {}
    assert len(kept(page)["assessments"][0]["history"]) == 1  # past results stay until deleted
    assert page.locator("#kb-results").is_hidden()
    assert page.locator("#kb-quiz-progress").inner_text() == "0 of 3 questions answered"
    assert notice(page) == "Your answers were cleared."
    reopen(page)
    assert checked(page) == {}
    assert_clean(page, where.quiz)


def test_nothing_answered_stores_nothing(hosted, page):
    open_quiz(page, hosted.quiz)
    answer(page, {"HP-1": 1})
    page.get_by_role("button", name="Reset answers").click()
    assert stored(page) == {}
    assert_clean(page, hosted.quiz)


def test_answers_kept_by_earlier_pages_are_taken_over_or_dropped(hosted, page):
    """Earlier pages kept <key>:quiz:<version of all questions> = {"answers": "1u-"}: taken over exactly when
    that version is today's, else dropped with a word (they cannot be matched per question)."""
    open_quiz(page, hosted.quiz)
    ver = version(page)
    page.evaluate("""([same, other]) => {
        localStorage.setItem(same, JSON.stringify({answers: '1u-'}));
        localStorage.setItem(other, 'kept');  // another site on this origin
    }""", [LEGACY + ver, "another-site:quiz:0123456789ab"])
    reopen(page)
    assert checked(page) == {"HP-1": "1", "HP-2": "u"}
    assert notice(page) == ""
    assert set(stored(page)) == {KEY, "another-site:quiz:0123456789ab"}
    assert saved(page) == {"HP-1": "1", "HP-2": "u"}

    page.evaluate("() => localStorage.clear()")
    page.evaluate("k => localStorage.setItem(k, JSON.stringify({answers: '000'}))", LEGACY + "0123456789ab")
    reopen(page)
    assert checked(page) == {}  # never applied to today's questions
    assert notice(page) == ("Answers saved for an earlier version of these questions cannot be matched to today's "
                            "questions, so they were cleared.")
    assert stored(page) == {}
    assert_clean(page, hosted.quiz)


def _doc(**change) -> str:
    doc = {"format": 1, "key": "hiring-pitfalls", "current": 0,
           "assessments": [{"name": "My assessment", "answers": {"HP-1": {"answer": "0", "fingerprint": "aN3"}},
                            "history": []}]}
    doc.update(change)
    return json.dumps(doc)


@pytest.mark.parametrize("value", [
    "{not json", "null", "7", '"1u-"', "[]", '{"format": 1}', _doc(format=2), _doc(key="another-site"),
    _doc(assessments=[]), _doc(assessments=[{"name": "x", "answers": {"HP-1": {"answer": "9", "fingerprint": "aN3"}},
                                             "history": []}]),
    _doc(assessments=[{"name": "x", "answers": {"HP-1": {"answer": "<b>", "fingerprint": "aN3"}}, "history": []}]),
    _doc(assessments=[{"name": "", "answers": {}, "history": []}]),
    # Keys that name a prototype, and numbers out of range (issue 26): cleared, never thrown on every load.
    _doc(current="__proto__"), _doc(current="constructor"), _doc(current=1), _doc(current=-1), _doc(current=0.5),
    '{"__proto__": {"format": 1}, "format": 1, "key": "hiring-pitfalls", "assessments": {"__proto__": []}}',
    _doc(assessments=[{"name": "x", "answers": {"__proto__": {"answer": "0", "fingerprint": "aN3"}}, "history": []}]),
    _doc(assessments=[{"name": "x", "answers": {}, "history": [
        {"date": "2026-05-01T10:00:00Z", "score": "50", "answered": "1e400", "answers": {}}]}]),
    _doc(assessments=[{"name": "x", "answers": {}, "history": [
        {"date": "2026-05-01T10:00:00Z", "score": 50, "answered": 7, "answers": {}}]}]).replace(": 7,", ": 1e400,"),
    _doc(shown="yes"),
])
def test_corrupted_stored_answers_give_a_notice_not_an_error(hosted, page, value):
    open_quiz(page, hosted.quiz)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value])
    reopen(page)
    assert notice(page) == "Your saved answers could not be read, so they were cleared."
    assert checked(page) == {}
    assert stored(page) == {}
    answer(page, {"HP-1": 0})  # and the quiz works on
    assert show_results(page)["score"].startswith("Partial score: 100%")
    assert_clean(page, hosted.quiz)


def test_quiz_works_when_storage_throws(where, context, page):
    context.add_init_script(NO_STORAGE)
    stacks = []
    page.on("pageerror", lambda e: stacks.append(e.stack))
    open_quiz(page, where.quiz)
    assert page.evaluate("(() => { try { localStorage; return 'no error'; } catch (e) { return e.name; } })()") \
        == "SecurityError"
    answer(page, {"HP-1": 1, "HP-2": 1})
    assert page.locator("#kb-quiz-progress").inner_text() == "2 of 3 questions answered"
    assert show_results(page)["score"].startswith("Overall score: 30%")  # 1.5 of 5
    assert page.locator("#kb-history li").all_inner_texts()[0].endswith("(2 of 3 answered) Delete")
    if where.hosted:
        page.get_by_role("button", name="Copy link to these results").click()
        assert page.locator("#kb-quiz-link").input_value().endswith(link_hash(page, {"HP-1": 1, "HP-2": 1}))
    page.get_by_role("button", name="Reset answers").click()
    assert checked(page) == {}
    reopen(page)
    assert notice(page) == ""
    # Material's own inline palette script reads localStorage unguarded (__md_get) and fails once per
    # page load; nothing else may.
    assert stacks and all("__md_get" in s and "quiz.js" not in s for s in stacks), stacks
    assert page.recorder.console == []


# Share links


def copy_link(page, clipboard: bool) -> str:
    page.get_by_role("button", name="Copy link to these results").click()
    field = page.get_by_role("textbox", name="Link to these results:")
    field.wait_for()
    if clipboard:
        page.wait_for_function("document.querySelector('.kb-quiz-copy-status').textContent.startsWith('Link copied')")
        text = page.evaluate("navigator.clipboard.readText()")
        assert text == field.input_value()
        return text
    assert page.locator(".kb-quiz-copy-status").inner_text() == "Copy the link below (press Ctrl+C or \u2318C)."
    assert field.evaluate("f => f.readOnly && document.activeElement === f && f.selectionStart === 0 "
                          "&& f.selectionEnd === f.value.length")
    return field.input_value()


@pytest.mark.parametrize("clipboard", [True, False])
def test_share_link_shows_the_same_results_in_a_fresh_browser(hosted, browser, context, page, clipboard):
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=hosted.quiz.split("/self")[0])
    else:
        page.add_init_script(NO_CLIPBOARD)
    open_quiz(page, hosted.quiz)
    answer(page, {"HP-1": 1, "HP-2": 1, "HP-3": "u"})
    mine = show_results(page)
    link = copy_link(page, clipboard)
    assert link == hosted.shared + link_hash(page, {"HP-1": 1, "HP-2": 1, "HP-3": "u"})
    assert link.endswith("#a=2." + "b" + quiz_data(page)["entries"][0]["fp"] + "b" + quiz_data(page)["entries"][1]["fp"]
                         + "u" + quiz_data(page)["entries"][2]["fp"])  # 4 characters per answered question
    assert_clean(page, hosted.quiz)

    fresh = browser.new_context()  # another browser: its own storage, with answers of its own
    try:
        other = new_page(fresh)
        open_quiz(other, hosted.quiz)
        answer(other, {"HP-1": 0, "HP-2": 0, "HP-3": 0})
        own = stored(other)
        other.goto("about:blank")
        other.goto(link)
        other.locator("#kb-results").wait_for()
        shared = read_results(other)
        assert {k: shared[k] for k in ("score", "chart", "ranked", "first")} == \
            {k: mine[k] for k in ("score", "chart", "ranked", "first")}
        assert shared["date"].startswith("Answers from a shared link")
        assert checked(other) == {"HP-1": "1", "HP-2": "1", "HP-3": "u"}
        assert notice(other).startswith("You are looking at answers from a shared link.")
        assert other.evaluate("document.activeElement.id") == "kb-results-title"
        answer(other, {"HP-3": 1})  # looking around does not touch the stored answers
        assert stored(other) == own
        reopen(other)
        other.locator("#kb-results").wait_for()
        assert checked(other) == {"HP-1": "1", "HP-2": "1", "HP-3": "u"}
        assert stored(other) == own
        keep = other.get_by_role("button", name="Keep these answers")
        keep.click()  # kept as an assessment of its own: the reader's own answers stay
        doc = kept(other)
        assert doc["assessments"][0]["name"] == "My assessment"
        assert doc["assessments"][1]["name"].startswith("Shared link, ")
        assert saved(other, 0) == {"HP-1": "0", "HP-2": "0", "HP-3": "0"} and doc["current"] == 1
        assert saved(other) == {"HP-1": "1", "HP-2": "1", "HP-3": "u"}
        assert keep.is_hidden()
        assert "#a=" not in other.url
        assert notice(other).startswith(
            "These answers are now saved in this browser, as the assessment \u201cShared link")
        reopen(other)
        assert checked(other) == {"HP-1": "1", "HP-2": "1", "HP-3": "u"}
        assert_clean(other, hosted.quiz)
    finally:
        fresh.close()


def test_offline_copy_without_a_published_address_shares_no_dead_link(offline_hiring, page):
    open_quiz(page, offline_hiring.as_uri() + "/self-assessment.html")
    answer(page, {"HP-1": 1})
    page.get_by_role("button", name="Copy link to these results").click()
    assert page.locator(".kb-quiz-copy-status").inner_text().startswith(
        "This offline copy names no published address, so there is no link to share.")
    assert page.locator("#kb-quiz-link").is_hidden()
    show_results(page)
    assert "These results have no address: this offline copy names no published site." in read_results(page)["head"]
    assert_clean(page)


def test_offline_copy_of_a_published_site_shares_the_published_address(offline_published, page):
    quiz = offline_published.as_uri() + "/self-assessment.html"
    page.add_init_script(NO_CLIPBOARD)
    open_quiz(page, quiz)
    answer(page, {"HP-1": 1, "HP-2": 0})
    link = copy_link(page, clipboard=False)
    assert link == PUBLISHED + "self-assessment/" + link_hash(page, {"HP-1": 1, "HP-2": 0})
    results = show_results(page)
    assert results["report"][0][0] == f"HP-1: Posting a vague job ad\n{PUBLISHED}mistakes/hp-1/#avoid"
    page.goto(quiz + link.split("self-assessment/")[1])  # the same answers open in the offline copy
    page.locator("#kb-results").wait_for()
    assert checked(page) == {"HP-1": "1", "HP-2": "0"}
    assert_clean(page)


def test_format_1_links_of_todays_questions_keep_opening(hosted, page):
    open_quiz(page, hosted.quiz)
    ver = version(page)
    page.goto(hosted.quiz + f"#a={ver}.0-1")
    page.locator("#kb-results").wait_for()
    assert read_results(page)["score"].startswith("Overall score: 67%")  # 2 + 0 of 2 + 1
    assert checked(page) == {"HP-1": "0", "HP-3": "1"}
    assert stored(page) == {}
    assert page.get_by_role("button", name="Keep these answers").is_visible()
    page.get_by_role("button", name="Reset answers").click()
    assert "#a=" not in page.url
    assert page.get_by_role("button", name="Keep these answers").is_hidden()
    answer(page, {"HP-2": 0})  # no longer a shared view: answers are kept again
    assert saved(page) == {"HP-2": "0"}
    assert_clean(page, hosted.quiz)


BAD_LINK = "The answers in this link are incomplete or damaged, so they are not shown."
OLD_LINK = ("This link was made for an earlier version of the questions, when links kept one version for the whole "
            "questionnaire, so its answers cannot be matched question by question and are not shown. Ask whoever "
            "sent it for a new link.")


@pytest.mark.parametrize("fragment, message", [
    ("#a=", BAD_LINK),
    ("#a={v}", BAD_LINK),
    ("#a={v}.", BAD_LINK),
    ("#a={v}.00", BAD_LINK),            # too short
    ("#a={v}.0000", BAD_LINK),          # too long
    ("#a={v}.0x1", BAD_LINK),           # not an answer
    ("#a={v}.050", BAD_LINK),           # HP-2 has three options, not six
    ("#a={v}.2u-", BAD_LINK),           # HP-1 has two options
    ("#a={v}.0.0.0", BAD_LINK),
    ("#a={v}.%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", BAD_LINK),
    ("#a=<script>alert(1)</script>", BAD_LINK),
    ("#a=2.", BAD_LINK),
    ("#a=2.zzzz", BAD_LINK),
    ("#a=2.{fp1}", BAD_LINK),           # an item without its answer
    ("#a=2.e{fp1}--", BAD_LINK),        # HP-1 has no fifth option
    ("#a=9.b{fp1}", BAD_LINK),          # a format this page does not know
    ("#a=0123456789ab.000", OLD_LINK),  # format 1, questions changed since the link was made
])
def test_tampered_share_link_gives_a_notice_not_an_error(hosted, page, fragment, message):
    open_quiz(page, hosted.quiz)
    ver, fp1 = version(page), quiz_data(page)["entries"][0]["fp"]
    answer(page, {"HP-1": 1})  # the reader's own answers stay in place
    page.goto("about:blank")
    page.goto(hosted.quiz + fragment.replace("{v}", ver).replace("{fp1}", fp1))
    page.locator(".kb-quiz-actions").wait_for()
    assert notice(page) == message
    assert page.locator("#kb-results").is_hidden()
    assert checked(page) == {"HP-1": "1"}
    assert saved(page) == {"HP-1": "1"}
    assert page.get_by_role("button", name="Keep these answers").is_hidden()
    assert_clean(page, hosted.quiz)


def test_tampered_link_and_corrupted_storage_offline(offline_hiring, page):
    quiz = offline_hiring.as_uri() + "/self-assessment.html"
    open_quiz(page, quiz)
    page.evaluate("k => localStorage.setItem(k, '{broken')", KEY)
    page.goto(quiz + "#a=zz")
    reopen(page)
    assert notice(page) == "Your saved answers could not be read, so they were cleared. " + BAD_LINK
    assert page.locator("#kb-results").is_hidden()
    assert_clean(page)


def test_other_fragments_are_left_alone(hosted, page):
    open_quiz(page, hosted.quiz)
    page.goto(hosted.quiz + "#quiz-interviews")
    page.locator(".kb-quiz-actions").wait_for()
    assert notice(page) == ""
    assert page.locator("#kb-results").is_hidden()
    assert_clean(page, hosted.quiz)


# The next version of the catalog: one question changed, one entry added, one merged


def next_version(project: Path) -> None:
    """HP-3's question reworded; HP-6 added; HP-2 merged into HP-1 (its file to content/retired/, its
    source item to HP-1), as README "Renaming or merging" says."""
    c = project / "content"
    m = c / "mistakes"
    (m / "hp-3.yaml").write_text((m / "hp-3.yaml").read_text()
                                 .replace("Do you call references before you make an offer?",
                                          "Do you call two references before every offer?")
                                 .replace("related: [HP-2]", "related: [HP-1]"))
    (m / "hp-1.yaml").write_text((m / "hp-1.yaml").read_text().replace("related: [HP-2]", "related: [HP-3]")
                                 .replace('sources: [{source: handbook, item: "1"}]',
                                          'sources: [{source: handbook, item: "1"}, {source: handbook, item: "2"}]'))
    (m / "hp-2.yaml").unlink()
    (c / "retired" / "hp-2.yaml").write_text(
        "id: HP-2\ntitle: Interviewing without a plan\nmerged_into: HP-1\ndate: 2026-06-01\nnote: One problem.\n")
    (m / "hp-6.yaml").write_text("""id: HP-6
title: Making slow offers
summary: The offer comes weeks after the last interview, and the best candidate has gone.
category: interviews
severity: medium
why: Good candidates have other offers; every week of delay loses some of them.
warning_signs: [Candidates withdraw after the final interview.]
avoid: [Decide within three working days of the last interview.]
question:
  text: Do you make offers within a week of the last interview?
  options: [{label: "Yes", score: 1}, {label: "No", score: 0}]
related: [HP-3]
aliases: [offer delay]
sources: [{source: handbook, item: "4"}]
""")
    source = c / "sources" / "handbook.yaml"
    source.write_text(source.read_text() + '  - {id: "4", label: Slow offers}\n')


UPGRADE = ("1 question changed since these answers: HP-3; 1 is new: HP-6; HP-2 was merged into HP-1 (its answer is "
           "not carried over). Those questions are left unanswered.")


@pytest.mark.parametrize("how", ["http", "file"])
def test_answers_and_links_survive_the_next_catalog_version(how, tmp_path, serve, browser, context, page):
    config = copy_fixture(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    env = {"OFFLINE": "true"} if how == "file" else {}
    mkdocs_build(config, site, **env)
    quiz = serve(site) + "self-assessment/" if how == "http" else site.as_uri() + "/self-assessment.html"

    # Version 1: answers kept in this browser, a past result, and links sent to someone.
    open_quiz(page, quiz)
    answer(page, {"HP-1": 1, "HP-2": 1, "HP-3": 0})
    show_results(page)
    link = link_hash(page, {"HP-1": 1, "HP-2": 1, "HP-3": 0})
    if how == "http":
        page.get_by_role("button", name="Copy link to these results").click()
        assert page.locator("#kb-quiz-link").input_value() == quiz + link
    old_format = f"#a={version(page)}.110"

    # Version 2, built over the same site folder (same address, same browser storage).
    next_version(config.parent)
    mkdocs_build(config, site, **env)
    reopen(page)
    assert [e["id"] for e in quiz_data(page)["entries"]] == ["HP-1", "HP-3", "HP-6"]
    assert notice(page) == UPGRADE
    assert checked(page) == {"HP-1": "1"}  # HP-1 unchanged; HP-3 changed and HP-6 new: unanswered, never guessed
    results = show_results(page)
    assert results["score"] == ("Partial score: 0%, from 1 of 3 questions. No verdict yet: 2 questions left; "
                                "answer at least 1 more for a verdict.")
    assert ranked_ids(results) == ["HP-1"]
    # The past result of version 1 compared with today's answers: HP-1 the same, the rest not comparable.
    page.select_option("#kb-compare-a", index=1)
    page.get_by_role("button", name="Compare", exact=True).click()
    table = page.locator("#kb-compare table")
    assert [r.split("\t") for r in table.locator("tbody tr").all_inner_texts()] == [
        ["HP-1: Posting a vague job ad", "No", "No", "same"],
        ["HP-3: Skipping reference checks", "no answer", "no answer", "not compared"],
        ["HP-6: Making slow offers", "no answer", "no answer", "not compared"]]
    assert "1 question changed since these answers: HP-3" in page.locator("#kb-compare p").inner_text()
    answer(page, {"HP-3": 0})  # answering again keeps today's fingerprints: no notice next time
    reopen(page)
    assert notice(page) == ""

    # The link sent with version 1, opened in another browser after the upgrade.
    fresh = browser.new_context()
    try:
        other = new_page(fresh)
        other.goto(quiz + link)
        other.locator("#kb-results").wait_for()
        assert checked(other) == {"HP-1": "1"}
        assert notice(other).endswith(UPGRADE)
        assert read_results(other)["score"].startswith("Partial score: 0%, from 1 of 3 questions.")
        other.goto("about:blank")
        other.goto(quiz + old_format)  # format 1 kept one version for all questions: told, not guessed
        other.locator(".kb-quiz-actions").wait_for()
        assert notice(other) == OLD_LINK
        assert checked(other) == {}
        assert_clean(other, quiz)
    finally:
        fresh.close()
    assert_clean(page, quiz)


# Past results, comparison and named assessments


def accept_dialogs(page) -> None:
    page.on("dialog", lambda d: d.accept())


def history(page) -> list[str]:
    return page.locator("#kb-history li").all_inner_texts()


def test_past_results_are_kept_compared_and_deleted(where, page):
    accept_dialogs(page)
    open_quiz(page, where.quiz)
    assert history(page) == ["None yet."]
    answer(page, {"HP-1": 1, "HP-2": 2, "HP-3": 0})  # 1 of 6 = 17%
    show_results(page)
    show_results(page)  # the same answers again: no second copy
    answer(page, {"HP-1": 0, "HP-2": 1, "HP-3": 1})  # 2 + 1.5 of 6 = 58%
    show_results(page)
    reopen(page)
    items = history(page)
    assert len(items) == 2
    assert items[0].endswith(": 58% (3 of 3 answered) Delete") and items[1].endswith(": 17% (3 of 3 answered) Delete")
    year = str(page.evaluate("new Date().getFullYear()"))
    assert all(year in i for i in items)
    # Any two side by side: the older result against the newer one.
    options = page.locator("#kb-compare-a option").all_inner_texts()
    assert options[0] == "My assessment: current answers" and options[1].endswith(": 17%")
    page.select_option("#kb-compare-a", index=1)
    page.select_option("#kb-compare-b", index=2)
    page.get_by_role("button", name="Compare", exact=True).click()
    summary = page.locator("#kb-compare p").inner_text()
    assert summary == "Score: 17% then 58%. Improved: HP-1, HP-2. Got worse: HP-3."
    rows = [r.split("\t") for r in page.locator("#kb-compare tbody tr").all_inner_texts()]
    assert rows == [["HP-1: Posting a vague job ad", "No", "Yes", "improved"],
                    ["HP-2: Interviewing without a plan", "No", "Sometimes", "improved"],
                    ["HP-3: Skipping reference checks", "Yes", "No", "worse"]]
    # Delete one, then all.
    page.get_by_role("button", name=re.compile("^Delete the result of ")).first.click()
    assert len(history(page)) == 1 and history(page)[0].endswith("17% (3 of 3 answered) Delete")
    assert len(kept(page)["assessments"][0]["history"]) == 1
    page.get_by_role("button", name="Delete all past results of this assessment").click()
    assert history(page) == ["None yet."]
    assert kept(page)["assessments"][0]["history"] == []
    assert_clean(page, where.quiz)


def test_named_assessments_switch_and_show_side_by_side(where, page):
    accept_dialogs(page)
    open_quiz(page, where.quiz)
    name = page.get_by_role("textbox", name="Name")
    assert name.input_value() == "My assessment"
    name.fill("Provider A")
    name.press("Tab")
    answer(page, {"HP-1": 0, "HP-2": 2})
    page.get_by_role("button", name="New assessment").click()
    assert page.evaluate("document.activeElement.id") == "kb-assess-name"
    assert name.input_value() == "Assessment 2"
    assert checked(page) == {}  # a new assessment starts empty
    name.fill("Provider B")
    name.press("Tab")
    answer(page, {"HP-1": 1, "HP-2": 0, "HP-3": 0})
    pick = page.get_by_role("combobox", name="Assessment")
    assert pick.locator("option").all_inner_texts() == ["Provider A", "Provider B"]
    pick.select_option(label="Provider A")
    assert checked(page) == {"HP-1": "0", "HP-2": "2"}
    assert name.input_value() == "Provider A"
    reopen(page)  # the one shown is remembered
    assert checked(page) == {"HP-1": "0", "HP-2": "2"}
    assert [a["name"] for a in kept(page)["assessments"]] == ["Provider A", "Provider B"]
    # Side by side.
    page.select_option("#kb-compare-a", label="Provider A: current answers")
    page.select_option("#kb-compare-b", label="Provider B: current answers")
    page.get_by_role("button", name="Compare", exact=True).click()
    assert page.locator("#kb-compare thead th").all_inner_texts() == [
        "Question", "Provider A: current answers", "Provider B: current answers", "Change"]
    rows = [r.split("\t") for r in page.locator("#kb-compare tbody tr").all_inner_texts()]
    assert rows == [["HP-1: Posting a vague job ad", "Yes", "No", "worse"],
                    ["HP-2: Interviewing without a plan", "No", "Yes", "improved"],
                    ["HP-3: Skipping reference checks", "no answer", "Yes", "not compared"]]
    # Results name the assessment; deleting one leaves the other.
    show_results(page)
    assert "Assessment: Provider A." in read_results(page)["head"]
    page.get_by_role("button", name="Delete this assessment").click()
    assert notice(page) == "Deleted \u201cProvider A\u201d."
    assert pick.locator("option").all_inner_texts() == ["Provider B"]
    assert checked(page) == {"HP-1": "1", "HP-2": "0", "HP-3": "0"}
    assert_clean(page, where.quiz)


def test_compare_starts_with_the_two_most_recent_different_results(hosted, page):
    open_quiz(page, hosted.quiz)
    picked = lambda: [page.locator(f"#kb-compare-{k} option:checked").inner_text() for k in "ab"]  # noqa: E731
    assert picked() == ["My assessment: current answers"] * 2  # nothing else to compare with yet
    answer(page, {"HP-1": 1, "HP-2": 2})
    show_results(page)  # a past result with the same answers: two different items, not one twice
    first, now = picked()
    assert first.startswith("My assessment, ") and first.endswith(": 0%") and now == "My assessment: current answers"
    answer(page, {"HP-1": 0})
    show_results(page)  # the newest past result is the same as the current answers: the one before
    assert picked() == [first, "My assessment: current answers"]
    page.get_by_role("button", name="Compare", exact=True).click()
    assert page.locator("#kb-compare p").inner_text().startswith("Score: 0% then 40%. Improved: HP-1.")
    page.select_option("#kb-compare-b", index=2)  # the reader's choice stays while the lists are rebuilt
    page.get_by_role("textbox", name="Name").fill("Provider A")
    page.get_by_role("textbox", name="Name").press("Tab")
    assert picked() == ["Provider A, " + first.split(", ", 1)[1], page.locator("#kb-compare-b option").nth(2).inner_text()]
    assert_clean(page, hosted.quiz)


# The team view: three people's links, read in this browser only


def test_team_view_with_three_links(where, page):
    open_quiz(page, where.quiz)
    base = where.shared or PUBLISHED + "self-assessment/"  # links come from wherever the team answered
    ana = link_hash(page, {"HP-1": 0, "HP-2": 1, "HP-3": 0})
    bo = link_hash(page, {"HP-1": 0, "HP-2": 2, "HP-3": "u"})
    cy = link_hash(page, {"HP-1": 0, "HP-2": 0})
    page.get_by_role("textbox", name="Links to results").fill(
        f"Ana: {base}{ana}\n{base}{bo}\n\nCy {base}{cy}\nnot a link at all\n")
    requests = len(page.recorder.urls)
    page.get_by_role("button", name="Show the team view").click()
    team = page.locator("#kb-team")
    assert team.locator("thead th").all_inner_texts() == ["Question", "Ana", "Person 2", "Cy"]
    rows = [r.split("\t") for r in team.locator("tbody tr").all_inner_texts()]
    assert rows == [  # disagreements first
        ["Disagreement: HP-2: Interviewing without a plan", "Sometimes", "No", "Yes"],
        ["Disagreement: HP-3: Skipping reference checks", "Yes", "Does not apply", "no answer"],
        ["HP-1: Posting a vague job ad", "Yes", "Yes", "Yes"]]
    # Combined: the most exposed answer per question: HP-1 Yes (2), HP-2 No (0 of 3), HP-3 Yes (1) = 3 of 6
    summary = team.locator("p").inner_text()
    assert summary.startswith("Combined result of 3 people: 50%, counting for each question the most exposed "
                              "answer given. 2 questions with different answers come first")
    assert "Line 5: not a readable link to results." in summary
    assert len(page.recorder.urls) == requests  # nothing was fetched or sent
    assert stored(page) == {}  # and nothing stored
    assert_clean(page, where.quiz)


def test_team_view_reads_long_lines_at_once_and_bounds_a_paste(hosted, page):
    """The earlier parser backtracked cubically: 2,000 spaces and a letter froze the tab for 10 s."""
    open_quiz(page, hosted.quiz)
    link = hosted.shared + link_hash(page, {"HP-1": 0})
    box = page.get_by_role("textbox", name="Links to results")
    box.fill(f"Ana {':' * 20000} {link}\n{' ' * 20000}a\n{':' * 5000}")
    page.get_by_role("button", name="Show the team view").click()
    team = page.locator("#kb-team")
    assert team.locator("thead th").all_inner_texts() == ["Question", "Ana"]
    assert "Line 2: not a readable link to results. Line 3: not a readable link to results." in \
        team.locator("p").inner_text()
    box.fill(f"{link}\n" * 101)
    page.get_by_role("button", name="Show the team view").click()
    assert team.inner_text() == ("The team view reads at most 100 lines and 50,000 characters at once, and this holds "
                                 "more: paste fewer links.")
    box.fill(" " * 50001)
    page.get_by_role("button", name="Show the team view").click()
    assert team.inner_text().startswith("The team view reads at most 100 lines")
    assert_clean(page, hosted.quiz)


# Export and import


def download(page, button: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_text()


def two_assessments(page) -> None:
    name = page.get_by_role("textbox", name="Name")
    name.fill("Provider A")
    name.press("Tab")
    answer(page, {"HP-1": 1, "HP-2": 2})
    show_results(page)
    answer(page, {"HP-2": 1, "HP-3": "u"})
    show_results(page)
    page.get_by_role("button", name="New assessment").click()
    name.fill("Provider B, \"new\"")
    name.press("Tab")
    answer(page, {"HP-1": 0})


def import_file(page, name: str, text: str, mime: str = "application/json") -> str:
    page.locator("#kb-files-status").evaluate("s => { s.hidden = true; s.textContent = ''; }")
    page.get_by_label("Import a JSON or CSV file").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": text.encode()}])
    status = page.locator("#kb-files-status")
    status.wait_for()
    return status.inner_text()


def test_export_and_import_round_trips(where, browser, page):
    open_quiz(page, where.quiz)
    two_assessments(page)
    mine = kept(page)
    name, text = download(page, "Download all, with past results (JSON)")
    assert re.fullmatch(r"hiring-pitfalls-self-assessment-\d{4}-\d\d-\d\d\.json", name)
    doc = json.loads(text)
    jsonschema.validate(doc, SCHEMA)
    assert doc["assessments"] == mine["assessments"]
    assert (doc["site"], doc["release"], doc["key"]) == ("Hiring Pitfalls", "unreleased", "hiring-pitfalls")
    assert ("$schema" in doc) == where.hosted  # the schema's address, when the site has one
    _, one = download(page, "Download this assessment (JSON)")
    assert [a["name"] for a in json.loads(one)["assessments"]] == ['Provider B, "new"']
    csv_name, csv = download(page, "Download all as CSV")
    assert csv_name.endswith(".csv")
    fp1 = quiz_data(page)["entries"][0]["fp"]
    assert csv.splitlines()[:2] == ["assessment,date,id,title,answer,option,fingerprint",
                                    f"Provider A,,HP-1,Posting a vague job ad,No,1,{fp1}"]
    assert '"Provider B, ""new""",,HP-1' in csv

    for file_name, content in (("answers.json", text), ("answers.csv", csv)):
        fresh = browser.new_context()  # a browser whose storage was wiped
        try:
            other = new_page(fresh)
            open_quiz(other, where.quiz)
            status = import_file(other, file_name, content)
            assert status == ("Imported 2 assessments: Provider A, Provider B, \"new\". "
                              "Showing \u201cProvider A\u201d.")
            got = kept(other)
            assert got["assessments"] == mine["assessments"], file_name
            assert checked(other) == {"HP-1": "1", "HP-2": "1", "HP-3": "u"}
            assert len(history(other)) == 2
            # Importing again adds copies under new names, never overwrites.
            import_file(other, file_name, content)
            assert [a["name"] for a in kept(other)["assessments"]] == [
                "Provider A", 'Provider B, "new"', "Provider A (2)", 'Provider B, "new" (2)']
            assert_clean(other, where.quiz)
        finally:
            fresh.close()
    assert_clean(page, where.quiz)


@pytest.mark.parametrize("name, content, message", [
    ("bad.json", "{not json", "This file cannot be imported (this is not valid JSON). Nothing was changed."),
    ("bad.json", '{"format": 1, "key": "another-site", "assessments": []}',
     'This file cannot be imported (key: this file belongs to another site ("another-site")). Nothing was changed.'),
    ("bad.json", '{"format": 1, "key": "hiring-pitfalls", "assessments": [{"name": "X", "history": [], "answers": '
     '{"HP-1": {"answer": "7", "fingerprint": "FP1"}}}]}',
     "This file cannot be imported (assessments[0].answers.HP-1: no option 7). Nothing was changed."),
    ("bad.csv", "id,answer\nHP-1,0\n",
     "This file cannot be imported (the first row must be: assessment,date,id,title,answer,option,fingerprint). "
     "Nothing was changed."),
    ("photo.png", "\x89PNG\r\n", "This file cannot be imported (the first row must be"),
])
def test_bad_files_are_refused_and_nothing_changes(hosted, page, name, content, message):
    open_quiz(page, hosted.quiz)
    answer(page, {"HP-1": 1})
    show_results(page)
    before = stored(page)
    fp1 = quiz_data(page)["entries"][0]["fp"]
    mime = "text/csv" if name.endswith(".csv") else "application/json"
    status = import_file(page, name, content.replace("FP1", fp1), mime)
    assert status.startswith(message) and status.endswith("Nothing was changed."), status
    assert stored(page) == before
    assert checked(page) == {"HP-1": "1"}
    assert page.get_by_role("combobox", name="Assessment").locator("option").all_inner_texts() == ["My assessment"]
    assert_clean(page, hosted.quiz)


def test_csv_download_never_holds_a_formula_and_imports_back(hosted, browser, page):
    """An assessment named like a spreadsheet formula (typed, or imported from someone else's file)."""
    open_quiz(page, hosted.quiz)
    formula = '=HYPERLINK("http://evil.example/","Click")'
    name = page.get_by_role("textbox", name="Name")
    name.fill(formula)
    name.press("Tab")
    answer(page, {"HP-1": 1})
    _, csv = download(page, "Download all as CSV")
    assert '\n"\'=HYPERLINK(""http://evil.example/"",""Click"")",,HP-1,' in csv
    cells = [c for line in csv.splitlines()[1:] for c in re.findall(r'("(?:[^"]|"")*"|[^,]*)(?:,|$)', line)]
    assert not [c for c in cells if re.match(r"[=+\-@\t\r]", c.removeprefix('"'))]
    assert ",'-," in csv  # an unanswered question's option
    fresh = browser.new_context()
    try:
        other = new_page(fresh)
        open_quiz(other, hosted.quiz)
        assert import_file(other, "answers.csv", csv, "text/csv") == \
            f"Imported 1 assessment: {formula}. Showing \u201c{formula}\u201d."
        assert saved(other) == {"HP-1": "1"}
        assert_clean(other, hosted.quiz)
    finally:
        fresh.close()
    assert_clean(page, hosted.quiz)


def test_files_with_prototype_names_and_wild_numbers(hosted, page):
    open_quiz(page, hosted.quiz)
    one = {e["id"]: {"answer": "1" if e["id"] == "HP-1" else "-", "fingerprint": e["fp"]}
           for e in quiz_data(page)["entries"]}
    doc = {"format": 1, "key": "hiring-pitfalls", "assessments": [
        {"name": "__proto__", "answers": one, "history": []}, {"name": "constructor", "answers": one, "history": []}]}
    assert import_file(page, "names.json", json.dumps(doc)) == \
        "Imported 2 assessments: __proto__, constructor. Showing \u201c__proto__\u201d."
    assert page.get_by_role("combobox", name="Assessment").locator("option").all_inner_texts() == \
        ["__proto__", "constructor"]
    assert [a["name"] for a in kept(page)["assessments"]] == ["__proto__", "constructor"]
    reopen(page)
    assert notice(page) == "" and checked(page) == {"HP-1": "1"}
    before = stored(page)
    doc["assessments"][0]["history"] = [{"date": "2026-05-01T10:00:00Z", "score": "50", "answered": "1e400",
                                         "answers": one}]
    assert import_file(page, "numbers.json", json.dumps(doc)) == (
        "This file cannot be imported (assessments[0].history[0].score: expected a whole number from 0 to 100, "
        "or null). Nothing was changed.")
    assert stored(page) == before
    assert_clean(page, hosted.quiz)


# Keyboard only, with focus visible at every step


FOCUS_SHOWN = """() => {
    const el = document.activeElement, s = getComputedStyle(el);
    return el !== document.body && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
}"""


def tab_to(page, selector: str, limit: int = 80, check_focus: bool = True) -> int:
    """Presses Tab until the selector has focus; returns how many presses it took. Every stop on the way
    in the page's content shows where the focus is (WCAG 2.4.7)."""
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('article')")
        if check_focus and inside:
            assert page.evaluate(FOCUS_SHOWN), page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return n
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only(where, page):
    open_quiz(page, where.quiz)
    # HP-1 "No" (second option), HP-2 "Sometimes" (second), HP-3 "Does not apply" (third)
    tab_to(page, "input[name='HP-1']")
    for entry_id, moves in (("HP-1", 1), ("HP-2", 1), ("HP-3", 2)):
        assert page.evaluate("document.activeElement.name") == entry_id  # one tab stop per question's answers
        assert page.evaluate("document.activeElement.value") == "0"  # first option, not chosen yet
        for _ in range(moves):
            page.keyboard.press("ArrowDown")
            assert page.evaluate(FOCUS_SHOWN)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('h2 > .headerlink')"):  # a new category's heading
            page.keyboard.press("Tab")
        if entry_id != "HP-3":  # the next question's "About this" link comes before its answers
            assert page.evaluate("document.activeElement.closest('.kb-qlink') !== null")
            assert page.evaluate(FOCUS_SHOWN)
            page.keyboard.press("Tab")
    assert checked(page) == {"HP-1": "1", "HP-2": "1", "HP-3": "u"}
    assert page.locator("#kb-quiz-progress").inner_text() == "3 of 3 questions answered"
    assert page.evaluate("document.activeElement.dataset.kbAction") == "results"  # right after the last question
    assert page.evaluate(FOCUS_SHOWN)
    page.keyboard.press("Enter")
    page.locator("#kb-results").wait_for()
    assert page.evaluate("document.activeElement.id") == "kb-results-title"
    assert page.evaluate(FOCUS_SHOWN)
    assert read_results(page)["score"].startswith("Overall score: 30%")  # 0 + 1.5 of 2 + 3
    # Every control after the results shows its focus too.
    tab_to(page, "[data-kb-action=json-all]")
    tab_to(page, "#kb-results-title ~ ol a", check_focus=False)  # round the page again (Material's own controls)
    assert page.evaluate("document.activeElement.textContent") == "HP-1: Posting a vague job ad"
    assert page.evaluate(FOCUS_SHOWN)
    page.keyboard.press("Enter")
    page.wait_for_url(where.entry_url("hp-1") + "#avoid")
    assert page.locator("h1").inner_text().startswith("HP-1:")
    assert_clean(page, where.quiz)


def test_about_this_link_of_each_question_is_reached_by_keyboard(where, page):
    open_quiz(page, where.quiz)
    assert page.locator(".kb-qlink a[tabindex]").count() == 0
    tab_to(page, "#q-hp-2 .kb-qlink a")
    assert page.evaluate("document.activeElement.textContent") == "HP-2: Interviewing without a plan"
    page.keyboard.press("Enter")
    page.wait_for_url(where.entry_url("hp-2"))
    assert_clean(page, where.quiz)


def test_keyboard_space_answers_and_activates(hosted, page):
    open_quiz(page, hosted.quiz)
    tab_to(page, "input[name='HP-1']")
    page.keyboard.press("Space")
    assert checked(page) == {"HP-1": "0"}
    tab_to(page, "[data-kb-action=results]")
    page.keyboard.press("Space")
    page.locator("#kb-results").wait_for()
    assert page.evaluate("document.activeElement.id") == "kb-results-title"
    assert_clean(page, hosted.quiz)


def test_keyboard_drives_assessments_team_and_files(hosted, page):
    open_quiz(page, hosted.quiz)
    tab_to(page, "[data-kb-action=new]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kb-assess-name"
    page.keyboard.type(" for B")
    page.keyboard.press("Tab")  # commits the name
    assert page.get_by_role("combobox", name="Assessment").locator("option").all_inner_texts() == [
        "My assessment", "Assessment 2 for B"]
    tab_to(page, "#kb-team-links")
    page.keyboard.type("Ana " + hosted.shared + link_hash(page, {"HP-1": 1}))
    tab_to(page, "[data-kb-action=team]")
    page.keyboard.press("Enter")
    assert page.locator("#kb-team thead th").all_inner_texts() == ["Question", "Ana"]
    assert_clean(page, hosted.quiz)


# Phone width


def test_phone_width_keeps_the_chart_readable(where, browser):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = new_page(ctx)
        open_quiz(page, where.quiz)
        answer(page, {"HP-1": 1, "HP-2": 1, "HP-3": 0})
        show_results(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing runs off the side
        for item in page.locator("#kb-chart li").all():
            bar, label, value = (item.locator(s).bounding_box() for s in (".kb-bar", ".kb-bar-label", ".kb-bar-value"))
            assert bar["width"] >= 200, bar  # most of the width, not a few pixels
            assert bar["y"] > label["y"]  # the label sits above its bar
            assert value["x"] + value["width"] <= 360
            assert item.locator(".kb-bar-label").evaluate("l => l.scrollWidth <= l.clientWidth")
        assert page.get_by_role("progressbar").bounding_box()["width"] >= 280
        for control in ("#kb-assess-pick", "#kb-team-links", "#kb-compare-a", "[data-kb-action=json-all]"):
            box = page.locator(control).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, control
        assert_clean(page, where.quiz)
    finally:
        ctx.close()


def phone(browser, height: int = 844):
    return browser.new_context(viewport={"width": 390, "height": height}, is_mobile=True, has_touch=True)


def test_results_heading_and_score_in_view_on_a_phone(where, browser):
    ctx = phone(browser)
    try:
        page = new_page(ctx)
        open_quiz(page, where.quiz)
        answer(page, {"HP-1": 1, "HP-2": 1, "HP-3": 0})
        show_results(page)
        header = page.locator(".md-header").bounding_box()
        title, score = page.locator("#kb-results-title").bounding_box(), page.locator("#kb-score").bounding_box()
        assert header["y"] + header["height"] <= title["y"] < 200, title  # at the top, below the header
        assert score["y"] + score["height"] <= 844, score
        assert page.evaluate("document.activeElement.id") == "kb-results-title"
        assert_clean(page, where.quiz)
    finally:
        ctx.close()


def test_sticky_progress_bar_covers_no_question(where, browser):
    """Linked to (a question, a category) or reached by keyboard, either way: the question shows whole,
    below the header and the sticky progress bar."""
    ctx = phone(browser, height=600)
    try:
        page = new_page(ctx)

        def clear(selector: str) -> None:
            bar = page.locator(".kb-quiz-status").bounding_box()
            box = page.locator(selector).bounding_box()
            assert bar["y"] + bar["height"] <= box["y"] and box["y"] + box["height"] <= 600, (selector, bar, box)

        for target in ("q-hp-2", "q-hp-3", "quiz-interviews"):
            open_quiz(page, where.quiz + "#" + target)
            clear("#" + target)
        page.evaluate("scrollTo(0, 0)")
        for key in ["Tab"] * 20 + ["Shift+Tab"] * 20:
            page.keyboard.press(key)
            question = page.evaluate("document.activeElement.closest('.kb-question')?.id")
            if question:
                clear(f"#{question} legend")
        assert_clean(page, where.quiz)
    finally:
        ctx.close()


# Print: a meeting document


def pdf_pages(pdf: bytes) -> list[int]:
    """How much text each page of a PDF made by Chromium holds: its count of text-showing operators."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S)}
    out = []
    for body in objects.values():
        if not re.search(rb"/Type\s*/Page\b", body):
            continue
        ops = 0
        for ref in re.findall(rb"(\d+) 0 R", re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body).group(1)):
            stream = objects[int(ref)]
            start = stream.index(b"stream") + len(b"stream")
            raw = stream[start:stream.rindex(b"endstream")]
            raw = raw[2:] if raw.startswith(b"\r\n") else raw[1:]  # the end of line after "stream", not data
            # decompressobj ignores the end of line before "endstream" (the data may end in \r or \n bytes itself)
            text = zlib.decompressobj().decompress(raw) if b"FlateDecode" in stream[:start] else raw
            ops += len(re.findall(rb"T[jJ]\b", text))
        out.append(ops)
    return out


ON_SCREEN_ONLY = (".md-header", ".md-sidebar--primary", ".md-footer", "#kb-quiz", ".kb-quiz-actions", ".kb-quiz-time",
                  "#kb-assess", "#kb-tools", "#kb-quiz-notice", "#kb-ranked", "#kb-first", "#kb-first-title",
                  ".kb-quiz-copy")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_print_is_a_meeting_report(where, page, paper):
    open_quiz(page, where.quiz)
    answer(page, {"HP-1": 1, "HP-2": 2, "HP-3": 0})
    page.get_by_role("button", name="Copy link to these results").click()
    results = show_results(page)
    assert page.locator(".kb-report").is_hidden()  # on screen, the ranked list is enough
    page.emulate_media(media="print")
    for hidden in ON_SCREEN_ONLY:
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.get_by_text("One question per mistake.").is_hidden()  # the questions' introduction
    for shown in ("h1", "#kb-report-head", "#kb-score", "#kb-chart", ".kb-report"):
        assert page.locator(shown).first.is_visible(), shown
    results = read_results(page)
    head = results["head"].split("\n")
    assert head[0] == "Hiring Pitfalls, version unreleased"
    year = str(page.evaluate("new Date().getFullYear()"))
    assert head[1].startswith("Printed ") and year in head[1] and head[1].endswith("Assessment: My assessment.")
    link = link_hash(page, {"HP-1": 1, "HP-2": 2, "HP-3": 0})
    assert head[2] == (f"These results: {where.shared}{link}" if where.shared else
                       "These results have no address: this offline copy names no published site.")
    assert results["score"].startswith("Overall score: 17%, from 3 of 3 questions.")  # the score rests on 3 answers
    root = where.shared.removesuffix("self-assessment/")
    assert page.locator(".kb-report th").all_inner_texts() == [
        "Mistake", "Answer given", "First steps, and what to ask the candidate", "Owner", "Due"]
    assert results["report"] == [
        [f"HP-2: Interviewing without a plan\n{root + 'mistakes/hp-2/#avoid' if root else '(no published address)'}",
         "\u201cNo\u201d, risk 3",
         "Write five questions tied to the job and ask them of everyone.\nScore answers right after each interview.",
         "", ""],
        [f"HP-1: Posting a vague job ad\n{root + 'mistakes/hp-1/#avoid' if root else '(no published address)'}",
         "\u201cNo\u201d, risk 2",
         "List the three tasks the hire will spend most time on.\nState the salary range.", "", ""]]
    assert page.locator(".kb-bar > span").first.evaluate("s => getComputedStyle(s).printColorAdjust") == "exact"
    assert len(pdf_pages(page.pdf(format=paper))) == 1
    assert_clean(page, where.quiz)


def test_print_before_results_is_the_checklist(hosted, page):
    open_quiz(page, hosted.quiz)
    page.emulate_media(media="print")
    assert page.locator("#kb-quiz").is_visible()
    assert page.get_by_text("One question per mistake.").is_visible()
    for hidden in (".kb-quiz-actions", "#kb-results", "#kb-tools", "#kb-assess", ".kb-quiz-time"):
        assert page.locator(hidden).is_hidden(), hidden


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_real_report_has_no_near_empty_page(request, serve, page, paper, seed):
    """A typical result of the real catalog (every question answered at random): every page of the
    report, the last one included, carries at least a fifth of the text of a full page."""
    catalog = load_catalog(ROOT / "content", ROOT)
    site = request.getfixturevalue("site")
    open_quiz(page, serve(site) + "self-assessment/")
    rng = random.Random(seed)
    answer(page, {e.id: rng.randrange(len(e.question.options)) for e in catalog.entries})
    show_results(page)
    page.emulate_media(media="print")
    pages = pdf_pages(page.pdf(format=paper))
    assert len(pages) <= 1 + len(catalog.entries) // 4, pages  # a page holds 4 entries' rows, steps and questions
    if len(pages) > 1:
        assert pages[-1] >= max(pages[:-1]) / 5, pages


def test_real_report_lists_what_to_ask_the_provider(request, serve, page):
    """For each exposed entry, the printed report carries the entry's questions for the provider."""
    catalog = load_catalog(ROOT / "content", ROOT)
    exposed = catalog.by_id["OP-26"]
    open_quiz(page, serve(request.getfixturevalue("site")) + "self-assessment/")
    worst = min(range(len(exposed.question.options)), key=lambda i: exposed.question.options[i].score)
    answer(page, {exposed.id: worst})
    show_results(page)
    page.emulate_media(media="print")
    row = page.locator("#kb-report tr", has_text=exposed.title)
    assert row.locator(".kb-ask-title").inner_text() == "Ask the provider:"
    assert row.locator(".kb-ask li").all_inner_texts() == list(exposed.ask_provider)
    assert row.is_visible()


# Accessibility, no JavaScript, instant navigation


def fill_tools(page, base: str) -> None:
    """Results shown, a comparison and a team view open: every part of the page on screen."""
    answer(page, {"HP-1": 1, "HP-2": 1, "HP-3": "u"})
    show_results(page)
    page.get_by_role("button", name="Copy link to these results").click()
    page.get_by_role("button", name="Compare", exact=True).click()
    page.get_by_role("textbox", name="Links to results").fill("Ana " + base + link_hash(page, {"HP-1": 1}))
    page.get_by_role("button", name="Show the team view").click()
    page.mouse.move(0, 0)
    page.wait_for_function("document.getAnimations().length === 0")  # colours settled after hover


def test_axe_finds_no_violations_before_and_after_results(where, page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    open_quiz(page, where.quiz)
    before = axe.run(page)
    assert before.violations_count == 0, before.generate_report()
    fill_tools(page, where.shared or PUBLISHED + "self-assessment/")
    after = axe.run(page)
    assert after.violations_count == 0, after.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_light_and_dark_on_the_real_site(request, serve, browser, scheme):
    """The real site has Material's light and dark palettes (the fixture has one)."""
    from axe_playwright_python.sync_playwright import Axe

    ctx = browser.new_context(color_scheme=scheme)
    try:
        page = new_page(ctx)
        quiz = serve(request.getfixturevalue("site")) + "self-assessment/"
        open_quiz(page, quiz)
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        before = Axe().run(page)
        assert before.violations_count == 0, before.generate_report()
        first = quiz_data(page)["entries"][0]["id"]
        answer(page, {first: 1})
        show_results(page)
        page.get_by_role("button", name="Compare", exact=True).click()
        page.get_by_role("textbox", name="Links to results").fill("Ana " + quiz + link_hash(page, {first: 0}))
        page.get_by_role("button", name="Show the team view").click()
        page.mouse.move(0, 0)
        page.wait_for_function("document.getAnimations().length === 0")
        after = Axe().run(page)
        assert after.violations_count == 0, after.generate_report()
    finally:
        ctx.close()


def test_without_javascript_the_questions_are_a_checklist(hiring_site, serve, browser):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(serve(hiring_site) + "self-assessment/")
        assert page.locator("fieldset.kb-question").count() == 3
        assert page.locator("fieldset.kb-question legend").first.inner_text().startswith("HP-1")
        assert page.get_by_role("link", name="HP-2: Interviewing without a plan").get_attribute("href") \
            == "../mistakes/hp-2/"
        assert page.locator(".kb-quiz-noscript").is_visible()
        assert "Scoring needs JavaScript" in page.locator(".kb-quiz-noscript").inner_text()
        for hidden in (".kb-quiz-actions", "#kb-results", "#kb-assess", "#kb-tools", "#kb-quiz-bar"):
            assert page.locator(hidden).is_hidden(), hidden
    finally:
        ctx.close()


def test_quiz_works_after_instant_navigation(instant_site, page):
    base = instant_site
    page.goto(base)
    page.evaluate("window.kbSamePage = true")
    page.locator("article a", has_text="hiring check").click()
    page.wait_for_url(base + "self-assessment/")
    page.locator(".kb-quiz-actions").wait_for()
    assert page.evaluate("window.kbSamePage") is True  # no full page load happened
    answer(page, {"HP-1": 1})
    assert page.locator("#kb-quiz-progress").inner_text() == "1 of 3 questions answered"
    assert show_results(page)["score"].startswith("Partial score: 0%")
    page.locator("#kb-ranked a").first.click()  # to the entry and back, instantly
    page.wait_for_url(base + "mistakes/hp-1/#avoid")
    page.go_back()
    page.wait_for_url(base + "self-assessment/")
    page.locator(".kb-quiz-actions").wait_for()
    assert checked(page) == {"HP-1": "1"}
    assert page.locator("#kb-quiz-progress").inner_text() == "1 of 3 questions answered"
    assert len(history(page)) == 1
    page.get_by_role("button", name="New assessment").click()  # one set of listeners: one new assessment
    assert page.get_by_role("combobox", name="Assessment").locator("option").count() == 2
    page.get_by_role("button", name="Reset answers").click()
    assert saved(page) == {}
    assert page.evaluate("window.kbSamePage") is True
    assert_clean(page, base)


def test_quiz_is_reachable_from_navigation_and_home(hosted, page):
    base = hosted.quiz.removesuffix("self-assessment/")
    page.goto(base)
    assert page.locator("article a", has_text="hiring check").get_attribute("href") == "self-assessment/"
    assert page.locator(".md-nav--primary a", has_text="Hiring check").count() >= 1
    config = (ROOT / "mkdocs.yml").read_text()
    assert "  - Self-assessment: self-assessment.md\n  - Meeting agenda: agenda.md\n  - About: about.md\n" in config
    assert "](self-assessment.md)" in (ROOT / "docs/index.md").read_text()


# Larger catalogs: the real one and a synthetic one, against a Python reference of the formula


def reference(catalog, answers: dict[str, int | str]) -> dict:
    """The formula as the page states it, in Python: weighted share, unsure left out, risk = w x (1 - s)."""
    got = most = 0.0
    cats: dict[str, list[float]] = {c.id: [0.0, 0.0] for c in catalog.categories}
    exposed = []
    for i, e in enumerate(catalog.entries):
        a = answers.get(e.id)
        if a is None or a == "u":
            continue
        w, s = WEIGHT[e.severity], e.question.options[a].score
        got, most = got + w * s, most + w
        cats[e.category][0] += w * s
        cats[e.category][1] += w
        if s < 1:
            exposed.append((-(w * (1 - s)), i, e))
    pct = lambda g, m: math.floor(100 * g / m + 0.5) if m else None  # noqa: E731 (JavaScript's Math.round)
    ranked = [e for _, _, e in sorted(exposed, key=lambda x: x[:2])]
    risk = {e.id: -r for r, _, e in exposed}
    top = max(risk.values(), default=0)  # "What to do first": every risk at least half the highest
    return {"score": pct(got, most),
            "chart": {c.title + ":": (f"{pct(*cats[c.id])}%" if cats[c.id][1] else "not scored")
                      for c in catalog.categories if catalog.by_category[c.id]},
            "ranked": [e.id for e in ranked],
            "first": [f"{e.avoid[0]} Step 1 of {e.id}: {e.title}" for e in ranked if risk[e.id] >= top / 2]}


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory) -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    project = tmp_path_factory.mktemp("synthetic")
    synth.write_generator_project(14, project)
    mkdocs_build(project / "mkdocs.yml", project / "site")
    return project / "site", project


@pytest.mark.parametrize("which", ["synthetic", "real"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scores_match_the_python_reference(which, seed, request, serve, page):
    if which == "real":
        catalog = load_catalog(ROOT / "content", ROOT)
        site = request.getfixturevalue("site")
    else:
        site, project = request.getfixturevalue("synthetic_site")
        catalog = load_catalog(project / "content", project)
    rng = random.Random(seed)
    answers = {}
    for e in catalog.entries:
        pick = rng.choice(["skip", "u"] + list(range(len(e.question.options))) * 2)
        if pick != "skip":
            answers[e.id] = pick
    quiz = serve(site) + "self-assessment/"
    open_quiz(page, quiz)
    answer(page, answers)
    results = show_results(page)
    want = reference(catalog, answers)
    answered = len(answers)
    scored = sum(1 for a in answers.values() if a != "u")
    lead = "Overall score" if answered >= math.ceil(len(catalog.entries) / 2) else "Partial score"
    total = len(catalog.entries)
    assert results["score"].startswith(f"{lead}: {want['score']}%, from {scored} of {total} questions."), \
        (results["score"], want["score"])
    assert {label: value for label, value, _ in results["chart"]} == want["chart"]
    assert ranked_ids(results) == want["ranked"]
    assert results["first"] == want["first"]
    assert_clean(page, quiz)


# The script itself


def test_client_code_never_writes_html_from_strings():
    # Size is a target of `make bench` (minified and gzipped), not of the test suite.
    # Every script of ours, the site's and the theme's; vendor/ is not ours.
    folder = ROOT / "hooks/kbgen/assets"
    scripts = sorted([*folder.glob("**/*.js"), *(ROOT / "hooks/kbgen/theme/assets").glob("*.js")])
    scripts = [s for s in scripts if "vendor" not in s.parts]
    assert {"kb.js", "core.js", "start.js", "kb-search.js"} <= {s.name for s in scripts}
    assert sorted(f"assets/{s.relative_to(folder)}" for s in scripts if s.parent.name == "quiz") \
        == sorted(SCRIPT_PARTS)  # every part is served
    for pure in ("core", "links", "check"):  # the pure parts stay pure: no page, no storage
        code = re.sub(r"//.*", "", (ROOT / f"hooks/kbgen/assets/quiz/{pure}.js").read_text())
        assert not re.search(r"\b(localStorage|document|location)\b", code), pure
    for script in scripts:
        js = script.read_text()
        assert not re.search(r"\.(inner|outer)HTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function",
                             js), script.name
    # The generator names its scripts for every site: kb.js, then quiz.js (its parts joined by the build), which
    # uses what kb.js defines, then agenda.js, which uses both; and its stylesheets.
    from kbgen.generate import agenda, assets

    assert assets.SCRIPTS == ("assets/kb.js", "assets/quiz.js", "assets/agenda.js")
    assert {"assets/quiz.css", "assets/agenda.css"} <= set(assets.STYLES)
    assert sorted(f"assets/{s.relative_to(assets.FOLDER)}" for s in scripts if s.parent.name == "agenda") \
        == sorted(agenda.SCRIPT_PARTS)
    code = re.sub(r"//.*", "", (ROOT / "hooks/kbgen/assets/agenda/core.js").read_text())
    assert not re.search(r"\b(localStorage|document|location)\b", code), "agenda/core.js"


@pytest.mark.parametrize("release", ["2026.2"])
def test_a_share_link_made_on_an_earlier_release_opens_on_this_one(site, serve, page, release):
    """A reader shared results on the site as released then: every answer whose question is unchanged counts,
    and each changed question, and each id merged since, is named, never guessed."""
    import yaml

    from kbgen.generate.quiz import fingerprint
    from kbgen.model.catalog import Question

    then = yaml.safe_load((ROOT / "content" / "releases" / f"{release}.yaml").read_text())["catalog"]["entries"]
    fps = {e["id"]: fingerprint(Question.model_validate(e["question"])) for e in then}
    base = serve(site)
    open_quiz(page, base + "self-assessment/")
    now = {e["id"]: e["fp"] for e in quiz_data(page)["entries"]}
    redirects = quiz_data(page)["redirects"]
    fragment = link_hash(page, dict.fromkeys(fps, 0), fps)  # the link as the earlier site wrote it
    page.goto("about:blank")
    page.goto(base + "self-assessment/" + fragment)
    page.locator("#kb-results").wait_for()
    same = sorted(i for i in fps if now.get(i) == fps[i])
    changed = sorted(i for i in fps if i in now and now[i] != fps[i])
    assert same and changed, "the release changed some questions and kept others"
    assert sorted(checked(page)) == same and set(checked(page).values()) == {"0"}
    text = notice(page)
    for old, (into, how) in redirects.items():
        if old in fps and how == "merged":
            assert f"{old} was merged into {into}" in text, text
    assert all(i in text for i in changed), text
    assert page.recorder.errors == []
