"""The lock: what `make` installs is exactly what requirements/*.txt names, and the lock honours pyproject.toml."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

LOCKS = {"site": ROOT / "hooks/kbgen/locks/site.txt", "dev": ROOT / "requirements/dev.txt",
         "tests": ROOT / "hooks/kbgen/locks/tests.txt"}
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def pinned(lock) -> dict[str, str]:
    """Every pin of a lock file, whatever its marker: name -> versions."""
    out: dict[str, set[str]] = {}
    for name, version in re.findall(r"^([A-Za-z0-9][\w.-]*)==([^\s;\\]+)", lock.read_text(), re.MULTILINE):
        out.setdefault(canonicalize_name(name), set()).add(version)
    return out


def lock_check(lock, python=sys.executable) -> subprocess.CompletedProcess:
    return subprocess.run([python, str(ROOT / ".ci/lock.py"), "check", str(lock)], capture_output=True, text=True)


def test_the_installed_packages_are_the_locked_ones():
    result = lock_check(LOCKS["dev"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_names_a_package_at_another_version(tmp_path):
    lock = tmp_path / "lock.txt"
    text = LOCKS["dev"].read_text()
    version = re.search(r"^pyyaml==(\S+)", text, re.MULTILINE)[1]
    lock.write_text(text.replace(f"pyyaml=={version}", "pyyaml==0.0.1").replace("\nruff==", "\nnot-ruff=="))
    result = lock_check(lock)
    assert result.returncode == 1
    assert f"pyyaml: {version} installed, the lock has 0.0.1" in result.stdout
    assert "not-ruff: the lock has" in result.stdout and "ruff: " in result.stdout and "not in the lock" in result.stdout


def test_every_pin_has_hashes_and_satisfies_the_ranges_of_pyproject():
    project = PROJECT["project"]
    wanted = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra),
              *PROJECT["build-system"]["requires"]]
    dev = pinned(LOCKS["dev"])
    for line in wanted:
        requirement = Requirement(line)
        versions = dev.get(canonicalize_name(requirement.name))
        assert versions, f"{requirement.name} is not in the lock: run make lock"
        assert all(requirement.specifier.contains(v, prereleases=True) for v in versions), (line, versions)
    for lock in LOCKS.values():
        blocks = re.split(r"\n(?=[A-Za-z0-9])", lock.read_text().split("\n", 2)[2])
        assert all("--hash=sha256:" in block for block in blocks if "==" in block), lock


def test_the_site_and_tests_locks_are_the_dev_lock_cut_down():
    site, tests, dev = pinned(LOCKS["site"]), pinned(LOCKS["tests"]), pinned(LOCKS["dev"])
    assert all(dev.get(name) == versions for name, versions in (site | tests).items())
    assert {"pytest", "playwright"} <= set(tests)
    assert {"mkdocs", "mkdocs-material", "properdocs", "zensical", "setuptools"} <= set(site)
    assert not {"pytest", "playwright", "ruff", "scikit-learn"} & set(site)


def test_the_build_backend_is_locked_as_pyproject_names_it():
    build_in = [line for line in (ROOT / "requirements/build.in").read_text().splitlines()
                if line and not line.startswith("#")]
    assert [r for r in build_in if r.startswith("setuptools")] == PROJECT["build-system"]["requires"]
