"""The YAML reader: positions, duplicate keys, encodings, tabs, empty files."""

import pytest

from kbgen.read.problems import ContentError
from kbgen.read.yamlfile import decode, parse


def errors(text: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse(text, "x.yaml")
    return [str(p) for p in info.value.problems]


def test_positions_of_values_and_keys():
    doc = parse("id: OP-1\nlist:\n  - a\n  - b\n", "x.yaml")
    assert doc.data == {"id": "OP-1", "list": ["a", "b"]}
    assert doc.at(("list", 1)) == (4, 5)
    assert doc.at(("list",), of_key=True) == (2, 1)


def test_duplicate_key_is_an_error_not_silently_overwritten():
    assert errors("id: OP-1\ntitle: a\ntitle: b\n") == [
        "x.yaml:3:1: title: duplicate key: already set on line 2; keep only one"]


def test_tab_indentation():
    assert errors("a:\n\t- b\n") == ["x.yaml:2:1: indentation must use spaces, not tabs"]


def test_syntax_error_is_located():
    # PyYAML notices the missing ']' at the ':' of line 2; the editor must look at the end of line 1.
    assert errors("a: [1, 2\nb: c\n") == ["x.yaml:1:9: invalid YAML: did not find expected ',' or ']'"]
    assert errors("a: b: c\n") == ["x.yaml:1:5: invalid YAML: mapping values are not allowed in this context"]


def test_empty_file():
    assert errors("# just a comment\n") == ["x.yaml:1:1: file is empty: expected YAML content"]


def test_not_utf8_is_located():
    with pytest.raises(ContentError) as info:
        decode(b"id: OP-1\ntitle: caf\xe9\n", "x.yaml")
    assert str(info.value) == "x.yaml:2:11: file is not valid UTF-8: save it as UTF-8 (got byte 0xe9)"


def test_byte_order_mark_is_accepted():
    assert parse(decode(b"\xef\xbb\xbfid: OP-1\n", "x.yaml"), "x.yaml").data == {"id": "OP-1"}


def test_unquoted_date_stays_text():
    assert parse("date: 2026-01-02\n", "x.yaml").data == {"date": "2026-01-02"}


def test_positions_survive_the_fast_path_with_non_ascii_text():
    doc = parse("title: café ☕ 😀\nlist: [é, b]\n", "x.yaml")
    assert doc.at(("list", 1)) == (2, 11)


def test_anchor_without_alias_and_star_in_text_are_fine():
    assert parse("a: &x 1\nb: 'not *an* alias'\nc: a *b*\n", "x.yaml").data == {"a": 1, "b": "not *an* alias",
                                                                                 "c": "a *b*"}


def test_tab_and_escaped_newline_inside_text_are_fine():
    assert parse('a: "x\\ty\\nz"\nb: \'x\ty\'\n', "x.yaml").data == {"a": "x\ty\nz", "b": "x\ty"}
