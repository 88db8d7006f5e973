"""Machine-readable copies of the catalog, named after its entries folder (``<path>`` in catalog.yaml).

``<path>.json`` (everything), ``<path>.csv`` (one row per entry, for spreadsheets), ``<path>-checklist.csv``
(one row per item of advice: the checklist spreadsheet), ``<path>/<id>.json`` (each entry at its own address,
beside its page) and ``<path>.schema.json`` (the JSON Schema they all follow: the export's published contract,
from ``model/export.py``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from ..model import schemas
from ..model.catalog import Entry
from ..model.export import CHECKLIST_ANCHORS, CHECKLIST_COLUMNS, CSV_COLUMNS, FORMAT_VERSION
from .pages import Pages, paragraphs
from .sections import anchors


def outputs(pages: Pages) -> dict[str, Callable[[], str]]:
    """The export files by source path, with what writes each (the paths alone cost nothing)."""
    u = pages.urls
    return {
        u.export_src("json"): lambda: to_json(pages),
        u.export_src("csv"): lambda: to_csv(pages),
        u.export_src("schema.json"): lambda: schemas.export_schema_text(u.export_src("schema.json")),
        u.checklist_src: lambda: to_checklist(pages),
        **{u.entry_json_src(e.id): partial(entry_json, pages, e.id) for e in pages.catalog.entries},
        **{u.entry_json_src(r.old_id): partial(retired_json, pages, r.old_id) for r in pages.catalog.redirects},
    }


def _head(pages: Pages) -> dict[str, Any]:
    """What every export file says first: its format, and the catalog and version it belongs to."""
    return {
        "format": FORMAT_VERSION,
        "name": pages.catalog.settings.name,
        "version": pages.version,
        "released": pages.released,
    }


def data(pages: Pages) -> dict[str, Any]:
    return {**_head(pages), **_content(pages)}


def entry_json(pages: Pages, entry_id: str) -> str:
    """``<path>/<id>.json``: the entry exactly as ``<path>.json`` holds it, with the version (``EntryFile``)."""
    entry = _by_id(pages, "entries")[entry_id]
    return json.dumps({**_head(pages), "entry": entry}, ensure_ascii=False, indent=1) + "\n"


def retired_json(pages: Pages, old_id: str) -> str:
    """``<path>/<old id>.json`` of an id no longer in use: what became of it (``RetiredFile``), so that an address
    once published as data keeps answering, as its page keeps forwarding."""
    retired = _by_id(pages, "retired")[old_id]
    return json.dumps({**_head(pages), "retired": retired}, ensure_ascii=False, indent=1) + "\n"


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


def _by_id(pages: Pages, part: str) -> dict[str, dict[str, Any]]:
    """The exported entries (or retired ids) by id, worked out once per build."""
    key = f"export-{part}"
    if key not in pages.cache:
        pages.cache[key] = {item["id"]: item for item in _content(pages)[part]}
    return pages.cache[key]


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


BOM = "\ufeff"  # so that a spreadsheet opened by double-click reads UTF-8 (Excel guesses a legacy encoding without)


def checklist_rows(pages: Pages) -> list[dict[str, str]]:
    """One row per item of every live entry's advice, in page order (``ChecklistRow``): each paragraph of why it
    hurts, each warning sign, each step, each question for the other side, with the address of its anchor."""
    rows = []
    for e in data(pages)["entries"]:
        items = {
            "why": [" ".join(p.split()) for p in paragraphs(e["why"])],
            "warning_signs": e["warning_signs"],
            "avoid": e["avoid"],
            "ask_provider": e.get("ask_provider", []),
        }
        for kind, texts in items.items():
            for n, text in enumerate(texts, 1):
                anchor = CHECKLIST_ANCHORS[kind] + ("" if kind == "why" else f"-{n}")
                rows.append(
                    {
                        "id": e["id"],
                        "title": e["title"],
                        "category": e["category"],
                        "severity": e["severity"],
                        "kind": kind,
                        "n": str(n),
                        "text": text,
                        "url": f"{e['url']}#{anchor}",
                    }
                )
    return rows


def to_checklist(pages: Pages) -> str:
    """``<path>-checklist.csv``: a byte-order mark, then the rows of ``checklist_rows``, no cell a spreadsheet would
    run as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CHECKLIST_COLUMNS)
    for row in checklist_rows(pages):
        writer.writerow([neutral(row[column]) for column in CHECKLIST_COLUMNS])
    return BOM + out.getvalue()
