"""The meeting agenda page: the reader's chosen entries, each with what to ask and what to listen for.

The page holds the data of every entry (the reader's choice lives in the browser, and from ``file://`` a page
cannot fetch the entries' own files); its script, ``assets/agenda.js``, is joined from its parts like the
self-assessment's.
"""

from __future__ import annotations

from typing import Any

from . import client
from .pages import Pages

SCRIPT = "assets/agenda.js"
# Its parts in kbgen/assets/, joined in this order: the pure part (tested with node --test), then the page's.
SCRIPT_PARTS = tuple(f"assets/agenda/{part}.js" for part in ("core", "keep", "view", "page"))


def data(pages: Pages) -> dict[str, Any]:
    """Every entry with its summary and warning signs beside what ``client`` gives both scripts."""
    src = pages.urls.agenda_src
    return {
        **client.head(pages, src),
        "entries": [
            {**client.entry(pages, src, e), "summary": e.summary, "signs": list(e.warning_signs)}
            for e in pages.catalog.entries
        ],
    }


def page(pages: Pages) -> str:
    return pages.render("agenda.md.j2", pages.urls.agenda_src, data=data(pages))
