"""A bad edit never costs what was built before: the build stops first, and `mkdocs serve` recovers."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import copy_fixture


def build(config, out) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(out)],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_failed_build_leaves_previous_site_intact(tmp_path):
    config = copy_fixture(tmp_path / "project")
    out = tmp_path / "site"
    assert build(config, out).returncode == 0
    before = snapshot(out)
    entry = tmp_path / "project/content/mistakes/hp-2.yaml"
    entry.write_text(entry.read_text().replace("severity: high", "severity: hgih"))
    for extra in ([], ["--strict"]):
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", *extra, "-f", str(config), "-d", str(out)],
                                capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode != 0
        assert "content/mistakes/hp-2.yaml:5:11: severity: must be one of low, medium, high (got 'hgih')" \
            in result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(out) == before


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def wait_for(condition, timeout=30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


# Each: the file to break, how, and what the terminal must say. A content error, a file the YAML reader
# must refuse before its parser recurses, and a broken mkdocs.yml (not content at all).
BREAKS = [
    ("content/mistakes/hp-2.yaml", lambda t: t.replace("severity: high", "severity: hgih"),
     "severity: must be one of low, medium, high (got 'hgih')"),
    ("content/mistakes/hp-2.yaml", lambda t: "a: " + "[" * 100_000, "nested more than 40 levels deep"),
    ("mkdocs.yml", lambda t: t.replace("site_name: Hiring Pitfalls", "site_name: [Hiring"), "The rebuild failed"),
]


@pytest.mark.build
@pytest.mark.parametrize("name, breaks, said", BREAKS)
def test_serve_shows_error_keeps_last_good_site_and_recovers(tmp_path, name, breaks, said):
    config = copy_fixture(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}/mistakes/hp-2/"
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                  stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        assert wait_for(lambda: "Interviewing without a plan" in fetch(url)), log.read_text()
        broken = tmp_path / "project" / name
        good = broken.read_text()
        broken.write_text(breaks(good))
        assert wait_for(lambda: said in log.read_text()), log.read_text()
        assert "Interviewing without a plan" in fetch(url)  # the last good site is still served
        assert "Traceback" not in log.read_text()
        broken.write_text(good)
        entry = tmp_path / "project/content/mistakes/hp-2.yaml"
        entry.write_text(entry.read_text().replace("Interviewing without a plan", "Interviewing with no plan"))
        assert wait_for(lambda: "Interviewing with no plan" in fetch(url)), log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_check_command_lists_every_error_and_exits_non_zero(tmp_path):
    config = copy_fixture(tmp_path / "project")
    content = config.parent / "content"
    ok = subprocess.run([sys.executable, "-m", "kbgen", "check"], capture_output=True, text=True,
                        cwd=config.parent)
    assert ok.returncode == 0 and "3 entries" in ok.stdout
    entry = content / "mistakes/hp-2.yaml"
    entry.write_text(entry.read_text().replace("severity: high", "severty: high"))
    other = content / "mistakes/hp-3.yaml"
    other.write_text(other.read_text().replace("category: interviews", "category: interview"))
    bad = subprocess.run([sys.executable, "-m", "kbgen", "check"], capture_output=True, text=True,
                         cwd=config.parent)
    assert bad.returncode == 1
    assert bad.stderr.splitlines() == [
        "content/mistakes/hp-2.yaml:1:1: severity: required field is missing",
        "content/mistakes/hp-2.yaml:5:1: severty: unknown field; did you mean 'severity'?",
        "content/mistakes/hp-3.yaml:4:11: category: must be one of sourcing, interviews (got 'interview')",
        "3 content error(s)",
    ]
    assert "Traceback" not in bad.stderr
