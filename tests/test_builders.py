"""One guide, three builders: MkDocs (the hooks), ProperDocs and Zensical (the tree `kbgen generate` writes),
each hosted over http://127.0.0.1 and offline from file://, checked where a reader would notice: an entry
page, search, the self-assessment, old addresses, What changed, the feed and Copy link; and compared page by
page with bench/builderdiff.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import ROOT, Recorder
from kbgen.builders.run import BUILDERS
from kbgen.read.load import load_catalog

sys.path.insert(0, str(ROOT / "bench"))
import builderdiff  # noqa: E402

PUBLISHED = "https://guide.example.org/"  # a real address: canonical links, cards and citations name it
MODES = ("hosted", "offline")
KBGEN = Path(sys.executable).parent / "kbgen"
CATALOG = load_catalog(ROOT / "content", ROOT)


@dataclass(frozen=True)
class Site:
    builder: str
    mode: str
    folder: Path
    base: str  # where the browser opens it: http://127.0.0.1:port/ or file:///.../
    log: str

    def url(self, page: str) -> str:
        """A page's address in this site: ``pitfalls/op-4/`` is ``pitfalls/op-4.html`` offline."""
        if self.mode == "offline":
            page = (page.removesuffix("/") + ".html") if page.endswith("/") and page != "" else page or "index.html"
        return self.base + page


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    """The real project, copied: builds write their trees into the project's .cache, never into this one."""
    out = tmp_path_factory.mktemp("builders") / "project"
    for name in ("mkdocs.yml", "docs", "content", "hooks/catalog.py"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, out / name)
    return out


def build(project: Path, builder: str, out: Path, offline: bool = False) -> str:
    env = {**os.environ, "SITE_DIR": str(out), "SITE_URL": PUBLISHED, "NO_MKDOCS_2_WARNING": "1",
           "OFFLINE": "true" if offline else "false"}
    result = subprocess.run([str(KBGEN), "build", "--builder", builder], cwd=project, env=env, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.fixture(scope="session")
def sites(project, tmp_path_factory, serve):
    """sites(builder, mode) -> Site, each built once, when a test first asks for it."""
    made: dict[tuple[str, str], Site] = {}

    def get(builder: str, mode: str) -> Site:
        if (builder, mode) not in made:
            folder = tmp_path_factory.mktemp(f"{builder}-{mode}")
            log = build(project, builder, folder, offline=mode == "offline")
            base = folder.as_uri() + "/" if mode == "offline" else serve(folder)
            made[builder, mode] = Site(builder, mode, folder, base, log)
        return made[builder, mode]

    return get


@pytest.fixture(params=[(b, m) for b in BUILDERS for m in MODES], ids=lambda p: f"{p[0]}-{p[1]}")
def site(request, sites) -> Site:
    return sites(*request.param)


@pytest.fixture(params=list(BUILDERS))
def hosted(request, sites) -> Site:
    return sites(request.param, "hosted")


@pytest.fixture
def reader(browser):
    """A fresh browser with a working clipboard whose requests are recorded; nothing off the machine loads."""
    ctx = browser.new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    ctx.route(lambda url: not url.startswith(("file:", "http://127.0.0.1")), lambda route: route.abort())
    page = ctx.new_page()
    page.recorder = Recorder(page)
    yield page
    ctx.close()


def assert_stays_on(page, site: Site) -> None:
    off = [u for u in page.recorder.urls if not u.startswith(site.base) and not u.startswith(("data:", "blob:"))]
    assert off == [] and page.recorder.errors == [], (off, page.recorder.errors)


# What every builder's site must hold, page for page -------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_every_builder_builds_the_same_guide(project, sites, tmp_path, mode):
    """The same page addresses and article text, no broken link, and every generated file byte for byte."""
    env = {**os.environ, "SITE_URL": PUBLISHED, "OFFLINE": "true" if mode == "offline" else "false"}
    generated = subprocess.run([str(KBGEN), "generate", str(tmp_path / "tree")], cwd=project, env=env,
                               capture_output=True, text=True)
    assert generated.returncode == 0, generated.stderr
    reference, *others = (sites(b, mode).folder for b in BUILDERS)
    text, ok = builderdiff.report(reference, others, tmp_path / "tree" / "docs")
    assert ok, text


def test_a_builder_says_what_its_site_lacks(sites):
    readme = (ROOT / "README.md").read_text()
    for name, builder in BUILDERS.items():
        log = sites(name, "hosted").log
        for limit in builder.limits:
            assert f"kbgen: {name}: {limit}." in log
            assert limit in " ".join(readme.split()), f"the README's Builders section should say: {limit}"
    assert "kbgen: mkdocs:" not in sites("mkdocs", "hosted").log


def test_the_tree_builders_read_a_configuration_derived_from_mkdocs_yml(sites, project):
    sites("zensical", "hosted")
    derived = (project / ".cache/kbgen/zensical/mkdocs.yml").read_text()
    assert derived.startswith(f"# Written by kbgen generate from {project / 'mkdocs.yml'}")
    assert "hooks" not in derived and "custom_dir: overrides" in derived and f"site_url: {PUBLISHED}" in derived


# A reader's page ----------------------------------------------------------------------------------------------


def test_entry_page_title_canonical_card_and_citation(site, reader):
    title = CATALOG.by_id["OP-4"].title
    reader.goto(site.url("pitfalls/op-4/"))
    assert reader.title() == f"OP-4: {title} - Outsourcing Pitfalls"
    head = reader.evaluate("""() => ({
        canonical: document.querySelector('link[rel=canonical]')?.href,
        image: document.querySelector('meta[property="og:image"]')?.content,
        description: document.querySelector('meta[name=description]')?.content })""")
    assert head["canonical"] == PUBLISHED + "pitfalls/op-4/"
    if site.mode == "hosted":
        assert head["image"] == PUBLISHED + "assets/cards/pitfalls/op-4.png"
        assert (site.folder / "assets/cards/pitfalls/op-4.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert head["image"] is None  # no cards in the offline copy
    reader.get_by_role("button", name="Cite: copy id, title, version and link").click()
    reader.wait_for_function("document.getElementById('kb-copy-status')?.textContent.length > 0")
    cited = reader.evaluate("navigator.clipboard.readText()")
    assert cited.startswith(f'OP-4, "{title}", Outsourcing Pitfalls ')
    assert cited.endswith(", " + PUBLISHED + "pitfalls/op-4/")
    assert_stays_on(reader, site)


def test_copy_link_names_the_published_address(site, reader):
    reader.goto(site.url("pitfalls/op-8/") + "#avoid")
    reader.get_by_role("button", name="Copy link to section: How to avoid it").click()
    reader.wait_for_function("document.getElementById('kb-copy-status')?.textContent.length > 0")
    assert reader.evaluate("navigator.clipboard.readText()") == PUBLISHED + "pitfalls/op-8/#avoid"


def results(page, query: str) -> list[str]:
    """Search like a reader, in the builder's own search box; the result pages in order (no ?h=, no #part)."""
    material = page.locator("input.md-search__input")
    if material.count():
        material.click()
        box = material
    else:  # Zensical: its search opens from a button
        page.locator(".md-search__button").first.click()
        box = page.locator("input[role=combobox]").first
    box.press_sequentially(query, delay=20)
    links = page.locator(".md-search-result__item > a.md-search-result__link, a[role=option]")
    links.first.wait_for(timeout=10_000)
    before: list[str] | None = None
    while True:  # an earlier keystroke's answer can land late: read until two reads agree
        page.wait_for_timeout(250)
        found = [h.split("?")[0].split("#")[0] for h in links.evaluate_all("as => as.map(a => a.href)")]
        if found == before:
            return list(dict.fromkeys(found))
        before = found


@pytest.mark.parametrize(("query", "entry"), [
    ("OP-4", "pitfalls/op-4/"),            # its id
    ("SLA", "pitfalls/op-8/"),             # a word readers use (an alias)
    ("timezone", "pitfalls/op-7/"),        # another alias, in one word
    ("sleep", "pitfalls/op-7/"),           # a word of its summary
])
def test_search_finds_an_entry_by_id_alias_and_word(site, reader, query, entry):
    reader.goto(site.url(""))
    found = results(reader, query)
    assert site.url(entry) in found[:3], found[:5]
    assert_stays_on(reader, site)


# The self-assessment ------------------------------------------------------------------------------------------


def test_self_assessment_stores_reloads_and_shares(site, reader, browser):
    reader.goto(site.url("self-assessment/"))
    reader.locator(".kb-quiz-actions").wait_for()
    reader.check("input[name='OP-1'][value='0']")
    reader.check("input[name='OP-7'][value='u']")
    reader.reload()
    reader.locator(".kb-quiz-actions").wait_for()
    kept = reader.evaluate("Array.from(document.querySelectorAll('#kb-quiz input:checked'), i => i.name + '=' + i.value)")
    assert kept == ["OP-1=0", "OP-7=u"]
    reader.get_by_role("button", name="Show my results").click()
    score = reader.locator("#kb-score").inner_text()
    assert "1 of" in score or "based on 1" in score, score
    reader.get_by_role("button", name="Copy link to these results").click()
    reader.wait_for_function("() => navigator.clipboard.readText().then(t => t.includes('#a='))")
    link = reader.evaluate("navigator.clipboard.readText()")
    assert link.startswith(PUBLISHED + "self-assessment/#a=")
    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(site.url("self-assessment/") + link[link.index("#"):])
        other.locator("#kb-score").wait_for()
        assert other.locator("#kb-score").inner_text() == score
    finally:
        fresh.close()
    assert_stays_on(reader, site)


# Addresses that must keep working -----------------------------------------------------------------------------


def test_an_id_in_capitals_is_forwarded_by_the_not_found_page(hosted, reader):
    reader.goto(hosted.url("pitfalls/OP-5/"))
    reader.wait_for_url(hosted.url("pitfalls/op-5/") + "*")
    assert reader.locator("h1").first.inner_text().startswith("OP-5:")


def test_a_retired_id_forwards_to_the_entry_it_was_merged_into(site, reader):
    reader.goto(site.url("pitfalls/op-3/") + "#avoid")
    reader.wait_for_url(lambda url: "op-2" in url, timeout=10_000)
    assert reader.url.endswith("#avoid")  # the same section of the entry it leads to
    assert reader.locator("h1").first.inner_text().startswith("OP-2:")
    assert reader.locator(".kb-forwarded").inner_text().startswith("You followed a link to OP-3")


def test_what_changed_and_the_feed(site, reader):
    reader.goto(site.url("changes/"))
    headings = reader.locator("article h2").all_inner_texts()
    assert any("2026.2" in h for h in headings) and any("2026.1" in h for h in headings), headings
    feed = reader.locator("link[rel=alternate][type='application/atom+xml']")
    if site.mode == "offline":
        assert feed.count() == 0  # the offline copy has no feed to follow
        return
    assert feed.get_attribute("href") == "../releases.xml"
    entries = ElementTree.parse(site.folder / "releases.xml").getroot().findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.find("{http://www.w3.org/2005/Atom}title").text for e in entries][-1] == "Outsourcing Pitfalls 2026.1"


@pytest.mark.parametrize("mode", MODES)
def test_the_export_is_the_same_file_in_every_site(sites, mode):
    exports = {b: (sites(b, mode).folder / "pitfalls.json").read_bytes() for b in BUILDERS}
    assert len(set(exports.values())) == 1
    assert len(json.loads(exports["mkdocs"])["entries"]) == len(CATALOG.entries)


# The meeting agenda and the entries as data -----------------------------------------------------------------


def test_an_agenda_link_opens_the_same_agenda_and_its_entries_link_home(site, reader):
    """Added from an entry page, then opened from its link in the same site: each entry with its questions, and
    its address on the published site; the entry's own link leads to its page in this build."""
    reader.goto(site.url("pitfalls/op-8/"))
    reader.get_by_role("button", name="Add to the agenda").click()
    reader.goto(site.url("agenda/") + "#agenda=1&ids=OP-5,OP-8&title=Kick-off")
    reader.locator("#kb-agenda-list > li").nth(1).wait_for()
    assert reader.locator("#kb-agenda-list > li > h2").all_inner_texts() == [
        f"OP-5: {CATALOG.by_id['OP-5'].title}", f"OP-8: {CATALOG.by_id['OP-8'].title}"]
    first = reader.locator("#kb-agenda-list > li").first
    assert first.locator(".kb-agenda-ask > li > span:first-child").all_inner_texts() == list(
        CATALOG.by_id["OP-5"].ask_provider)
    address = first.locator(".kb-agenda-url a")
    assert address.inner_text() == PUBLISHED + "pitfalls/op-5/"
    address.click()
    reader.wait_for_url(site.url("pitfalls/op-5/"))
    assert reader.get_by_role("button", name="Add to the agenda").get_attribute("aria-pressed") == "false"
    reader.goto(site.url("agenda/"))  # the reader's own agenda: what they added
    reader.locator("#kb-agenda-list > li").first.wait_for()
    assert reader.locator("#kb-agenda-list > li > h2").all_inner_texts() == [f"OP-8: {CATALOG.by_id['OP-8'].title}"]
    assert_stays_on(reader, site)


def test_every_entry_page_carries_parsable_json_ld_and_links_its_data(site):
    """Printed by each builder's template engine from the page's front matter: valid JSON, an Article per entry,
    the home page a WebSite; the entry's data file beside its page."""
    import re

    script = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
    for e in CATALOG.entries:
        slug = e.id.lower()
        page = site.folder / (f"pitfalls/{slug}.html" if site.mode == "offline" else f"pitfalls/{slug}/index.html")
        html = page.read_text()
        [doc] = [json.loads(block) for block in script.findall(html)]
        assert (doc["@type"], doc["name"], doc["url"]) == ("Article", e.title, f"{PUBLISHED}pitfalls/{slug}/")
        href = re.search(r'<link rel="alternate " type="application/json"[^>]*href="([^"]+)"', html).group(1)
        data = json.loads((page.parent / href).read_text())
        assert data["entry"]["id"] == e.id
    home = (site.folder / "index.html").read_text()
    assert json.loads(script.search(home).group(1))["@type"] == "WebSite"
