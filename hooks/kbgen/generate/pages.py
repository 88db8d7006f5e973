"""Render catalog pages as Markdown (with escaped HTML blocks) from the Jinja templates in ``templates/``.

Links between pages are Markdown links to source files, so MkDocs checks them and writes the
right URL for hosted and offline builds alike; raw HTML gets its URLs from ``Urls`` (MkDocs' files).
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from ..model.catalog import SEVERITIES, UNRELEASED, WEIGHT, Catalog, Entry, Redirect
from . import authoring
from .sections import TITLE, part_names, release_anchor, sections
from .urls import Urls

if TYPE_CHECKING:
    from .releases import History

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()!|#])")
_BULLET, _NUMBERED = re.compile(r"^([-+])"), re.compile(r"^(\d+)\.")  # what starts a list (or a rule: ---)


def md(text: str) -> Markup:
    """Text made safe for Markdown as one line: nothing a reader typed can become structure.

    Line breaks and runs of spaces become one space, so no heading, list, rule, quote or indented code can
    start inside it; HTML is escaped; inline punctuation is backslash-escaped; and where the text starts a
    line, a list marker (``-``, ``+``, ``1.``) is escaped too. Text of several paragraphs goes through
    ``paragraphs`` first: only a blank line means anything."""
    line = _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))
    return Markup(_NUMBERED.sub(r"\1\\.", _BULLET.sub(r"\\\1", line)))


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text: the parts between blank lines."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent.parent / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md=md, paragraphs=paragraphs)
    env.globals.update(SEVERITIES=SEVERITIES, WEIGHT=WEIGHT, TITLE=TITLE)
    return env


def front(**meta: object) -> Markup:
    """YAML front matter; values written as JSON, which YAML reads as is. Everything beyond ASCII is
    escaped: line separators such as NEL (U+0085) would otherwise end the front matter early."""
    lines = ["---"] + [f"{k}: {json.dumps(v)}" for k, v in meta.items()] + ["---", ""]
    return Markup("\n".join(lines))


class Pages:
    """Markdown for each generated page of one catalog."""

    def __init__(self, catalog: Catalog, urls: Urls):
        self.catalog = catalog
        self.urls = urls
        self.history: History | None = None  # the releases, set once the export can be compared with them
        self.cache: dict[str, Any] = {}  # what this build works out once and reads in several places

    @property
    def version(self) -> str:
        """The version this build shows: the latest release, or ``unreleased`` when work is pending."""
        return self.history.version if self.history else UNRELEASED

    @property
    def released(self) -> str | None:
        """The date of that release; None when unreleased."""
        latest = self.history.latest if self.history else None
        return latest.date if latest and self.version != UNRELEASED else None

    def render(self, template: str, src: str, **context: Any) -> str:
        u = self.urls
        return (
            environment()
            .get_template(template)
            .render(
                c=self.catalog,
                s=self.catalog.settings,
                urls=u,
                front=front,
                link=lambda to: u.link(src, to),
                href=lambda to: u.href(src, to),
                **context,
            )
        )

    def entry(self, e: Entry) -> str:
        history = self.catalog.history.get(e.id, ())
        added, changed = self.history.entry_history.get(e.id, (None, None)) if self.history else (None, None)
        return self.render(
            "entry.md.j2",
            self.urls.entry_src(e.id),
            e=e,
            history=history,
            sections=sections(e, history, self.catalog.settings.noun.plural, self.catalog.settings.party),
            added=added,
            changed=changed,
            anchor=release_anchor,
        )

    def category(self, category_id: str) -> str:
        cat = self.catalog.category_by_id[category_id]
        return self.render(
            "category.md.j2", self.urls.category_src(cat.id), cat=cat, entries=self.catalog.by_category[cat.id]
        )

    def index(self) -> str:
        return self.render("index.md.j2", self.urls.index_src)

    def sources(self) -> str:
        return self.render("sources.md.j2", self.urls.sources_src)

    def changes(self) -> str:
        """The What-changed page: every release, newest first, and work not yet released."""
        notes = list(reversed(self.history.notes)) if self.history else []
        return self.render(
            "changes.md.j2",
            self.urls.changes_src,
            notes=notes,
            history=self.history,
            anchor=release_anchor,
            parts=part_names(self.catalog.settings.party),
        )

    def authoring(self) -> str:
        """The author's guide: every field of every content file, from the models."""
        return self.render(
            "authoring.md.j2", self.urls.authoring_src, kinds=authoring.kinds(self.catalog), limits=authoring.LIMITS
        )

    def redirect(self, r: Redirect) -> str:
        return self.render("redirect.md.j2", self.urls.entry_src(r.old_id), r=r)

    def version_line(self, page_src: str) -> str:
        """Which version the reader is looking at, for a hand-written page (the home page)."""
        return self.render("version.md.j2", page_src, history=self.history)

    def overview(self, page_src: str) -> str:
        """The category by severity grid, for a hand-written page (the home page)."""
        return self.render("overview.md.j2", page_src)
