"""Machine-readable copies of the catalog, named after its entries folder (``<path>`` in catalog.yaml).

``<path>.json`` (everything), ``<path>.csv`` (one row per entry, for spreadsheets) and
``<path>.schema.json`` (the JSON Schema both follow: the export's published contract).
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path
from typing import Any, Callable

from .model import Entry, Redirect
from .render import Pages

FORMAT_VERSION = 1
SCHEMA = Path(__file__).parent / "schemas" / "export.schema.json"


def outputs(pages: Pages) -> dict[str, Callable[[], str]]:
    """The export files by site path, with what writes each (the paths alone cost nothing)."""
    return {f"{pages.path}.json": lambda: to_json(pages), f"{pages.path}.csv": lambda: to_csv(pages),
            f"{pages.path}.schema.json": lambda: schema_text(pages.path)}


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def schema_text(path: str) -> str:
    """The schema as published next to the export: its $id is its own site-relative name."""
    return json.dumps({**schema(), "$id": f"{path}.schema.json"}, ensure_ascii=False, indent=1) + "\n"


def anchors(e: Entry, history: tuple[Redirect, ...]) -> list[str]:
    """The fixed fragment ids of an entry page (entry.md.j2), in page order: its deep-link targets."""
    out = ["title", "why", "warning-signs", *(f"sign-{i}" for i in range(1, len(e.warning_signs) + 1)),
           "avoid", *(f"step-{i}" for i in range(1, len(e.avoid) + 1))]
    out += ["disagreement"] if e.disagreement else []
    out += ["self-check", *(["related"] if e.related else []), "sources"]
    out += ["history", *(f"history-{h.slug}" for h in history)] if history else []
    return out


def _entry(e: Entry, url: str, history: tuple[Redirect, ...]) -> dict[str, Any]:
    # Written out field by field: dataclasses.asdict deep-copies and is slow on large catalogs.
    item: dict[str, Any] = {
        "id": e.id, "title": e.title, "summary": e.summary, "category": e.category, "severity": e.severity,
        "url": url, "anchors": anchors(e, history),
        "why": e.why, "warning_signs": list(e.warning_signs), "avoid": list(e.avoid),
        "question": {"text": e.question.text,
                     "options": [{"label": o.label, "score": o.score} for o in e.question.options]},
        "related": list(e.related), "aliases": list(e.aliases),
        "sources": [{"source": r.source, "item": r.item} for r in e.sources],
        "previous_ids": [{"id": h.old_id, "title": h.old_title, "change": h.kind, "date": h.date} for h in history],
    }
    if e.disagreement:
        d = e.disagreement
        item["disagreement"] = {"summary": d.summary, "advice": d.advice,
                                "views": [{"source": v.source, "view": v.view} for v in d.views]}
    return item


def data(pages: Pages) -> dict[str, Any]:
    c = pages.catalog
    return {
        "format": FORMAT_VERSION,
        "name": c.settings.name,
        "categories": [{"id": cat.id, "title": cat.title, "description": cat.description,
                        "url": pages.url(pages.category_src(cat.id))} for cat in c.categories],
        "entries": [_entry(e, pages.url(pages.entry_src(e.id)), c.history.get(e.id, ())) for e in c.entries],
        "retired": [{"id": r.old_id, "title": r.old_title, "change": r.kind, "date": r.date,
                     "now": r.target.id, "url": pages.url(pages.entry_src(r.old_id))} for r in c.redirects],
        "sources": [{"id": s.id, "title": s.title, "publisher": s.publisher, "vendor": s.vendor,
                     "perspective": s.perspective, "file": s.file,
                     "items": [{"id": i.id, "label": i.label} for i in s.items]} for s in c.sources],
    }


def to_json(pages: Pages) -> str:
    return json.dumps(data(pages), ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = ("id", "title", "summary", "category", "severity", "url", "sources", "aliases", "related",
               "previous_ids")


def to_csv(pages: Pages) -> str:
    """One row per live entry; lists joined with "; " so a spreadsheet shows them in one cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in data(pages)["entries"]:
        writer.writerow([e["id"], e["title"], e["summary"], e["category"], e["severity"], e["url"],
                         "; ".join(f"{r['source']}#{r['item']}" for r in e["sources"]),
                         "; ".join(e["aliases"]), "; ".join(e["related"]),
                         "; ".join(p["id"] for p in e["previous_ids"])])
    return out.getvalue()
