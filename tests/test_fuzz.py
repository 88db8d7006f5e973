"""Property-based tests: whatever an editor writes, the loader accepts it or raises ContentError,
and a message about a hostile character, a nesting level or a syntax error points at it exactly.

The examples are drawn by the profile conftest.py loads: the same on every run (``make test``: 1,500 a property;
``make test-fast``: 50), or new random ones with ``make fuzz``.
"""

import datetime
import os
import re
import shutil
import signal
import string
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from kbgen.read import files
from kbgen.read.load import load_catalog
from kbgen.read.problems import ContentError
from kbgen.read.yamlfile import MAX_DEPTH, decode, parse

FUZZ = settings(settings.default)  # the loaded profile: max_examples from KBGEN_FUZZ

ENTRY = "content/mistakes/hp-2.yaml"
ORIGINAL = (FIXTURES / "hiring" / ENTRY).read_bytes()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    dest = tmp_path_factory.mktemp("fuzz") / "hiring"
    shutil.copytree(FIXTURES / "hiring" / "content", dest / "content")
    return dest


def accepts_or_reports(project, raw: bytes) -> None:
    (project / ENTRY).write_bytes(raw)
    try:
        load_catalog(project / "content", project)
    except ContentError as err:
        assert err.problems, "a ContentError always names at least one problem"
        assert all(p.path and p.line >= 1 and p.column >= 1 for p in err.problems)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.dates())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                      max_leaves=12)
yaml_text = st.text(alphabet=st.sampled_from(list("ab:- \n\t'\"[]{}#&*!|>%@`,?<=0.1")), max_size=120)


@FUZZ
@given(yaml_text)
def test_random_yaml_text(project, text):
    accepts_or_reports(project, text.encode())


@FUZZ
@given(values)
def test_random_yaml_documents(project, data):
    accepts_or_reports(project, yaml.safe_dump(data, allow_unicode=True).encode())


@FUZZ
@given(st.sampled_from(list(yaml.safe_load(ORIGINAL))), values)
def test_real_entry_with_one_field_changed(project, field, value):
    data = yaml.safe_load(ORIGINAL)
    data[field] = value
    accepts_or_reports(project, yaml.safe_dump(data, allow_unicode=True).encode())


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(ORIGINAL)), st.integers(0, 255), st.sampled_from("ird")), max_size=4))
def test_real_entry_with_bytes_changed(project, edits):
    raw = bytearray(ORIGINAL)
    for at, byte, how in edits:
        at = min(at, len(raw))
        if how == "i":
            raw.insert(at, byte)
        elif raw and at < len(raw):
            if how == "r":
                raw[at] = byte
            else:
                del raw[at]
    accepts_or_reports(project, bytes(raw))


# --- hostile text, checked on the YAML reader itself: the message points at the offending character ----------

def problems_of(text: str) -> list:
    with pytest.raises(ContentError) as info:
        parse(text, "x.yaml")
    return info.value.problems


# Characters content may not hold: C0 but tab/LF/CR, DEL, C1 (NEL too), line and paragraph separators,
# non-characters of every plane, and lone surrogates (what surrogateescape makes of undecodable bytes).
hostile_chars = st.one_of(
    st.integers(0, 0x1F).filter(lambda c: c not in (9, 10, 13)), st.integers(0x7F, 0x9F),
    st.sampled_from([0x2028, 0x2029]), st.integers(0xFDD0, 0xFDEF),
    st.integers(0, 16).flatmap(lambda plane: st.sampled_from([plane << 16 | 0xFFFE, plane << 16 | 0xFFFF])),
    st.integers(0xD800, 0xDFFF),
).map(chr)
# Plain text that stays one scalar in every style used below (no indicator, no quote, no ': ' or ' #').
words = st.text(alphabet=string.ascii_letters + "éßü☕😀", min_size=1, max_size=8)
phrases = st.lists(words, min_size=1, max_size=4).map(" ".join)
keys = st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=8)
STYLES = ("plain", "single", "double", "item", "literal")


def document(fields: list[tuple[str, str, str]]) -> tuple[str, list[tuple[int, int]]]:
    """YAML text for (key, style, value) fields, and where each value's text starts (line, column)."""
    lines: list[str] = []
    starts = []
    for key, style, value in fields:
        if style in ("item", "literal"):
            lines.append(f"{key}:{' |' if style == 'literal' else ''}")
            prefix = "  - " if style == "item" else "  "
        else:
            prefix = f"{key}: " + {"plain": "", "single": "'", "double": '"'}[style]
        starts.append((len(lines) + 1, len(prefix) + 1))
        lines.append(prefix + value + {"single": "'", "double": '"'}.get(style, ""))
    return "\n".join(lines) + "\n", starts


fields = st.lists(st.tuples(keys, st.sampled_from(STYLES), phrases), min_size=1, max_size=5,
                  unique_by=lambda f: f[0])


@FUZZ
@given(fields, st.data(), hostile_chars)
def test_hostile_character_in_a_value_is_located_exactly(fields, data, char):
    which = data.draw(st.integers(0, len(fields) - 1))
    key, style, value = fields[which]
    at = data.draw(st.integers(0, len(value)))
    fields[which] = (key, style, value[:at] + char + value[at:])
    text, starts = document(fields)
    [problem] = problems_of(text)
    line, column = starts[which]
    assert (problem.line, problem.column) == (line, column + at)
    assert problem.field == (f"{key}[0]" if style == "item" else key)
    assert f"U+{ord(char):04X}" in problem.message


@FUZZ
@given(fields, st.data(), hostile_chars)
def test_hostile_character_in_a_key_is_located_exactly(fields, data, char):
    which = data.draw(st.integers(0, len(fields) - 1))
    key, style, value = fields[which]
    at = data.draw(st.integers(0, len(key)))
    text, starts = document([*fields[:which], (key[:at] + char + key[at:], style, value), *fields[which + 1:]])
    [problem] = problems_of(text)
    # The key opens its own line (or the line above an item or a literal block).
    line = starts[which][0] - (style in ("item", "literal"))
    assert (problem.line, problem.column) == (line, 1 + at)
    assert f"U+{ord(char):04X}" in problem.message


NAMED = {"\\0": 0, "\\a": 7, "\\b": 8, "\\v": 11, "\\f": 12, "\\e": 27, "\\N": 0x85, "\\L": 0x2028,
         "\\P": 0x2029}


def escape_of(code: int, form: str) -> str:
    return {"x": f"\\x{code:02X}", "u": f"\\u{code:04X}", "U": f"\\U{code:08X}"}[form]


escapes = st.one_of(
    st.sampled_from(sorted(NAMED.items())),
    hostile_chars.map(ord).flatmap(lambda code: st.sampled_from(
        ["U"] + (["u"] if code < 0x10000 else []) + (["x"] if code < 0x100 else [])).map(
        lambda form: (escape_of(code, form), code))),
)


@FUZZ
@given(fields, st.data(), escapes)
def test_hostile_escape_in_a_double_quoted_value_is_located_at_its_backslash(fields, data, escape):
    written, code = escape
    which = data.draw(st.integers(0, len(fields) - 1))
    key, _, value = fields[which]
    at = data.draw(st.integers(0, len(value)))
    fields[which] = (key, "double", value[:at] + written + value[at:])
    text, starts = document(fields)
    [problem] = problems_of(text)
    line, column = starts[which]
    assert (problem.line, problem.column) == (line, column + at)
    assert problem.field == key
    assert f"U+{code:04X} (written {written})" in problem.message


# --- deep nesting: one message, at the first collection deeper than the limit ----------------------------------

@FUZZ
@given(st.lists(st.sampled_from(["map", "seq"]), max_size=60), st.lists(st.sampled_from(["[", "{k: "]), max_size=80),
       st.booleans())
def test_nesting_is_bounded_and_the_deepest_level_located(block, flow, closed):
    lines, starts = [], []
    for depth, kind in enumerate(block):
        starts.append((depth + 1, 2 * depth + 1))
        lines.append("  " * depth + ("k:" if kind == "map" else "-"))
    last = lines.pop() + " " if lines else ""
    column = len(last) + 1
    for opener in flow:
        starts.append((len(lines) + 1, column))
        column += len(opener)
    closers = "".join("]" if opener == "[" else "}" for opener in reversed(flow)) if closed else ""
    lines.append(last + "".join(flow) + "x" + closers)
    text = "\n".join(lines) + "\n"
    if len(starts) > MAX_DEPTH:
        [problem] = problems_of(text)
        assert (problem.line, problem.column) == starts[MAX_DEPTH]
        assert f"more than {MAX_DEPTH} levels" in problem.message
    elif closed or not flow:
        parse(text, "x.yaml")
    else:  # an unclosed bracket: reported at the end of the line where it should close
        [problem] = problems_of(text)
        assert (problem.line, problem.column) == (len(lines), len(lines[-1]) + 1)


# --- a missing ] or }: reported where it should be, not at the next key ----------------------------------------

@FUZZ
@given(st.lists(keys, min_size=1, max_size=4, unique=True), st.data(), st.sampled_from("[{"),
       st.lists(words, min_size=1, max_size=5), st.integers(1, 3), st.booleans(), st.integers(0, 2), st.booleans())
def test_missing_closing_bracket_is_reported_at_the_end_of_its_last_line(names, data, opener, items, per_line,
                                                                         comment, blanks, comment_line):
    which = data.draw(st.integers(0, len(names) - 1))
    written = [f"{w}: {w}" if opener == "{" else w for w in items]
    chunks = [", ".join(written[i:i + per_line]) for i in range(0, len(written), per_line)]
    lines: list[str] = []
    for i, name in enumerate(names):
        if i != which:
            lines.append(f"{name}: value")
            continue
        lines.append(f"{name}: {opener}" + ",\n    ".join(chunks))
        end = (len(lines) + lines[-1].count("\n"), len(lines[-1].rsplit("\n", 1)[-1]) + 1)
        if comment:
            lines[-1] += "  # no closing bracket"
        lines += [""] * blanks + (["# a comment line"] if comment_line else [])
    text = "\n".join(lines) + "\n"
    [problem] = problems_of(text)
    assert (problem.line, problem.column) == end
    assert problem.message == f"invalid YAML: did not find expected ',' or '{']' if opener == '[' else '}'}'"


# --- numbers finite, dates real: located at the value, naming the field ----------------------------------------

@FUZZ
@given(st.lists(keys, min_size=1, max_size=4, unique=True),
       st.sampled_from([".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "-.inf", "+.inf", "-.Inf", "1.0e+999"]))
def test_non_finite_number_is_located_at_its_value(path, value):
    text = "".join(f"{'  ' * i}{key}:\n" for i, key in enumerate(path[:-1]))
    text += f"{'  ' * (len(path) - 1)}{path[-1]}: {value}\n"
    [problem] = problems_of(text)
    assert (problem.line, problem.column) == (len(path), 2 * (len(path) - 1) + len(path[-1]) + 3)
    assert problem.field == ".".join(path)
    assert problem.message == f"expected a finite number (got {value!r})"


@FUZZ
@given(st.integers(1000, 9999), st.integers(0, 19), st.integers(0, 39))
def test_dates_are_real_or_located(year, month, day):
    value = f"{year:04d}-{month:02d}-{day:02d}"
    text = f"id: X-1\ndate: {value}\n"
    try:
        datetime.date(year, month, day)
    except ValueError:
        [problem] = problems_of(text)
        assert (problem.line, problem.column, problem.field) == (2, 7, "date")
        assert problem.message.startswith(f"expected a real date such as 2026-01-31 (got {value!r}: ")
    else:
        assert parse(text, "x.yaml").data["date"] == value


# --- odd files: never a hang, never a traceback, one located message ------------------------------------------

KINDS = ("text", "bytes", "empty", "folder", "fifo", "broken link", "link inside", "link outside", "too large")


def make(kind: str, path: Path, outside: Path, raw: bytes) -> None:
    if kind in ("text", "bytes", "empty"):
        path.write_bytes(b"" if kind == "empty" else raw)
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "broken link":
        path.symlink_to("gone.yaml")
    elif kind == "link inside":
        (path.parent / "real.yaml").write_bytes(raw)
        path.symlink_to("real.yaml")
    elif kind == "link outside":
        outside.write_bytes(raw)
        path.symlink_to(outside)
    else:
        with path.open("wb") as handle:
            handle.truncate(files.MAX_BYTES + 1)


def timeout(*_):
    raise TimeoutError("reading a content file blocked")


@FUZZ
@given(st.sampled_from(KINDS), st.one_of(st.binary(max_size=200), st.text(max_size=200).map(
    lambda t: t.encode("utf-8", "surrogatepass"))))
def test_odd_files_give_text_or_one_located_problem(kind, raw):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        file = content / "entry.yaml"
        make(kind, file, Path(tmp) / "outside.yaml", raw)
        previous = signal.signal(signal.SIGALRM, timeout)
        signal.alarm(5)
        try:
            text = files.read_text(file, content, "content/entry.yaml")
        except ContentError as err:
            [problem] = err.problems
            assert problem.path == "content/entry.yaml"
            if "not valid UTF-8" in problem.message:
                assert problem.line <= len(rows(raw))
            else:
                assert (problem.line, problem.column) == (1, 1)
            text = None
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        readable = kind in ("text", "bytes", "link inside")
        assert (text is not None) == (readable and bool(raw.decode("utf-8", "replace").strip())
                                      and _utf8(raw)), (kind, raw)


def rows(raw: bytes) -> list[str]:
    """The lines of a file as PyYAML and editors count them: CRLF, CR and LF each end one."""
    return re.split(r"\r\n?|\n", raw.decode("utf-8", "replace").removeprefix("\ufeff"))


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_give_data_or_problems_inside_the_file(raw):
    try:
        parse(decode(raw, "x.yaml"), "x.yaml")
    except ContentError as err:
        lines = rows(raw)
        for p in err.problems:
            assert 1 <= p.line <= len(lines), (p, raw)
            assert 1 <= p.column <= len(lines[p.line - 1]) + 1, (p, raw)
