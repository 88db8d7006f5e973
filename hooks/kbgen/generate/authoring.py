"""The author's guide: every field of every kind of content file, made from the models at build time.

Meaning, whether it is required, what it takes and its limits come from each model's JSON Schema (the
same schemas the editors use, so the page cannot drift from what validation enforces); the example is the
value the project's own content has there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..model.catalog import PATTERN_WORDS, Catalog, Categories, Entry, Retired, Settings, Source
from ..read.files import MAX_BYTES
from ..read.yamlfile import MAX_DEPTH


@dataclass(frozen=True)
class Field:
    name: str  # as written in the file: question.options[].label
    required: bool
    takes: str  # its type and limits, in words
    meaning: str
    example: str


@dataclass(frozen=True)
class Kind:
    title: str
    file: str  # where such files live
    about: str
    fields: tuple[Field, ...]


def kinds(c: Catalog) -> list[Kind]:
    """Each kind of content file, with its fields, and examples from this project's own files."""
    listed: list[tuple[str, str, type[BaseModel], list[Any]]] = [
        ("The catalog's settings", "content/catalog.yaml", Settings, [c.settings]),
        ("Categories", "content/categories.yaml", Categories, [list(c.categories)]),
        ("Source articles", "content/sources/<id>.yaml", Source, list(c.sources)),
        (c.settings.noun.plural.capitalize(), f"content/{c.settings.path}/<id>.yaml", Entry, list(c.entries)),
        ("Retired ids", "content/retired/<id>.yaml", Retired, list(c.retired)),
    ]
    out = []
    for title, file, model, values in listed:
        schema = model.model_json_schema(mode="validation")
        dumped = [
            [x.model_dump(mode="json") for x in v] if isinstance(v, list) else v.model_dump(mode="json") for v in values
        ]
        about = " ".join((model.__doc__ or "").split("\n\n")[0].split())
        out.append(Kind(title, file, about, tuple(_fields(schema, schema, "", dumped))))
    return out


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {**root["$defs"][node["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:  # X or null: an optional X
        node = {**_resolve(options[0], root), **{k: v for k, v in node.items() if k != "anyOf"}}
    return node


def _fields(node: dict[str, Any], root: dict[str, Any], prefix: str, examples: list[Any]) -> list[Field]:
    node = _resolve(node, root)
    if node.get("type") == "array" and prefix == "":  # a file that is a list (categories.yaml)
        return _fields(node["items"], root, "[].", [x for e in examples for x in (e or [])])
    out = []
    required = set(node.get("required", []))
    for name, sub in node.get("properties", {}).items():
        field = _resolve(sub, root)
        values = [e.get(name) for e in examples if isinstance(e, dict) and e.get(name) not in (None, "", [], {})]
        out.append(
            Field(
                prefix + name,
                name in required,
                takes(field, root),
                field.get("description", ""),
                _example(values[0] if values else None),
            )
        )
        item = _resolve(field.get("items", {}), root) if field.get("type") == "array" else None
        if field.get("type") == "object" or (item and item.get("type") == "object"):
            inner = [x for v in values for x in (v if isinstance(v, list) else [v])]
            out += _fields(item or field, root, f"{prefix}{name}{'[]' if item else ''}.", inner)
    return out


def takes(node: dict[str, Any], root: dict[str, Any]) -> str:
    """What a field takes, in words: its type, then its limits."""
    kind = node.get("type")
    if "enum" in node or "const" in node:
        return "one of " + ", ".join(map(str, node.get("enum", [node.get("const")])))
    if kind == "string":
        words = PATTERN_WORDS.get(node.get("pattern", ""), "")
        if not words and node.get("pattern"):
            words = f"text matching {node['pattern']}"
        text = {"one line": "one line of plain text", "paragraphs": "plain text (a blank line starts a paragraph)"}
        out = words or text.get(node.get("x-kbgen-text", ""), "text")
        return out + _range(node.get("minLength"), node.get("maxLength"), "character")
    if kind in ("number", "integer"):
        return f"a number from {node.get('minimum', '…')} to {node.get('maximum', '…')}"
    if kind == "boolean":
        return "true or false"
    if kind == "array":
        item = _resolve(node.get("items", {}), root)
        inner = "mappings (fields below)" if item.get("type") == "object" else f"({takes(item, root)})"
        unique = ", no repeats" if node.get("uniqueItems") else ""
        return f"a list of {inner}{_range(node.get('minItems'), node.get('maxItems'), 'item')}{unique}"
    if kind == "object":
        return "a mapping (fields below)"
    return "a value"


def _range(low: int | None, high: int | None, unit: str) -> str:
    if low and high:
        return f"; {low} to {high} {unit}s"
    if high is not None:
        return f"; at most {high} {unit}s"
    return f"; at least {low} {unit}{'s' * (low != 1)}" if low else ""


def _example(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
        if isinstance(value, dict):
            return "(a list of these)"
    if isinstance(value, dict):
        return ""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:77] + "…"


LIMITS = {"max_bytes": MAX_BYTES, "max_depth": MAX_DEPTH}  # what every file is held to
