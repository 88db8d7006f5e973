"""Machine-readable copies of the catalog, named after its entries folder (``<path>`` in catalog.yaml).

``<path>.json`` (everything), ``<path>.csv`` (one row per entry, for spreadsheets) and
``<path>.schema.json`` (the JSON Schema both follow: the export's published contract, from ``model/export.py``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

from ..model import schemas
from ..model.catalog import Entry
from ..model.export import CSV_COLUMNS, FORMAT_VERSION
from .pages import Pages
from .sections import anchors


def outputs(pages: Pages) -> dict[str, Callable[[], str]]:
    """The export files by source path, with what writes each (the paths alone cost nothing)."""
    u = pages.urls
    return {
        u.export_src("json"): lambda: to_json(pages),
        u.export_src("csv"): lambda: to_csv(pages),
        u.export_src("schema.json"): lambda: schemas.export_schema_text(u.export_src("schema.json")),
    }


def data(pages: Pages) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "name": pages.catalog.settings.name,
        "version": pages.version,
        "released": pages.released,
        **_content(pages),
    }


def _content(pages: Pages) -> dict[str, Any]:
    """Categories, entries, retired ids and sources, as exported: worked out once per build (the release
    history, the JSON and the CSV all read them)."""
    if "export" in pages.cache:
        return pages.cache["export"]
    c, u = pages.catalog, pages.urls

    def entry(e: Entry) -> dict[str, Any]:
        history = c.history.get(e.id, ())
        return {
            **e.model_dump(mode="json", exclude_none=True),
            "url": u.url(u.entry_src(e.id)),
            "anchors": anchors(e, history),
            "previous_ids": [{"id": h.old_id, "title": h.old_title, "change": h.kind, "date": h.date} for h in history],
        }

    pages.cache["export"] = {
        "categories": [{**cat.model_dump(mode="json"), "url": u.url(u.category_src(cat.id))} for cat in c.categories],
        "entries": [entry(e) for e in c.entries],
        "retired": [
            {
                "id": r.old_id,
                "title": r.old_title,
                "change": r.kind,
                "date": r.date,
                "now": r.target.id,
                "url": u.url(u.entry_src(r.old_id)),
            }
            for r in c.redirects
        ],
        "sources": [s.model_dump(mode="json") for s in c.sources],
    }
    return pages.cache["export"]


def to_json(pages: Pages) -> str:
    return json.dumps(data(pages), ensure_ascii=False, indent=1) + "\n"


# A cell a spreadsheet would run as a formula (OWASP, CSV injection): it starts with = + - @, a tab or a carriage
# return, after any quotes. Such a cell gets one more ' in front, which spreadsheets show as text; the
# self-assessment's CSV (hooks/kbgen/assets/quiz/check.js, FORMULA) follows the same rule.
FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def neutral(cell: str) -> str:
    return "'" + cell if FORMULA.match(cell) else cell


def to_csv(pages: Pages) -> str:
    """One row per live entry; lists joined with "; " so a spreadsheet shows them in one cell; no cell that a
    spreadsheet would run as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in data(pages)["entries"]:
        row = {
            **e,
            "sources": "; ".join(f"{r['source']}#{r['item']}" for r in e["sources"]),
            "aliases": "; ".join(e["aliases"]),
            "related": "; ".join(e["related"]),
            "previous_ids": "; ".join(p["id"] for p in e["previous_ids"]),
        }
        writer.writerow([neutral(str(row[column])) for column in CSV_COLUMNS])
    return out.getvalue()
