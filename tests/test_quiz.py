"""The self-assessment in real Chromium, hosted (http://127.0.0.1) and offline (file://): progress,
the severity-weighted score, results, saved answers, share links, print, keyboard use and axe-core."""

from __future__ import annotations

import json
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import FIXTURES, ROOT, Recorder, mkdocs_build
from kbgen.load import load_catalog
from kbgen.model import WEIGHT

HIRING = FIXTURES / "hiring"
CANONICAL = "http://127.0.0.1:8000/"  # site_url of the fixture
KEY = "hiring-pitfalls:quiz:"
NO_CLIPBOARD = "delete Navigator.prototype.clipboard"  # as on file:// or an old browser
# Storage blocked (cookies off, some privacy modes): reading window.localStorage throws a SecurityError.
NO_STORAGE = ("Object.defineProperty(window, 'localStorage', {configurable: true, get() {"
              " const e = new Error('The operation is insecure.'); e.name = 'SecurityError'; throw e; }})")


# Where the quiz lives: the hosted build over http, and the offline build (OFFLINE=true: .html
# pages, the way `make offline` packs it) opened from file://.


@pytest.fixture(scope="session")
def offline_hiring(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hiring-offline")
    mkdocs_build(HIRING / "mkdocs.yml", out, OFFLINE="true")
    return out


@dataclass
class Site:
    quiz: str                   # the quiz page's address
    entry: str                  # entry page address, with {slug} to fill in
    hosted_quiz: str            # the address share links and printed reports name

    def entry_url(self, slug: str) -> str:
        return self.entry.format(slug=slug)


@pytest.fixture(params=["http", "file"])
def where(request, hiring_site, offline_hiring, serve) -> Site:
    if request.param == "http":
        base = serve(hiring_site)
        return Site(base + "self-assessment/", base + "mistakes/{slug}/", base + "self-assessment/")
    root = offline_hiring.as_uri() + "/"
    return Site(root + "self-assessment.html", root + "mistakes/{slug}.html", CANONICAL + "self-assessment/")


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
            return a ? [a.textContent, a.getAttribute('href'), li.querySelector('.kb-sev').textContent.trim()]
                     : [li.textContent];
        }),
        first: Array.from(document.querySelectorAll('#kb-first li'), li => li.textContent),
    })""")


def ranked_ids(results: dict) -> list[str]:
    return [r[0].split(":")[0] for r in results["ranked"] if len(r) == 3]


def stored(page) -> dict[str, str]:
    return page.evaluate("Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")


def checked(page) -> dict[str, str]:
    return page.evaluate("Object.fromEntries(Array.from(document.querySelectorAll('#kb-quiz input:checked'), "
                         "i => [i.name, i.value]))")


def version(page) -> str:
    return json.loads(page.locator("#kb-quiz").get_attribute("data-kb-quiz"))["version"]


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


# The scoring formula, checked on hand-computed cases. The fixture's questions: HP-1 (medium, weight 2;
# Yes 1 / No 0), HP-2 (high, weight 3; Yes 1 / Sometimes 0.5 / No 0), HP-3 (low, weight 1; Yes 1 / No 0).

SOURCING, INTERVIEWS = "Finding candidates:", "Interviews:"
HP = {"HP-1": "Posting a vague job ad", "HP-2": "Interviewing without a plan", "HP-3": "Skipping reference checks"}
STEP1 = {"HP-1": "List the three tasks the hire will spend most time on.",
         "HP-2": "Write five questions tied to the job and ask them of everyone.",
         "HP-3": "Call two references before every offer."}


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
    assert results["score"].startswith(f"Overall score: {score}%. {verdict}:"), results["score"]
    assert {label: value for label, value, _ in results["chart"]} == chart
    assert [width for _, value, width in results["chart"]] == [v if v.endswith("%") else "0%" for v in chart.values()]
    assert ranked_ids(results) == ranked
    assert results["first"] == ([f"{STEP1[i]} {i}, step 1" for i in ranked[:3]] or ["Keep doing what you do."])
    assert_clean(page, hosted.quiz)


def test_unsure_answers_do_not_count_against_the_reader(hosted, page):
    open_quiz(page, hosted.quiz)
    answer(page, {"HP-1": 0, "HP-2": "u"})  # a "no" (0) on HP-2 would give 2 of 5 = 40%
    results = show_results(page)
    assert results["score"].startswith("Overall score: 100%.")
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


# Progress, results and links, hosted and offline


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
    results = show_results(page)  # HP-2 skipped
    assert results["score"].startswith("Overall score: 100%.")
    assert_clean(page, where.quiz)


def test_ranked_pitfalls_link_to_how_to_avoid_with_severity(where, page):
    open_quiz(page, where.quiz)
    answer(page, {"HP-1": 1, "HP-2": 2, "HP-3": 1})
    results = show_results(page)
    assert [(text, sev) for text, _, sev in results["ranked"]] == [
        ("HP-2: Interviewing without a plan", "(high severity)"),
        ("HP-1: Posting a vague job ad", "(medium severity)"),
        ("HP-3: Skipping reference checks", "(low severity)")]
    assert results["first"] == [f"{STEP1[i]} {i}, step 1" for i in ("HP-2", "HP-1", "HP-3")]
    links = page.locator("#kb-first a")
    assert [links.nth(i).evaluate("a => a.href") for i in range(3)] == [
        where.entry_url(s) + "#step-1" for s in ("hp-2", "hp-1", "hp-3")]
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


# Answers kept in this browser


def test_reload_restores_answers(where, page):
    open_quiz(page, where.quiz)
    answer(page, {"HP-1": 1, "HP-2": "u"})
    assert stored(page) == {KEY + version(page): json.dumps({"answers": "1u-"}, separators=(",", ":"))}
    page.reload()
    page.locator(".kb-quiz-actions").wait_for()
    assert checked(page) == {"HP-1": "1", "HP-2": "u"}
    assert page.locator("#kb-quiz-progress").inner_text() == "2 of 3 questions answered"
    assert notice(page) == ""
    assert_clean(page, where.quiz)


def test_reset_clears_answers_results_and_storage(where, page):
    open_quiz(page, where.quiz)
    answer(page, {"HP-1": 1, "HP-3": 0})
    show_results(page)
    page.get_by_role("button", name="Reset answers").click()
    assert checked(page) == {}
    assert stored(page) == {}
    assert page.locator("#kb-results").is_hidden()
    assert page.locator("#kb-quiz-progress").inner_text() == "0 of 3 questions answered"
    assert notice(page) == "Your answers were cleared."
    page.reload()
    page.locator(".kb-quiz-actions").wait_for()
    assert checked(page) == {}
    assert_clean(page, where.quiz)


def test_answers_to_another_content_version_are_dropped(hosted, page):
    open_quiz(page, hosted.quiz)
    current = KEY + version(page)
    page.evaluate("""([stale, other]) => {
        localStorage.setItem(stale, JSON.stringify({answers: '000'}));  // same shape, older questions
        localStorage.setItem(other, 'kept');                            // another site on this origin
    }""", [KEY + "0123456789ab", "another-site:quiz:0123456789ab"])
    page.reload()
    page.locator(".kb-quiz-actions").wait_for()
    assert checked(page) == {}  # never applied to the current questions
    assert stored(page) == {"another-site:quiz:0123456789ab": "kept"}
    answer(page, {"HP-2": 1})
    assert set(stored(page)) == {current, "another-site:quiz:0123456789ab"}
    assert notice(page) == ""
    assert_clean(page, hosted.quiz)


@pytest.mark.parametrize("value", [
    "{not json", "null", "7", '"1u-"', '{"answers": 5}', '{"answers": "1u"}', '{"answers": "1u--"}',
    '{"answers": "9u-"}', '{"answers": "1x-"}', '{"answers": "<b>"}', "[]",
])
def test_corrupted_stored_answers_give_a_notice_not_an_error(hosted, page, value):
    open_quiz(page, hosted.quiz)
    key = KEY + version(page)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, value])
    page.reload()
    page.locator(".kb-quiz-actions").wait_for()
    assert notice(page) == "Your saved answers could not be read, so they were cleared."
    assert checked(page) == {}
    assert stored(page) == {}
    answer(page, {"HP-1": 0})  # and the quiz works on
    assert show_results(page)["score"].startswith("Overall score: 100%.")
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
    assert show_results(page)["score"].startswith("Overall score: 30%.")  # 1.5 of 5
    page.get_by_role("button", name="Copy link to these results").click()
    assert page.locator("#kb-quiz-link").input_value().endswith(".11-")
    page.get_by_role("button", name="Reset answers").click()
    assert checked(page) == {}
    page.reload()
    page.locator(".kb-quiz-actions").wait_for()
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


def test_share_link_shows_the_same_results_in_a_fresh_browser(where, browser, context, page):
    clipboard = where.quiz.startswith("http")
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=where.quiz.split("/self")[0])
    else:
        page.add_init_script(NO_CLIPBOARD)
    open_quiz(page, where.quiz)
    answer(page, {"HP-1": 1, "HP-2": 1, "HP-3": "u"})
    mine = show_results(page)
    link = copy_link(page, clipboard)
    ver = version(page)
    assert link == f"{where.hosted_quiz}#a={ver}.11u"  # compact: one character per question
    assert_clean(page, where.quiz)

    fresh = browser.new_context()  # another browser: its own storage, with answers of its own
    try:
        other = new_page(fresh)
        open_quiz(other, where.quiz)
        answer(other, {"HP-1": 0, "HP-2": 0, "HP-3": 0})
        own = stored(other)
        other.goto("about:blank")
        other.goto(where.quiz + link[len(where.hosted_quiz):])
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
        other.reload()
        other.locator("#kb-results").wait_for()
        assert checked(other) == {"HP-1": "1", "HP-2": "1", "HP-3": "u"}
        assert stored(other) == own
        keep = other.get_by_role("button", name="Keep these answers")
        keep.click()
        assert stored(other) == {KEY + ver: '{"answers":"11u"}'}
        assert keep.is_hidden()
        assert "#a=" not in other.url
        assert notice(other) == "These answers are now saved in this browser."
        other.reload()
        other.locator(".kb-quiz-actions").wait_for()
        assert checked(other) == {"HP-1": "1", "HP-2": "1", "HP-3": "u"}
        assert_clean(other, where.quiz)
    finally:
        fresh.close()


def test_share_link_opened_in_an_empty_browser(hosted, page):
    open_quiz(page, hosted.quiz)
    ver = version(page)
    page.goto(hosted.quiz + f"#a={ver}.0-1")
    page.locator("#kb-results").wait_for()
    assert read_results(page)["score"].startswith("Overall score: 67%.")  # 2 + 0 of 2 + 1
    assert stored(page) == {}
    assert page.get_by_role("button", name="Keep these answers").is_visible()
    page.get_by_role("button", name="Reset answers").click()
    assert "#a=" not in page.url
    assert page.get_by_role("button", name="Keep these answers").is_hidden()
    answer(page, {"HP-2": 0})  # no longer a shared view: answers are kept again
    assert stored(page) == {KEY + ver: '{"answers":"-0-"}'}
    assert_clean(page, hosted.quiz)


BAD_LINK = "The answers in this link are incomplete or damaged, so they are not shown."
OLD_LINK = "This link was made for another version of the questions, so its answers are not shown."


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
    ("#a=0123456789ab.000", OLD_LINK),  # questions changed since the link was made
])
def test_tampered_share_link_gives_a_notice_not_an_error(hosted, page, fragment, message):
    open_quiz(page, hosted.quiz)
    ver = version(page)
    answer(page, {"HP-1": 1})  # the reader's own answers stay in place
    page.goto("about:blank")
    page.goto(hosted.quiz + fragment.replace("{v}", ver))
    page.locator(".kb-quiz-actions").wait_for()
    assert notice(page) == message
    assert page.locator("#kb-results").is_hidden()
    assert checked(page) == {"HP-1": "1"}
    assert stored(page) == {KEY + ver: '{"answers":"1--"}'}
    assert page.get_by_role("button", name="Keep these answers").is_hidden()
    assert_clean(page, hosted.quiz)


def test_tampered_link_and_corrupted_storage_offline(offline_hiring, page):
    quiz = offline_hiring.as_uri() + "/self-assessment.html"
    open_quiz(page, quiz)
    page.evaluate("k => localStorage.setItem(k, '{broken')", KEY + version(page))
    page.goto(quiz + "#a=zz")
    page.reload()
    page.locator(".kb-quiz-actions").wait_for()
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


# Keyboard only


def tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only(where, page):
    open_quiz(page, where.quiz)
    # HP-1 "No" (second option), HP-2 "Sometimes" (second), HP-3 "Does not apply" (third)
    for entry_id, moves in (("HP-1", 1), ("HP-2", 1), ("HP-3", 2)):
        tab_to(page, f"input[name='{entry_id}']")
        assert page.evaluate("document.activeElement.value") == "0"  # first option, not chosen yet
        for _ in range(moves):
            page.keyboard.press("ArrowDown")
    assert checked(page) == {"HP-1": "1", "HP-2": "1", "HP-3": "u"}
    assert page.locator("#kb-quiz-progress").inner_text() == "3 of 3 questions answered"
    tab_to(page, "[data-kb-action=results]")
    page.keyboard.press("Enter")
    page.locator("#kb-results").wait_for()
    assert page.evaluate("document.activeElement.id") == "kb-results-title"
    assert read_results(page)["score"].startswith("Overall score: 30%.")  # 0 + 1.5 of 2 + 3
    page.keyboard.press("Tab")  # the first ranked: HP-1, risk 2 x (1 - 0) = 2, before HP-2, 3 x (1 - 0.5) = 1.5
    assert page.evaluate("document.activeElement.textContent") == "HP-1: Posting a vague job ad"
    page.keyboard.press("Enter")
    page.wait_for_url(where.entry_url("hp-1") + "#avoid")
    assert page.locator("h1").inner_text().startswith("HP-1:")
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


# Print, accessibility, no JavaScript, instant navigation


def test_print_shows_a_clean_report(where, page):
    open_quiz(page, where.quiz)
    answer(page, {"HP-1": 1, "HP-2": 2, "HP-3": 0})
    show_results(page)
    assert page.locator(".kb-url").first.is_hidden()  # on screen, the links are enough
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", "#kb-quiz", ".kb-quiz-actions"):
        assert page.locator(hidden).first.is_hidden(), hidden
    for shown in ("h1", ".kb-quiz-formula", "#kb-results-date", "#kb-score", "#kb-chart", "#kb-ranked", "#kb-first"):
        assert page.locator(shown).first.is_visible(), shown
    root = where.hosted_quiz.removesuffix("self-assessment/")
    assert [u.strip() for u in page.locator(".kb-url").all_inner_texts()] == [
        f"{root}mistakes/hp-2/#avoid", f"{root}mistakes/hp-1/#avoid"]
    assert page.locator(".kb-bar > span").first.evaluate("s => getComputedStyle(s).printColorAdjust") == "exact"
    pdf = page.pdf()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert_clean(page, where.quiz)


def test_print_before_results_is_the_checklist(hosted, page):
    open_quiz(page, hosted.quiz)
    page.emulate_media(media="print")
    assert page.locator("#kb-quiz").is_visible()
    assert page.locator(".kb-quiz-actions").is_hidden()
    assert page.locator("#kb-results").is_hidden()


def test_axe_finds_no_violations_before_and_after_results(where, page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    open_quiz(page, where.quiz)
    before = axe.run(page)
    assert before.violations_count == 0, before.generate_report()
    answer(page, {"HP-1": 1, "HP-2": 1, "HP-3": "u"})
    show_results(page)
    page.get_by_role("button", name="Copy link to these results").click()
    page.mouse.move(0, 0)
    page.wait_for_function("document.getAnimations().length === 0")  # colours settled after hover
    after = axe.run(page)
    assert after.violations_count == 0, after.generate_report()


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
        assert page.locator(".kb-quiz-actions").is_hidden()
        assert page.locator("#kb-results").is_hidden()
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
    assert show_results(page)["score"].startswith("Overall score: 0%.")
    page.locator("#kb-ranked a").first.click()  # to the entry and back, instantly
    page.wait_for_url(base + "mistakes/hp-1/#avoid")
    page.go_back()
    page.wait_for_url(base + "self-assessment/")
    page.locator(".kb-quiz-actions").wait_for()
    assert checked(page) == {"HP-1": "1"}
    assert page.locator("#kb-quiz-progress").inner_text() == "1 of 3 questions answered"
    page.get_by_role("button", name="Reset answers").click()
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("window.kbSamePage") is True
    assert_clean(page, base)


def test_quiz_is_reachable_from_navigation_and_home(hosted, page):
    base = hosted.quiz.removesuffix("self-assessment/")
    page.goto(base)
    assert page.locator("article a", has_text="hiring check").get_attribute("href") == "self-assessment/"
    assert page.locator(".md-nav--primary a", has_text="Hiring check").count() >= 1
    config = (ROOT / "mkdocs.yml").read_text()
    assert "  - Self-assessment: self-assessment.md\n  - About: about.md\n" in config
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
    return {"score": pct(got, most),
            "chart": {c.title + ":": (f"{pct(*cats[c.id])}%" if cats[c.id][1] else "not scored")
                      for c in catalog.categories if catalog.by_category[c.id]},
            "ranked": [e.id for e in ranked], "first": [f"{e.avoid[0]} {e.id}, step 1" for e in ranked[:3]]}


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
    assert results["score"].startswith(f"Overall score: {want['score']}%."), (results["score"], want["score"])
    assert {label: value for label, value, _ in results["chart"]} == want["chart"]
    assert ranked_ids(results) == want["ranked"]
    assert len(results["first"]) == min(3, len(want["ranked"]))
    assert results["first"] == want["first"]
    assert_clean(page, quiz)


def test_real_report_prints_on_at_most_two_pages(request, serve, page):
    catalog = load_catalog(ROOT / "content", ROOT)
    site = request.getfixturevalue("site")
    open_quiz(page, serve(site) + "self-assessment/")
    answer(page, {e.id: len(e.question.options) - 1 for e in catalog.entries})  # the worst case: every one ranked
    results = show_results(page)
    assert len(ranked_ids(results)) == sum(1 for e in catalog.entries if e.question.options[-1].score < 1)
    page.emulate_media(media="print")
    pages = len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="A4")))
    assert 1 <= pages <= 2, pages


# The script itself


def test_client_code_never_writes_html_from_strings():
    # Size is a target of `make bench` (minified and gzipped), not of the test suite.
    for script in ("quiz.js", "kb.js"):
        js = (ROOT / "docs/assets" / script).read_text()
        assert not re.search(r"\.(inner|outer)HTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function", js), script
    for config in (ROOT / "mkdocs.yml", HIRING / "mkdocs.yml"):
        text = config.read_text()
        assert "assets/quiz.js" in text and "assets/quiz.css" in text, config
