"""``make schemas``: write the JSON Schemas under ``schemas/`` from the models (never edited by hand).

The editor schemas let YAML editors complete and check content files; the export schema is the
published contract of ``<path>.json`` and ``<path>.csv``. A test fails when the files are stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode

from .export import CsvRow, Export
from .model import Categories, Entry, Retired, Settings, Source
from .releases import Mapping

FOLDER = Path(__file__).parent / "schemas"
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
    schema["$defs"] = {
        **schema.get("$defs", {}),
        **row.pop("$defs", {}),
        **mapping.pop("$defs", {}),
        "csv_row": row,
        "mapping": mapping,
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kbgen-schemas", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1 if any)")
    args = parser.parse_args(argv)
    stale = [
        name
        for name, text in generate().items()
        if not (FOLDER / name).is_file() or (FOLDER / name).read_text(encoding="utf-8") != text
    ]
    if args.check:
        for name in stale:
            print(f"{FOLDER / name}: stale; run `make schemas`", file=sys.stderr)
        return 1 if stale else 0
    for name, text in generate().items():
        (FOLDER / name).write_text(text, encoding="utf-8")
    print(f"{FOLDER}: {len(stale)} schema file(s) rewritten" if stale else f"{FOLDER}: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
