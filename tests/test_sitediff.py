"""bench/sitediff.py: two built sites compared after normalisation, on small hand-made folders."""

import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import sitediff  # noqa: E402

PAGE = """<!doctype html>
<html><head>
  <meta charset="utf-8">
  <meta name="generator" content="{generator}">
  <meta name="description" content="{description}">
  <link rel="stylesheet" href="assets/kb.css?v={hash}">
  <title>{title}</title>
</head><body>
  <nav>{nav}</nav>
  <article class="md-content__inner">
    <h1 id="op-1">{title}</h1>
    {body}
  </article>
</body></html>
"""
ENTRIES = [
    {"id": "OP-1", "title": "No clear goals", "aliases": ["brief", "SOW"]},
    {"id": "OP-2", "title": "No shortlist", "aliases": []},
]
CSV = "id,title,aliases\nOP-1,No clear goals,brief; SOW\nOP-2,No shortlist,\n"
SITEMAP = (
    "<urlset><url><loc>https://x.test/</loc><lastmod>{date}</lastmod></url>\n"
    "<url><loc>https://x.test/pitfalls/op-1/</loc><lastmod>{date}</lastmod></url></urlset>"
)


def page(**kw: str) -> str:
    fields = {
        "generator": "mkdocs-1.6.1",
        "description": "Goals first.",
        "hash": "1a2b",
        "title": "OP-1: No clear goals",
        "nav": "Home",
        "body": "<p>You outsource before deciding\n what you want.</p>",
    }
    return PAGE.format(**{**fields, **kw})


def make_site(root: Path) -> Path:
    (root / "pitfalls" / "op-1").mkdir(parents=True)
    (root / "search").mkdir()
    (root / "index.html").write_text(page(title="Home", body="<p>Welcome.</p>"))
    (root / "pitfalls" / "op-1" / "index.html").write_text(page())
    (root / "pitfalls.json").write_text(json.dumps({"format": 1, "entries": ENTRIES}))
    (root / "pitfalls.csv").write_text(CSV)
    docs = [
        {"location": "", "title": "Home", "text": "Welcome."},
        {"location": "pitfalls/op-1/", "title": "OP-1", "text": "You outsource"},
    ]
    (root / "search" / "search_index.json").write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}))
    (root / "sitemap.xml").write_text(SITEMAP.format(date="2026-11-01"))
    return root


@pytest.fixture
def sites(tmp_path: Path) -> tuple[Path, Path]:
    old = make_site(tmp_path / "old")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    return old, new


def test_identical_sites_exit_0(sites, capsys):
    old, new = sites
    assert sitediff.main([str(old), str(new)]) == 0
    assert "identical" in capsys.readouterr().out


def test_what_normalisation_ignores(sites, capsys):
    old, new = sites
    body = "<p>You   outsource before\n\n deciding what you want.</p>"
    nav = "Home, now elsewhere"  # outside <article> and <head>: not the page's content
    html = page(generator="mkdocs-ProperDocs 1.6.7", hash="9f9f", body=body, nav=nav).replace("\n  ", "\n")
    (new / "pitfalls" / "op-1" / "index.html").write_text(html)
    (new / "pitfalls.json").write_text(json.dumps({"format": 1, "entries": ENTRIES}, indent=2))
    (new / "sitemap.xml").write_text(SITEMAP.format(date="2027-01-31"))
    assert sitediff.compare(old, new) == []
    assert sitediff.main([str(old), str(new)]) == 0


def test_changed_paragraph(sites):
    old, new = sites
    (new / "pitfalls" / "op-1" / "index.html").write_text(page(body="<p>You outsource too early.</p>"))
    [diff] = sitediff.compare(old, new)
    assert diff.startswith("pitfalls/op-1/index.html: <article> differs")
    assert "-You outsource before deciding what you want." in diff
    assert "+You outsource too early." in diff


def test_changed_head_tag(sites):
    old, new = sites
    (new / "pitfalls" / "op-1" / "index.html").write_text(page(description="Set goals first."))
    [diff] = sitediff.compare(old, new)
    assert diff.startswith("pitfalls/op-1/index.html: <head> differs")
    assert '+<meta content="Set goals first." name="description">' in diff


def test_added_and_removed_pages(sites, capsys):
    old, new = sites
    (new / "pitfalls" / "op-2").mkdir()
    (new / "pitfalls" / "op-2" / "index.html").write_text(page(title="OP-2"))
    (new / "index.html").unlink()
    (new / "sitemap.xml").write_text(SITEMAP.format(date="2026-11-01").replace("op-1", "op-2"))
    assert sitediff.main([str(old), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "page added: pitfalls/op-2/index.html" in out
    assert "page removed: index.html" in out
    assert "sitemap.xml: URL removed https://x.test/pitfalls/op-1/" in out
    assert "sitemap.xml: URL added https://x.test/pitfalls/op-2/" in out


def test_changed_json_field(sites):
    old, new = sites
    entries = [
        {**ENTRIES[0], "title": "Unclear goals", "aliases": ["brief", "scope"]},
        {**ENTRIES[1], "severity": "high"},
    ]
    (new / "pitfalls.json").write_text(json.dumps({"format": 2, "entries": entries}))
    assert sitediff.compare(old, new) == [
        "pitfalls.json: format: 1 -> 2",
        'pitfalls.json: entries[OP-1].title: "No clear goals" -> "Unclear goals"',
        'pitfalls.json: entries[OP-1].aliases: removed ["SOW"]; added ["scope"]',
        'pitfalls.json: entries[OP-2].severity: added "high"',
    ]


def test_entries_matched_by_id_not_position(sites):
    old, new = sites
    (new / "pitfalls.json").write_text(json.dumps({"format": 1, "entries": ENTRIES[::-1]}))
    assert sitediff.compare(old, new) == ["pitfalls.json: entries: order changed"]


def test_changed_csv_row_and_search_entry(sites):
    old, new = sites
    (new / "pitfalls.csv").write_text(CSV.replace("OP-2,No shortlist,", "OP-2,No shortlist,vetting"))
    index = json.loads((new / "search" / "search_index.json").read_text())
    removed = index["docs"].pop()
    (new / "search" / "search_index.json").write_text(json.dumps(index))
    assert sitediff.compare(old, new) == [
        'pitfalls.csv: rows[OP-2].aliases: "" -> "vetting"',
        f"search/search_index.json: docs[pitfalls/op-1/]: removed {json.dumps(removed)}",
    ]


def test_other_files_by_bytes(sites):
    old, new = sites
    (old / "assets").mkdir()
    (old / "assets" / "kb.js").write_text("let a = 1;\n")
    (new / "assets").mkdir()
    (new / "assets" / "kb.js").write_text("let a = 2;\n")
    (new / "assets" / "quiz-core.js").write_text("")
    assert sitediff.compare(old, new) == ["file added: assets/quiz-core.js", "assets/kb.js: content differs"]


def test_escaped_text_is_not_markup(sites):
    old, new = sites
    (old / "index.html").write_text(page(body="<p><b>bold</b></p>"))
    (new / "index.html").write_text(page(body="<p>&lt;b&gt;bold&lt;/b&gt;</p>"))
    [diff] = sitediff.compare(old, new)
    assert "+&lt;b&gt;bold&lt;/b&gt;" in diff
