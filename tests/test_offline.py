"""The offline copy (`make offline`, opened from file://) and the hosted build ready to publish.

The offline copy is built and packed once per session by the real `make offline`, then unpacked
the way a reader would; every browser test opens the unpacked files in a Chromium launched
without flags that loosen file:// rules. Network access is cut off for these pages, and every
request of the whole browser context (frames and the search worker's iframe included) is recorded.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import CHROMIUM_ARGS, ROOT, copy_fixture, mkdocs_build

sys.path.insert(0, str(ROOT / "bench"))
import search_eval  # noqa: E402

ZIP_NAME = "outsourcing-pitfalls-offline.zip"
TOP = ZIP_NAME.removesuffix(".zip")
SHIM = ROOT / "hooks/kbgen/assets/vendor/iframe-worker"


# Building and packing, once per session


def make_offline(out: Path) -> tuple[Path, Path]:
    """Run `make offline` into ``out``; return (site folder, zip)."""
    site, archive = out / "site-offline", out / "dist" / ZIP_NAME
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", f"{bin_dir}/mkdocs", f"BIN={bin_dir}", "offline",
         f"OFFLINE_DIR={site}", f"OFFLINE_ZIP={archive}"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site, archive


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory) -> tuple[Path, Path]:
    return make_offline(tmp_path_factory.mktemp("offline"))


def unpack(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(into)
    return into / TOP


@pytest.fixture(scope="session")
def offline_site(offline_build, tmp_path_factory) -> Path:
    """The zip's contents, unpacked into a fresh folder: what a reader opens."""
    return unpack(offline_build[1], tmp_path_factory.mktemp("unpacked"))


def export(site: Path) -> dict:
    return json.loads((site / "pitfalls.json").read_text(encoding="utf-8"))


# A browser context that records every request and has no network


@dataclass
class Recorded:
    urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def offline_page(browser):
    """A page in a fresh context whose only reachable files are local: http(s) requests fail."""
    assert not any("file-access" in arg or "web-security" in arg for arg in CHROMIUM_ARGS)
    ctx = browser.new_context()
    seen = Recorded()
    ctx.on("request", lambda r: seen.urls.append(r.url))
    ctx.on("page", lambda p: p.on("pageerror", lambda e: seen.errors.append(str(e))))
    ctx.route(lambda url: not url.startswith("file:"), lambda route: route.abort("internetdisconnected"))
    page = ctx.new_page()
    page.seen = seen
    yield page
    ctx.close()


def assert_only_file_requests(page) -> None:
    assert page.seen.urls, "no request was recorded"
    outside = sorted({u for u in page.seen.urls if not u.startswith("file://")})
    assert outside == [], outside
    assert page.seen.errors == []


def open_file(page, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_load_state()


def click_and_wait(page, link) -> str:
    """Click a link; return where it pointed once the browser is there."""
    target = link.evaluate("a => a.href")
    link.click()
    page.wait_for_url(target)
    page.wait_for_load_state()
    return target


def search(page, query: str):
    """Type into Material's search box like a reader (it listens to key events); return the result links."""
    search_eval.open_search(page)
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    return settled_results(page)


def settled_results(page):
    """The result links once Material has answered the last keystroke (earlier answers come first)."""
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    results.first.wait_for()
    search_eval.settled_links(page)
    return results


def open_result(page, results, path_end: str) -> None:
    paths = [urlparse(a.get_attribute("href")).path for a in results.all()]  # without search.highlight's ?h=
    assert paths[0].endswith(path_end), paths
    click_and_wait(page, results.first)
    assert urlparse(page.url).path.endswith(path_end)


# The offline copy from file://


def test_navigate_home_category_pitfall_related(offline_site, offline_page):
    page = offline_page
    open_file(page, offline_site / "index.html")
    category = page.locator(".kb-overview td:first-child a").first
    name = category.inner_text()
    assert click_and_wait(page, category).endswith(".html")
    assert page.locator("h1").inner_text().startswith(name)
    entry = page.locator("article li strong a").first
    entry_title = entry.inner_text()
    click_and_wait(page, entry)
    assert page.locator("h1").inner_text().startswith(entry_title)
    assert page.locator(".kb-share").count() == 1  # kb.js ran
    slug = Path(urlparse(page.url).path).stem  # op-4.html here; "Copy link" gives the hosted op-4/
    assert page.evaluate("document.querySelector('link[rel=canonical]').href").endswith(f"/pitfalls/{slug}/")
    related = page.locator("#related ~ ul a").first
    related_title = related.inner_text()
    click_and_wait(page, related)
    assert page.locator("h1").inner_text().startswith(related_title)
    # back to the category through the entry's facts, then home through the header
    click_and_wait(page, page.locator(".kb-facts a").first)
    click_and_wait(page, page.locator("a.md-header__button.md-logo"))
    assert page.url == (offline_site / "index.html").as_uri()
    assert_only_file_requests(page)


@pytest.mark.parametrize("query, found", [("OP-4", "pitfalls/op-4.html"), ("time zone", None)])
def test_search_finds_and_opens_a_pitfall(offline_site, offline_page, query, found):
    page = offline_page
    open_file(page, offline_site / "pitfalls/op-1.html")  # from a page one folder down, too
    results = search(page, query)
    first = results.first
    title = first.locator(".md-search-result__article h1").inner_text()
    href = first.get_attribute("href")
    if found:
        open_result(page, results, found)
    else:
        click_and_wait(page, first)
        assert page.url.split("#")[0] == href.split("#")[0]
    assert page.locator("h1").first.inner_text().startswith(title)
    assert_only_file_requests(page)


def test_all_pitfalls_table_lists_every_pitfall(offline_site, offline_page):
    page = offline_page
    open_file(page, offline_site / "index.html")
    link = page.locator(".md-tabs a, .md-nav--primary a").filter(has_text=re.compile(r"^\s*All pitfalls\s*$")).first
    assert click_and_wait(page, link) == (offline_site / "pitfalls/index.html").as_uri()
    ids = [e["id"] for e in export(offline_site)["entries"]]
    rows = page.locator("article table tbody tr")
    assert rows.count() == len(ids) > 0
    assert rows.locator("td:first-child a").all_inner_texts() == ids
    click_and_wait(page, rows.nth(3).locator("td:first-child a"))
    assert page.locator("h1").inner_text().startswith(ids[3] + ":")
    assert_only_file_requests(page)


def test_quiz_works_from_file_urls(offline_site, offline_page):
    """Answer every question as someone fully exposed, show the results, open the top result."""
    page = offline_page
    open_file(page, offline_site / "index.html")
    link = page.locator(".md-nav--primary a").filter(has_text=re.compile(r"^\s*Self-assessment\s*$")).first
    click_and_wait(page, link)
    entries = export(offline_site)["entries"]  # the questions and their scores, from the data export
    assert entries and page.locator("fieldset[data-kb-entry]").count() == len(entries)
    for entry in entries:
        scores = [o["score"] for o in entry["question"]["options"]]
        page.locator(f"fieldset[data-kb-entry='{entry['id']}'] input[value='{scores.index(min(scores))}']").check()
    results_button = page.locator("[data-kb-action=results]")
    results_button.wait_for(state="visible", timeout=5000)  # hooks/kbgen/assets/quiz.js shows it
    results_button.click()
    results = page.locator("#kb-results")
    results.wait_for(state="visible")
    top = results.locator("a[href*='pitfalls/op-']").first
    top.wait_for()
    text = top.inner_text()
    assert any(text.startswith(e["id"] + ":") for e in entries if e["severity"] == "high"), text
    target = click_and_wait(page, top)
    assert target.startswith("file://") and ".html" in target
    assert page.locator("h1").inner_text().startswith(text.split(":")[0] + ":")
    assert_only_file_requests(page)


def test_data_export_is_in_the_copy(offline_site, offline_page):
    data = export(offline_site)
    pages = list((offline_site / "pitfalls").glob("op-*.html"))  # live entries, and old ids' forwarding pages
    assert len(data["entries"]) + len(data["retired"]) == len(pages)
    assert (offline_site / "pitfalls.csv").is_file() and (offline_site / "pitfalls.schema.json").is_file()
    page = offline_page
    open_file(page, offline_site / "data.html")
    link = page.locator("article a[href$='pitfalls.json']").first
    assert link.evaluate("a => a.href") == (offline_site / "pitfalls.json").as_uri()
    assert_only_file_requests(page)


def test_zip_unpacked_into_an_empty_folder_opens_and_searches(offline_build, tmp_path, offline_page):
    built, archive = offline_build
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert {n.split("/")[0] for n in names} == {TOP}  # one folder: unpacking scatters nothing
    files = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert sorted(n.removeprefix(TOP + "/") for n in names) == files
    assert f"{TOP}/pitfalls.json" in names and f"{TOP}/assets/vendor/iframe-worker/LICENSE" in names
    here = tmp_path / "somewhere new"
    here.mkdir()
    site = unpack(archive, here)
    page = offline_page
    open_file(page, site / "index.html")
    open_result(page, search(page, "OP-8"), "pitfalls/op-8.html")
    assert page.url.startswith(here.as_uri())
    assert_only_file_requests(page)


def test_pack_is_reproducible(offline_build, tmp_path):
    from kbgen.cli.pack import pack

    built, archive = offline_build
    again = pack(built, tmp_path / ZIP_NAME)
    assert again.read_bytes() == archive.read_bytes()


class _Refs(HTMLParser):
    """Every URL an HTML page makes the browser load by itself (not links a reader may follow)."""

    LOADS = {"script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
             "video": ["src", "poster"], "audio": ["src"], "object": ["data"], "embed": ["src"],
             "use": ["href", "xlink:href"], "image": ["href", "xlink:href"], "input": ["src"]}
    NOT_LOADED = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search"}

    def __init__(self, text: str):
        super().__init__()
        self.urls: list[str] = []
        self._style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in self.LOADS.get(tag, []):
            if a.get(name):
                self.urls += [part.strip().split(" ")[0] for part in a[name].split(",")]
        if tag == "link" and a.get("href") and not set((a.get("rel") or "").split()) <= self.NOT_LOADED:
            self.urls.append(a["href"])
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.urls.append((a.get("content") or "").partition("url=")[2])
        if a.get("style"):
            self.urls += css_urls(a["style"])
        self._style = tag == "style"

    def handle_data(self, data):
        if self._style:
            self.urls += css_urls(data)


def css_urls(text: str) -> list[str]:
    return re.findall(r"""url\(\s*['"]?([^'")]+)""", text) + re.findall(r"""@import\s+['"]([^'"]+)""", text)


def test_no_file_of_the_copy_loads_anything_from_elsewhere(offline_site):
    """A supplement to the request recording: pages never opened by a test are checked too."""
    outside = []
    for path in offline_site.rglob("*"):
        if path.name == "404.html":  # served by a web host only, from the site root
            continue
        text = path.read_text(encoding="utf-8") if path.suffix in {".html", ".css"} else ""
        refs = _Refs(text).urls if path.suffix == ".html" else css_urls(text)
        outside += [f"{path.relative_to(offline_site)}: {u}" for u in refs
                    if urlparse(u).scheme not in ("", "data") or u.startswith("//") or u.startswith("/")]
    assert outside == []
    shim = offline_site / "assets/vendor/iframe-worker/shim.js"
    for page in offline_site.rglob("*.html"):
        if page.name != "404.html":
            scripts = _Refs(page.read_text(encoding="utf-8")).urls
            assert any(urljoin(page.as_uri(), s) == shim.as_uri() for s in scripts), page


def test_offline_canonical_links_name_the_hosted_pages(offline_site, site):
    """A link copied from the offline copy works when shared: it names the published page."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    hosted = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    canonical = {}
    for page in offline_site.rglob("*.html"):
        m = re.search(r'<link rel="canonical" href="([^"]+)"', page.read_text(encoding="utf-8"))
        if m:
            canonical[page.relative_to(offline_site).as_posix()] = m.group(1)
    assert canonical["pitfalls/op-4.html"].endswith("/pitfalls/op-4/")
    assert canonical["index.html"] == canonical["pitfalls/op-4.html"].removesuffix("pitfalls/op-4/")
    assert set(canonical.values()) == hosted


def test_vendored_shim_is_the_pinned_npm_release():
    readme = (SHIM / "README.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256((SHIM / "shim.js").read_bytes()).hexdigest()
    assert f"sha256 of `shim.js`: `{digest}`" in readme
    version = re.search(r"^IFRAME_WORKER := (\S+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    assert f"Version: `{version}`" in readme
    assert f"iframe-worker-{version}.tgz" in readme
    assert "Permission is hereby granted" in (SHIM / "LICENSE").read_text(encoding="utf-8")


# The hosted build over http://127.0.0.1


@pytest.fixture
def hosted_page(browser):
    """A page whose every request, of any frame or worker, is recorded; other hosts are unreachable."""
    ctx = browser.new_context()
    seen = Recorded()
    ctx.on("request", lambda r: seen.urls.append(r.url))
    page = ctx.new_page()
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.seen = seen
    yield page
    ctx.close()


def test_hosted_site_requests_stay_on_its_host(site, serve, hosted_page):
    base = serve(site)
    host = urlparse(base).netloc
    page = hosted_page
    page.context.route(lambda url: urlparse(url).netloc != host, lambda route: route.abort("internetdisconnected"))
    page.goto(base)
    click_and_wait(page, page.locator(".kb-overview td:first-child a").first)
    click_and_wait(page, page.locator("article li strong a").first)
    click_and_wait(page, page.locator("#related ~ ul a").first)
    open_result(page, search(page, "OP-4"), "pitfalls/op-4/")
    for path in ["pitfalls/", "self-assessment/", "sources/", "about/", "data/"]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    assert page.goto(base + "no/such/page/").status == 404
    page.wait_for_load_state("networkidle")
    assert page.seen.urls
    outside = sorted({u for u in page.seen.urls if urlparse(u).netloc != host})
    assert outside == [], outside
    assert page.seen.errors == []


def test_not_found_page_offers_search_and_the_table(site, serve, hosted_page):
    base = serve(site)
    page = hosted_page
    assert page.goto(base + "deep/down/no-such-page/").status == 404
    assert page.title().startswith("Page not found")
    assert page.locator("h1").inner_text() == "Page not found"
    from axe_playwright_python.sync_playwright import Axe

    report = Axe().run(page)
    assert report.violations_count == 0, report.generate_report()
    box = page.get_by_role("searchbox", name="Search Outsourcing Pitfalls")
    box.fill("OP-4")
    box.press("Enter")  # a plain form: to the home page with ?q=, where Material opens its search
    page.wait_for_url(base + "?q=OP-4")
    results = settled_results(page)
    assert urlparse(results.first.get_attribute("href")).path == "/pitfalls/op-4/"
    page.goto(base + "deep/down/no-such-page/")
    click_and_wait(page, page.get_by_role("link", name="All pitfalls, in one table"))
    assert page.url == base + "pitfalls/"
    assert page.locator("article table tbody tr").count() == len(export(site)["entries"])
    assert page.seen.errors == []


@pytest.mark.build
def test_site_url_comes_from_the_environment(tmp_path, monkeypatch):
    """SITE_URL sets canonical links, the sitemap and the not-found page's links (here, a sub-folder)."""
    from mkdocs.config import load_config

    monkeypatch.setenv("SITE_URL", "https://guide.example.org/outsourcing/")
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "https://guide.example.org/outsourcing/"
    monkeypatch.delenv("SITE_URL")
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "http://127.0.0.1:8000/"
    config = copy_fixture(tmp_path / "project")  # the same theme, built under a sub-folder
    config.write_text(config.read_text().replace("site_url: http://127.0.0.1:8000/",
                                                 "site_url: https://guide.example.org/hiring/"))
    out = tmp_path / "site"
    mkdocs_build(config, out)
    assert '<link rel="canonical" href="https://guide.example.org/hiring/mistakes/hp-1/">' in (
        out / "mistakes/hp-1/index.html").read_text()
    assert "<loc>https://guide.example.org/hiring/mistakes/hp-1/</loc>" in (out / "sitemap.xml").read_text()
    not_found = (out / "404.html").read_text()
    assert 'href="/hiring/mistakes/"' in not_found and 'action="/hiring/"' in not_found
    assert 'src="/hiring/assets/kb.js"' in not_found
    assert '<meta name="kb-entries-path" content="mistakes">' in not_found
