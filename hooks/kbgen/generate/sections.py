"""The sections of an entry page and their fixed anchors (the deep-link targets the export publishes),
the parts of an entry that release notes name, and how an entry is cited."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.catalog import UNRELEASED, Entry, Redirect

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
    "ask_provider": "questions for the {party}",
}


def release_anchor(version: str) -> str:
    """The fragment of a release on the What-changed page (releases.anchor, without importing it)."""
    return "v" + version.replace(".", "-")


@dataclass(frozen=True)
class Section:
    """One section of an entry page: its fixed anchor, its heading, and the anchors of its numbered items."""

    anchor: str
    heading: str
    items: tuple[str, ...] = ()


def _numbered(prefix: str, items: tuple[str, ...]) -> tuple[str, ...]:
    """The anchors of a list's items: prefix-1, prefix-2, ... (items are appended, never renumbered)."""
    return tuple(f"{prefix}-{i}" for i in range(1, len(items) + 1))


def part_names(party: str) -> dict[str, str]:
    """What the notes call each part, in this catalog's words."""
    return {part: name.format(party=party) for part, name in PARTS.items()}


def sections(e: Entry, history: tuple[Redirect, ...], nouns: str, party: str = "") -> tuple[Section, ...]:
    """The sections of an entry page, in page order: this list drives both the page and the export's anchors."""
    out = [
        Section("why", "Why it hurts"),
        Section("warning-signs", "Warning signs", _numbered("sign", e.warning_signs)),
        Section("avoid", "How to avoid it", _numbered("step", e.avoid)),
    ]
    out += [Section("ask-provider", f"Ask your {party}", _numbered("ask", e.ask_provider))] if e.ask_provider else []
    out += [Section("disagreement", "Where the sources differ")] if e.disagreement else []
    out += [Section("self-check", "Ask yourself")]
    out += [Section("related", f"Related {nouns}")] if e.related else []
    out += [Section("sources", "Where this comes from")]
    out += [Section("history", "History", tuple(f"history-{h.slug}" for h in history))] if history else []
    return tuple(out)


def anchors(e: Entry, history: tuple[Redirect, ...]) -> list[str]:
    """The fixed fragment ids of an entry page, in page order: its deep-link targets."""
    return [TITLE] + [a for s in sections(e, history, "") for a in (s.anchor, *s.items)]


def citation(e: Entry, site: str, version: str) -> str:
    """How an entry is cited, up to its address (added by the page, which knows where it is read):
    ``AB-4, "Title", Site 2026.1, ``. The Data page documents this form."""
    return f'{e.id}, "{e.title}", {site} {version if version != UNRELEASED else f"({UNRELEASED})"}, '
