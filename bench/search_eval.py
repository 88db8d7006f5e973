"""Run reader queries through the real Material search in Chromium; report hit@1 and hit@3.

    python bench/search_eval.py SITE_DIR [QUERIES_YAML]

A query hits at k when the page of its expected entry is among the first k result pages.
"""

from __future__ import annotations

import functools
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.yaml"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Outcome:
    query: str
    expected: str
    pages: list[str]

    @property
    def rank(self) -> int | None:
        return self.pages.index(self.expected) + 1 if self.expected in self.pages else None


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def open_search(page) -> None:
    """Open the search box of the page shown and wait until the search index is loaded."""
    page.locator("input.md-search__input").click()  # the desktop search box opens the search dialog
    page.wait_for_function("!/Initializing/.test(document.querySelector('.md-search-result__meta').textContent)")


def settled_links(page) -> list[str]:
    """The result links' addresses once Material has answered the last keystroke: the results of an
    earlier keystroke can still land after it, so read until two reads agree."""

    def read() -> list[str]:
        page.wait_for_timeout(150)
        return page.eval_on_selector_all(
            ".md-search-result__item > a.md-search-result__link", "links => links.map(a => a.href)"
        )

    before: list[str] | None = None
    hrefs = read()
    while hrefs != before:
        before, hrefs = hrefs, read()
    return hrefs


def result_pages(page, base: str, query: str) -> list[str]:
    """Type a query into Material's search box and read the result pages in order."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=5)
    page.wait_for_function(
        """q => { const m = document.querySelector('.md-search-result__meta');
                 return document.querySelector('input.md-search__input').value === q && m &&
                        !/Initializing|Type to start/i.test(m.textContent); }""",
        arg=query,
        timeout=10000,
    )
    pages: list[str] = []
    for href in settled_links(page):
        path = urlparse(urljoin(base, href)).path.removeprefix(urlparse(base).path)
        if path not in pages:
            pages.append(path)
    return pages


def evaluate(site: Path, queries: list[dict], browser) -> list[Outcome]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        page = browser.new_page()
        page.goto(base)
        open_search(page)
        outcomes = [
            Outcome(
                q["query"],
                q["expect"].lower() + "/" if not q["expect"].endswith("/") else q["expect"],
                result_pages(page, base, q["query"]),
            )
            for q in queries
        ]
        page.close()
        return outcomes
    finally:
        server.shutdown()


def load_queries(path: Path = QUERIES) -> list[dict]:
    """Each query names the entry it should find, as a page path such as pitfalls/op-4."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def hit_rates(outcomes: list[Outcome]) -> tuple[float, float]:
    n = len(outcomes)
    return (sum(o.rank == 1 for o in outcomes) / n, sum(o.rank is not None and o.rank <= 3 for o in outcomes) / n)


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    site = Path(argv[1])
    queries = load_queries(Path(argv[2]) if len(argv) > 2 else QUERIES)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        outcomes = evaluate(site, queries, browser)
        browser.close()
    for o in outcomes:
        if o.rank != 1:
            print(f"rank {o.rank}: {o.query!r} expected {o.expected}, got {o.pages[:3]}")
    at1, at3 = hit_rates(outcomes)
    print(f"{len(outcomes)} queries: hit@1 {at1:.0%}, hit@3 {at3:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
