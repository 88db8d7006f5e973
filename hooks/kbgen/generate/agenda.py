"""The meeting agenda page: the reader's chosen entries, each with what to ask and what to listen for.

The page holds the data of every entry (the reader's choice lives in the browser, and from ``file://`` a page
cannot fetch the entries' own files); its script, ``assets/agenda.js``, is joined from its parts like the
self-assessment's.
"""

from __future__ import annotations

from typing import Any

from mkdocs.utils import get_relative_url

from .pages import Pages
from .quiz import redirects
from .urls import hosted_url

SCRIPT = "assets/agenda.js"
# Its parts in kbgen/assets/, joined in this order: the pure part (tested with node --test), then the page's.
SCRIPT_PARTS = tuple(f"assets/agenda/{part}.js" for part in ("core", "keep", "view", "page"))


def data(pages: Pages) -> dict[str, Any]:
    """``url``: each entry's page relative to the agenda, as built (links); ``root`` + ``path``: the same on the
    hosted site, resolved against the published address for the printed agenda, its link and its CSV."""
    c, u = pages.catalog, pages.urls
    return {
        "key": c.settings.storage_key,
        "site": c.settings.name,
        "release": pages.version,
        "root": get_relative_url("./", hosted_url(u.agenda_src)),
        "redirects": redirects(c),
        "entries": [
            {
                "id": e.id,
                "title": e.title,
                "summary": e.summary,
                "url": u.href(u.agenda_src, u.entry_src(e.id)),
                "path": hosted_url(u.entry_src(e.id)),
                "ask": list(e.ask_provider),
                "signs": list(e.warning_signs),
            }
            for e in c.entries
        ],
    }


def page(pages: Pages) -> str:
    return pages.render("agenda.md.j2", pages.urls.agenda_src, data=data(pages))
