"""The meeting agenda in real Chromium, hosted (http://127.0.0.1) and offline (file://): entries added from an
entry page, from the table of all entries and from the self-assessment's results; reordered, titled, dated,
kept in the browser; printed to PDF on A4 and Letter (its text read back with pypdf); its link opened in a
fresh browser, also one made before a merge and opened on the next release; its CSV; keyboard and axe-core."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, Recorder, copy_fixture, mkdocs_build
from test_quiz import NO_STORAGE, assert_clean, next_version

PUBLISHED = "https://hiring.example.org/"  # the offline copy names a real published address
ASK = {  # questions for the provider, given to two of the fixture's entries (it has none)
    "HP-1": ["Who writes the advert, and who checks it before it goes out?", "Agree: the pay range is in every advert."],
    "HP-2": ["Which questions will every candidate be asked?", "Agree: a scorecard filled in after each interview."],
}
KEY = "hiring-pitfalls:agenda"


def with_questions(project: Path) -> None:
    for entry_id, questions in ASK.items():
        file = project / "content/mistakes" / f"{entry_id.lower()}.yaml"
        file.write_text(file.read_text() + "ask_provider: " + json.dumps(questions) + "\n")


@dataclass
class Site:
    base: str      # the site root as the browser opens it
    folder: Path
    shared: str    # the address links and printouts name for the site root ("" when there is none)

    def url(self, page: str) -> str:
        """``mistakes/hp-2/`` as this site has it (offline: ``mistakes/hp-2.html``; the table ``mistakes/index.html``)."""
        if self.base.startswith("file:"):
            page = page + "index.html" if page in ("", "mistakes/") else page.removesuffix("/") + ".html"
        return self.base + page


@pytest.fixture(scope="module")
def sites(tmp_path_factory, serve) -> dict[str, Site]:
    tmp = tmp_path_factory.mktemp("agenda")
    config = copy_fixture(tmp / "project")
    with_questions(config.parent)
    mkdocs_build(config, tmp / "hosted")
    published = tmp / "published"
    config.write_text(config.read_text().replace("site_url: http://127.0.0.1:8000/", f"site_url: {PUBLISHED}"))
    mkdocs_build(config, published, OFFLINE="true")
    base = serve(tmp / "hosted")
    return {"http": Site(base, tmp / "hosted", base), "file": Site(published.as_uri() + "/", published, PUBLISHED)}


@pytest.fixture(params=["http", "file"])
def where(request, sites) -> Site:
    return sites[request.param]


def new_page(context):
    p = context.new_page()
    p.recorder = Recorder(p)
    return p


def open_agenda(page, url: str) -> None:
    page.goto(url)
    page.locator("#kb-agenda-actions").wait_for(state="attached")
    page.wait_for_function("!document.getElementById('kb-agenda-head').hidden")


def listed(page) -> list[str]:
    return page.locator("#kb-agenda-list > li > h2").all_inner_texts()


def notice(page) -> str:
    box = page.locator("#kb-agenda-notice")
    return box.inner_text() if box.is_visible() else ""


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else None


def pdf_text(pdf: bytes) -> tuple[int, str]:
    """The number of pages of a PDF, and its text with runs of white space as one space."""
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def add_from_three_places(page, site: Site) -> None:
    """HP-2 from its page, HP-1 from the table, HP-3 from the self-assessment's results (HP-1 is exposed too,
    and already on the agenda)."""
    page.goto(site.url("mistakes/hp-2/"))
    toggle = page.get_by_role("button", name="Add to the agenda")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    page.goto(site.url("mistakes/"))
    page.get_by_role("button", name="Add HP-1 to the agenda").click()
    assert page.get_by_role("button", name="Add HP-2 to the agenda").get_attribute("aria-pressed") == "true"
    page.goto(site.url("self-assessment/"))
    page.locator(".kb-quiz-actions").wait_for()
    page.check("input[name='HP-1'][value='1']")  # No: exposed
    page.check("input[name='HP-2'][value='0']")  # Yes: covered
    page.check("input[name='HP-3'][value='1']")  # No: exposed
    page.get_by_role("button", name="Show my results").click()
    page.get_by_role("button", name="Add my exposed mistakes to the agenda").click()
    assert page.locator("#kb-quiz-agenda-status").inner_text() == "1 added to the agenda, highest risk first: HP-3."
    page.get_by_role("button", name="Add my exposed mistakes to the agenda").click()
    assert page.locator("#kb-quiz-agenda-status").inner_text() == "They are all on the agenda already."


TITLES = {"HP-1": "HP-1: Posting a vague job ad", "HP-2": "HP-2: Interviewing without a plan",
          "HP-3": "HP-3: Skipping reference checks"}


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_an_agenda_from_three_places_reordered_printed_and_linked(where, browser, context, paper):
    page = new_page(context)
    add_from_three_places(page, where)
    open_agenda(page, where.url("agenda/"))
    assert listed(page) == [TITLES["HP-2"], TITLES["HP-1"], TITLES["HP-3"]]
    page.get_by_role("button", name="Move HP-3 up").click()
    assert listed(page) == [TITLES["HP-2"], TITLES["HP-3"], TITLES["HP-1"]]
    assert notice(page) == "HP-3 is now 2 of 3."
    page.get_by_role("textbox", name="Title").fill("Kick-off with Acme & Co")
    page.get_by_label("Date").fill("2026-09-01")
    page.reload()  # kept in this browser
    page.locator("#kb-agenda-list > li").first.wait_for()
    assert listed(page) == [TITLES["HP-2"], TITLES["HP-3"], TITLES["HP-1"]]
    assert page.get_by_role("textbox", name="Title").input_value() == "Kick-off with Acme & Co"
    assert stored(page) == {"format": 1, "title": "Kick-off with Acme & Co", "date": "2026-09-01",
                            "ids": ["HP-2", "HP-3", "HP-1"]}

    # Its link: ids, date and title only.
    page.get_by_role("button", name="Copy link to this agenda").click()
    link = page.locator("#kb-agenda-link").input_value()
    fragment = "#agenda=1&ids=HP-2,HP-3,HP-1&date=2026-09-01&title=Kick-off%20with%20Acme%20%26%20Co"
    assert link == where.shared + "agenda/" + fragment

    # Printed: the site, its version, the title and date, the agenda's address; each entry with its address,
    # its questions with a line for the answer, and its warning signs; nothing that only works on screen.
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", "#kb-agenda-head", "#kb-agenda-actions", ".kb-agenda-move",
                   "#kb-agenda-copy", "#kb-agenda-notice"):
        assert page.locator(hidden).first.is_hidden(), hidden
    pages, text = pdf_text(page.pdf(format=paper))
    assert pages <= 2, pages
    assert text.startswith("Meeting agenda Hiring Pitfalls, version unreleased Agenda: Kick-off with Acme & Co "
                           "Date: September 1, 2026 This agenda: "), text[:300]
    assert text.replace(" ", "").count((where.shared + "agenda/" + fragment).replace(" ", "")) == 1
    at = [text.index(TITLES[i]) for i in ("HP-2", "HP-3", "HP-1")]
    assert at == sorted(at)  # in the reader's order
    for question in ASK["HP-1"] + ASK["HP-2"]:
        assert question in text, question
    assert text.count("Their answer:") == 5  # a line under every question; HP-3 has none but gets one
    assert "Interviewers disagree and cannot say why." in text  # a warning sign
    for slug in ("hp-1", "hp-2", "hp-3"):
        assert f"{where.shared}mistakes/{slug}/" in text.replace(" ", "")
    page.emulate_media(media="screen")

    # Downloaded as CSV: the rows the agenda shows, in its order, with an empty answer column.
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as CSV").click()
    assert info.value.suggested_filename == "hiring-pitfalls-agenda-2026-09-01.csv"
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [(r["position"], r["id"], r["kind"], r["n"]) for r in rows][:5] == [
        ("1", "HP-2", "summary", "1"), ("1", "HP-2", "ask_provider", "1"), ("1", "HP-2", "ask_provider", "2"),
        ("1", "HP-2", "warning_signs", "1"), ("1", "HP-2", "warning_signs", "2")]
    assert {r["agenda"] for r in rows} == {"Kick-off with Acme & Co"} and {r["answer"] for r in rows} == {""}
    assert rows[1]["url"] == f"{where.shared}mistakes/hp-2/#ask-1"
    assert [r["id"] for r in rows if r["kind"] == "summary"] == ["HP-2", "HP-3", "HP-1"]

    # Opened in a fresh browser: the same agenda, not saved there until kept.
    fresh = browser.new_context()
    try:
        other = new_page(fresh)
        open_agenda(other, where.url("agenda/") + fragment)
        assert listed(other) == [TITLES["HP-2"], TITLES["HP-3"], TITLES["HP-1"]]
        assert other.get_by_role("textbox", name="Title").input_value() == "Kick-off with Acme & Co"
        assert notice(other).startswith("You are looking at an agenda from a link.")
        assert stored(other) is None
        other.get_by_role("button", name="Remove HP-3 from the agenda").click()
        assert other.url.endswith("#agenda=1&ids=HP-2,HP-1&date=2026-09-01&title=Kick-off%20with%20Acme%20%26%20Co")
        assert stored(other) is None
        other.get_by_role("button", name="Keep this agenda").click()
        assert stored(other)["ids"] == ["HP-2", "HP-1"]
        assert "#agenda=" not in other.url
        assert_clean(other, where.base)
    finally:
        fresh.close()
    assert_clean(page, where.base)


def test_a_link_made_before_a_merge_opens_on_the_next_release(tmp_path, serve, browser, context):
    """Released twice: 2026.1, then 2026.2 with HP-2 merged into HP-1 (and HP-5, renamed HP-1 long ago). A link
    made on 2026.1, and the agenda kept in the browser, open on 2026.2 with the ids forwarded and named."""
    config = copy_fixture(tmp_path / "project")
    project = config.parent
    site_url = "https://example.org/hiring/"
    config.write_text(config.read_text().replace("site_url: http://127.0.0.1:8000/", f"site_url: {site_url}"))
    env = {"NO_MKDOCS_2_WARNING": "1"}

    def release(version: str, date: str) -> None:
        done = subprocess.run([sys.executable, "-m", "kbgen", "release", version, "--date", date], cwd=project,
                              capture_output=True, text=True, env={**os.environ, **env})
        assert done.returncode == 0, done.stderr

    release("2026.1", "2026-06-01")
    site = tmp_path / "site"
    site.mkdir()
    mkdocs_build(config, site)
    base = serve(site)
    page = new_page(context)
    page.goto(base + "mistakes/")
    for entry_id in ("HP-3", "HP-2"):
        page.get_by_role("button", name=f"Add {entry_id} to the agenda").click()
    open_agenda(page, base + "agenda/")
    page.get_by_role("button", name="Copy link to this agenda").click()
    link = page.locator("#kb-agenda-link").input_value()
    assert link == site_url + "agenda/#agenda=1&ids=HP-3,HP-2"

    next_version(project)  # HP-2 merged into HP-1, HP-3's question reworded, HP-6 added
    release("2026.2", "2026-07-01")
    mkdocs_build(config, site)
    fresh = browser.new_context()
    try:
        other = new_page(fresh)
        open_agenda(other, base + "agenda/" + link[link.index("#"):] + ",HP-5,HP-1,HP-9")  # and ids typed by hand
        assert listed(other) == ["HP-3: Skipping reference checks", "HP-1: Posting a vague job ad"]
        assert notice(other) == (
            "You are looking at an agenda from a link. Your own agenda stays as it was unless you choose “Keep this "
            "agenda”. Since this agenda was made: HP-2 was merged into HP-1; HP-5 is now HP-1; HP-9 is no longer in "
            "this guide and was left out; HP-1 came twice and is listed once.")
        assert_clean(other, base)
    finally:
        fresh.close()
    page.reload()  # the reader's own agenda, kept from 2026.1: forwarded, and kept so
    page.locator("#kb-agenda-list > li").first.wait_for()
    assert listed(page) == ["HP-3: Skipping reference checks", "HP-1: Posting a vague job ad"]
    assert notice(page) == "Since this agenda was made: HP-2 was merged into HP-1."
    assert stored(page)["ids"] == ["HP-3", "HP-1"]
    page.reload()
    page.locator("#kb-agenda-list > li").first.wait_for()
    assert notice(page) == ""
    assert_clean(page, base)


@pytest.mark.parametrize(("fragment", "message"), [
    ("#agenda=1&ids=HP-1,hp-2", "The agenda in this link is incomplete or damaged, so it is not shown."),
    ("#agenda=1&ids=HP-1&date=2026-02-31", "The agenda in this link is incomplete or damaged, so it is not shown."),
    ("#agenda=2&ids=HP-1", "The agenda in this link is incomplete or damaged, so it is not shown."),
    ("#agenda=1&ids=" + ",".join(f"HP-{i}" for i in range(1, 102)),
     "The agenda in this link is incomplete or damaged, so it is not shown."),
    ("#agenda=1&ids=__proto__", "The agenda in this link is incomplete or damaged, so it is not shown."),
])
def test_a_damaged_link_gives_a_notice_not_an_error(sites, page, fragment, message):
    open_agenda(page, sites["http"].url("agenda/") + fragment)
    assert notice(page) == message
    assert listed(page) == []
    assert page.locator("#kb-agenda-empty").is_visible()
    assert_clean(page, sites["http"].base)


@pytest.mark.parametrize("value", ['{"format": 1, "title": "", "date": "", "ids": ["HP-1", 7]}', "not json",
                                   '{"format": 1, "title": "", "date": "2026-13-01", "ids": []}',
                                   '{"__proto__": {"format": 1}, "ids": []}'])
def test_a_damaged_stored_agenda_is_cleared_with_a_notice(sites, context, value):
    page = new_page(context)
    page.goto(sites["http"].url("agenda/"))
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(value)})")
    open_agenda(page, sites["http"].url("agenda/"))
    assert notice(page) == "Your saved agenda could not be read, so it was cleared."
    assert stored(page) is None
    assert_clean(page, sites["http"].base)


def test_the_agenda_works_when_storage_throws(sites, context):
    context.add_init_script(NO_STORAGE)
    page = new_page(context)
    stacks = []
    page.on("pageerror", lambda e: stacks.append(e.stack))
    open_agenda(page, sites["http"].url("agenda/") + "#agenda=1&ids=HP-1,HP-2")
    assert listed(page) == [TITLES["HP-1"], TITLES["HP-2"]]
    page.get_by_role("button", name="Move HP-2 up").click()
    assert listed(page) == [TITLES["HP-2"], TITLES["HP-1"]]
    page.goto(sites["http"].url("mistakes/hp-1/"))
    page.get_by_role("button", name="Add to the agenda").click()  # nothing to keep it in: no error either
    # Material's own inline palette script reads localStorage unguarded (__md_get), once per page load; nothing
    # else may fail.
    assert stacks and all("__md_get" in s and "agenda.js" not in s for s in stacks), stacks
    assert page.recorder.console == []


def test_offline_copy_without_a_published_address_has_no_link_to_give(tmp_path, page):
    config = copy_fixture(tmp_path / "project")
    mkdocs_build(config, tmp_path / "site", OFFLINE="true")
    open_agenda(page, (tmp_path / "site/agenda.html").as_uri() + "#agenda=1&ids=HP-1")
    page.get_by_role("button", name="Copy link to this agenda").click()
    assert page.locator("#kb-agenda-copy").inner_text().startswith("This offline copy names no published address")
    page.emulate_media(media="print")
    assert "This agenda has no address: this offline copy names no published site." in page.locator(
        "#kb-agenda-print-head").inner_text()
    assert_clean(page)


def test_keyboard_moves_entries_and_focus_follows(sites, page):
    open_agenda(page, sites["http"].url("agenda/") + "#agenda=1&ids=HP-1,HP-2,HP-3")
    page.locator("body").click()
    for _ in range(80):  # Tab to HP-1's "Move down", as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move HP-1 down":
            break
    else:
        raise AssertionError("Move HP-1 down is not reached by Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert listed(page) == [TITLES["HP-2"], TITLES["HP-3"], TITLES["HP-1"]]
    # At the end, "Move down" is disabled: focus is on "Move up" of the same entry.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move HP-1 up"
    page.keyboard.press("Shift+Tab")  # HP-1's address
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Remove HP-3 from the agenda"
    page.keyboard.press("Enter")
    assert listed(page) == [TITLES["HP-2"], TITLES["HP-1"]]
    assert page.evaluate("document.activeElement.textContent") == TITLES["HP-1"]  # the entry that took its place


def test_axe_finds_no_violations_on_the_agenda_and_its_buttons(sites, browser):
    from axe_playwright_python.sync_playwright import Axe

    axe, site = Axe(), sites["http"]
    for scheme in ("light", "dark"):
        page = browser.new_page(color_scheme=scheme)
        try:
            for path in ("mistakes/hp-2/", "mistakes/"):
                page.goto(site.url(path))
                page.locator("[data-kb-agenda-id]").first.wait_for()
                page.locator("[data-kb-agenda-id]").first.click()
                page.mouse.move(0, 0)
                report = axe.run(page)
                assert report.violations_count == 0, (path, report.generate_report())
            open_agenda(page, site.url("agenda/") + "#agenda=1&ids=HP-1,HP-2&title=Kick-off")
            page.get_by_role("button", name="Copy link to this agenda").click()
            page.mouse.move(0, 0)
            page.wait_for_function("document.getAnimations().length === 0")
            report = axe.run(page)
            assert report.violations_count == 0, report.generate_report()
            open_agenda(page, site.url("agenda/"))  # a full load: the reader's own agenda, not the link's
            page.wait_for_function("document.getAnimations().length === 0")
            report = axe.run(page)
            assert report.violations_count == 0, report.generate_report()
        finally:
            page.close()


def test_the_real_agenda_page_holds_every_entry_once(site):
    """The real catalog's agenda page carries each entry's data (the reader's choice is in the browser)."""
    from kbgen.read.load import load_catalog

    catalog = load_catalog(ROOT / "content", ROOT)
    html = (site / "agenda/index.html").read_text()
    data = json.loads(re.search(r"data-kb-agenda='([^']*)'", html).group(1).replace("&#39;", "'"))
    assert [e["id"] for e in data["entries"]] == [e.id for e in catalog.entries]
    op5 = next(e for e in data["entries"] if e["id"] == "OP-5")
    assert op5["ask"] == list(catalog.by_id["OP-5"].ask_provider) and op5["path"] == "pitfalls/op-5/"
    assert data["redirects"]["OP-3"] == ["OP-2", "merged"]
