"""Material's search on the built site finds the entry a reader means."""

import sys

import pytest

from conftest import ROOT, entry_url

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
    from kbgen.load import load_catalog

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
    facts = page[page.index('class="kb-facts"'):page.index("</div>", page.index('class="kb-facts"'))]
    assert "Also known as:" in facts and "SLA" in facts and "intellectual property" in facts


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
