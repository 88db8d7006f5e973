"""Link previews: which card each page gets, and where it is published.

Cards are drawn by ``cards.py`` into a cache outside ``docs/`` and ``content/`` (redrawn only when what they
show changes) and join the tree under ``assets/cards/``, so every builder copies them like any other file.
The offline copy, a site without an address and the forwarding pages of old ids have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.meta import get_data

from ..read import site
from . import cards
from .pages import Pages
from .tree import Output

FOLDER = "assets/cards"


@dataclass(frozen=True)
class Preview:
    """The published card of one page: where the tree holds it, the drawn file, and what its tags say."""

    src: str
    path: Path
    url: str
    alt: str


def theme(config: MkDocsConfig) -> cards.Theme:
    """The card colours from the site's light palette (its first scheme without ``slate``)."""
    palette = config.theme.get("palette") or {}
    schemes = palette if isinstance(palette, list) else [palette]
    light = next((p for p in schemes if isinstance(p, dict) and p.get("scheme") != "slate"), {})
    return cards.Theme.from_material(light.get("primary"))


def cards_wanted(pages: Pages, config: MkDocsConfig) -> bool:
    return site.read(config).cards and not pages.urls.offline and bool(config.site_url)


def cards_for(
    pages: Pages, config: MkDocsConfig, files: dict[str, Output], nav_titles: dict[str, str], colours: cards.Theme
) -> dict[str, Preview]:
    """Each page's preview, by its source path (none at all where cards are off)."""
    if not cards_wanted(pages, config):
        return {}
    c, u = pages.catalog, pages.urls
    shown: dict[str, cards.Card] = {u.entry_src(e.id): _entry(e.id, pages, config) for e in c.entries}
    shown |= {
        u.category_src(cat.id): cards.Card(config.site_name, cat.title, kicker="Category", detail=cat.description)
        for cat in c.categories
    }
    forwarding = {u.entry_src(r.old_id) for r in c.redirects}
    for src, out in files.items():
        if src.endswith(".md") and src not in shown and src not in forwarding and out.text is not None:
            shown[src] = _page(src, out.text, nav_titles, config)
    cache, address = Path(site.read(config).cache), config.site_url or ""
    previews = {}
    for src, card in shown.items():
        path = f"{FOLDER}/{src.removesuffix('.md')}.png"
        drawn = cards.draw_cached(card, colours, cache)
        previews[src] = Preview(path, drawn, urljoin(address, path), cards.alt_text(card))
    return previews


def _entry(entry_id: str, pages: Pages, config: MkDocsConfig) -> cards.Card:
    e = pages.catalog.by_id[entry_id]
    category = pages.catalog.category_by_id[e.category].title
    return cards.Card(config.site_name, e.title, kicker=e.id, detail=category, badge=f"Severity: {e.severity}")


def _page(src: str, markdown: str, nav_titles: dict[str, str], config: MkDocsConfig) -> cards.Card:
    """Any other page: its title (front matter, nav, first heading, file name, as MkDocs takes it) and line."""
    body, meta = get_data(markdown)
    description = str(meta.get("description") or config.site_description or "")
    if src in ("index.md", "README.md"):
        return cards.Card(config.site_name, config.site_name, detail=description)
    heading = next((line[2:].split(" {")[0].strip() for line in body.splitlines() if line.startswith("# ")), "")
    title = meta.get("title") or nav_titles.get(src) or heading or Path(src).stem.replace("-", " ").capitalize()
    return cards.Card(config.site_name, str(title), detail=description)
