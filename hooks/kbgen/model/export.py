"""The export's models: ``<path>.json`` (the whole catalog), one row of ``<path>.csv``, and what they share.

They extend the content models, so a new entry field is exported and described without more code; the
JSON Schema published beside the export (``<path>.schema.json``) is generated from them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict, StringConstraints

from .catalog import Category, Date, Entry, Id, Model, Slug, Source

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
