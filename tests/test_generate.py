"""`kbgen generate OUT`: the whole source tree as plain files, the same pages the hooks hand to MkDocs,
nothing written on a content error; and `kbgen serve` with a builder that builds the tree."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT, copy_fixture, mkdocs_build

sys.path.insert(0, str(ROOT / "bench"))
import sitediff  # noqa: E402

KBGEN = Path(sys.executable).parent / "kbgen"


def kbgen(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(KBGEN), *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_fixture(tmp_path / "project").parent


def test_the_tree_holds_every_page_and_file_and_a_config_of_plain_values(project, tmp_path):
    out = tmp_path / "tree"
    result = kbgen("generate", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    docs = out / "docs"
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    assert {"index.md", "mistakes/index.md", "mistakes/hp-1.md", "mistakes/hp-4.md", "mistakes/hp-5.md",
            "categories/interviews.md", "sources.md", "self-assessment.md", "changes.md"} <= pages
    assert {"mistakes.json", "mistakes.csv", "mistakes.schema.json", "releases.xml"} <= {
        p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
    assert not [p for p in docs.rglob("*.md") if "<!-- kbgen:" in p.read_text()]  # placeholders filled
    assert (out / "overrides" / "main.html").is_file() and (out / "overrides" / "404.html").is_file()
    config = yaml.safe_load((out / "mkdocs.yml").read_text())  # plain YAML: no tags, no Python objects
    assert "hooks" not in config and config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "overrides"
    assert {"Areas": [{"Interviews": "categories/interviews.md"}, {"Sourcing": "categories/sourcing.md"}]} in \
        config["nav"] or any("Areas" in item for item in config["nav"])

    def plain(value: object) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(map(plain, value))
        return value is None or isinstance(value, str | int | float | bool)

    assert plain(config["extra"]["kb"]) and config["extra"]["kb"]["entries_path"] == "mistakes"
    assert "kbgen" not in config["extra"]


def test_writing_again_changes_nothing_and_removes_what_went(project, tmp_path):
    out = tmp_path / "tree"
    assert kbgen("generate", str(out), cwd=project).returncode == 0
    (out / "docs" / "stray.md").write_text("# left over\n")
    before = snapshot(out / "docs")
    again = kbgen("generate", str(out), cwd=project)
    assert again.returncode == 0 and ", 0 of them (re)written" in again.stdout
    after = snapshot(out / "docs")
    assert "stray.md" not in after and after == {k: v for k, v in before.items() if k != "stray.md"}


def test_a_content_error_writes_nothing_and_says_where(project, tmp_path):
    out = tmp_path / "tree"
    assert kbgen("generate", str(out), cwd=project).returncode == 0
    before = snapshot(out)
    entry = project / "content/mistakes/hp-2.yaml"
    entry.write_text(entry.read_text().replace("severity: high", "severity: hgih"))
    broken = kbgen("generate", str(out), cwd=project)
    assert broken.returncode == 1
    assert "content/mistakes/hp-2.yaml:5:11: severity: must be one of low, medium, high (got 'hgih')" in broken.stderr
    assert f"nothing was written; {out} is as it was" in broken.stderr
    assert kbgen("check", cwd=project).stderr.splitlines()[0] == broken.stderr.splitlines()[0]  # the same message
    assert snapshot(out) == before


@pytest.mark.build
@pytest.mark.parametrize("env", [{}, {"OFFLINE": "true"}, {"SITE_URL": "https://example.org/hiring/"}],
                         ids=["hosted", "offline", "published"])
def test_mkdocs_builds_the_same_site_from_the_tree_as_through_the_hooks(project, tmp_path, env):
    """One code path: the hooks' site, and the written tree built by MkDocs without any hook, are the same."""
    hooks, plain = tmp_path / "hooks", tmp_path / "plain"
    mkdocs_build(project / "mkdocs.yml", hooks, **env)
    assert kbgen("generate", str(tmp_path / "tree"), cwd=project, **env).returncode == 0
    mkdocs_build(tmp_path / "tree" / "mkdocs.yml", plain, **env)
    assert sitediff.compare(hooks, plain) == []


def test_the_command_names_its_commands():
    result = subprocess.run([str(KBGEN)], capture_output=True, text=True)
    assert result.returncode == 2 and "usage: kbgen COMMAND" in result.stdout
    for command in ("build", "check", "generate", "serve", "release", "ingest"):
        assert f"  {command}" in result.stdout
    wrong = subprocess.run([str(KBGEN), "bulid"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "unknown command 'bulid'" in wrong.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    """The page at ``url`` once it holds ``text``."""
    deadline, body = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode()
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}; last: {body[:300]!r}")


@pytest.mark.slow
@pytest.mark.build
def test_serve_with_zensical_follows_edits_and_keeps_the_last_good_site(project):
    port = _free_port()
    server = subprocess.Popen([str(KBGEN), "serve", "--builder", "zensical", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    page, entry = f"http://127.0.0.1:{port}/mistakes/hp-2/", project / "content/mistakes/hp-2.yaml"
    original = entry.read_text()
    try:
        _wait_for(page, "Interviewing without a plan")
        entry.write_text(original.replace("title: Interviewing without a plan", "title: Interviewing on a whim"))
        _wait_for(page, "Interviewing on a whim")
        entry.write_text(original.replace("severity: high", "severity: hgih"))
        time.sleep(3)
        assert "Interviewing on a whim" in _wait_for(page, "HP-2")  # still the last good site
        entry.write_text(original)
        _wait_for(page, "Interviewing without a plan")
    finally:
        server.terminate()
        log = server.communicate(timeout=20)[0]
    assert "content/mistakes/hp-2.yaml:5:11: severity: must be one of low, medium, high (got 'hgih')" in log
    assert "the preview keeps the last good site until they are fixed" in log
    shutil.rmtree(project / ".cache", ignore_errors=True)
