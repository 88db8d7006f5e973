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


class _Version(Model):
    format: Literal[1] = Field(description="Version of this format (the same as <path>.json's).")
    name: str = Field(min_length=1, description="Name of the catalog (the site name).")
    version: str = Field(description="The catalog version this file belongs to, as in <path>.json.")
    released: Date | None = Field(description="The date of that release; null when unreleased.")


class EntryFile(_Version):
    """<path>/<id>.json, beside the entry's page: one live entry as <path>.json holds it, with the catalog
    version it belongs to."""

    entry: ExportEntry


class RetiredFile(_Version):
    """<path>/<id>.json of an id no longer in use: what became of it (as in <path>.json's retired list)."""

    retired: ExportRetired


Kind = Literal["why", "warning_signs", "avoid", "ask_provider"]
AnchoredUrl = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"^([^/.?#\s][^?#\s]*)?#[a-z][a-z0-9-]*$"),
    Field(description="The item's place on the entry's page, relative to the site root: <path>/ab-12/#step-2."),
]


class ChecklistRow(Model):
    """One row of <path>-checklist.csv (UTF-8 with a byte-order mark, read with the first row as column
    names; all values are text): one item of an entry's advice, in page order: each paragraph of why it hurts,
    each warning sign, each step to avoid it, each question for the other side."""

    id: Id
    title: str
    category: Slug
    severity: Literal["low", "medium", "high"]
    kind: Kind = Field(description="The entry's field the item comes from, named as in <path>.json.")
    n: Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*$")] = Field(
        description="The item's number in that field, from 1 (for why: the paragraph)."
    )
    text: str = Field(min_length=1, description="The item's text, on one line.")
    url: AnchoredUrl


CHECKLIST_COLUMNS = tuple(ChecklistRow.model_fields)
# The fragment each kind of item links to on the entry's page: its own anchor (sign-2, step-3, ask-1), or its
# section for the paragraphs of why it hurts.
CHECKLIST_ANCHORS: dict[str, str] = {"why": "why", "warning_signs": "sign", "avoid": "step", "ask_provider": "ask"}
