"""Machine-readable copies of the catalog, named after its entries folder (``<path>`` in catalog.yaml).

``<path>.json`` (everything), ``<path>.csv`` (one row per entry, for spreadsheets) and
``<path>.schema.json`` (the JSON Schema both follow: the export's published contract). The export's
models extend the content models, so a new entry field is exported and described without more code.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import Field, Strict, StringConstraints

from .model import Category, Date, Entry, Id, Model, Slug, Source
from .render import Pages, anchors

FORMAT_VERSION = 1
Url = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"^([^/.?#\s][^?#\s]*)?$"),
    Field(description="Relative to the site root, for example <path>/ab-12/; never removed."),
]
Change = Literal["renamed", "merged"]


class ExportCategory(Category):
    url: Url


class HistoryItem(Model):
    id: Id
    title: str = Field(description="Title under the old id (for a rename: the current title).")
    change: Change
    date: Date


class ExportEntry(Entry):
    # Lists are always written, empty or not: required here, though content may leave them out.
    related: tuple[Id, ...]
    aliases: tuple[str, ...]
    url: Url = Field(description="The entry's page: derived from its id alone, so a new title keeps it.")
    anchors: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")], ...] = Field(
        json_schema_extra={"uniqueItems": True},
        description="Fixed fragment ids on the entry's page (url#anchor): title, why, warning-signs, sign-N, "
        "avoid, step-N, disagreement, self-check, related, sources, history.",
    )
    # In the export, the ids that now lead here: earlier ids (renamed) and entries merged into this one.
    previous_ids: tuple[HistoryItem, ...] = Field(  # type: ignore[assignment]
        description="Ids that now lead here: earlier ids (renamed) and entries merged into this one."
    )


class ExportRetired(Model):
    id: Id
    title: str = Field(description="Title under the old id (for a rename: the current title).")
    change: Change
    date: Date
    now: Id = Field(description="The live entry this id leads to (merge chains followed to the end).")
    url: Url = Field(description="The old URL, kept as a page that forwards to the live entry.")


class Export(Model):
    """The whole catalog as published on the site next to this schema (<path>.json, where <path> is the
    entries folder). Format 1: fields may be added, none is removed or renamed without a new format number.
    $defs/csv_row describes one row of the spreadsheet copy (<path>.csv)."""

    format: Literal[1] = Field(description="Version of this format.")
    name: str = Field(min_length=1, description="Name of the catalog (the site name).")
    version: str = Field(
        description="The catalog version: a release such as 2026.1, or 'unreleased' for work "
        "published between releases."
    )
    released: Date | None = Field(description="The date of that release; null when unreleased.")
    categories: tuple[ExportCategory, ...]
    entries: tuple[ExportEntry, ...] = Field(description="Live entries, by id number.")
    retired: tuple[ExportRetired, ...] = Field(
        description="Every id no longer in use, with the live entry its URL now forwards to. Retired ids are "
        "never reused."
    )
    sources: tuple[Source, ...]


_IDS = r"^([A-Z][A-Z0-9]*-[1-9][0-9]*(; [A-Z][A-Z0-9]*-[1-9][0-9]*)*)?$"


class CsvRow(Model):
    """One row of <path>.csv, read with a CSV reader that takes the first row as column names (all values are
    text). Lists are joined with '; '; a source item is written source#item."""

    id: Id
    title: str
    summary: str
    category: Slug
    severity: Literal["low", "medium", "high"]
    url: Url
    sources: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*#[^;#]+(; [a-z][a-z0-9-]*#[^;#]+)*$")]
    aliases: str
    related: Annotated[str, StringConstraints(pattern=_IDS)]
    previous_ids: Annotated[str, StringConstraints(pattern=_IDS)]


CSV_COLUMNS = tuple(CsvRow.model_fields)


def outputs(pages: Pages) -> dict[str, Callable[[], str]]:
    """The export files by source path, with what writes each (the paths alone cost nothing)."""
    from .schemas import export_schema_text  # the schema module describes this one: imported when written

    u = pages.urls
    return {
        u.export_src("json"): lambda: to_json(pages),
        u.export_src("csv"): lambda: to_csv(pages),
        u.export_src("schema.json"): lambda: export_schema_text(u.export_src("schema.json")),
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


def to_csv(pages: Pages) -> str:
    """One row per live entry; lists joined with "; " so a spreadsheet shows them in one cell."""
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
        writer.writerow([row[column] for column in CSV_COLUMNS])
    return out.getvalue()
