"""Render catalog pages as Markdown (with escaped HTML blocks) from the Jinja templates in ``templates/``.

Links between pages are Markdown links to source files (``<path>/<id>.md``), so MkDocs
checks them and writes the right URL for hosted and offline builds alike.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache, partial
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup

from .model import SEVERITIES, WEIGHT, Catalog, Entry, Redirect

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()!|#])")


def md(text: str) -> Markup:
    """Text made safe for Markdown: HTML escaped and Markdown punctuation backslash-escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False)))


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md=md, paragraphs=paragraphs, tojson_attr=lambda v: json.dumps(v, ensure_ascii=False))
    env.globals.update(SEVERITIES=SEVERITIES, WEIGHT=WEIGHT)
    return env


class Pages:
    """Source paths of generated pages, and Markdown for each, for one catalog."""

    def __init__(self, catalog: Catalog, directory_urls: bool = True):
        self.catalog = catalog
        self.path = catalog.settings.path
        self.directory_urls = directory_urls

    # Where each page lives, as a Markdown source path (MkDocs turns it into a URL).
    def entry_src(self, entry_id: str) -> str:
        return f"{self.path}/{entry_id.lower()}.md"

    def category_src(self, category_id: str) -> str:
        return f"categories/{category_id}.md"

    index_src = property(lambda self: f"{self.path}/index.md")
    sources_src = "sources.md"
    quiz_src = "self-assessment.md"

    def link(self, from_src: str, to_src: str) -> str:
        """A relative Markdown link target from one source page to another."""
        return _relative(to_src, from_src.rpartition("/")[0])

    def url(self, src: str) -> str:
        """Site-relative URL MkDocs gives the page built from ``src``."""
        stem = src.removesuffix(".md")
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    def href(self, from_src: str, to_src: str) -> str:
        """A relative URL for raw HTML (where MkDocs does not rewrite links)."""
        here, there = self.url(from_src), self.url(to_src)
        base = here.rstrip("/") if self.directory_urls else here.rpartition("/")[0]
        rel = _relative(there.rstrip("/"), base) or "."
        return rel + "/" if there.endswith("/") or not there else rel

    def _render(self, template: str, src: str, **context) -> str:
        return environment().get_template(template).render(
            c=self.catalog, s=self.catalog.settings, pages=self, front=_front,
            link=lambda to: self.link(src, to), href=lambda to: self.href(src, to), **context)

    def entry(self, entry: Entry) -> str:
        return self._render("entry.md.j2", self.entry_src(entry.id), e=entry)

    def category(self, category_id: str) -> str:
        cat = self.catalog.category_by_id[category_id]
        return self._render("category.md.j2", self.category_src(cat.id), cat=cat,
                            entries=self.catalog.by_category[cat.id])

    def index(self) -> str:
        return self._render("index.md.j2", self.index_src)

    def sources(self) -> str:
        return self._render("sources.md.j2", self.sources_src)

    def quiz(self) -> str:
        from .quiz import data  # quiz builds on Pages, so it is imported when needed

        return self._render("quiz.md.j2", self.quiz_src, data=data(self))

    def redirect(self, r: Redirect) -> str:
        return self._render("redirect.md.j2", self.entry_src(r.old_id), r=r)

    def overview(self, page_src: str) -> str:
        """The category by severity grid, for a hand-written page (the home page)."""
        return self._render("overview.md.j2", page_src)

    def makers(self) -> dict[str, Callable[[], str]]:
        """Every generated page's source path, with what renders it (the paths alone cost nothing)."""
        out: dict[str, Callable[[], str]] = {
            self.entry_src(e.id): partial(self.entry, e) for e in self.catalog.entries}
        out.update({self.category_src(c.id): partial(self.category, c.id) for c in self.catalog.categories})
        out[self.index_src] = self.index
        out[self.sources_src] = self.sources
        out[self.quiz_src] = self.quiz
        out.update({self.entry_src(r.old_id): partial(self.redirect, r) for r in self.catalog.redirects})
        return out

    def all(self) -> dict[str, str]:
        """Every generated Markdown page, by source path."""
        return {src: make() for src, make in self.makers().items()}


def _relative(path: str, start: str) -> str:
    """posixpath.relpath for clean site-relative paths, without its file-system work (hot: every link)."""
    to, here = path.split("/") if path else [], start.split("/") if start else []
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:])


def _front(**meta: object) -> Markup:
    """YAML front matter; values written as JSON, which YAML reads as is."""
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()] + ["---", ""]
    return Markup("\n".join(lines))
