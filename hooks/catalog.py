"""MkDocs hooks: thin event functions around the kbgen package (load, validate, render).

State for one build lives on the build's own config object, never in this module,
so `mkdocs serve` sees edited content on every rebuild.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kbgen import build, previews, quiz, settings
from kbgen.ledger import load_site
from kbgen.problems import ContentError
from kbgen.render import Pages, citation
from kbgen.urls import hosted_url

log = logging.getLogger("mkdocs.hooks.catalog")
# Lines a hand-written page may hold, replaced by generated Markdown (the name of the Pages method).
PLACEHOLDERS = {"<!-- kbgen:overview -->": "overview", "<!-- kbgen:version -->": "version_line"}
CATEGORIES = "kbgen:categories"
STATE = "kbgen_build"  # this build's Pages, on the build's own config (theme templates read it too)


class ContentBuildError(PluginError):
    """The content is invalid; raised before MkDocs touches site_dir."""


def _pages(config: MkDocsConfig) -> Pages:
    return config.extra[STATE]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Validate here, before MkDocs cleans site_dir: a bad edit never destroys the last good site.
    try:
        pages = load_site(config)  # also: no published URL disappeared
    except ContentError as err:
        for problem in err.problems:
            log.error(str(problem))
        raise ContentBuildError(
            f"{len(err.problems)} content error(s): nothing was built. Fix them and build again."
        ) from err
    config.extra[STATE] = pages
    if not pages.urls.published:
        log.info(
            f"This site names {config.site_url!r} in its links, canonical addresses and previews: fine for "
            "a preview, not for publishing. Set SITE_URL to the published address (see README, Publishing)."
        )
    config.nav = [_expand(item, pages) for item in config.nav or []]
    return config


def _expand(item: Any, pages: Pages) -> Any:
    """Replace the ``kbgen:categories`` placeholder in the nav with one item per category."""
    if isinstance(item, dict):
        return {
            k: (
                [{c.title: pages.urls.category_src(c.id)} for c in pages.catalog.categories]
                if v == CATEGORIES
                else _expand(v, pages)
            )
            for k, v in item.items()
        }
    if isinstance(item, list):
        return [_expand(i, pages) for i in item]
    return item


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = _pages(config)
    build.render_all(pages)
    for file in pages.urls.files.values():
        files.append(file)
    quiz.join_script(files, config)
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Callable) -> Any:
    # MkDocs' live server hangs every request after a failed rebuild. A content error stops the
    # build before site_dir is cleaned, so the last good site is intact: keep serving it, whatever
    # went wrong, and say why.
    server.builder = functools.partial(_keep_last_good_site, server.builder)
    return server


def _keep_last_good_site(build: Callable[[], None]) -> None:
    try:
        build()
    except Abort as err:
        if isinstance(err.__context__, ContentBuildError):
            log.warning("Still serving the last good build until the content errors above are fixed.")
        else:
            log.error(f"The rebuild failed: {err} Still serving the last build; fix the problem and save again.")
    except Exception as err:
        log.error(
            f"The rebuild failed ({type(err).__name__}: {err}). Still serving the last build; "
            "fix the problem and save again."
        )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not config.use_directory_urls and config.site_url:
        # An offline copy (.html pages) names the hosted page as canonical, so a copied link works when shared.
        page.canonical_url = urljoin(config.site_url, hosted_url(page.file.src_uri))
    for placeholder, method in PLACEHOLDERS.items():
        if placeholder in markdown:
            markdown = markdown.replace(placeholder, getattr(_pages(config), method)(page.file.src_uri))
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    pages, kb = _pages(config), settings.read(config)
    entry = pages.catalog.by_id.get(str(page.meta.get("kb_entry", "")))
    if entry is not None:
        context["kb_citation"] = citation(entry, pages.catalog.settings.name, pages.version)
    if kb.cards:
        context.update(previews.context(page, pages, config, Path(kb.cache)))
    return context
