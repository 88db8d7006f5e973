"""Read one YAML file into plain data, and find the line and column of any value or key.

A fast path loads with PyYAML's C parser (an order of magnitude faster on large catalogs),
refusing duplicate keys that PyYAML would silently overwrite. Positions are only needed to
report a problem, so the node tree that carries them is built when first asked for, and the
same slower reader explains a file the fast path refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import ContentError, Problem, show

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Key = tuple[str | int, ...]

_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


@dataclass
class Document:
    """A parsed file: its data, and where each value (and each mapping key) starts."""

    path: str
    text: str
    data: Any = None
    _values: dict[Key, tuple[int, int]] | None = field(default=None, repr=False)
    _keys: dict[Key, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def values(self) -> dict[Key, tuple[int, int]]:
        if self._values is None:
            located = _parse_located(self.text, self.path)
            self._values, self._keys = located._values, located._keys
        return self._values

    @property
    def keys(self) -> dict[Key, tuple[int, int]]:
        self.values  # noqa: B018 - fills both tables
        return self._keys

    def at(self, key: Key, *, of_key: bool = False) -> tuple[int, int]:
        """Position of the value at ``key`` (or of its key), else of the nearest parent."""
        table = self.keys if of_key else self.values
        while key not in table and key:
            key = key[:-1]
        return table.get(key, self.values.get((), (1, 1)))

    def problem(self, key: Key, message: str, *, of_key: bool = False) -> Problem:
        line, column = self.at(key, of_key=of_key)
        return Problem(self.path, line, column, field_name(key), message)


def field_name(key: Key) -> str:
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _position(offset_text: str, offset: int) -> tuple[int, int]:
    before = offset_text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def decode(raw: bytes, path: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        good = raw[: err.start].decode("utf-8", errors="replace")
        line, column = _position(good, len(good))
        raise ContentError(
            [Problem(path, line, column, "", f"file is not valid UTF-8: save it as UTF-8 (got byte {raw[err.start]:#04x})")]
        ) from None
    return text.removeprefix("\ufeff")


class _Refused(Exception):
    """The fast path leaves this file to the located reader, which explains what is wrong."""


def _refuse(*_: object) -> None:
    raise _Refused


class _FastLoader(Loader):  # type: ignore[misc, valid-type]
    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict:
        if isinstance(node, yaml.MappingNode):
            # Only plain text keys: the located reader words anything else (numbers, merges, nulls).
            keys = [k.value if k.tag == _STR else _refuse() for k, _ in node.value]
            if len(set(keys)) != len(keys):
                raise _Refused
        return super().construct_mapping(node, deep=deep)


_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# Unquoted dates stay the text the editor wrote; exotic types go to the located reader.
_FastLoader.add_constructor(_TIMESTAMP, lambda loader, node: loader.construct_scalar(node))
for _tag in ("binary", "set", "omap", "pairs"):
    _FastLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse)


def parse(text: str, path: str) -> Document:
    """Parse YAML text; raise ContentError with a located message for anything malformed."""
    if not _TAB_INDENT.search(text):
        try:
            data = yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a safe loader
        except (yaml.YAMLError, _Refused):
            pass
        else:
            if data is not None:
                return Document(path, text, data)
    return _parse_located(text, path)


def _parse_located(text: str, path: str) -> Document:
    tab = _TAB_INDENT.search(text)
    if tab:
        line, column = _position(text, tab.end() - 1)
        raise ContentError([Problem(path, line, column, "", "indentation must use spaces, not tabs")])
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ContentError([Problem(path, line, column, "", f"invalid YAML: {err.problem or err.context}")]) from None
    except yaml.YAMLError as err:
        raise ContentError([Problem(path, 1, 1, "", f"invalid YAML: {err}")]) from None
    if node is None:
        raise ContentError([Problem(path, 1, 1, "", "file is empty: expected YAML content")])
    doc = Document(path, text, None, {}, {})
    problems: list[Problem] = []
    doc.data = _build(node, (), doc, problems)
    if problems:
        raise ContentError(problems)
    return doc


def load(file: Path, path: str) -> Document:
    return parse(decode(file.read_bytes(), path), path)


_scalars = yaml.constructor.SafeConstructor()


def _build(node: yaml.Node, key: Key, doc: Document, problems: list[Problem]) -> Any:
    doc.values[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag == _TIMESTAMP:
        return node.value
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(doc.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                        field_name(key), "keys must be plain words"))
                continue
            name = str(_scalars.construct_scalar(key_node))
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(doc.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                        field_name(key), "merge keys (<<) are not supported: write the fields out"))
                continue
            child = (*key, name)
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if name in out:
                first = doc.keys[child]
                problems.append(Problem(doc.path, *where, field_name(child),
                                        f"duplicate key: already set on line {first[0]}; keep only one"))
                continue
            doc.keys[child] = where
            out[name] = _build(value_node, child, doc, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*key, i), doc, problems) for i, item in enumerate(node.value)]
    try:
        value = _scalars.construct_object(node)
    except yaml.YAMLError as err:
        problems.append(doc.problem(key, f"bad value: {err}"))
        return None
    if not isinstance(value, (str, int, float, bool, type(None))):
        problems.append(doc.problem(key, f"expected text, a number or true/false (got {show(str(value))})"))
        return str(value)
    return value
