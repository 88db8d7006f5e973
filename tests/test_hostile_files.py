"""Hostile and broken content at the file and YAML level (issue 13): a located message, never a crash or a hang.

Each family is tested on the functions that own it (kbgen.files, kbgen.yamlfile), with several variants.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import ROOT
from kbgen.read import files
from kbgen.read.problems import ContentError
from kbgen.read.yamlfile import MAX_DEPTH, decode, parse, split_lines



def errors(text: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse(text, "x.yaml")
    return [str(p) for p in info.value.problems]


def file_errors(call, *args, **kwargs) -> list[str]:
    with pytest.raises(ContentError) as info:
        call(*args, **kwargs)
    return [str(p) for p in info.value.problems]


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    (folder / "pitfalls").mkdir(parents=True)
    (folder / "catalog.yaml").write_text("name: Test\n")
    (folder / "pitfalls" / "op-1.yaml").write_text("id: OP-1\n")
    return folder


@pytest.fixture
def deadline():
    """Fail, instead of hanging the whole run, if a test blocks (opening a FIFO would)."""
    def expired(*_):
        raise TimeoutError("blocked for 10 s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def read(content: Path, rel: str, **kwargs) -> str | None:
    return files.read_text(content / rel, content, f"content/{rel}", **kwargs)


# --- files: what is not a readable regular file inside the content folder ---------------------------------------

def test_regular_file_is_read(content):
    assert read(content, "catalog.yaml") == "name: Test\n"


def test_symbolic_link_inside_the_content_folder_is_followed(content):
    (content / "pitfalls" / "op-2.yaml").symlink_to("op-1.yaml")
    assert read(content, "pitfalls/op-2.yaml") == "id: OP-1\n"


@pytest.mark.parametrize("rel", ["catalog.yaml", "categories.yaml", "sources/none.yaml"])
def test_missing_required_file(content, rel):
    (content / "catalog.yaml").unlink()
    assert file_errors(read, content, rel) == [f"content/{rel}:1:1: required file is missing: create content/{rel}"]


def test_missing_optional_file_is_none(content):
    assert read(content, "retired/op-9.yaml", required=False) is None


@pytest.mark.parametrize("rel", ["catalog.yaml", "pitfalls/op-2.yaml"])
def test_folder_where_a_file_is_expected(content, rel):
    (content / rel).unlink(missing_ok=True)
    (content / rel).mkdir()
    assert file_errors(read, content, rel) == [
        f"content/{rel}:1:1: expected a file, found a folder: rename or remove the folder"]


@pytest.mark.parametrize("target", ["nowhere.yaml", "pitfalls/gone.yaml", "pitfalls"])
def test_broken_symbolic_link(content, target):
    (content / "catalog.yaml").unlink()
    (content / "catalog.yaml").symlink_to(content / target if target != "pitfalls" else "pitfalls/missing")
    [message] = file_errors(read, content, "catalog.yaml")
    assert message.startswith("content/catalog.yaml:1:1: broken symbolic link: ")
    assert message.endswith(" does not exist; fix or remove it")


def test_symbolic_link_loop(content):
    (content / "a.yaml").symlink_to("b.yaml")
    (content / "b.yaml").symlink_to("a.yaml")
    [message] = file_errors(read, content, "a.yaml")
    assert message.startswith("content/a.yaml:1:1: ") and "fix or remove it" in message


@pytest.mark.parametrize("where", ["file", "parent folder", "relative ../", "/etc/passwd", "/dev/null"])
def test_symbolic_link_out_of_the_content_folder_is_never_followed(content, tmp_path, where):
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: stolen\n")
    link = content / "pitfalls" / "op-2.yaml"
    if where == "file":
        link.symlink_to(secret)
    elif where == "parent folder":
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "elsewhere" / "op-2.yaml").write_text("id: OP-2\n")
        (content / "pitfalls").rename(tmp_path / "moved")
        (content / "pitfalls").symlink_to(tmp_path / "elsewhere")
    elif where == "relative ../":
        link.symlink_to("../../secret.yaml")
    else:
        link.symlink_to(where)
    [message] = file_errors(read, content, "pitfalls/op-2.yaml")
    assert message.startswith("content/pitfalls/op-2.yaml:1:1: symbolic link to ")
    assert message.endswith(", outside the content folder: links are not followed out of it; put the file itself here")


def test_path_outside_the_content_folder(content, tmp_path):
    (tmp_path / "x.yaml").write_text("a: 1\n")
    assert file_errors(files.read_text, content / ".." / "x.yaml", content, "content/../x.yaml") == [
        "content/../x.yaml:1:1: is outside the content folder: content files must live inside it"]


def test_fifo_is_reported_and_never_opened(content, deadline):
    os.mkfifo(content / "pitfalls" / "op-2.yaml")
    assert file_errors(read, content, "pitfalls/op-2.yaml") == [
        "content/pitfalls/op-2.yaml:1:1: expected a regular file, found a FIFO (named pipe): remove it"]


def test_socket_is_reported(content, deadline):
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(content / "s.yaml"))
        assert file_errors(read, content, "s.yaml") == [
            "content/s.yaml:1:1: expected a regular file, found a socket: remove it"]


def test_device_file_is_reported(content, deadline):
    try:
        os.mknod(content / "catalog.dev", 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # /dev/null's numbers
    except PermissionError:
        pytest.skip("creating a device file needs privileges")
    assert file_errors(read, content, "catalog.dev") == [
        "content/catalog.dev:1:1: expected a regular file, found a character device: remove it"]


def test_unreadable_file(content, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(files.os, "open", refuse)
    assert file_errors(read, content, "catalog.yaml") == [
        "content/catalog.yaml:1:1: cannot be read (permission denied): make it readable"]


def test_size_limit(content):
    (content / "catalog.yaml").write_bytes(b"a: " + b"x" * (files.MAX_BYTES - 4) + b"\n")
    assert read(content, "catalog.yaml")
    (content / "catalog.yaml").write_bytes(b"a: " + b"x" * (files.MAX_BYTES - 3) + b"\n")
    assert file_errors(read, content, "catalog.yaml") == [
        "content/catalog.yaml:1:1: file is too large: 1,000,001 bytes, and the limit is 1,000,000 bytes (1 MB)"]


@pytest.mark.parametrize("raw", [b"", b"\n", b"  \n\n\t\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"])
def test_empty_file(content, raw):
    (content / "catalog.yaml").write_bytes(raw)
    assert file_errors(read, content, "catalog.yaml") == [
        "content/catalog.yaml:1:1: file is empty: expected YAML content"]


@pytest.mark.parametrize(("raw", "where"), [(b"name: caf\xe9\n", "1:10"), (b"a: 1\nb: \xff\n", "2:4"),
                                            (b"\xc3", "1:1"), (b"a: \xed\xa0\x80\n", "1:4")])
def test_not_utf8(content, raw, where):
    (content / "catalog.yaml").write_bytes(raw)
    [message] = file_errors(read, content, "catalog.yaml")
    assert message.startswith(f"content/catalog.yaml:{where}: file is not valid UTF-8: save it as UTF-8 (got byte 0x")


# --- listing a content folder ---------------------------------------------------------------------------------

def test_listing_reports_every_entry_that_is_not_a_regular_file(content, tmp_path, deadline):
    pitfalls = content / "pitfalls"
    (pitfalls / "op-2.yaml").mkdir()
    (pitfalls / "op-3.yaml").symlink_to("gone.yaml")
    (pitfalls / "op-4.yaml").symlink_to("/dev/null")
    os.mkfifo(pitfalls / "op-5.yaml")
    (pitfalls / "op-6.yaml").symlink_to("op-1.yaml")
    (pitfalls / "op-7.yml").write_text("id: OP-7\n")
    (pitfalls / ".#op-1.yaml").symlink_to("root@host.123")  # an editor's lock file: not content
    (pitfalls / "drafts").mkdir()
    (pitfalls / "notes.txt").write_text("not content")
    found, problems = files.yaml_files(pitfalls, content, "content/pitfalls")
    assert [f.name for f in found] == ["op-1.yaml", "op-6.yaml"]
    assert [str(p).split(": ", 1)[0] for p in problems] == [
        f"content/pitfalls/op-{n}.{'yml' if n == 7 else 'yaml'}:1:1" for n in (2, 3, 4, 5, 7)]
    assert "found a folder" in str(problems[0]) and "broken symbolic link" in str(problems[1])
    assert "outside the content folder" in str(problems[2]) and "FIFO" in str(problems[3])
    assert str(problems[4]).endswith("not read: content files end in .yaml; rename it to op-7.yaml")


def test_listing_reports_a_file_name_holding_a_control_character(content):
    (content / "pitfalls" / "op-2\x1b[2J.yaml").write_text("id: OP-2\n")
    found, [problem] = files.yaml_files(content / "pitfalls", content, "content/pitfalls")
    assert [f.name for f in found] == ["op-1.yaml"]
    assert str(problem) == ("content/pitfalls/op-2\\x1b[2J.yaml:1:1: file name holds control character U+001B: "
                            "rename the file")


def test_listing_a_missing_folder(content):
    assert files.yaml_files(content / "retired", content, "content/retired") == ([], [])
    _, [problem] = files.yaml_files(content / "retired", content, "content/retired", required=True)
    assert str(problem) == "content/retired:1:1: required folder is missing: create content/retired/"


def test_listing_a_file_or_a_link_out_where_a_folder_is_expected(content, tmp_path):
    (content / "retired").write_text("x")
    _, [problem] = files.yaml_files(content / "retired", content, "content/retired")
    assert str(problem) == "content/retired:1:1: expected a folder, found a file: rename or remove the file"
    (tmp_path / "outside").mkdir()
    (content / "sources").symlink_to(tmp_path / "outside")
    _, [problem] = files.yaml_files(content / "sources", content, "content/sources")
    assert "outside the content folder" in str(problem)


# --- the published-URL ledger ---------------------------------------------------------------------------------

def ledger(content: Path) -> list[tuple[int, int, str]] | None:
    return files.read_ledger(content / "published-urls.txt", content, "content/published-urls.txt")


def test_ledger_lines(content):
    (content / "published-urls.txt").write_bytes(b"\xef\xbb\xbf# header\r\n/\r\n  op/op-1/  # kept\r\n\r\nop/ # x\n")
    assert ledger(content) == [(2, 1, "/"), (3, 3, "op/op-1/"), (5, 1, "op/")]


def test_missing_ledger_is_none(content):
    assert ledger(content) is None


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"# only a header\n# and comments\n"])
def test_empty_ledger_is_an_error_not_a_silent_no_check(content, raw):
    (content / "published-urls.txt").write_bytes(raw)
    [message] = file_errors(ledger, content)
    assert message.startswith("content/published-urls.txt:1:1: ")
    assert "file is empty" in message or "lists no URL" in message


def test_folder_ledger_is_an_error(content):
    (content / "published-urls.txt").mkdir()
    assert file_errors(ledger, content) == [
        "content/published-urls.txt:1:1: expected a file, found a folder: rename or remove the folder"]


def test_ledger_link_out_is_not_followed(content, tmp_path):
    (tmp_path / "urls.txt").write_text("/\n")
    (content / "published-urls.txt").symlink_to(tmp_path / "urls.txt")
    [message] = file_errors(ledger, content)
    assert "outside the content folder" in message


def test_ledger_non_utf8_byte_is_located(content):
    (content / "published-urls.txt").write_bytes(b"/\nop/op-1/\nop/caf\xe9/\n")
    assert file_errors(ledger, content) == [
        "content/published-urls.txt:3:7: file is not valid UTF-8: save it as UTF-8 (got byte 0xe9)"]


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\x0b", "\x1c"])
def test_ledger_characters_python_takes_for_line_breaks_are_located(content, char):
    (content / "published-urls.txt").write_text(f"/\nop/op-1/{char}op/op-2/\n", encoding="utf-8")
    [message] = file_errors(ledger, content)
    assert message.startswith("content/published-urls.txt:2:9: ") and f"U+{ord(char):04X}" in message


# --- YAML: nesting depth, before any recursion ----------------------------------------------------------------

NESTED = {
    "flow sequences": lambda n: "[" * n + "]" * n,
    "unclosed flow sequences": lambda n: "[" * n,
    "flow mappings": lambda n: "{a: " * n + "1" + "}" * n,
    "unclosed flow mappings": lambda n: "{" * n,
    "compact block sequences": lambda n: "- " * n + "x\n",
    "indented mappings": lambda n: "".join(f"{'  ' * i}k:\n" for i in range(n)),
    "mixed": lambda n: "a:\n  - " + "[{b: " * n,
}
# Where the first collection deeper than MAX_DEPTH starts.
DEEPEST = {"flow sequences": "1:41", "unclosed flow sequences": "1:41", "flow mappings": "1:161",
           "unclosed flow mappings": "1:41", "compact block sequences": "1:81", "indented mappings": "41:81",
           "mixed": "2:100"}


@pytest.mark.parametrize("kind", NESTED)
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000])
def test_deep_nesting_is_refused_with_one_located_message(kind, depth):
    start = time.perf_counter()
    assert errors(NESTED[kind](depth)) == [
        f"x.yaml:{DEEPEST[kind]}: nested more than {MAX_DEPTH} levels deep: write a flatter structure"]
    assert time.perf_counter() - start < 2  # generous: a quadratic or recursive reader takes minutes


def test_nesting_up_to_the_limit_is_accepted():
    assert parse("[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1), "x.yaml").data is not None
    assert parse("- " * MAX_DEPTH + "x\n", "x.yaml").data is not None


@pytest.mark.parametrize("kind", ["flow sequences", "unclosed flow sequences", "flow mappings",
                                  "compact block sequences"])
def test_100000_levels_in_a_subprocess(kind):
    # A segfault here (PyYAML's C composer recursing) must fail this test, not kill pytest.
    text = NESTED[kind](100_000)
    code = ("import sys; from kbgen.read.problems import ContentError; from kbgen.read.yamlfile import parse\n"
            "try:\n    parse(sys.stdin.read(), 'x.yaml')\nexcept ContentError as err:\n    print(err)\n")
    result = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout == (f"x.yaml:{DEEPEST[kind]}: nested more than {MAX_DEPTH} levels deep: "
                             "write a flatter structure\n")


# --- YAML: aliases (refused: a billion laughs cannot expand) --------------------------------------------------

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def test_alias_bomb_is_refused_quickly_in_bounded_memory():
    tracemalloc.start()
    start = time.perf_counter()
    problems = errors(BOMB)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert problems[0] == "x.yaml:2:8: aliases ('*a') are not supported: write the value out in full"
    assert len(problems) == 10  # at most ten of a kind per file
    assert elapsed < 1 and peak < 5_000_000


@pytest.mark.parametrize(("text", "where"), [
    ("a: &x 1\nb: *x\n", "2:4"),
    ("base: &b {x: 1}\nother:\n  <<: *b\n", "3:7"),
    ("a: &k key\n? *k\n: v\n", "2:3"),
    ("list: &l [1]\nmore:\n  - *l\n", "3:5"),
])
def test_alias_is_located(text, where):
    [message] = errors(text)
    assert message.startswith(f"x.yaml:{where}: aliases (") and message.endswith("are not supported: write the "
                                                                                   "value out in full")


# --- YAML: numbers finite, dates real -------------------------------------------------------------------------

@pytest.mark.parametrize("value", [".nan", ".NaN", ".NAN", ".inf", ".Inf", "-.inf", "+.INF", "1.0e+999", "-1.5e+400"])
def test_non_finite_numbers(value):
    assert errors(f"id: OP-1\nquestion:\n  options:\n    - score: {value}\n") == [
        f"x.yaml:4:14: question.options[0].score: expected a finite number (got '{value}')"]


def test_huge_integer_is_a_message_not_a_crash():
    [message] = errors("score: " + "9" * 5000 + "\n")
    assert message.startswith("x.yaml:1:8: score: number is too large (got '999")


@pytest.mark.parametrize(("value", "why"), [
    ("2026-02-31", "day is out of range for month"), ("2026-13-01", "month must be in 1..12"),
    ("2025-02-29", "day is out of range for month"), ("2026-00-10", "month must be in 1..12"),
    ("0000-01-01", "year 0 is out of range"), ("2026-04-31 10:00:00", "day is out of range for month"),
])
def test_impossible_dates(value, why):
    assert errors(f"previous_ids:\n  - id: OP-9\n    date: {value}\n") == [
        f"x.yaml:3:11: previous_ids[0].date: expected a real date such as 2026-01-31 (got '{value}': {why})"]


def test_real_dates_stay_text():
    assert parse("a: 2024-02-29\nb: 2026-1-5\n", "x.yaml").data == {"a": "2024-02-29", "b": "2026-1-5"}


# --- YAML: characters that are invisible, or that PyYAML reads as line breaks ---------------------------------

CHARACTERS = {chr(code): f"{kind} U+{code:04X}" for code, kind in [
    (0x00, "control character"), (0x07, "control character"), (0x0B, "control character"),
    (0x1B, "control character"), (0x7F, "control character"), (0x80, "control character"),
    (0x85, "control character"), (0x9F, "control character"), (0x2028, "line separator"),
    (0x2029, "paragraph separator"), (0xFDD0, "non-character"), (0xFFFE, "non-character"), (0xFFFF, "non-character"),
    (0x1FFFE, "non-character"), (0x10FFFF, "non-character"), (0xD800, "lone surrogate"), (0xDFFF, "lone surrogate"),
    # Invisible ones that change how text reads ("Trojan Source"): zero-width characters and bidirectional controls.
    (0x200B, "zero-width character"), (0x2060, "zero-width character"), (0xFEFF, "zero-width character"),
    (0x202E, "bidirectional control"), (0x2066, "bidirectional control"), (0x2069, "bidirectional control"),
    (0x200E, "bidirectional control"), (0x061C, "bidirectional control"),
]}
RAW = " is not allowed: delete it (pasted text often carries invisible characters)"
# Where the character goes ({c}), and the position and field the message must name.
PLACES = [
    ("id: OP-1\ntitle: Pay{c} late\n", "2:11", "title: "),
    ("id: OP-1\ntitle: 'Pay é 😀{c}'\n", "2:16", "title: "),
    ("id: OP-1\nwarning_signs:\n  - first\n  - \"second {c}\"\n", "4:13", "warning_signs[1]: "),
    ("id: OP-1\nwhy: |\n  one\n  two{c}\n", "4:6", "why: "),
    ("id: OP-1\nti{c}tle: x\n", "2:3", "tixtle: "),
    ("id: OP-1  # note{c}\ntitle: x\n", "1:17", ""),
    ("{c}id: OP-1\n", "1:1", "xid: "),
]


@pytest.mark.parametrize("char", CHARACTERS)
@pytest.mark.parametrize(("template", "where", "field"), PLACES)
def test_refused_character_is_one_located_message(char, template, where, field):
    assert errors(template.format(c=char)) == [f"x.yaml:{where}: {field}{CHARACTERS[char]}{RAW}"]


def test_every_refused_character_is_reported_up_to_ten():
    problems = errors("a: x\x07y\x07\nb: \x80\n" + "c: \x01\n" * 20)
    assert problems[:3] == [f"x.yaml:1:5: a: control character U+0007{RAW}",
                            f"x.yaml:1:7: a: control character U+0007{RAW}",
                            f"x.yaml:2:4: b: control character U+0080{RAW}"]
    assert len(problems) == 10


@pytest.mark.parametrize(("escape", "what"), [
    ("\\a", "control character U+0007"), ("\\x1b", "control character U+001B"), ("\\e", "control character U+001B"),
    ("\\0", "control character U+0000"), ("\\x80", "control character U+0080"), ("\\N", "control character U+0085"),
    ("\\u0085", "control character U+0085"), ("\\L", "line separator U+2028"), ("\\P", "paragraph separator U+2029"),
    ("\\uFFFE", "non-character U+FFFE"), ("\\U0001FFFF", "non-character U+1FFFF"),
    ("\\ud800", "lone surrogate U+D800"), ("\\uDFFF", "lone surrogate U+DFFF"),
])
def test_refused_character_written_as_an_escape(escape, what):
    assert errors(f'id: OP-1\ntitle: "ok\\tok {escape} x"\n') == [
        f"x.yaml:2:16: title: {what} (written {escape}) is not allowed: delete it"]


def test_allowed_whitespace_and_escapes():
    assert parse('a: "x\\ty\\nz\\r\\u00e9\\_"\nb: x\ty\n', "x.yaml").data == {"a": "x\ty\nz\ré\xa0", "b": "x\ty"}


# --- YAML: syntax errors where the mistake is -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "where", "closer"), [
    ("a: [1, 2\nb: c\n", "1:9", "]"),
    ("id: HP-2\ntitle: [Interviewing\nsummary: x\n", "2:21", "]"),
    ("a: [1, 2\n\n\nb: c\n", "1:9", "]"),
    ("a: [1, 2\n# a comment\nb: c\n", "1:9", "]"),
    ("a: [1, 2  # a comment\nb: c\n", "1:9", "]"),
    ("a: [1, 2\n", "1:9", "]"),
    ("a: [1, 2", "1:9", "]"),
    ("a: [1,\n  2\nb: c\n", "2:4", "]"),
    ("a:\n  - [1, 2\n  - 3\n", "2:10", "]"),
    ("- [a, b\n- c\n", "1:8", "]"),
    ("a: [1, [2, 3]\nb: c\n", "1:14", "]"),
    ("a: {x: 1\nb: c\n", "1:9", "}"),
    ("a: {x: 1, y: 2\n", "1:15", "}"),
    ("a:\n  b: {x: [1], y: 2\n  c: 3\n", "2:19", "}"),
    ("a: {x: 1,\n    y: 2\nb: c\n", "2:9", "}"),
])
def test_unclosed_bracket_is_reported_where_it_should_close(text, where, closer):
    assert errors(text) == [f"x.yaml:{where}: invalid YAML: did not find expected ',' or '{closer}'"]


@pytest.mark.parametrize(("text", "where"), [
    ('a: "abc\nb: c\n', "1:8"), ("a: 'abc\n", "1:8"), ("x: 1\na: 'abc\n  def\nb: c\n", "3:6"),
])
def test_unclosed_quote_is_reported_where_it_should_close(text, where):
    [message] = errors(text)
    assert message.startswith(f"x.yaml:{where}: invalid YAML: the quote opened on line ")


@pytest.mark.parametrize(("text", "expected"), [
    ("a: b: c\n", "x.yaml:1:5: invalid YAML: mapping values are not allowed in this context"),
    ("key: value\n- item\n", "x.yaml:2:1: invalid YAML: did not find expected key"),
    ("a: 1\n---\nb: 2\n",
     "x.yaml:2:1: invalid YAML: expected a single document in the stream, but found another document"),
])
def test_other_syntax_errors_stay_where_pyyaml_found_them(text, expected):
    assert errors(text) == [expected]


# --- both layers together: whatever a file holds, one located answer -------------------------------------------

@given(st.binary(max_size=300))
@example(b"\r\r\x00")  # only carriage returns for line breaks: YAML, and every message, counts three lines
def test_any_bytes_give_data_or_located_problems(raw):
    try:
        text = decode(raw, "x.yaml")
        parse(text, "x.yaml")
    except ContentError as err:
        lines = split_lines(raw.decode("utf-8", "replace"))
        for p in err.problems:
            assert 1 <= p.line <= len(lines) + 1 and 1 <= p.column <= len(lines[min(p.line, len(lines)) - 1]) + 2
