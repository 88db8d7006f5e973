"""`kbgen new`: a second knowledge base in two commands, from the installable generator (the wheel), with
nothing of this guide in it; and the wheel holds every file a site needs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT

KBGEN = Path(sys.executable).parent / "kbgen"
# Words of this catalog, not of kbgen (ask_provider is the name of a field of kbgen's format, not a word).
THIS_GUIDE = re.compile(r"outsourc|pitfall|(?<!ask_)provider|\bOP-\d", re.IGNORECASE)


def new(folder: Path, *args: str, wheel: Path | None = None) -> subprocess.CompletedProcess:
    wheel = wheel or folder.parent / "kbgen-1.0.0-py3-none-any.whl"
    wheel.touch()
    return subprocess.run([str(KBGEN), "new", str(folder), "--kbgen", str(wheel), *args], capture_output=True,
                          text=True)


ARGS = ["--name", "Cloud migration risks", "--noun", "risk", "--prefix", "CM", "--party", "vendor"]


@pytest.mark.parametrize(("args", "message"), [
    (["--name", "<b>x</b>"], "--name: raw HTML or scripts are not allowed in text"),
    (["--name", "ab"], "--name: String should have at least 3 characters"),
    (["--prefix", "cm"], "--prefix: String should match pattern"),
    (["--prefix", "1X"], "--prefix: String should match pattern"),
    (["--noun", "a<b"], "--noun: String should match pattern"),
])
def test_a_bad_name_prefix_or_noun_is_refused_and_nothing_written(tmp_path, args, message):
    given = dict(zip(ARGS[::2], ARGS[1::2])) | dict(zip(args[::2], args[1::2]))
    result = new(tmp_path / "kb", *[x for kv in given.items() for x in kv])
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert not (tmp_path / "kb").exists()


def test_a_folder_that_is_not_empty_is_refused(tmp_path):
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "notes.txt").write_text("mine")
    result = new(tmp_path / "kb", *ARGS)
    assert result.returncode == 2 and "is not an empty folder: give a new or empty one" in result.stderr
    assert [p.name for p in (tmp_path / "kb").iterdir()] == ["notes.txt"]


def test_the_generator_must_be_a_wheel(tmp_path):
    result = subprocess.run([str(KBGEN), "new", str(tmp_path / "kb"), *ARGS, "--kbgen", "kbgen==1.0.0"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "--kbgen: expected the path of kbgen's wheel" in result.stderr


class _Text(HTMLParser):
    """The words a reader sees: text outside scripts and styles, and the titles, labels and descriptions."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        shown = {"title", "alt", "aria-label", "placeholder"} | ({"content"} if tag == "meta" else set())
        self.words += [v for k, v in attrs if k in shown and v]

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.words.append(data)


def seen(site: Path) -> dict[str, str]:
    out = {}
    for page in site.rglob("*.html"):
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        out[page.relative_to(site).as_posix()] = " ".join(parser.words)
    return out


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out),
                            str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert "Warning" not in built.stdout + built.stderr  # no BuildBackendWarning: package data declared
    return next(out.glob("kbgen-*.whl"))


@pytest.mark.build
def test_the_wheel_holds_every_file_a_site_needs(wheel):
    package = ROOT / "hooks" / "kbgen"
    tracked = subprocess.run(["git", "ls-files", "."], cwd=package, capture_output=True, text=True).stdout.split()
    needed = {f"kbgen/{name}" for name in tracked}
    held = set(zipfile.ZipFile(wheel).namelist())
    assert needed - held == set()
    assert {"kbgen/theme/main.html", "kbgen/assets/kb.js", "kbgen/fonts/Roboto-Regular.ttf",
            "kbgen/skeleton/mkdocs.yml.j2", "kbgen/locks/site.txt", "kbgen/schemas/entry.schema.json"} <= held
    metadata = zipfile.ZipFile(wheel).read(next(n for n in held if n.endswith("METADATA"))).decode()
    assert "Name: kbgen" in metadata and "Version: 1.0.0" in metadata


@pytest.mark.slow
@pytest.mark.build
def test_a_new_knowledge_base_in_two_commands_from_the_wheel(tmp_path_factory, wheel, browser):
    """Made outside this repository, installed from the lock and the wheel into a fresh virtual environment:
    `make site` and `make test` pass, and its site works in Chromium with nothing of this guide in it."""
    folder = tmp_path_factory.mktemp("elsewhere") / "cloud-risks"
    made = subprocess.run([str(KBGEN), "new", str(folder), *ARGS, "--kbgen", str(wheel)], capture_output=True,
                          text=True)
    assert made.returncode == 0, made.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    for command in ("site", "test"):
        result = subprocess.run(["make", command], cwd=folder, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    installed = subprocess.run([str(folder / ".venv/bin/python"), "-c", "import kbgen; print(kbgen.__file__)"],
                               capture_output=True, text=True).stdout
    assert "site-packages" in installed and str(ROOT) not in installed  # the wheel, not this repository
    site = folder / "site"
    assert (site / "risks/cm-1/index.html").is_file() and (site / "authoring/index.html").is_file()
    found = {page: THIS_GUIDE.findall(text) for page, text in seen(site).items()}
    assert {page: words for page, words in found.items() if words} == {}
    tab = browser.new_page()
    try:
        tab.goto((site / "risks/cm-2/index.html").as_uri())
        assert tab.locator("h1").first.inner_text().startswith("CM-2: Skipping a small trial")
        assert tab.locator("#ask-provider").inner_text().startswith("Ask your vendor")
        tab.goto((site / "self-assessment/index.html").as_uri())
        tab.locator(".kb-quiz-actions").wait_for()
        assert tab.locator("fieldset.kb-question").count() == 3
    finally:
        tab.close()
