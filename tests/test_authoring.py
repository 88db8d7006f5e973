"""The author's guide: every field of every kind of content file, made from the models, so it cannot drift."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, ROOT, project_pages
from kbgen.generate import authoring
from kbgen.model import catalog as model


def page(project=ROOT) -> str:
    return project_pages(project).authoring()


def test_every_field_of_every_kind_is_on_the_page_with_its_meaning():
    text = page()
    for name in ("name", "id_prefix", "noun.singular", "quiz.unsure_label", "[].description", "items[].label",
                 "question.options[].score", "disagreement.views[].view", "previous_ids[].date", "merged_into"):
        assert f"| `{name}` |" in text, name
    kinds = authoring.kinds(project_pages(ROOT).catalog)
    assert [k.title for k in kinds] == ["The catalog's settings", "Categories", "Source articles", "Pitfalls",
                                        "Retired ids"]
    assert all(f.meaning for k in kinds for f in k.fields), [f.name for k in kinds for f in k.fields if not f.meaning]


def test_required_types_limits_and_examples_come_from_the_models():
    entry = {f.name: f for f in next(k for k in authoring.kinds(project_pages(ROOT).catalog) if k.title == "Pitfalls").fields}
    assert entry["title"].required and entry["title"].takes == "one line of plain text; 3 to 90 characters"
    assert not entry["aliases"].required and entry["aliases"].takes.endswith("; at most 40 items, no repeats")
    assert entry["why"].takes == "plain text (a blank line starts a paragraph); 20 to 1500 characters"
    assert entry["severity"].takes == "one of low, medium, high"
    assert entry["question.options[].score"].takes == "a number from 0 to 1"
    assert entry["id"].takes.startswith("an id of capitals, a hyphen and a number")
    assert entry["id"].example == "OP-1"  # from this catalog's own first entry


def test_a_new_field_description_shows_on_the_page(monkeypatch):
    monkeypatch.setattr(model.Entry.model_fields["why"], "description", "Why it hurts, told to a busy owner.")
    model.Entry.model_rebuild(force=True)
    try:
        assert "Why it hurts, told to a busy owner." in page(FIXTURES / "hiring")
    finally:
        monkeypatch.undo()
        model.Entry.model_rebuild(force=True)
    assert "Why it hurts, told to a busy owner." not in page(FIXTURES / "hiring")


@pytest.mark.build
def test_the_guide_is_a_page_of_the_site_with_how_to_release_and_ingest(site):
    html = (site / "authoring" / "index.html").read_text()
    assert "Author&#39;s guide" in html or "Author's guide" in html
    assert "kbgen release" in html and "kbgen ingest" in html and "<table>" in html
