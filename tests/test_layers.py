"""The package's layers hold (import-linter, run by make check-code), and the contract catches a new circle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

LINT = Path(sys.executable).parent / "lint-imports"


def lint(package_parent: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(package_parent)}, cwd=package_parent)


def test_the_layers_are_kept():
    result = lint(ROOT / "hooks")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "broken"), [
    ("generate/urls.py", "from . import pages", "No circles between the modules of a folder BROKEN"),  # urls <-> pages
    ("read/load.py", "from ..generate import urls", "Layers: command line, builder adapters"),  # reading -> generation
    ("model/catalog.py", "from ..read import problems", "Layers: command line, builder adapters"),
])
def test_a_new_circle_or_an_upward_import_breaks_the_check(tmp_path, module, line, broken):
    shutil.copytree(ROOT / "hooks" / "kbgen", tmp_path / "kbgen", ignore=shutil.ignore_patterns("__pycache__"))
    path = tmp_path / "kbgen" / module
    path.write_text(path.read_text() + f"\n{line}  # noqa\n")
    result = lint(tmp_path)
    assert result.returncode == 1, result.stdout
    assert broken in result.stdout and "BROKEN" in result.stdout
