"""Link previews: which card each page gets, where it is published, and the tags that make links unfurl.

Cards are drawn by ``cards.py`` into a cache outside ``docs/`` and ``content/`` (redrawn only when what
they show changes) and copied into the built site under ``assets/cards/``. The offline build has none.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from . import cards
from .render import Pages

FOLDER = "assets/cards"


def theme(config: MkDocsConfig) -> cards.Theme:
    """The card colours from the site's light palette (its first scheme without ``slate``)."""
    palette = config.theme.get("palette") or {}
    schemes = palette if isinstance(palette, list) else [palette]
    light = next((p for p in schemes if isinstance(p, dict) and p.get("scheme") != "slate"), {})
    return cards.Theme.from_material(light.get("primary"))


def card(page: Page, pages: Pages, config: MkDocsConfig) -> cards.Card:
    """What the card of ``page`` shows: an entry's id, title, category and severity; else its title and line."""
    c, u, site = pages.catalog, pages.urls, config.site_name
    entry = c.by_id.get(str(page.meta.get("kb_entry", "")))
    if entry is not None:
        return cards.Card(
            site,
            entry.title,
            kicker=entry.id,
            detail=c.category_by_id[entry.category].title,
            badge=f"Severity: {entry.severity}",
        )
    category = next((cat for cat in c.categories if u.category_src(cat.id) == page.file.src_uri), None)
    if category is not None:
        return cards.Card(site, category.title, kicker="Category", detail=category.description)
    description = str(page.meta.get("description") or config.site_description or "")
    title = site if page.is_homepage else str(page.meta.get("title") or page.title or site)
    return cards.Card(site, title, detail=description)


@dataclass(frozen=True)
class Preview:
    """The published card of one page, as its meta tags name it."""

    url: str
    alt: str
    width: int = cards.WIDTH
    height: int = cards.HEIGHT
    type: str = cards.MEDIA_TYPE


def publish(page: Page, pages: Pages, config: MkDocsConfig, cache: Path) -> Preview:
    """Draw (or take from the cache) the card of ``page`` and copy it into the site; returns its tags' values."""
    shown = card(page, pages, config)
    drawn = cards.draw_cached(shown, _theme(pages, config), cache)
    path = f"{FOLDER}/{page.file.src_uri.removesuffix('.md')}.png"
    target = Path(config.site_dir) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    try:  # a hard link where the cache and the site share a disk: thousands of cards, no copying
        target.unlink(missing_ok=True)
        os.link(drawn, target)
    except OSError:
        shutil.copyfile(drawn, target)
    return Preview(urljoin(config.site_url or "", path), cards.alt_text(shown))


def _theme(pages: Pages, config: MkDocsConfig) -> cards.Theme:
    """This build's card theme, worked out once."""
    if "theme" not in pages.cache:
        pages.cache["theme"] = theme(config)
    return pages.cache["theme"]


def context(page: Page, pages: Pages, config: MkDocsConfig, cache: Path) -> dict[str, Any]:
    """Template values for the page's preview: none for redirect pages and offline copies."""
    colour = cards.hex_colour(_theme(pages, config).primary)
    if page.meta.get("kb_forward") or pages.urls.offline or not config.site_url:
        return {"kb_preview": None, "kb_theme_color": colour}
    return {"kb_preview": publish(page, pages, config, cache), "kb_theme_color": colour}
