"""Validate parsed YAML with the models of ``model.py``, and word each error for editors, located in its file."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, RootModel, ValidationError
from pydantic_core import ErrorDetails

from ..model.catalog import PATTERN_WORDS
from .problems import Problem, show
from .yamlfile import Document, Key

M = TypeVar("M", bound=BaseModel)

_EXPECTED = {
    "string_type": "text",
    "float_type": "a number",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


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


def _fields(model: Any, key: Key) -> list[str]:
    """The field names allowed at ``key`` (a path into the model), for "did you mean"."""
    for part in key:
        if isinstance(part, int) or model is None:
            continue
        field = getattr(model, "model_fields", {}).get(part)
        model = _inner_model(field.annotation) if field else None
    return sorted(getattr(model, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    """The model class inside an annotation such as ``tuple[Option, ...]`` or ``Disagreement | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(err: ErrorDetails, model: Any) -> tuple[str, bool]:
    """The editor's message for one pydantic error, and whether it is located at the key (not the value)."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        return "required field is missing", False
    if kind == "extra_forbidden":
        allowed = _fields(model, tuple(err["loc"][:-1]))
        close = difflib.get_close_matches(str(err["loc"][-1]), allowed, n=1)
        return (
            "unknown field; " + (f"did you mean '{close[0]}'?" if close else f"expected one of {', '.join(allowed)}"),
            True,
        )
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]} (got {_kind(value)} {show(value)})", False
    if kind == "literal_error":
        return f"must be one of {ctx['expected'].replace(chr(39), '').replace(' or ', ', ')} (got {show(value)})", False
    if kind == "string_pattern_mismatch":
        pattern = str(ctx["pattern"])
        return f"expected {PATTERN_WORDS.get(pattern, 'text matching ' + pattern)} (got {show(value)})", False
    if kind == "string_too_long":
        return f"must be at most {ctx['max_length']} characters (got {len(value)})", False
    if kind == "string_too_short":
        return f"must be at least {ctx['min_length']} characters (got {len(value)})", False
    if kind == "too_long":
        return f"must have at most {ctx['max_length']} items (got {len(value)})", False
    if kind == "too_short":
        if ctx.get("actual_length") != len(value):
            return "", False  # only short because some items were invalid: those are reported
        n = ctx["min_length"]
        return f"must have at least {n} item{'s' if n > 1 else ''} (got {len(value)})", False
    if kind in ("greater_than_equal", "less_than_equal"):
        word, limit = ("at least", ctx["ge"]) if kind == "greater_than_equal" else ("at most", ctx["le"])
        return f"must be {word} {limit} (got {show(value)})", False
    if kind == "finite_number":
        return f"expected a finite number (got {show(value)})", False
    return err["msg"], False


def check(doc: Document, kind: type[M]) -> tuple[M | None, list[Problem]]:
    """``doc``'s data as a ``kind`` object, or every problem found, each located in the file."""
    try:
        return kind.model_validate(doc.data), []
    except ValidationError as error:
        root = _inner_model(kind.model_fields["root"].annotation) if issubclass(kind, RootModel) else kind
        out = []
        for err in error.errors(include_url=False):
            message, of_key = _message(err, root)
            if message:
                out.append(doc.problem(tuple(err["loc"]), message, of_key=of_key))
        return None, out
