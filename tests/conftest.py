"""Shared fixtures: real MkDocs builds in temporary folders, a local web server, and Chromium."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
# A browser as readers have it: no flag that loosens file:// rules (such as --allow-file-access-from-files),
# so the offline tests prove the offline copy works when opened by double-click.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
sys.path.insert(0, str(ROOT / "hooks"))

# Property tests. `make test` and `make test-fast` draw the same examples on every run and machine
# (derandomized, no example database), so CI gives the same result for the same commit; `make fuzz`
# (KBGEN_FUZZ=search) draws new random examples to look further. What it finds becomes an @example.
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
settings.register_profile("quick", max_examples=50, derandomize=True, database=None, **_FUZZ)
settings.register_profile("full", max_examples=1500, derandomize=True, database=None, **_FUZZ)
settings.register_profile("search", max_examples=20_000, **_FUZZ)
settings.load_profile(os.environ.get("KBGEN_FUZZ", "quick"))


# Markers from the fixtures a test uses, so `make test-fast` can leave out what needs a browser or a build.
BROWSER_FIXTURES = {"browser", "page", "context", "offline_page", "hosted_page", "reader"}
BUILD_FIXTURES = {"site", "hiring_site", "published_hiring", "instant_site", "offline_build", "offline_site", "offline_hiring",
                  "synthetic_site", "where", "hosted", "sites"}


def pytest_collection_modifyitems(items):
    for item in items:
        names = set(item.fixturenames)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)


def project_pages(project: Path):
    """The generated pages of a project folder (its mkdocs.yml and content/), without building it."""
    from kbgen.generate import build
    from kbgen.read.site import config_of

    return build.pages(config_of(project))


def entry_url(catalog, entry_id: str) -> str:
    """An entry page's site-relative address on the hosted site, as MkDocs gives it."""
    from kbgen.generate.urls import hosted_url

    return hosted_url(f"{catalog.settings.path}/{entry_id.lower()}.md")


def mkdocs_build(config: Path, out: Path, **env: str) -> str:
    """Run the real `mkdocs build --strict`; return its log. Fails the test on any warning."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, cwd=config.parent,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return result.stderr


def copy_fixture(dest: Path, name: str = "hiring") -> Path:
    """A writable copy of a fixture project; returns its mkdocs.yml. Paths to the generator stay absolute."""
    import shutil

    shutil.copytree(FIXTURES / name, dest, symlinks=False)
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../hooks/", f"{ROOT}/hooks/"))
    return config


@pytest.fixture
def instant_site(tmp_path, serve) -> str:
    """The fixture catalog with Material's instant navigation, built for and served at the returned
    address (Material navigates instantly only within site_url)."""
    site = tmp_path / "site"
    site.mkdir()
    base = serve(site)
    config = copy_fixture(tmp_path / "project")
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n  features: [navigation.instant]\n")
                      .replace("site_url: http://127.0.0.1:8000/", f"site_url: {base}"))
    mkdocs_build(config, site)
    return base


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real catalog, built as the hosted site."""
    out = tmp_path_factory.mktemp("site")
    mkdocs_build(ROOT / "mkdocs.yml", out)
    return out


PUBLISHED = "https://example.org/hiring/"  # a real (non-loopback) address, as a published build names


@pytest.fixture(scope="session")
def published_hiring(tmp_path_factory) -> Path:
    """The fixture catalog built for publishing at PUBLISHED."""
    tmp = tmp_path_factory.mktemp("published")
    config = copy_fixture(tmp / "project")
    config.write_text(config.read_text().replace("site_url: http://127.0.0.1:8000/", f"site_url: {PUBLISHED}"))
    mkdocs_build(config, tmp / "site")
    return tmp / "site"


@pytest.fixture(scope="session")
def hiring_site(tmp_path_factory) -> Path:
    """The tiny fixture catalog on another topic (with a renamed and a merged entry)."""
    out = tmp_path_factory.mktemp("hiring")
    mkdocs_build(FIXTURES / "hiring" / "mkdocs.yml", out)
    return out


class _Handler(SimpleHTTPRequestHandler):
    """A static host: serves 404.html for missing paths, as GitHub Pages and Netlify do."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL of a server on 127.0.0.1 for that folder."""
    servers = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Recorder:
    """Every URL a page asked for, and every script error it raised."""

    def __init__(self, page):
        self.urls: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []  # console.error messages (failed loads, uncaught promise rejections)
        page.on("request", lambda r: self.urls.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and self.console.append(m.text))


@pytest.fixture
def context(browser):
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    p = context.new_page()
    p.recorder = Recorder(p)
    yield p
