"""Link previews: a card image per shareable page, drawn at build time, with the tags that make links unfurl."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from conftest import FIXTURES, ROOT, copy_fixture, mkdocs_build
from kbgen.generate import cards

pytestmark = pytest.mark.build


class Head(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "content" in a:
            self.meta[a.get("property") or a.get("name") or ""] = a["content"]


def shareable(site: Path) -> list[Path]:
    """Every page people share: all but redirect pages and the not-found page."""
    return [p for p in site.rglob("index.html") if "http-equiv=\"refresh\"" not in p.read_text()
            and not p.relative_to(site).as_posix().startswith("search/")]


def card_of(site: Path, page: Path) -> tuple[dict[str, str], Path]:
    meta = Head(page.read_text(encoding="utf-8")).meta
    url = meta["og:image"]
    return meta, site / url.split("/", 3)[3]


@pytest.mark.parametrize("project", [ROOT, FIXTURES / "hiring"], ids=["real", "fixture"])
def test_every_shareable_page_has_a_card_and_its_tags(project, tmp_path):
    site = tmp_path / "site"
    mkdocs_build(project / "mkdocs.yml", site)
    pages = shareable(site)
    assert len(pages) >= 10
    for page in pages:
        meta, image = card_of(site, page)
        assert meta["og:image"].startswith("http://127.0.0.1:8000/assets/cards/"), page
        assert meta["twitter:image"] == meta["og:image"]
        assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:type"]) == ("1200", "630", "image/png")
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["og:image:alt"] and meta["theme-color"] == "#4051b5"
        data = image.read_bytes()
        assert len(data) < 300_000
        with Image.open(io.BytesIO(data)) as img:
            assert (img.format, img.size) == ("PNG", (1200, 630))
    home = Head((site / "index.html").read_text()).meta
    assert home["og:title"] == re.search(r"^site_name: (.+)$", (project / "mkdocs.yml").read_text(), re.M).group(1)


def test_entry_card_names_id_title_category_and_severity(hiring_site):
    meta, _ = card_of(hiring_site, hiring_site / "mistakes/hp-2/index.html")
    assert meta["og:image:alt"] == ("HP-2: Interviewing without a plan. Interviews. Severity: high. Hiring Pitfalls.")
    assert meta["og:title"] == "HP-2: Interviewing without a plan"


def test_cards_are_reproducible_and_redrawn_only_when_their_content_changes(tmp_path):
    config = copy_fixture(tmp_path / "project")
    first, again = tmp_path / "first", tmp_path / "again"
    mkdocs_build(config, first)
    cache = config.parent / ".cache/kbgen"
    drawn = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")}
    assert len(drawn) >= 8
    for p in cache.glob("*.png"):
        p.unlink()  # a cold build gives the very same bytes
    mkdocs_build(config, again)
    assert {p.relative_to(again): p.read_bytes() for p in (again / "assets/cards").rglob("*.png")} == \
        {p.relative_to(first): p.read_bytes() for p in (first / "assets/cards").rglob("*.png")}
    drawn = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")}
    entry = config.parent / "content/mistakes/hp-3.yaml"
    entry.write_text(entry.read_text().replace("title: Skipping reference checks", "title: Never calling references"))
    third = tmp_path / "third"
    mkdocs_build(config, third)
    now = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")}
    assert {k: v for k, v in now.items() if k in drawn} == drawn  # no card was redrawn ...
    assert len(set(now) - set(drawn)) == 1  # ... but the retitled entry's
    changed = [p.relative_to(third).as_posix() for p in (third / "assets/cards").rglob("*.png")
               if p.read_bytes() != (again / p.relative_to(third)).read_bytes()]
    assert changed == ["assets/cards/mistakes/hp-3.png"]


def test_the_offline_copy_has_no_cards(tmp_path):
    site = tmp_path / "offline"
    mkdocs_build(FIXTURES / "hiring" / "mkdocs.yml", site, OFFLINE="true")
    assert not (site / "assets/cards").exists()
    for page in site.rglob("*.html"):
        assert "og:image" not in page.read_text(encoding="utf-8"), page


def test_another_topic_gets_its_own_name_and_colours(tmp_path):
    config = copy_fixture(tmp_path / "project")
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n  palette: {primary: teal}\n")
                      .replace("site_name: Hiring Pitfalls", "site_name: Team Hiring Guide"))
    site = tmp_path / "site"
    mkdocs_build(config, site)
    meta, image = card_of(site, site / "mistakes/hp-1/index.html")
    assert meta["theme-color"] == cards.MATERIAL_PRIMARY["teal"]
    assert meta["og:image:alt"].endswith("Team Hiring Guide.")
    with Image.open(image) as img:
        assert img.convert("RGB").getpixel((5, 5)) == cards.rgb(cards.MATERIAL_PRIMARY["teal"])  # the band
