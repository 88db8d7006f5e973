"""The project's own docs/ folder as the tree holds it, and the parts of the config that name pages.

Hand-written pages get their placeholders filled (a line such as ``<!-- kbgen:overview -->``); their assets
are copied as they are. The nav's ``kbgen:categories`` item becomes one item per category.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files

from .pages import Pages
from .tree import Output

# Lines a hand-written page may hold, replaced by generated Markdown (the name of the Pages method).
PLACEHOLDERS = {"<!-- kbgen:overview -->": "overview", "<!-- kbgen:version -->": "version_line"}
CATEGORIES = "kbgen:categories"


def outputs(pages: Pages, config: MkDocsConfig) -> dict[str, Output]:
    """Every file of docs/ that the site includes (``exclude_docs`` honoured): pages as text, the rest copied."""
    out = {}
    for file in get_files(config):
        if not file.inclusion.is_included() or file.abs_src_path is None:
            continue
        if file.is_documentation_page():
            out[file.src_uri] = Output(
                text=fill(Path(file.abs_src_path).read_text(encoding="utf-8-sig"), file.src_uri, pages)
            )
        else:
            out[file.src_uri] = Output(copy=Path(file.abs_src_path))
    return out


def fill(markdown: str, src: str, pages: Pages) -> str:
    for placeholder, method in PLACEHOLDERS.items():
        if placeholder in markdown:
            markdown = markdown.replace(placeholder, getattr(pages, method)(src))
    return markdown


def nav(items: list[Any], pages: Pages) -> list[Any]:
    """The nav with the ``kbgen:categories`` placeholder replaced by one item per category."""
    return [_expand(item, pages) for item in items]


def _expand(item: Any, pages: Pages) -> Any:
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


def nav_titles(items: list[Any]) -> dict[str, str]:
    """The title the nav gives each page it names: ``{"about.md": "About"}``."""
    out: dict[str, str] = {}
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    out[value] = str(title)
                elif isinstance(value, list):
                    out.update(nav_titles(value))
    return out


def not_in_nav(pages: Pages) -> list[str]:
    """Pages reached from listings, links and search rather than the nav: every entry page and every old
    id's forwarding page (MkDocs would list them all at every build as not in the nav)."""
    return [f"/{pages.urls.path}/*.md"]
