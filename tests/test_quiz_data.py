"""The self-assessment's data, without a browser or a build: per-question fingerprints, the redirect
map, the time estimate, and the export format's JSON Schema (hooks/kbgen/assets/self-assessment.schema.json)."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from conftest import FIXTURES, ROOT, project_pages
from kbgen.generate import client, quiz
from kbgen.read.load import load_catalog
from kbgen.model.catalog import Option, Question

SCHEMA = json.loads((ROOT / "hooks" / "kbgen" / quiz.SCHEMA).read_text())
TEXT = "Do all candidates for a role answer the same prepared questions?"


def question(text: str = TEXT, options=(("Yes", 1), ("Sometimes", 0.5), ("No", 0))) -> Question:
    return Question(text=text, options=tuple(Option(label=label, score=score) for label, score in options))


def test_fingerprint_is_three_url_safe_characters_and_stable():
    fp = quiz.fingerprint(question())
    assert re.fullmatch(r"[A-Za-z0-9_-]{3}", fp)
    assert fp == quiz.fingerprint(question()) == "m9c"  # the hiring fixture's HP-2, as pages carry it
    # A score written as 1 or 1.0 is the same question.
    assert quiz.fingerprint(question(options=(("Yes", 1.0), ("Sometimes", 0.5), ("No", 0.0)))) == fp


@pytest.mark.parametrize("change", [
    {"text": TEXT.replace("same", "very same")},
    {"options": (("Yes", 1), ("Sometimes", 0.5), ("Never", 0))},          # a label
    {"options": (("Yes", 1), ("Sometimes", 0.25), ("No", 0))},           # a score
    {"options": (("Yes", 1), ("No", 0), ("Sometimes", 0.5))},            # the order
    {"options": (("Yes", 1), ("Sometimes", 0.5), ("No", 0), ("Unsure", 0.2))},  # one more
])
def test_fingerprint_changes_with_the_question_text_and_options(change):
    assert quiz.fingerprint(question(**change)) != quiz.fingerprint(question())


def test_every_fixture_question_has_its_own_fingerprint_and_the_pages_carry_them():
    catalog = load_catalog(FIXTURES / "hiring" / "content", FIXTURES / "hiring")
    data = quiz.data(project_pages(FIXTURES / "hiring"))
    assert {e["id"]: e["fp"] for e in data["entries"]} == {e.id: quiz.fingerprint(e.question) for e in catalog.entries}
    assert len({e["fp"] for e in data["entries"]}) == len(catalog.entries)
    assert [e["labels"] for e in data["entries"]] == [[o.label for o in e.question.options] for e in catalog.entries]
    assert data["entries"][1]["steps"] == list(catalog.entries[1].avoid[:2])
    assert data["prefix"] == "HP" and data["site"] == "Hiring Pitfalls" and data["release"] == "unreleased"
    assert data["threshold"] == quiz.VERDICT_SHARE
    assert data["schema"] == "../assets/self-assessment.schema.json"  # relative to the hosted quiz page


def test_redirect_map_follows_renames_and_merges():
    catalog = load_catalog(FIXTURES / "hiring" / "content", FIXTURES / "hiring")
    # HP-5 was renamed HP-1; HP-4 was merged into HP-2 (content/retired/hp-4.yaml)
    assert client.redirects(catalog) == {"HP-4": ["HP-2", "merged"], "HP-5": ["HP-1", "renamed"]}


def test_format_1_version_is_unchanged():
    """Share links of format 1 (#a=<version>.<answers>) still open while this hash stays the same."""
    catalog = load_catalog(FIXTURES / "hiring" / "content", FIXTURES / "hiring")
    assert quiz.version(catalog) == "cecb2606b92d"


@pytest.mark.parametrize("questions, words", [
    (1, "about 1 minute"), (3, "about 1 minute"), (6, "about 2 minutes"), (21, "about 5 to 7 minutes"),
    (40, "about 10 to 13 minutes"),
])
def test_time_estimate_is_15_to_20_seconds_a_question(questions, words):
    assert quiz.duration(questions) == words


def test_the_real_page_states_time_threshold_and_schema():
    text = quiz.page(project_pages(ROOT))
    n = len(load_catalog(ROOT / "content", ROOT).entries)
    assert f"{n} questions, {quiz.duration(n)}." in text
    assert "With fewer than 50% of the questions answered you get a partial score and no verdict." in text
    assert "[JSON Schema](assets/self-assessment.schema.json)" in text  # a Markdown link: each builder writes its URL


# The export format's schema: the file the page writes, checked by a real JSON Schema validator.

EXPORT = {
    "$schema": "https://example.org/assets/self-assessment.schema.json",
    "format": 1, "key": "hiring-pitfalls", "site": "Hiring Pitfalls", "release": "unreleased",
    "exported": "2026-05-01T10:00:00.000Z",
    "assessments": [{
        "name": "Provider A",
        "answers": {"HP-1": {"answer": "1", "fingerprint": "aN3"}, "HP-2": {"answer": "u", "fingerprint": "m9c"},
                    "HP-3": {"answer": "-", "fingerprint": "E_T"}},
        "history": [{"date": "2026-05-01T10:00:00.000Z", "score": 0, "answered": 2,
                     "answers": {"HP-1": {"answer": "1", "fingerprint": "aN3"}}}],
    }],
}


def test_schema_is_valid_and_accepts_an_export():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(EXPORT)


@pytest.mark.parametrize("path, value", [
    (("format",), 2),
    (("assessments",), []),
    (("assessments", 0, "name"), ""),
    (("assessments", 0, "answers", "HP-1", "answer"), "x"),
    (("assessments", 0, "answers", "HP-1", "fingerprint"), "toolong"),
    (("assessments", 0, "history", 0, "score"), 101),
])
def test_schema_refuses_what_the_page_refuses(path, value):
    doc = json.loads(json.dumps(EXPORT))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(doc)


def test_schema_fingerprint_length_matches_python():
    pattern = SCHEMA["$defs"]["answers"]["additionalProperties"]["properties"]["fingerprint"]["pattern"]
    n = quiz.FINGERPRINT_LENGTH
    assert pattern == f"^[A-Za-z0-9_-]{{{n}}}$"
    assert f"FP = /^[\\w-]{{{n}}}$/" in (ROOT / "hooks/kbgen/assets/quiz/core.js").read_text()
