"""The catalog as typed, immutable objects, with the look-ups every page needs built once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

SEVERITIES = ("high", "medium", "low")
WEIGHT = {"high": 3, "medium": 2, "low": 1}


@dataclass(frozen=True)
class Option:
    label: str
    score: float


@dataclass(frozen=True)
class Question:
    text: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Ref:
    source: str
    item: str


@dataclass(frozen=True)
class View:
    source: str
    view: str


@dataclass(frozen=True)
class Disagreement:
    summary: str
    views: tuple[View, ...]
    advice: str


@dataclass(frozen=True)
class PreviousId:
    id: str
    date: str


def slug(entry_id: str) -> str:
    return entry_id.lower()


def number(entry_id: str) -> int:
    return int(entry_id.rsplit("-", 1)[1])


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    summary: str
    category: str
    severity: str
    why: str
    warning_signs: tuple[str, ...]
    avoid: tuple[str, ...]
    question: Question
    related: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    sources: tuple[Ref, ...] = ()
    disagreement: Disagreement | None = None
    previous_ids: tuple[PreviousId, ...] = ()

    @property
    def slug(self) -> str:
        return slug(self.id)


@dataclass(frozen=True)
class Retired:
    """An entry merged into another; its page stays and forwards."""

    id: str
    title: str
    merged_into: str
    date: str
    note: str = ""

    @property
    def slug(self) -> str:
        return slug(self.id)


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class SourceItem:
    id: str
    label: str


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    vendor: bool
    perspective: str
    file: str
    items: tuple[SourceItem, ...]


@dataclass(frozen=True)
class Settings:
    name: str
    id_prefix: str
    path: str
    noun: str
    nouns: str
    storage_key: str
    quiz_title: str
    quiz_intro: str
    unsure_label: str


@dataclass(frozen=True)
class Redirect:
    """An old id whose URL must keep working: renamed or merged."""

    old_id: str
    old_title: str
    target: Entry
    kind: str  # "renamed" or "merged"
    date: str
    note: str = ""

    @property
    def slug(self) -> str:
        return slug(self.old_id)


@dataclass(frozen=True)
class Catalog:
    settings: Settings
    categories: tuple[Category, ...]
    entries: tuple[Entry, ...]
    sources: tuple[Source, ...]
    retired: tuple[Retired, ...] = ()

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def category_by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @cached_property
    def by_category(self) -> dict[str, tuple[Entry, ...]]:
        groups: dict[str, list[Entry]] = {c.id: [] for c in self.categories}
        for e in self.entries:
            groups[e.category].append(e)
        return {k: tuple(v) for k, v in groups.items()}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def coverage(self) -> dict[tuple[str, str], Entry]:
        """Which entry covers each source item."""
        return {(r.source, r.item): e for e in self.entries for r in e.sources}

    @cached_property
    def redirects(self) -> tuple[Redirect, ...]:
        """Every old id with the live entry it now leads to (merge chains followed to the end)."""
        retired = {r.id: r for r in self.retired}

        def final(entry_id: str) -> Entry:
            seen = set()
            while entry_id in retired and entry_id not in seen:
                seen.add(entry_id)
                entry_id = retired[entry_id].merged_into
            return self.by_id[entry_id]

        out = [Redirect(p.id, e.title, e, "renamed", p.date) for e in self.entries for p in e.previous_ids]
        out += [Redirect(r.id, r.title, final(r.merged_into), "merged", r.date, r.note) for r in self.retired]
        return tuple(sorted(out, key=lambda r: number(r.old_id)))

    @cached_property
    def history(self) -> dict[str, tuple[Redirect, ...]]:
        """For each live entry, the old ids that now lead to it."""
        out: dict[str, list[Redirect]] = {}
        for r in self.redirects:
            out.setdefault(r.target.id, []).append(r)
        return {k: tuple(v) for k, v in out.items()}

    def url(self, entry_id: str) -> str:
        """Site-relative URL of an entry page, from its id alone."""
        return f"{self.settings.path}/{slug(entry_id)}/"
