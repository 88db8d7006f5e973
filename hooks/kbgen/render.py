"""Render catalog pages as Markdown (with escaped HTML blocks) from the Jinja templates in ``templates/``.

Links between pages are Markdown links to source files, so MkDocs checks them and writes the
right URL for hosted and offline builds alike; raw HTML gets its URLs from ``Urls`` (MkDocs' files).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from .model import SEVERITIES, UNRELEASED, WEIGHT, Catalog, Entry, Redirect
from .urls import Urls

if TYPE_CHECKING:
    from .releases import History

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()!|#])")
TITLE = "title"  # the anchor of an entry page's heading


# The parts of an entry a reader is told about when they change, in the words the notes use.
PARTS = {
    "title": "title",
    "summary": "summary",
    "category": "category",
    "severity": "severity",
    "question": "question or options",
    "warning_signs": "warning signs",
    "avoid": "steps",
    "why": "why it hurts",
    "sources": "sources",
    "related": "related entries",
    "aliases": "search words",
    "disagreement": "where sources differ",
    "ask_provider": "questions for the provider",
}


def release_anchor(version: str) -> str:
    """The fragment of a release on the What-changed page (releases.anchor, without importing it)."""
    return "v" + version.replace(".", "-")


def md(text: str) -> Markup:
    """Text made safe for Markdown: HTML escaped and Markdown punctuation backslash-escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False)))


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


@dataclass(frozen=True)
class Section:
    """One section of an entry page: its fixed anchor, its heading, and the anchors of its numbered items."""

    anchor: str
    heading: str
    items: tuple[str, ...] = ()


def _numbered(prefix: str, items: tuple[str, ...]) -> tuple[str, ...]:
    """The anchors of a list's items: prefix-1, prefix-2, ... (items are appended, never renumbered)."""
    return tuple(f"{prefix}-{i}" for i in range(1, len(items) + 1))


def sections(e: Entry, history: tuple[Redirect, ...], nouns: str) -> tuple[Section, ...]:
    """The sections of an entry page, in page order: this list drives both the page and the export's anchors."""
    out = [
        Section("why", "Why it hurts"),
        Section("warning-signs", "Warning signs", _numbered("sign", e.warning_signs)),
        Section("avoid", "How to avoid it", _numbered("step", e.avoid)),
    ]
    out += [Section("ask-provider", "Ask your provider", _numbered("ask", e.ask_provider))] if e.ask_provider else []
    out += [Section("disagreement", "Where the sources differ")] if e.disagreement else []
    out += [Section("self-check", "Ask yourself")]
    out += [Section("related", f"Related {nouns}")] if e.related else []
    out += [Section("sources", "Where this comes from")]
    out += [Section("history", "History", tuple(f"history-{h.slug}" for h in history))] if history else []
    return tuple(out)


def anchors(e: Entry, history: tuple[Redirect, ...]) -> list[str]:
    """The fixed fragment ids of an entry page, in page order: its deep-link targets."""
    return [TITLE] + [a for s in sections(e, history, "") for a in (s.anchor, *s.items)]


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
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


def citation(e: Entry, site: str, version: str) -> str:
    """How an entry is cited, up to its address (added by the page, which knows where it is read):
    ``AB-4, "Title", Site 2026.1, ``. The Data page documents this form."""
    return f'{e.id}, "{e.title}", {site} {version if version != UNRELEASED else f"({UNRELEASED})"}, '


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
            sections=sections(e, history, self.catalog.settings.noun.plural),
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
            parts=PARTS,
        )

    def redirect(self, r: Redirect) -> str:
        return self.render("redirect.md.j2", self.urls.entry_src(r.old_id), r=r)

    def version_line(self, page_src: str) -> str:
        """Which version the reader is looking at, for a hand-written page (the home page)."""
        return self.render("version.md.j2", page_src, history=self.history)

    def overview(self, page_src: str) -> str:
        """The category by severity grid, for a hand-written page (the home page)."""
        return self.render("overview.md.j2", page_src)
