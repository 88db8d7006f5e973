"""Read one YAML file into plain data, and find the line and column of any value or key.

A fast path loads with PyYAML's C parser (an order of magnitude faster on large catalogs),
refusing duplicate keys that PyYAML would silently overwrite. Positions are only needed to
report a problem, so the node tree that carries them is built when first asked for, and the
same slower reader explains a file the fast path refused.

Content is untrusted (pasted from the web, or sent by a stranger), so before PyYAML sees the text:
characters that are invisible or that PyYAML reads as line breaks are refused where they stand;
nesting deeper than MAX_DEPTH is refused before PyYAML's recursive composer (a segfault at 100,000
levels) and before our own recursive walk; and aliases are refused outright, so no "billion laughs"
document can expand in our walk, in validation or in the export. The catalog needs none of them.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model.catalog import date_problem
from .problems import ContentError, Problem, show

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Key = tuple[str | int, ...]

MAX_DEPTH = 40  # deepest real file nests 4; 40 keeps every recursion (ours and PyYAML's) far from any limit
MAX_REPORTED = 10  # problems of one kind per file: a hostile file cannot flood the terminal
MAX_DIGITS = 30  # an integer's digits: ours, below Python's own limit (4,300 by default, and settable)

_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
# C0 controls but tab, LF and CR; DEL and C1 (NEL U+0085 included: PyYAML reads it, U+2028 and U+2029 as line
# breaks, which editors do not, so text would move between fields unseen); zero-width characters (U+200B to
# U+200D, U+2060, U+FEFF) and the bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
# U+2069: "Trojan Source" text that reads otherwise than it is stored); lone surrogates; non-characters.
# One class, with the astral non-characters (U+1FFFE, ..., U+10FFFF) as a single range checked afterwards:
# re scans a range quickly, but is ten times slower with thirty-two single astral characters in the class.
_CANDIDATE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069"
    r"\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff\U0001fffe-\U0010ffff]"
)
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def forbidden(text: str) -> Iterator[int]:
    """Offsets in ``text`` of the characters content may not hold."""
    for match in _CANDIDATE.finditer(text):
        code = ord(match.group())
        if code < 0x10000 or code & 0xFFFE == 0xFFFE:
            yield match.start()


def _has_forbidden_char(text: str) -> bool:
    return next(forbidden(text), None) is not None


_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ESCAPE_MAY_BE_FORBIDDEN = re.compile(r"\\[0abvfeNLPxuU]")
_BREAK = re.compile(r"\r\n?|\n")  # the line breaks PyYAML counts, once NEL, U+2028 and U+2029 are refused
_PREFIX = re.compile(r"^[ \t?:-]*", re.MULTILINE)  # indentation and block indicators: bounds block nesting
# Errors PyYAML reports at the first token that cannot continue an unclosed flow collection or quote.
_UNCLOSED = ("while parsing a flow sequence", "while parsing a flow mapping", "while scanning a quoted scalar")


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
        values = self._values
        if values is None:
            located = _parse_located(self.text, self.path)
            values, self._keys = located.values, located._keys
            self._values = values
        return values

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


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as every message counts them: YAML's line breaks, CRLF, a lone CR and LF."""
    return _BREAK.split(text)


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``, counting CRLF, CR and LF as breaks."""
    line, start = 1, 0
    for match in _BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


def decode(raw: bytes, path: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        good = raw[: err.start].decode("utf-8", errors="replace")
        line, column = line_column(good, len(good))
        message = f"file is not valid UTF-8: save it as UTF-8 (got byte {raw[err.start]:#04x})"
        raise ContentError([Problem(path, line, column, "", message)]) from None
    return text.removeprefix("\ufeff")


def describe(char: str) -> str:
    """Name a refused character the way a message shows it: its kind and code point."""
    code = ord(char)
    kind = "control character"
    if code in (0x2028, 0x2029):
        kind = "line separator" if code == 0x2028 else "paragraph separator"
    elif char in ZERO_WIDTH:
        kind = "zero-width character"
    elif code in (0x061C, 0x200E, 0x200F) or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "bidirectional control"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "lone surrogate"
    elif 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        kind = "non-character"
    return f"{kind} U+{code:04X}"


def character_problems(text: str, path: str, fields: dict[int, str] | None = None) -> list[Problem]:
    """A located problem for each refused character typed in ``text`` (at most MAX_REPORTED)."""
    out: list[Problem] = []
    for index in itertools.islice(forbidden(text), MAX_REPORTED):
        message = f"{describe(text[index])} is not allowed: delete it (pasted text often carries invisible characters)"
        out.append(Problem(path, *line_column(text, index), (fields or {}).get(index, ""), message))
    return out


class _Refused(Exception):
    """The fast path leaves this file to the located reader, which explains what is wrong."""


def _refuse(*_: object) -> Any:
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
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_scalars = yaml.constructor.SafeConstructor()


def _date_error(node: Any) -> str | None:
    """Why an unquoted date is not a real one (2026-02-31), else None."""
    return date_problem(str(node.value))


def _fast_date(loader: Any, node: Any) -> Any:
    # Unquoted dates stay the text the editor wrote, once known to be real dates.
    return _refuse() if _date_error(node) else loader.construct_scalar(node)


def _fast_float(loader: Any, node: yaml.Node) -> float:
    value: float = loader.construct_yaml_float(node)
    return value if math.isfinite(value) else _refuse()  # .nan and .inf break the quiz and strict JSON


def _fast_int(loader: Any, node: yaml.Node) -> int:
    return _refuse() if _too_long(node) else loader.construct_yaml_int(node)


def _too_long(node: yaml.Node) -> bool:
    return sum(c.isalnum() for c in str(node.value)) > MAX_DIGITS  # digits, or hex digits with their 0x


_FastLoader.add_constructor(_TIMESTAMP, _fast_date)
_FastLoader.add_constructor(_INT, _fast_int)
_FastLoader.add_constructor(_FLOAT, _fast_float)
for _tag in ("binary", "set", "omap", "pairs"):
    _FastLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse)


def _has_forbidden(data: Any) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _has_forbidden_char(item):
                return True
        elif isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, list):
            stack += item
    return False


def parse(text: str, path: str) -> Document:
    """Parse YAML text; raise ContentError with a located message for anything malformed."""
    bad = list(itertools.islice(forbidden(text), MAX_REPORTED))
    if bad:
        raise ContentError(character_problems(text, path, _fields_at(text, bad)))
    problems = structure_problems(text, path)
    if problems:
        raise ContentError(problems)
    if not _TAB_INDENT.search(text):
        try:
            data = yaml.load(text, Loader=_FastLoader)  # a safe loader
        except (yaml.YAMLError, _Refused, ValueError):  # ValueError: Python's own limit on an integer's digits
            pass
        else:
            # A double-quoted escape ("\x07") can still make a refused character: let the located reader find it.
            escaped = _ESCAPE_MAY_BE_FORBIDDEN.search(text) and _has_forbidden(data)
            if data is not None and not escaped:
                return Document(path, text, data)
    return _parse_located(text, path)


def structure_problems(text: str, path: str) -> list[Problem]:
    """Refuse nesting deeper than MAX_DEPTH, and aliases, before anything recursive reads ``text``.

    PyYAML's event stream is produced iteratively (libyaml keeps explicit stacks), and reading stops at
    the first level too deep, so even 100,000 brackets cost microseconds. Files that provably nest less
    (few brackets, shallow indentation) and hold no ``*`` at all skip the event pass.
    """
    openers = text.count("[") + text.count("{")
    # A block collection starts further right than its parent, but for an indentless sequence (which
    # cannot hold another directly): block depth <= 2 * widest line prefix + 2; flow depth <= openers.
    if "*" not in text and openers <= MAX_DEPTH and openers + 2 * max(map(len, _PREFIX.findall(text))) + 2 <= MAX_DEPTH:
        return []
    out = _structure_pass(text, path, Loader)
    # libyaml scans ahead of the events it hands out, and (in PyYAML 6.0.4) stops at a flow depth of its own
    # before this pass sees level 41. The limit is ours, whatever the C parser does: when it stops on an error,
    # the pure-Python parser (iterative, with no depth limit) walks the events again.
    return out if out is not None else _structure_pass(text, path, yaml.SafeLoader) or []


def _structure_pass(text: str, path: str, loader: Any) -> list[Problem] | None:
    """The problems of one pass over the events; None when the parser stopped on an error first."""
    out: list[Problem] = []
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    out.append(
                        _at_mark(
                            path,
                            event.start_mark,
                            f"nested more than {MAX_DEPTH} levels deep: write a flatter structure",
                        )
                    )
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                # Refused, not counted: the catalog never needs to repeat a value, an alias has no place of its
                # own for messages to point at, and expansion (a billion laughs) then cannot happen anywhere.
                out.append(
                    _at_mark(
                        path,
                        event.start_mark,
                        f"aliases ({show('*' + (event.anchor or ''))}) are not supported: write the value out in full",
                    )
                )
                if len(out) == MAX_REPORTED:
                    break
    except yaml.YAMLError:
        # A syntax error (the parser reports it, located, later) unless a limit of the parser's own came first.
        return out or None
    return out


def _at_mark(path: str, mark: Any, message: str) -> Problem:  # a Mark of PyYAML or of libyaml
    return Problem(path, mark.line + 1, mark.column + 1, "", message)


def _parse_located(text: str, path: str) -> Document:
    tab = _TAB_INDENT.search(text)
    if tab:
        line, column = line_column(text, tab.end() - 1)
        raise ContentError([Problem(path, line, column, "", "indentation must use spaces, not tabs")])
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        raise ContentError([_syntax_problem(text, path, err)]) from None
    except yaml.YAMLError as err:
        # Not expected once refused characters are caught, but PyYAML's own text spans lines: keep the first.
        raise ContentError([Problem(path, 1, 1, "", f"invalid YAML: {str(err).splitlines()[0]}")]) from None
    if node is None:
        raise ContentError([Problem(path, 1, 1, "", "file is empty: expected YAML content")])
    doc = Document(path, text, None, {}, {})
    problems: list[Problem] = []
    doc.data = _build(node, (), doc, problems)
    if problems:
        raise ContentError(problems)
    return doc


def _syntax_problem(text: str, path: str, err: yaml.MarkedYAMLError) -> Problem:
    line, column = error_position(text, err)
    # PyYAML's problem alone reads well ("did not find expected ',' or ']'"), but for a few that need their context.
    context = f"{err.context}, " if err.context and not err.context.startswith("while") else ""
    message, name = f"invalid YAML: {context}{err.problem or err.context}", ""
    opener, mark = err.context_mark, err.problem_mark
    if err.context == _UNCLOSED[2] and opener and str(err.problem).startswith("found unexpected end of stream"):
        message = f"invalid YAML: the quote opened on line {opener.line + 1}, column {opener.column + 1} is not closed"
    elif err.problem == "found invalid Unicode character escape code" and mark:
        # libyaml stops inside the escape: point at its backslash, and say which character it would make.
        escape = _ESCAPE.match(text, max(text.rfind("\\", 0, mark.index + 1), 0))
        if escape and escape.group()[1] in "uU":
            line, column = line_column(text, escape.start())
            code = int(escape.group()[2:], 16)
            what = describe(chr(code)) if 0xD800 <= code <= 0xDFFF else f"code point U+{code:04X} (beyond Unicode)"
            message = f"{what} (written {escape.group()}) is not allowed: delete it"
            blanked = text[: escape.start()] + "x" * len(escape.group()) + text[escape.end() :]
            name = _fields_at(blanked, [escape.start()]).get(escape.start(), "")
    return Problem(path, line, column, name, message)


def error_position(text: str, err: yaml.MarkedYAMLError) -> tuple[int, int]:
    """Where the editor must look for a syntax error, which is not always where PyYAML noticed it.

    An unclosed ``[``, ``{`` or quote is noticed at the first token that cannot continue it, often the next
    key on a later line (or the end of the file): point instead at the end of the last line that still
    belonged to it, where the closing character is missing. An error noticed in blank lines or comments
    after the content is moved back to the end of that content.
    """
    mark = err.problem_mark or err.context_mark
    if mark is None:
        return 1, 1
    lines = split_lines(text)
    row, column = mark.line, mark.column
    if row >= len(lines):  # libyaml puts the end of a file without a final newline on a line of its own
        row, column = len(lines) - 1, len(lines[-1])
    opener = err.context_mark
    if err.problem_mark is not None and opener is not None and err.context in _UNCLOSED and opener.line < row:
        indent = _indent(lines[opener.line])
        # The first line indented no further than the opener's cannot continue it: the opener ends before it.
        end = next(
            (
                i
                for i in range(opener.line + 1, row + 1)
                if _content_end(lines[i]) is not None and _indent(lines[i]) <= indent
            ),
            None,
        )
        if end is not None:
            return _end_of_content(lines, opener.line, end) or (row + 1, column + 1)
    ending = _content_end(lines[row])
    if ending is None or column >= ending:  # noticed in blanks or comments: the content before is at fault
        return _end_of_content(lines, 0, row + (ending is not None)) or (row + 1, column + 1)
    return row + 1, column + 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_end(line: str) -> int | None:
    """Column (0-based) just after the last character of ``line`` that is not a comment, None if it has none."""
    # A '#' starts a comment at the start of the line or after a blank, outside quoted text; a quote opens
    # quoted text only where a value can start (not the apostrophe of "it's"); \" and '' do not close it.
    quote, escaped, cut = "", False, len(line)
    for i, char in enumerate(line):
        before = line[i - 1] if i else " "
        if quote:
            if escaped:
                escaped = False
            elif (char == "\\" and quote == '"') or (char == "'" == quote and line[i + 1 : i + 2] == "'"):
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "'\"" and before in " \t[{,:":
            quote = char
        elif char == "#" and before in " \t":
            cut = i
            break
    kept = line[:cut].rstrip()
    return len(kept) if kept else None


def _end_of_content(lines: list[str], first: int, stop: int) -> tuple[int, int] | None:
    """1-based position just after the last content of lines ``first`` to ``stop - 1``."""
    for i in range(min(stop, len(lines)) - 1, first - 1, -1):
        ending = _content_end(lines[i])
        if ending is not None:
            return i + 1, ending + 1
    return None


def _fields_at(text: str, indices: list[int]) -> dict[int, str]:
    """The field holding each offset of ``text``, best effort: a refused character is replaced by a letter so the
    rest can be read; a file that still cannot be read names no field, but keeps its positions."""
    chars = list(text)
    for index in forbidden(text):
        chars[index] = "x"
    clean = "".join(chars)
    if structure_problems(clean, "") or _TAB_INDENT.search(clean):
        return {}
    try:
        root = yaml.compose(clean, Loader=Loader)
    except yaml.YAMLError:
        return {}
    spans: list[tuple[int, int, str]] = []
    stack: list[tuple[yaml.Node, Key]] = [(root, ())] if root is not None else []
    while stack:
        node, key = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = (*key, str(key_node.value)) if isinstance(key_node, yaml.ScalarNode) else key
                spans.append((key_node.start_mark.index, key_node.end_mark.index, field_name(child)))
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, (*key, i)) for i, item in enumerate(node.value)]
        else:
            spans.append((node.start_mark.index, node.end_mark.index, field_name(key)))
    return {i: name for i in indices for start, end, name in spans if start <= i < end}


def _escape_position(doc: Document, node: yaml.Node, char: str) -> tuple[tuple[int, int], str]:
    """Where a refused character written as an escape (``"\\x07"``) stands in a double-quoted scalar."""
    source = doc.text[node.start_mark.index : node.end_mark.index]
    for match in _ESCAPE.finditer(source):
        escape = match.group()
        size = yaml.scanner.Scanner.ESCAPE_CODES.get(escape[1])
        made = chr(int(escape[2:], 16)) if size else yaml.scanner.Scanner.ESCAPE_REPLACEMENTS.get(escape[1], "")
        if made and _has_forbidden_char(made):
            return line_column(doc.text, node.start_mark.index + match.start()), f"{describe(made)} (written {escape})"
    return (node.start_mark.line + 1, node.start_mark.column + 1), describe(char)


def _text_problem(doc: Document, node: yaml.Node, field: Key) -> Problem | None:
    value = str(node.value)
    bad = next(forbidden(value), None)
    if bad is None:
        return None
    (line, column), what = _escape_position(doc, node, value[bad])
    return Problem(doc.path, line, column, field_name(field), f"{what} is not allowed: delete it")


def _at(doc: Document, node: yaml.Node, key: Key, message: str) -> Problem:
    """A problem located at a node of the document (a key that cannot be used)."""
    return Problem(doc.path, node.start_mark.line + 1, node.start_mark.column + 1, field_name(key), message)


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


def _build(node: yaml.Node, key: Key, doc: Document, problems: list[Problem]) -> Any:
    doc.values[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _PLAIN_TAGS and node.tag != _MERGE:
        # Content is plain data: a tag (!!python/name:..., !!set, !custom) is refused in our words, wherever it is.
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(doc.problem(key, f"tags such as {show(shown)} are not allowed: write the plain value"))
        return None
    if node.tag == _TIMESTAMP:
        error = _date_error(node)
        if error:
            problems.append(
                doc.problem(key, f"expected a real date such as 2026-01-31 (got {show(node.value)}: {error})")
            )
        return node.value
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(_at(doc, key_node, key, "keys must be plain words"))
                continue
            name = str(_scalars.construct_scalar(key_node))
            if key_node.tag == _MERGE:
                problems.append(_at(doc, key_node, key, "merge keys (<<) are not supported: write the fields out"))
                continue
            child = (*key, name)
            bad_key = _text_problem(doc, key_node, key)
            if bad_key:
                problems.append(bad_key)
                continue
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if name in out:
                first = doc.keys[child]
                problems.append(
                    Problem(
                        doc.path,
                        *where,
                        field_name(child),
                        f"duplicate key: already set on line {first[0]}; keep only one",
                    )
                )
                continue
            doc.keys[child] = where
            out[name] = _build(value_node, child, doc, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*key, i), doc, problems) for i, item in enumerate(node.value)]
    if node.tag == _INT and _too_long(node):
        problems.append(doc.problem(key, f"number is too large (got {show(node.value)})"))
        return None
    try:
        value = _scalars.construct_object(node)
    except yaml.YAMLError as err:
        problems.append(doc.problem(key, f"bad value: {err}"))
        return None
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(doc.problem(key, f"expected a finite number (got {show(node.value)})"))
        return None
    if isinstance(value, str):
        bad = _text_problem(doc, node, key)
        if bad:
            problems.append(bad)
        return value
    if not isinstance(value, (int, float, bool, type(None))):
        problems.append(doc.problem(key, f"expected text, a number or true/false (got {show(str(value))})"))
        return str(value)
    return value
