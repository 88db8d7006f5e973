"""Material's search on the built site finds the entry a reader means."""

import html
import json
import re
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, entry_url, mkdocs_build

sys.path.insert(0, str(ROOT / "bench"))
import search_eval  # noqa: E402


def search_and_open(page, base: str, query: str) -> str:
    page.goto(base)
    search_eval.open_search(page)
    search_eval.result_pages(page, base, query)  # waits until the results of the last keystroke settle
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_load_state()
    return page.locator("h1").inner_text()


@pytest.mark.parametrize("query, expected", [
    ("op-4", "OP-4:"),                 # an id, lower case
    ("OP4", "OP-4:"),                  # an id without its hyphen
    ("SLA", "OP-8:"),                  # an alias
    ("time difference", "OP-7:"),      # a reader's phrase
])
def test_search_opens_the_expected_entry(site, serve, page, query, expected):
    assert search_and_open(page, serve(site), query).startswith(expected)
    assert page.recorder.errors == []


def test_shareable_search_url(site, serve, page):
    base = serve(site)
    page.goto(base + "?q=cheapest")
    first = page.locator(".md-search-result__item > a.md-search-result__link").first
    first.wait_for()
    assert "op-9" in first.get_attribute("href")


def test_same_text_on_every_page_is_not_indexed(site):
    index = (site / "search" / "search_index.json").read_text()
    assert "Take the full self-assessment" not in index
    assert "you are exposed to" not in index


def test_evaluation_set_covers_every_entry_with_40_queries():
    from kbgen.read.load import load_catalog

    queries = search_eval.load_queries()
    assert len(queries) >= 40
    catalog = load_catalog(ROOT / "content", ROOT)
    assert {q["expect"] for q in queries} == {entry_url(catalog, e.id).rstrip("/") for e in catalog.entries}


@pytest.mark.slow
def test_search_quality_meets_targets(site, browser):
    outcomes = search_eval.evaluate(site, search_eval.load_queries(), browser)
    at1, at3 = search_eval.hit_rates(outcomes)
    misses = [(o.query, o.expected, o.pages[:3]) for o in outcomes if o.rank != 1]
    assert at3 >= 0.95 and at1 >= 0.80, (at1, at3, misses)


def test_entry_pages_show_their_aliases(site):
    page = (site / "pitfalls" / "op-8" / "index.html").read_text()
    aka = page[page.index('class="kb-facts kb-aka"'):page.index("</p>", page.index('class="kb-facts kb-aka"'))]
    assert "Also known as:" in aka and "SLA" in aka and "intellectual property" in aka


def test_search_suggests_and_highlights(site, serve, page):
    base = serve(site)
    page.goto(base)
    search_eval.open_search(page)
    page.locator("input.md-search__input").press_sequentially("microman", delay=20)
    page.wait_for_function("document.querySelector('.md-search__suggest').textContent.includes('micromanag')")
    search_eval.settled_links(page)
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_load_state()
    assert "op-13" in page.url
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    assert marks.first.inner_text().lower().startswith("microman")


# What goes into the index: one document per entry (title, summary, the words readers use and old ids in
# its "Also known as" line, which every builder's search reads, and the front matter's tags: aliases, id,
# old ids, which Material weighs); every section of an entry page, its facts and release lines are left out.


def index_docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_index_holds_one_document_per_entry_with_its_aliases_and_id(site):
    from kbgen.read.load import load_catalog

    catalog = load_catalog(ROOT / "content", ROOT)
    docs = index_docs(site)
    for e in catalog.entries:
        url = entry_url(catalog, e.id)
        mine = [d for d in docs if d["location"].split("#")[0] == url]
        assert [d["location"] for d in mine] == [url], e.id  # no section of the page is a document
        assert mine[0]["title"].startswith(f"{e.id}: ")
        assert mine[0]["tags"][: len(e.aliases) + 1] == [*e.aliases, e.id]  # then its old ids, if any
        assert e.summary.split()[0] in mine[0]["text"]
        assert all(html.escape(alias, quote=False) in mine[0]["text"] for alias in e.aliases), e.id
    text = " ".join(d["text"] for d in docs)
    assert not re.search(r"\bOP\d+\b", text)  # no hidden id forms: the separator splits ids
    for left_out in ("Related entries", "Where this comes from", "Severity:"):
        assert left_out not in json.dumps(docs), left_out


def test_old_ids_are_tags_of_the_entry_that_has_them(hiring_site):
    docs = {d["location"]: d for d in index_docs(hiring_site)}
    assert docs["mistakes/hp-1/"]["tags"][-2:] == ["HP-1", "HP-5"]


# Clean results in a real browser, hosted and offline (file://, the iframe-worker shim)


@pytest.fixture(scope="session")
def offline_search_site(tmp_path_factory) -> Path:
    """The real catalog built as the offline copy (OFFLINE=true), opened from file://."""
    out = tmp_path_factory.mktemp("offline-search")
    mkdocs_build(ROOT / "mkdocs.yml", out, OFFLINE="true")
    return out


@pytest.fixture(params=["hosted", "offline"])
def where(request, site, serve, offline_search_site):
    """(base address, entry page path of OP-n) for the hosted site and the offline copy."""
    if request.param == "hosted":
        return serve(site), lambda n: f"pitfalls/op-{n}/"
    return offline_search_site.as_uri() + "/", lambda n: f"pitfalls/op-{n}.html"


def open_home(page, base: str) -> None:
    page.goto(base if base.startswith("http") else base + "index.html")
    search_eval.open_search(page)


def result_items(page):
    return page.locator(".md-search-result__item")


@pytest.mark.parametrize("query", ["op 12", "OP12", "op-12", "OP 12", "Op12"])
def test_every_form_of_an_id_ranks_its_entry_first(where, page, query):
    base, entry = where
    open_home(page, base)
    assert search_eval.result_pages(page, base, query)[0] == entry(12)
    assert page.recorder.errors == []


def test_snippets_show_no_hidden_id_forms_and_aliases_once(where, page):
    base, entry = where
    open_home(page, base)
    assert search_eval.result_pages(page, base, "OP-4")[0] == entry(4)
    first = result_items(page).first.inner_text()
    assert "OP-4" in first
    assert not re.search(r"\bOP ?4\b", first.replace("OP-4", "")), first
    # An alias (not in the title or the summary) is shown once per page result: in its "Also known as" words,
    # not again as a tag.
    assert search_eval.result_pages(page, base, "SLA")[0] == entry(8)
    item = result_items(page).first
    assert item.inner_text().count("SLA") == 1, item.inner_text()
    assert item.locator(".md-tag", has_text="SLA").is_hidden()
    assert page.recorder.errors == []


def test_a_search_that_finds_nothing_offers_the_table_and_the_self_assessment(where, page):
    base, entry = where
    open_home(page, base)
    hint = page.locator(".kb-search-none")
    assert search_eval.result_pages(page, base, "zzqxv") == []
    hint.wait_for(state="visible")
    links = hint.get_by_role("link")
    assert links.count() == 2
    table, quiz = (links.nth(i).evaluate("a => a.href") for i in range(2))
    assert table.endswith(("pitfalls/", "pitfalls/index.html")), table
    assert quiz.endswith(("self-assessment/", "self-assessment.html")), quiz
    assert search_eval.result_pages(page, base, "contract")  # results again: the line goes away
    assert hint.is_hidden()
    page.locator("input.md-search__input").fill("")
    page.locator("input.md-search__input").press_sequentially("zzqxv", delay=5)
    hint.wait_for(state="visible")
    links.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().startswith("All")
    assert page.recorder.errors == []


def test_old_id_finds_the_renamed_entry(hiring_site, serve, page):
    base = serve(hiring_site)
    open_home(page, base)
    for query in ("HP-5", "hp5"):
        assert search_eval.result_pages(page, base, query)[0] == "mistakes/hp-1/", query
