"""Real MkDocs builds: generated pages, the export, and a second catalog on another topic."""

import json
import re
from pathlib import Path

from conftest import ROOT, entry_url, project_pages
from kbgen.read.load import load_catalog


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_generated_page_exists(site):
    catalog = load_catalog(ROOT / "content", ROOT)
    for entry in catalog.entries:
        assert (site / entry_url(catalog, entry.id) / "index.html").exists(), entry.id
    for category in catalog.categories:
        assert (site / "categories" / category.id / "index.html").exists()
    for page in ("pitfalls/index.html", "sources/index.html", "self-assessment/index.html", "about/index.html"):
        assert (site / page).exists(), page


def test_entry_page_lays_out_every_field(site):
    catalog = load_catalog(ROOT / "content", ROOT)
    entry = catalog.entries[0]
    html = text(site / entry_url(catalog, entry.id) / "index.html")
    for anchor in ("why", "warning-signs", "avoid", "self-check", "related", "sources"):
        assert f'id="{anchor}"' in html, anchor
    for i, _ in enumerate(entry.warning_signs, 1):
        assert f'id="sign-{i}"' in html
    for i, _ in enumerate(entry.avoid, 1):
        assert f'id="step-{i}"' in html
    assert entry.question.text.replace("'", "&#39;") in html or entry.question.text in html
    for rid in entry.related:
        assert f'href="../{rid.lower()}/"' in html


def test_pitfalls_json_export(site):
    data = json.loads(text(site / "pitfalls.json"))
    catalog = load_catalog(ROOT / "content", ROOT)
    assert [e["id"] for e in data["entries"]] == [e.id for e in catalog.entries]
    first = data["entries"][0]
    assert {"id", "title", "summary", "category", "severity", "url", "sources"} <= set(first)
    assert first["url"] == f"pitfalls/{first['id'].lower()}/"
    assert all({"source", "item"} == set(ref) for e in data["entries"] for ref in e["sources"])
    assert {s["id"] for s in data["sources"]} == {s.id for s in catalog.sources}
    assert all({"id", "file", "title", "items"} <= set(s) for s in data["sources"])
    assert all({"id", "label"} == set(i) for s in data["sources"] for i in s["items"])


def test_navigation_lists_categories_not_entries(site):
    html = text(site / "index.html")
    start = html.index('<nav class="md-nav md-nav--primary"')
    nav = html[start:html.index('class="md-content"', start)]  # the primary sidebar, nested navs included
    assert "categories/planning/" in nav
    assert "pitfalls/op-1/" not in nav


def test_no_request_to_another_host_in_markup(site):
    html = text(site / "index.html")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert not re.search(r'<script[^>]+src="https?://', html)


def test_other_topic_builds_with_the_same_hooks(hiring_site):
    assert (hiring_site / "mistakes" / "hp-2" / "index.html").exists()
    data = json.loads(text(hiring_site / "mistakes.json"))  # named after the entries folder
    assert [e["id"] for e in data["entries"]] == ["HP-1", "HP-2", "HP-3"]
    home = text(hiring_site / "index.html")
    assert "HP-2: Interviewing without a plan" in home  # the overview grid


def test_generator_holds_nothing_topic_specific():
    for file in (ROOT / "hooks/kbgen").rglob("*"):
        if file.is_file() and file.suffix in {".py", ".j2", ".html", ".json", ".js", ".css"}:
            body = text(file).lower()
            assert "outsourc" not in body and "op-4" not in body, file
            if file.name == "articles.py":  # it knows "Pitfall #3" only as the vocabulary of list articles
                continue
            # This catalog's noun, and its other party: from catalog.yaml (ask_provider is a field's name).
            assert "pitfall" not in body, file
            named = body.replace("ask_provider", "").replace("ask-provider", "").replace("ask provider", "")  # its title
            assert "provider" not in named, file


def test_rendering_escapes_content(tmp_path):
    from dataclasses import replace

    pages = project_pages(ROOT / "tests/fixtures/hiring")
    entry = pages.catalog.entries[0]
    evil = entry.model_copy(update={"title": "A *b* [c](d) | e", "summary": "x & y"})
    pages.catalog = replace(pages.catalog, entries=(evil, *pages.catalog.entries[1:]))
    md = pages.entry(evil)
    assert r"A \*b\* \[c\]\(d\) \| e" in md
    assert "x &amp; y" in md


def test_new_fields_reach_the_page_and_the_export(site):
    """ask_provider (its section and anchors) on every entry page and in the export; each source's address,
    linked from the sources page, excerpts flagged there, and no internal file name shown."""
    catalog = load_catalog(ROOT / "content", ROOT)
    data = {e["id"]: e for e in json.loads(text(site / "pitfalls.json"))["entries"]}
    for entry in catalog.entries:
        assert data[entry.id]["ask_provider"] == list(entry.ask_provider)
        page = text(site / entry_url(catalog, entry.id) / "index.html")
        assert 'id="ask-provider"' in page and f'id="ask-{len(entry.ask_provider)}"' in page, entry.id
    sources = text(site / "sources/index.html")
    for source in catalog.sources:
        assert source.file not in sources
        if source.url:
            assert f'href="{source.url}"' in sources, source.id
    assert sources.count("An excerpt") == sum(not s.complete for s in catalog.sources) > 0


def test_a_build_says_nothing_about_pages_reached_another_way(tmp_path):
    """Entry pages and old ids' forwarding pages are reached from listings, links and search: `not_in_nav` says
    so, and the build's log no longer lists them as pages missing from the nav."""
    from conftest import mkdocs_build

    log = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert "not included in the \"nav\"" not in log and "pitfalls/op-" not in log
    broken = tmp_path / "project"
    broken.mkdir()
    (broken / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text().replace("  - About: about.md\n", ""))
    for name in ("docs", "content", "hooks"):
        (broken / name).symlink_to(ROOT / name)
    assert "about.md" in mkdocs_build(broken / "mkdocs.yml", tmp_path / "other")  # other pages are still named
