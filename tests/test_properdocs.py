"""A second builder: ProperDocs (a drop-in fork of MkDocs 1.6) builds the same site as MkDocs, hooks and Material included.

Every page must match the MkDocs build except the generator tag, hosted and offline.
"""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

sys.path.insert(0, str(ROOT / "bench"))
import sitediff  # noqa: E402

pytestmark = [pytest.mark.build, pytest.mark.slow]
GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')


def properdocs_build(config: Path, out: Path, **env: str) -> str:
    """Run `properdocs build --strict` on the same mkdocs.yml; return its log. Fails the test on any warning."""
    if importlib.util.find_spec("properdocs") is None:
        pytest.fail("properdocs is missing: install the test extra (pip install -e '.[test]')")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=config.parent,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("env", [{}, {"OFFLINE": "true"}], ids=["hosted", "offline"])
def test_properdocs_builds_the_same_site(tmp_path, env):
    mkdocs_site, properdocs_site = tmp_path / "mkdocs", tmp_path / "properdocs"
    mkdocs_build(ROOT / "mkdocs.yml", mkdocs_site, **env)
    properdocs_build(ROOT / "mkdocs.yml", properdocs_site, **env)

    assert sitediff.compare(mkdocs_site, properdocs_site) == []

    pages = sorted(p.relative_to(mkdocs_site) for p in mkdocs_site.rglob("*.html"))
    assert len(pages) > 20 and pages == sorted(p.relative_to(properdocs_site) for p in properdocs_site.rglob("*.html"))
    differing = []
    for rel in pages:
        a, b = (mkdocs_site / rel).read_text(encoding="utf-8"), (properdocs_site / rel).read_text(encoding="utf-8")
        assert "ProperDocs" in "".join(GENERATOR.findall(b)), rel  # the second build really ran ProperDocs
        if GENERATOR.sub("", a) != GENERATOR.sub("", b):
            differing.append(str(rel))
    assert differing == [], "pages differing beyond the generator tag"
