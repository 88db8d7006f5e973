"""Every class of content mistake gives one located, exact message, and nothing else is reported."""

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from kbgen.read.load import load_catalog
from kbgen.read.problems import ContentError


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(FIXTURES / "hiring" / "content", tmp_path / "content")
    return tmp_path / "content"


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_catalog(content, content.parent)
    return [str(p) for p in info.value.problems]


def edit(content: Path, name: str, old: str, new: str) -> None:
    file = content / name
    text = file.read_text()
    assert old in text, f"{old!r} not in {name}"
    file.write_text(text.replace(old, new, 1))


def test_fixture_is_valid(content):
    catalog = load_catalog(content, content.parent)
    assert [e.id for e in catalog.entries] == ["HP-1", "HP-2", "HP-3"]


def test_yaml_syntax_error(content):
    edit(content, "mistakes/hp-2.yaml", "title: Interviewing without a plan", "title: [Interviewing")
    assert problems(content) == ["content/mistakes/hp-2.yaml:2:21: invalid YAML: did not find expected ',' or ']'"]


def test_tab_indentation(content):
    edit(content, "mistakes/hp-2.yaml", "id: HP-2", "id: HP-2\nextra:\n\t- x")
    assert problems(content) == ["content/mistakes/hp-2.yaml:3:1: indentation must use spaces, not tabs"]


def test_duplicate_key(content):
    edit(content, "mistakes/hp-2.yaml", "severity: high", "severity: high\nseverity: low")
    assert problems(content) == [
        "content/mistakes/hp-2.yaml:6:1: severity: duplicate key: already set on line 5; keep only one"]


def test_empty_file(content):
    (content / "mistakes/hp-2.yaml").write_text("\n")
    assert "content/mistakes/hp-2.yaml:1:1: file is empty: expected YAML content" in problems(content)


def test_not_utf8(content):
    (content / "mistakes/hp-2.yaml").write_bytes(b"id: HP-2\ntitle: Caf\xe9\n")
    assert "content/mistakes/hp-2.yaml:2:11: file is not valid UTF-8: save it as UTF-8 (got byte 0xe9)" in problems(content)


def test_byte_order_mark_accepted(content):
    file = content / "mistakes/hp-2.yaml"
    file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    assert len(load_catalog(content, content.parent).entries) == 3


def test_wrong_type_string_for_list(content):
    edit(content, "mistakes/hp-3.yaml", "avoid: [Call two references before every offer.]",
         "avoid: Call two references before every offer.")
    assert problems(content) == [
        "content/mistakes/hp-3.yaml:8:8: avoid: expected a list (got text 'Call two references before every of...')"]


def test_wrong_type_number_for_text(content):
    edit(content, "mistakes/hp-3.yaml", "title: Skipping reference checks", "title: 42")
    assert problems(content) == ["content/mistakes/hp-3.yaml:2:8: title: expected text (got a number 42)"]


def test_missing_required_field(content):
    edit(content, "mistakes/hp-3.yaml", "severity: low\n", "")
    assert problems(content) == ["content/mistakes/hp-3.yaml:1:1: severity: required field is missing"]


def test_unknown_field_with_suggestion(content):
    edit(content, "mistakes/hp-3.yaml", "severity: low", "severty: low")
    assert problems(content) == [
        "content/mistakes/hp-3.yaml:1:1: severity: required field is missing",
        "content/mistakes/hp-3.yaml:5:1: severty: unknown field; did you mean 'severity'?",
    ]


def test_value_outside_enumeration(content):
    edit(content, "mistakes/hp-3.yaml", "severity: low", "severity: hgih")
    assert problems(content) == [
        "content/mistakes/hp-3.yaml:5:11: severity: must be one of low, medium, high (got 'hgih')"]


def test_id_not_matching_file_name(content):
    edit(content, "mistakes/hp-3.yaml", "id: HP-3", "id: HP-7")
    assert problems(content) == [
        "content/mistakes/hp-3.yaml:1:5: id: must match the file name: expected 'HP-3' in hp-3.yaml, "
        "or rename the file to hp-7.yaml (got 'HP-7')"]


def test_id_not_matching_pattern(content):
    edit(content, "mistakes/hp-3.yaml", "id: HP-3", "id: hp3")
    assert problems(content) == [
        "content/mistakes/hp-3.yaml:1:5: id: expected an id of capitals, a hyphen and a number without leading "
        "zero, like AB-12 (got 'hp3')"]


def test_same_id_in_two_files(content):
    (content / "mistakes/hp-9.yaml").write_text((content / "mistakes/hp-3.yaml").read_text()
                                                 .replace("title: Skipping reference checks", "title: Other")
                                                 .replace('item: "3"', 'item: "2"'))
    found = problems(content)
    assert "content/mistakes/hp-9.yaml:1:5: id: id 'HP-3' is already used in content/mistakes/hp-3.yaml; " \
           "ids are never reused" in found


def test_unknown_category(content):
    edit(content, "mistakes/hp-3.yaml", "category: interviews", "category: interview")
    assert problems(content) == [
        "content/mistakes/hp-3.yaml:4:11: category: must be one of sourcing, interviews (got 'interview')"]


def test_unknown_source_and_item(content):
    edit(content, "mistakes/hp-3.yaml", 'sources: [{source: handbook, item: "3"}]',
         'sources: [{source: handbok, item: "3"}]')
    found = problems(content)
    assert "content/mistakes/hp-3.yaml:14:20: sources[0].source: unknown source; expected one of handbook " \
           "(got 'handbok')" in found
    assert "content/sources/handbook.yaml:10:5: items[2]: item 3 is not covered by any entry; add it to the " \
           "sources of the entry that covers it" in found


def test_unknown_source_item(content):
    edit(content, "mistakes/hp-3.yaml", 'item: "3"', 'item: "9"')
    assert "content/mistakes/hp-3.yaml:14:36: sources[0].item: unknown item of source handbook; expected one " \
           "of 1, 2, 3 (got '9')" in problems(content)


def test_unknown_related_entry(content):
    edit(content, "mistakes/hp-3.yaml", "related: [HP-2]", "related: [HP-8]")
    assert problems(content) == ["content/mistakes/hp-3.yaml:12:11: related[0]: unknown entry 'HP-8'"]


def test_related_to_a_merged_entry_names_the_merge(content):
    edit(content, "mistakes/hp-3.yaml", "related: [HP-2]", "related: [HP-4]")
    assert problems(content) == [
        "content/mistakes/hp-3.yaml:12:11: related[0]: unknown entry 'HP-4'; it was merged into HP-2"]


def test_entry_relating_to_itself(content):
    edit(content, "mistakes/hp-3.yaml", "related: [HP-2]", "related: [HP-3]")
    assert problems(content) == [
        "content/mistakes/hp-3.yaml:12:11: related[0]: an entry cannot relate to itself (got 'HP-3')"]


def test_source_item_claimed_twice(content):
    edit(content, "mistakes/hp-3.yaml", 'item: "3"}]', 'item: "3"}, {source: handbook, item: "2"}]')
    assert problems(content) == [
        "content/mistakes/hp-3.yaml:14:42: sources[1]: item 2 of handbook is already covered by HP-2; each "
        "item belongs to exactly one entry"]


def test_source_item_claimed_by_none(content):
    edit(content, "sources/handbook.yaml", "items:", "items:\n  - {id: \"4\", label: Late offers}")
    assert problems(content) == [
        "content/sources/handbook.yaml:8:5: items[0]: item 4 is not covered by any entry; add it to the "
        "sources of the entry that covers it"]


def test_merge_into_missing_entry(content):
    edit(content, "retired/hp-4.yaml", "merged_into: HP-2", "merged_into: HP-9")
    assert problems(content) == [
        "content/retired/hp-4.yaml:3:14: merged_into: unknown entry 'HP-9': merge into an existing entry"]


def test_merge_cycle(content):
    (content / "retired/hp-6.yaml").write_text("id: HP-6\ntitle: Old six\nmerged_into: HP-7\ndate: 2026-01-01\n")
    (content / "retired/hp-7.yaml").write_text("id: HP-7\ntitle: Old seven\nmerged_into: HP-6\ndate: 2026-01-01\n")
    assert problems(content) == [
        "content/retired/hp-6.yaml:3:14: merged_into: merge cycle: HP-6 -> HP-7 -> HP-6",
        "content/retired/hp-7.yaml:3:14: merged_into: merge cycle: HP-7 -> HP-6 -> HP-7"]


def test_raw_html_rejected(content):
    edit(content, "mistakes/hp-3.yaml", "summary: An offer", "summary: <script>alert(1)</script> An offer")
    assert problems(content) == [
        "content/mistakes/hp-3.yaml:3:10: summary: raw HTML or scripts are not allowed in text; write plain "
        "words (got '<script>alert(1)</sc')"]


def test_over_long_field(content):
    edit(content, "mistakes/hp-3.yaml", "title: Skipping reference checks", "title: " + "x" * 95)
    assert problems(content) == ["content/mistakes/hp-3.yaml:2:8: title: must be at most 90 characters (got 95)"]


def test_reused_id_as_previous_id(content):
    edit(content, "mistakes/hp-1.yaml", "previous_ids: [{id: HP-5", "previous_ids: [{id: HP-3")
    assert "content/mistakes/hp-3.yaml:1:5: id: id 'HP-3' is already used in content/mistakes/hp-1.yaml; " \
           "ids are never reused" in problems(content)


def test_all_errors_of_a_run_are_listed_together(content):
    edit(content, "mistakes/hp-1.yaml", "severity: medium", "severity: mild")
    edit(content, "mistakes/hp-3.yaml", "category: interviews", "category: nope")
    assert len(problems(content)) == 2
