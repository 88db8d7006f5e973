"""MkDocs hooks: thin event functions around the kbgen package (load, validate, render).

State for one build lives on the build's own config object, never in this module,
so `mkdocs serve` sees edited content on every rebuild.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Callable

from kbgen import export
from kbgen.ledger import load_site
from kbgen.problems import ContentError
from kbgen.render import Pages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.catalog")
OVERVIEW = "<!-- kbgen:overview -->"
CATEGORIES = "kbgen:categories"


class ContentBuildError(PluginError):
    """The content is invalid; raised before MkDocs touches site_dir."""


def _pages(config: MkDocsConfig) -> Pages:
    return config.extra["kbgen"]["pages"]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Validate here, before MkDocs cleans site_dir: a bad edit never destroys the last good site.
    settings = config.extra.setdefault("kbgen", {})
    root = Path(config.config_file_path).parent
    content = root / settings.get("content", "content")
    try:
        catalog = load_site(content, root, Path(config.docs_dir))  # also: no published URL disappeared
    except ContentError as err:
        for problem in err.problems:
            log.error(str(problem))
        raise ContentBuildError(f"{len(err.problems)} content error(s): nothing was built. Fix them and build again.")
    pages = Pages(catalog, config.use_directory_urls)
    settings["pages"] = pages
    config.nav = [_expand(item, pages) for item in config.nav or []]
    return config


def _expand(item: object, pages: Pages) -> object:
    """Replace the ``kbgen:categories`` placeholder in the nav with one item per category."""
    if isinstance(item, dict):
        return {k: ([{c.title: pages.category_src(c.id)} for c in pages.catalog.categories]
                    if v == CATEGORIES else _expand(v, pages)) for k, v in item.items()}
    if isinstance(item, list):
        return [_expand(i, pages) for i in item]
    return item


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = _pages(config)
    generated = pages.all()
    # The export and its schema are named after the entries' folder (path in catalog.yaml).
    generated.update({name: write() for name, write in export.outputs(pages).items()})
    for src, text in generated.items():
        files.append(File.generated(config, src, content=text))
    return files


def on_serve(server, config: MkDocsConfig, builder: Callable) -> object:
    # MkDocs' live server hangs every request after a failed rebuild. A content error stops the
    # build before site_dir is cleaned, so the last good site is intact: keep serving it.
    server.builder = functools.partial(_keep_last_good_site, server.builder)
    return server


def _keep_last_good_site(build: Callable[[], None]) -> None:
    try:
        build()
    except Abort as err:
        if not isinstance(err.__context__, ContentBuildError):
            raise
        log.warning("Still serving the last good build until the content errors above are fixed.")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if OVERVIEW in markdown:
        markdown = markdown.replace(OVERVIEW, _pages(config).overview(page.file.src_uri))
    return markdown
