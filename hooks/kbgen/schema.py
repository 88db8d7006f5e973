"""Validate parsed YAML against the JSON Schemas in ``schemas/`` and word the errors for editors."""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import Any, Callable

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .problems import Problem, show
from .yamlfile import Document

SCHEMAS = Path(__file__).parent / "schemas"

_TYPES = {"object": "a mapping", "array": "a list", "string": "text", "number": "a number",
          "integer": "a whole number", "boolean": "true or false", "null": "nothing"}
_PATTERNS = {
    "^[A-Z][A-Z0-9]*-[1-9][0-9]*$": "an id of capitals, a hyphen and a number without leading zero, like AB-12",
    "^[a-z][a-z0-9-]*$": "a lower-case id like risk-exit",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date like 2026-11-22",
}


@cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@cache
def validator(name: str) -> Draft202012Validator:
    """The reference validator: slower, but lists every error with its path."""
    return Draft202012Validator(_schema(name))


@cache
def _fast(name: str) -> Callable[[Any], Any]:
    """The same schema compiled to Python: a quick yes for the valid files that most files are."""
    return fastjsonschema.compile(_schema(name))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing"


def _problems(err: ValidationError, doc: Document) -> list[Problem]:
    key = tuple(err.absolute_path)
    v, value, schema = err.validator, err.instance, err.validator_value
    if v == "required":
        missing = [name for name in schema if isinstance(value, dict) and name not in value]
        return [doc.problem((*key, name), "required field is missing") for name in missing]
    if v == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = [name for name in value if name not in allowed]
        out = []
        for name in extra:
            close = difflib.get_close_matches(str(name), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"expected one of {', '.join(allowed)}"
            out.append(doc.problem((*key, name), f"unknown field; {hint}", of_key=True))
        return out
    if v == "type":
        wanted = schema if isinstance(schema, list) else [schema]
        expected = " or ".join(_TYPES[t] for t in wanted)
        return [doc.problem(key, f"expected {expected} (got {_kind(value)} {show(value)})")]
    if v == "enum":
        return [doc.problem(key, f"must be one of {', '.join(map(str, schema))} (got {show(value)})")]
    if v == "pattern":
        return [doc.problem(key, f"expected {_PATTERNS.get(schema, 'text matching ' + schema)} (got {show(value)})")]
    if v == "maxLength":
        return [doc.problem(key, f"must be at most {schema} characters (got {len(value)})")]
    if v == "minLength":
        return [doc.problem(key, f"must be at least {schema} characters (got {len(value)})")]
    if v == "maxItems":
        return [doc.problem(key, f"must have at most {schema} items (got {len(value)})")]
    if v == "minItems":
        return [doc.problem(key, f"must have at least {schema} item{'s' if schema > 1 else ''} (got {len(value)})")]
    if v == "uniqueItems":
        seen: set[Any] = set()
        dupes = [i for i, item in enumerate(value) if repr(item) in seen or seen.add(repr(item))]
        return [doc.problem((*key, i), f"repeats an earlier item (got {show(value[i])})") for i in dupes]
    if v in ("minimum", "maximum"):
        word = "at least" if v == "minimum" else "at most"
        return [doc.problem(key, f"must be {word} {schema} (got {show(value)})")]
    return [doc.problem(key, f"{err.message}")]


def check(doc: Document, schema: str) -> list[Problem]:
    """Every schema problem of one document, located in its file."""
    try:
        _fast(schema)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    out: list[Problem] = []
    for err in validator(schema).iter_errors(doc.data):
        out.extend(_problems(err, doc))
    return out
