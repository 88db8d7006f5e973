"""What the page scripts (the self-assessment's and the agenda's) read from their page, where both read it."""

from __future__ import annotations

from typing import Any

from mkdocs.utils import get_relative_url

from ..model.catalog import Catalog, Entry
from .pages import Pages
from .urls import hosted_url


def redirects(catalog: Catalog) -> dict[str, list[str]]:
    """Each old id (renamed or merged) with the live entry it leads to and how: ``{"HP-4": ["HP-2", "merged"]}``."""
    return {r.old_id: [r.target.id, r.kind] for r in catalog.redirects}


def head(pages: Pages, src: str) -> dict[str, Any]:
    """Where the browser keeps the script's data, the site and release, and where old ids lead; ``root``: the
    page's way back to the site's root on the hosted site (with an entry's ``path``, its published address)."""
    c = pages.catalog
    return {
        "key": c.settings.storage_key,
        "site": c.settings.name,
        "release": pages.version,
        "root": get_relative_url("./", hosted_url(src)),
        "redirects": redirects(c),
    }


def entry(pages: Pages, src: str, e: Entry) -> dict[str, Any]:
    """An entry as both scripts name and link it: ``url`` relative to the page as built (links), ``path`` on the
    hosted site; ``ask``: what to raise with the other side (the printed report, the agenda)."""
    u = pages.urls
    return {
        "id": e.id,
        "title": e.title,
        "url": u.href(src, u.entry_src(e.id)),
        "path": hosted_url(u.entry_src(e.id)),
        "ask": list(e.ask_provider),
    }
