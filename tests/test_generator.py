"""The generator's own structure: schemas generated from the models, settings checked by MkDocs,
URLs taken from MkDocs, one list of anchors, the quiz's weights explained from their one definition."""

from __future__ import annotations

import re
import subprocess
import sys
from xml.etree import ElementTree

import pytest

from conftest import ROOT, copy_fixture, mkdocs_build, project_pages
from kbgen.cli import schemas as schemas_command
from kbgen.generate import ledger, quiz, sections
from kbgen.model import schemas
from kbgen.generate.urls import hosted_url


def test_schema_files_are_generated_from_the_models():
    stale = [name for name, text in schemas.generate().items()
             if (schemas.FOLDER / name).read_text(encoding="utf-8") != text]
    assert stale == [], "run `make schemas`"
    assert sorted(p.name for p in schemas.FOLDER.glob("*.json")) == sorted(schemas.generate())


def test_schema_check_command_reports_a_stale_file(tmp_path, monkeypatch):
    monkeypatch.setattr(schemas, "FOLDER", tmp_path)
    assert schemas_command.main(["--check"]) == 1
    assert schemas_command.main([]) == 0
    assert schemas_command.main(["--check"]) == 0


def test_one_list_of_anchors_drives_the_page():
    pages = project_pages(ROOT / "tests/fixtures/hiring")
    for entry in pages.catalog.entries:
        text = pages.entry(entry)
        on_page = re.findall(r'\{ #([a-z0-9-]+)[ }]|id="([a-z0-9-]+)"', text)
        assert [a or b for a, b in on_page] == sections.anchors(entry, pages.catalog.history.get(entry.id, ()))


def test_quiz_explains_the_weights_it_scores_with(monkeypatch):
    assert quiz.weighting("pitfall") == "3 times for a high-severity pitfall, twice for medium and once for low"
    monkeypatch.setitem(quiz.WEIGHT, "high", 5)
    monkeypatch.setitem(quiz.WEIGHT, "low", 2)
    assert quiz.weighting("risk") == "5 times for a high-severity risk, twice for medium and twice for low"
    page = quiz.page(project_pages(ROOT / "tests/fixtures/hiring"))
    assert "each question counts 5 times for a high-severity mistake, twice for medium and twice for low" in page


def run(args: list[str], cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})


@pytest.mark.build
@pytest.mark.parametrize("setting, message", [
    ("    contnet: content\n", "Config value 'extra.kbgen.contnet': Unrecognised configuration name: contnet"),
    ("", "Config value 'extra.kbgen.content': The path '{project}/missing' isn't an existing directory."),
])
def test_settings_are_checked_by_mkdocs(tmp_path, setting, message):
    config = copy_fixture(tmp_path / "project")
    text = config.read_text()
    text = text.replace("    content: content\n", "    content: content\n" + setting if setting else "    content: missing\n")
    config.write_text(text)
    message = message.format(project=config.parent)
    built = run(["-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")], config.parent)
    assert built.returncode != 0 and message in built.stderr, built.stderr
    checked = run(["-m", "kbgen", "check"], config.parent)
    assert checked.returncode == 1 and message in checked.stderr, checked.stderr


@pytest.mark.build
def test_ledger_sitemap_and_site_agree_on_real_file_names(tmp_path):
    """URLs come from MkDocs: a README is its folder's index, a space is %20, excluded pages do not exist."""
    config = copy_fixture(tmp_path / "project")
    project = config.parent
    config.write_text(config.read_text().replace("strict: true\n", "strict: true\nexclude_docs: drafts/\n")
                      .replace("site_url: http://127.0.0.1:8000/", "site_url: https://example.org/hire/"))
    docs = project / "docs"
    for name in ("guide/README.md", "a b.md", "drafts/secret.md"):
        (docs / name).parent.mkdir(exist_ok=True)
        (docs / name).write_text(f"# {name}\n")
    added = run(["-m", "kbgen", "ledger", "--date", "2026-06-01"], project)
    assert added.returncode == 0, added.stderr
    ledgered = {ledger.normalise(u) for _, _, u in ledger.read(project / "content" / ledger.FILE)}
    assert {"guide/", "a%20b/"} <= ledgered and not any("drafts" in u for u in ledgered)
    site = tmp_path / "site"
    mkdocs_build(config, site)
    sitemap = {loc.text.removeprefix("https://example.org/hire/")
               for loc in ElementTree.parse(site / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {ledger.normalise(u) for u in sitemap}
    assert pages == {u for u in ledgered if u.endswith("/") or u == ""}
    assert (site / "guide/index.html").is_file() and (site / "a b/index.html").is_file()
    assert not (site / "drafts").exists() and not (site / "guide/README").exists()
    assert hosted_url("guide/README.md") == "guide/" and hosted_url("a b.md") == "a%20b/"
