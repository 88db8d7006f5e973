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

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
sys.path.insert(0, str(ROOT / "hooks"))


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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real catalog, built as the hosted site."""
    out = tmp_path_factory.mktemp("site")
    mkdocs_build(ROOT / "mkdocs.yml", out)
    return out


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
        b = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--allow-file-access-from-files"])
        yield b
        b.close()


class Recorder:
    """Every URL a page asked for, and every script error it raised."""

    def __init__(self, page):
        self.urls: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.urls.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


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
