"""Machine-readable copies of the catalog (``<path>.json`` and ``<path>.csv``, for example <path>.json)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from .render import Pages

FORMAT_VERSION = 1


def data(pages: Pages) -> dict[str, Any]:
    c = pages.catalog
    entries = []
    for e in c.entries:
        item = asdict(e)
        item["url"] = pages.url(pages.entry_src(e.id))
        item["previous_ids"] = [{"id": h.old_id, "title": h.old_title, "change": h.kind, "date": h.date}
                                for h in c.history.get(e.id, ())]
        if item["disagreement"] is None:
            del item["disagreement"]
        entries.append(item)
    return {
        "format": FORMAT_VERSION,
        "name": c.settings.name,
        "categories": [asdict(cat) | {"url": pages.url(pages.category_src(cat.id))} for cat in c.categories],
        "entries": entries,
        "retired": [{"id": r.old_id, "title": r.old_title, "change": r.kind, "date": r.date,
                     "now": r.target.id, "url": pages.url(pages.entry_src(r.old_id))} for r in c.redirects],
        "sources": [asdict(s) for s in c.sources],
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
