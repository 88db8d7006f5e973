"""Releases: versioned snapshots, What-changed notes, pinned exports, id mappings, a feed, and citations
that name the version."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from conftest import copy_fixture, mkdocs_build
from kbgen.generate import releases
from kbgen.model.release import version_key

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/hiring/"


def test_versions_are_calendar_versions_in_order():
    assert sorted(["2027.1", "2026.10", "2026.2"], key=version_key) == ["2026.2", "2026.10", "2027.1"]
    for bad in ("2026", "2026.0", "v2026.1", "2026.01", "26.1", "2026.1.1"):
        with pytest.raises(ValueError):
            version_key(bad)
    assert releases.anchor("2026.1") == "v2026-1"


def entry(i: str, title: str, **extra) -> dict:
    return {"id": i, "title": title, "summary": "s", "category": "c", "severity": "low", "why": "w",
            "warning_signs": ["a"], "avoid": ["b"], "question": {"text": "q", "options": []}, "related": [],
            "aliases": [], "sources": [{"source": "x", "item": "1"}], **extra}


def test_diff_names_added_merged_renamed_and_changed_parts():
    old = {"entries": [entry("A-1", "One"), entry("A-2", "Two"), entry("A-3", "Three"), entry("A-4", "Four")]}
    new = {"entries": [entry("A-1", "One, retitled", avoid=["b", "c"]), entry("A-3", "Three"),
                       entry("A-5", "Five", sources=[{"source": "y", "item": "1"}]), entry("A-6", "Four", severity="high")],
           "retired": [{"id": "A-2", "change": "merged", "now": "A-1"},
                       {"id": "A-4", "change": "renamed", "now": "A-6"}]}
    d = releases.diff(old, new)
    assert d.added == (("A-5", "Five"),)
    assert d.merged == (("A-2", "Two", "A-1"),)
    assert d.renamed == (("A-4", "A-6", "Four"),)
    assert [(c.id, c.old_id, c.old_title, c.parts) for c in d.changed] == [
        ("A-1", "A-1", "One", ("title", "avoid")), ("A-6", "A-4", "Four", ("severity",))]
    assert d.mapping("2026.1", "2026.2") == {
        "from": "2026.1", "to": "2026.2", "added": ["A-5"],
        "ids": {"A-4": {"now": "A-6", "change": "renamed"}, "A-2": {"now": "A-1", "change": "merged"}},
        "split": {}, "changed": {"A-1": ["title", "avoid"], "A-6": ["severity"]},
        "details": {"A-1": {"title": {"old": "One", "new": "One, retitled"},
                            "avoid": {"added": [{"item": 2, "text": "c"}], "removed": [], "reworded": []}},
                    "A-6": {"severity": {"old": "low", "new": "high"}}}}
    assert releases.diff(old, old).empty


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text()
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory) -> tuple[Path, Path]:
    """A scratch copy of the fixture released twice: 2026.1 as it is; 2026.2 after a retitle, a changed
    question, an added entry, a merge and a renamed id. Returns (project, built site)."""
    tmp = tmp_path_factory.mktemp("releases")
    config = copy_fixture(tmp / "project")
    project, content = config.parent, config.parent / "content"
    edit(config, "site_url: http://127.0.0.1:8000/", f"site_url: {SITE}")
    first = run(["-m", "kbgen", "release", "2026.1", "--date", "2026-06-01"], project)
    assert first.returncode == 0, first.stderr
    edit(content / "mistakes/hp-2.yaml", "title: Interviewing without a plan", "title: Interviews with no plan")
    edit(content / "mistakes/hp-1.yaml", "text: Does", "text: Honestly, does")  # a changed question
    hp3 = content / "mistakes/hp-3.yaml"  # merged into HP-2
    data = yaml.safe_load(hp3.read_text())
    hp3.unlink()
    (content / "retired/hp-3.yaml").write_text(f"id: HP-3\ntitle: {data['title']}\nmerged_into: HP-2\n"
                                               "date: 2026-07-01\nnote: One entry now covers checking.\n")
    hp2 = content / "mistakes/hp-2.yaml"
    edit(hp2, 'sources: [{source: handbook, item: "2"}]', 'sources: [{source: handbook, item: "2"}, '
         '{source: handbook, item: "3"}]')
    edit(hp2, "related: [HP-1, HP-3]", "related: [HP-7]")
    edit(hp2, "Score answers right after each interview.]",  # a step reworded, and one added
         "Score each answer right after the interview., Compare the scores before anyone talks.]")
    hp1 = content / "mistakes/hp-1.yaml"  # renamed HP-1 -> HP-7, and a new entry HP-8
    text = hp1.read_text().replace("id: HP-1", "id: HP-7").replace(
        "previous_ids: [{id: HP-5", "previous_ids: [{id: HP-1, date: 2026-07-01}, {id: HP-5")
    hp1.unlink()
    (content / "mistakes/hp-7.yaml").write_text(text.replace("related: [HP-2]", "related: [HP-2]"))
    (content / "mistakes/hp-8.yaml").write_text(text.replace("id: HP-7", "id: HP-8").replace(
        "previous_ids: [{id: HP-1, date: 2026-07-01}, {id: HP-5, date: 2026-03-01}]\n", "").replace(
        "title: Posting a vague job ad", "title: Hiring friends without a process\nsplit_from: [HP-2]").replace(
        'item: "1"', 'item: "1"').replace('sources: [{source: handbook, item: "1"}]', 'sources: [{source: extra, item: "1"}]'))
    (content / "sources/extra.yaml").write_text(
        "id: extra\ntitle: Another article\npublisher: A blog about teams\nvendor: false\n"
        "perspective: Written by a team lead for other team leads.\nfile: extra.txt\nitems:\n  - {id: '1', label: Friends}\n")
    check = run(["-m", "kbgen", "check"], project)
    assert check.returncode == 0, check.stderr
    second = run(["-m", "kbgen", "release", "2026.2", "--date", "2026-07-02"], project)
    assert second.returncode == 0, second.stderr
    site = tmp / "site"
    mkdocs_build(config, site)
    return project, site


def text_of(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    import re
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)).replace(" ,", ",").replace(" .", ".")


@pytest.mark.build
def test_what_changed_page_lists_each_release_with_its_changes(two_releases):
    _, site = two_releases
    page = text_of(site / "changes/index.html")
    assert page.index("Version 2026.2") < page.index("Version 2026.1")  # newest first
    assert "Released 2026-07-02" in page and "Released 2026-06-01" in page
    assert "The first release: 3 mistakes in 2 categories" in page
    assert "HP-8: Hiring friends without a process" in page  # added
    assert "HP-3 (Skipping reference checks) was merged into HP-2: Interviews with no plan" in page
    assert "HP-1 is now HP-7: Posting a vague job ad" in page
    assert "HP-8: Hiring friends without a process was split from HP-2: Interviews with no plan" in page
    assert "HP-2: Interviews with no plan : title, steps, sources, related entries" in page
    # What changed, not only which parts: the old and new title, the steps reworded and added, the sources.
    assert "Title: was “Interviewing without a plan”, now “Interviews with no plan”" in page
    assert "Steps, 2 reworded: was “Score answers right after each interview.”, now “Score each answer right " \
        "after the interview.”" in page
    assert "Steps, 3 added: “Compare the scores before anyone talks.”" in page
    assert "Sources, added: handbook#3" in page and "Related entries, removed: HP-1, HP-3" in page
    assert "HP-7: Posting a vague job ad (was HP-1): question or options" in page
    assert "Not yet released" not in page


@pytest.mark.build
def test_entry_pages_say_when_they_were_added_and_last_changed(two_releases):
    _, site = two_releases
    assert "Added in 2026.1 · last changed in 2026.2" in text_of(site / "mistakes/hp-2/index.html")
    assert "Added in 2026.2" in text_of(site / "mistakes/hp-8/index.html")
    html = (site / "mistakes/hp-2/index.html").read_text()
    assert 'href="../../changes/#v2026-2"' in html


@pytest.mark.build
def test_releases_keep_their_exports_and_publish_mappings(two_releases):
    project, site = two_releases
    old = json.loads((site / "releases/2026.1/mistakes.json").read_text())
    assert old["version"] == "2026.1" and old["released"] == "2026-06-01"
    assert [e["id"] for e in old["entries"]] == ["HP-1", "HP-2", "HP-3"]
    assert old["entries"][1]["title"] == "Interviewing without a plan"  # pinned: as it was
    now = json.loads((site / "mistakes.json").read_text())
    assert (now["version"], now["released"]) == ("2026.2", "2026-07-02")
    mapping = json.loads((site / "releases/2026.2/changes.json").read_text())
    assert mapping["from"] == "2026.1" and mapping["to"] == "2026.2"
    assert mapping["ids"] == {"HP-1": {"now": "HP-7", "change": "renamed"}, "HP-3": {"now": "HP-2", "change": "merged"}}
    assert mapping["added"] == ["HP-8"] and mapping["split"] == {"HP-8": "HP-2"}
    assert mapping["details"]["HP-2"]["title"] == {"old": "Interviewing without a plan", "new": "Interviews with no plan"}
    assert mapping["details"]["HP-2"]["avoid"] == {
        "added": [{"item": 3, "text": "Compare the scores before anyone talks."}], "removed": [],
        "reworded": [{"item": 2, "old": "Score answers right after each interview.",
                      "new": "Score each answer right after the interview."}]}
    assert mapping["details"]["HP-7"]["question"] == {}  # a long text: the part is named, not quoted
    from jsonschema import Draft202012Validator

    schema = json.loads((site / "mistakes.schema.json").read_text())
    Draft202012Validator({"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/mapping"}).validate(
        mapping)
    Draft202012Validator(schema).validate(old)
    ledger = (project / "content/published-urls.txt").read_text()
    for url in ("releases/2026.1/mistakes.json", "releases/2026.2/changes.json", "changes/", "releases.xml"):
        assert f"\n{url}\n" in ledger


@pytest.mark.build
def test_releases_feed_is_valid_atom_with_absolute_links(two_releases):
    _, site = two_releases
    feed = ElementTree.parse(site / "releases.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{tag}").text
    assert feed.find(f"{ATOM}updated").text == "2026-07-02T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Hiring Pitfalls 2026.2", "Hiring Pitfalls 2026.1"]
    for e in entries:
        assert all(e.find(f"{ATOM}{tag}").text for tag in ("id", "title", "updated", "summary"))
        assert e.find(f"{ATOM}link").get("href").startswith(SITE + "changes/#v2026-")
    assert "1 added, 1 merged, 1 renamed, 2 changed" in entries[0].find(f"{ATOM}summary").text
    home = (site / "index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml" title="Hiring Pitfalls: releases" href="releases.xml">' \
        in home
    entry = (site / "mistakes/hp-2/index.html").read_text()
    assert 'type="application/atom+xml" title="Hiring Pitfalls: releases" href="../../releases.xml"' in entry
    assert "You are reading Hiring Pitfalls 2026.2" in text_of(site / "index.html")


@pytest.mark.build
def test_release_refuses_what_must_not_be_released(tmp_path):
    config = copy_fixture(tmp_path / "project")
    project = config.parent
    loopback = run(["-m", "kbgen", "release", "2026.1"], project)
    assert loopback.returncode == 1 and "not a published one: set SITE_URL" in loopback.stderr
    published = {"SITE_URL": SITE}
    edit(config, "site_url: http://127.0.0.1:8000/", "site_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']")
    bad = run(["-m", "kbgen", "release", "2026.x"], project, **published)
    assert bad.returncode == 1 and "expected a version such as 2026.1" in bad.stderr
    assert run(["-m", "kbgen", "release", "2026.3", "--date", "2026-06-01"], project, **published).returncode == 0
    for version in ("2026.3", "2026.2", "2025.9"):
        again = run(["-m", "kbgen", "release", version], project, **published)
        assert again.returncode == 1 and "must come after the latest release, 2026.3" in again.stderr
    edit(project / "content/mistakes/hp-2.yaml", "severity: high", "severity: hgih")
    broken = run(["-m", "kbgen", "release", "2026.4"], project, **published)
    assert broken.returncode == 1 and "severity: must be one of low, medium, high" in broken.stderr
    assert sorted(p.name for p in (project / "content/releases").iterdir()) == ["2026.3.yaml"]


@pytest.mark.build
def test_a_default_address_build_says_how_to_set_the_real_one(tmp_path):
    config = copy_fixture(tmp_path / "project")
    log = mkdocs_build(config, tmp_path / "site")
    assert "INFO" in log and "Set SITE_URL to the address the site is published at" in log
    edit(config, "site_url: http://127.0.0.1:8000/", f"site_url: {SITE}")
    assert "Set SITE_URL" not in mkdocs_build(config, tmp_path / "site2")


@pytest.mark.build
def test_cite_names_the_version_the_reader_is_on(two_releases, serve, context, page):
    _, site = two_releases
    base = serve(site)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    page.goto(base + "mistakes/hp-2/")
    page.get_by_role("button", name="Cite: copy id, title, version and link", exact=True).click()
    page.wait_for_function("document.getElementById('kb-copy-status')?.textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == \
        f'HP-2, "Interviews with no plan", Hiring Pitfalls 2026.2, {SITE}mistakes/hp-2/'
    assert page.recorder.errors == []


@pytest.mark.build
def test_work_not_yet_released_is_shown_as_such(two_releases, tmp_path):
    project, _ = two_releases
    shutil.copytree(project, tmp_path / "project")
    config = tmp_path / "project/mkdocs.yml"
    edit(config.parent / "content/mistakes/hp-8.yaml", "title: Hiring friends without a process",
         "title: Hiring friends and family without a process")
    site = tmp_path / "site"
    mkdocs_build(config, site)
    page = text_of(site / "changes/index.html")
    assert page.index("Not yet released") < page.index("Version 2026.2")
    assert "Changes since 2026.2, shown here so an editor sees what the next release will say" in page
    assert "HP-8: Hiring friends and family without a process : title Title: was “Hiring friends without a " \
        "process”, now “Hiring friends and family without a process”" in page
    assert "changed since, not yet released" in text_of(site / "mistakes/hp-8/index.html")
    assert json.loads((site / "mistakes.json").read_text())["version"] == "unreleased"
    assert "with changes made since 2026.2, not yet released" in text_of(site / "index.html")
