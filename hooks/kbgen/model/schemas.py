"""``make schemas``: write the JSON Schemas under ``schemas/`` from the models (never edited by hand).

The editor schemas let YAML editors complete and check content files; the export schema is the
published contract of ``<path>.json`` and ``<path>.csv``. A test fails when the files are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode

from .catalog import Categories, Entry, Retired, Settings, Source
from .export import ChecklistRow, CsvRow, EntryFile, Export, RetiredFile
from .release import Mapping

FOLDER = Path(__file__).parent.parent / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
EDITOR: dict[str, type[BaseModel]] = {
    "catalog.schema.json": Settings,
    "categories.schema.json": Categories,
    "source.schema.json": Source,
    "entry.schema.json": Entry,
    "retired.schema.json": Retired,
}
EXPORT = "export.schema.json"


def _schema(name: str, model: type[BaseModel], mode: JsonSchemaMode = "validation") -> dict[str, Any]:
    return {"$schema": DIALECT, "$id": name, **model.model_json_schema(mode=mode)}


def export_schema() -> dict[str, Any]:
    schema = _schema(EXPORT, Export, "serialization")  # what the export writes
    row = CsvRow.model_json_schema(ref_template="#/$defs/{model}")
    mapping = Mapping.model_json_schema(ref_template="#/$defs/{model}", mode="serialization")
    checklist = ChecklistRow.model_json_schema(ref_template="#/$defs/{model}")
    live = EntryFile.model_json_schema(ref_template="#/$defs/{model}", mode="serialization")
    gone = RetiredFile.model_json_schema(ref_template="#/$defs/{model}", mode="serialization")
    schema["$defs"] = {
        **schema.get("$defs", {}),
        **row.pop("$defs", {}),
        **mapping.pop("$defs", {}),
        **checklist.pop("$defs", {}),
        **live.pop("$defs", {}),
        **gone.pop("$defs", {}),
        "csv_row": row,
        "checklist_row": checklist,
        "mapping": mapping,
        "EntryFile": live,
        "RetiredFile": gone,
        "entry_file": {
            "description": "<path>/<id>.json, beside each entry's page: a live entry, or what became of a retired id.",
            "oneOf": [{"$ref": "#/$defs/EntryFile"}, {"$ref": "#/$defs/RetiredFile"}],
        },
    }
    return schema


def export_schema_text(published_as: str) -> str:
    """The export schema as published next to the export: its $id is its own site-relative name."""
    return _text({**export_schema(), "$id": published_as})


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def generate() -> dict[str, str]:
    """Every schema file's name and text."""
    out = {name: _text(_schema(name, model)) for name, model in EDITOR.items()}
    out[EXPORT] = _text(export_schema())
    return out
