"""Releases: the catalog as published at each version, and what changed between versions.

Each release is a snapshot of the export in ``content/releases/<version>.yaml`` (``kbgen-release``
writes it), so readers and tools can see what changed under a link or a citation, and an
integration can pin one version's data. Versions are calendar versions: ``YEAR.N``, the N-th
release of that year (``2026.1``, ``2026.2``, ``2027.1``).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from ..model.catalog import UNRELEASED
from ..model.release import Release
from .sections import PARTS, release_anchor

if TYPE_CHECKING:
    from .urls import Urls

anchor = release_anchor  # the fragment of a release on the What-changed page


@dataclass(frozen=True)
class Changed:
    id: str
    title: str
    old_id: str
    old_title: str
    parts: tuple[str, ...]
    details: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)  # what changed, by part


# What the notes say of each part that changed: a text, old and new; a value, old and new; a numbered list (each
# item has its anchor), items added, removed and reworded; a set, members added and removed; else only "changed".
TEXTS, VALUES = ("title", "summary"), ("category", "severity")
NUMBERED, SETS = ("warning_signs", "avoid", "ask_provider"), ("aliases", "related", "sources")


def _refs(entry: dict[str, Any]) -> list[str]:
    return [f"{r['source']}#{r['item']}" for r in entry.get("sources", [])]


def details(old: dict[str, Any], new: dict[str, Any], parts: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """For each part that changed between two exported entries, what changed."""
    out: dict[str, dict[str, Any]] = {}
    for part in parts:
        if part in TEXTS or part in VALUES:
            out[part] = {"old": old.get(part), "new": new.get(part)}
        elif part in NUMBERED:
            out[part] = _numbered(list(old.get(part, [])), list(new.get(part, [])))
        elif part in SETS:
            a, b = (_refs(old), _refs(new)) if part == "sources" else (old.get(part, []), new.get(part, []))
            out[part] = {
                "added": [{"text": x} for x in b if x not in a],
                "removed": [{"text": x} for x in a if x not in b],
            }
        else:
            out[part] = {}
    return out


def _numbered(old: list[str], new: list[str]) -> dict[str, Any]:
    """Items added and removed (with their numbers, as their anchors have them) and reworded in place."""
    added, removed, reworded = [], [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0  # items replaced in place are reworded
        reworded += [{"item": j1 + k + 1, "old": old[i1 + k], "new": new[j1 + k]} for k in range(paired)]
        removed += [{"item": i + 1, "text": old[i]} for i in range(i1 + paired, i2)]
        added += [{"item": j + 1, "text": new[j]} for j in range(j1 + paired, j2)]
    return {"added": added, "removed": removed, "reworded": reworded}


@dataclass(frozen=True)
class Diff:
    """What one catalog changed against an earlier one, by entry."""

    added: tuple[tuple[str, str], ...] = ()  # (id, title)
    merged: tuple[tuple[str, str, str], ...] = ()  # (old id, old title, into id)
    renamed: tuple[tuple[str, str, str], ...] = ()  # (old id, new id, title)
    changed: tuple[Changed, ...] = ()
    split: tuple[tuple[str, str], ...] = ()  # (new id, the id it was split from)

    @property
    def empty(self) -> bool:
        return not (self.added or self.merged or self.renamed or self.changed)

    def summary(self) -> str:
        counts = [
            (len(self.added), "added"),
            (len(self.merged), "merged"),
            (len(self.renamed), "renamed"),
            (len(self.changed), "changed"),
        ]
        words = [f"{n} {what}" for n, what in counts if n]
        return ", ".join(words) if words else "no change to the entries"

    def mapping(self, old: str | None, new: str) -> dict[str, Any]:
        """The machine-readable mapping between two versions (the export schema describes it)."""
        return {
            "from": old,
            "to": new,
            "ids": {
                **{o: {"now": n, "change": "renamed"} for o, n, _ in self.renamed},
                **{o: {"now": n, "change": "merged"} for o, _, n in self.merged},
            },
            "added": [i for i, _ in self.added],
            "split": dict(self.split),
            "changed": {c.id: list(c.parts) for c in self.changed},
            "details": {c.id: c.details for c in self.changed},
        }


def diff(old: dict[str, Any] | None, new: dict[str, Any]) -> Diff:
    """Compare two exports (``Export`` data): entries added, merged, renamed, and which parts changed."""
    before = {e["id"]: e for e in (old or {}).get("entries", [])}
    after = {e["id"]: e for e in new["entries"]}
    now = {r["id"]: r for r in new.get("retired", [])}
    renamed = [
        (i, now[i]["now"], after[now[i]["now"]]["title"])
        for i in before
        if i not in after and i in now and now[i]["change"] == "renamed" and now[i]["now"] in after
    ]
    merged = [
        (i, before[i]["title"], now[i]["now"])
        for i in before
        if i not in after and i in now and now[i]["change"] == "merged"
    ]
    successor = {o: n for o, n, _ in renamed}
    targets = set(successor.values())
    added = [(i, e["title"]) for i, e in after.items() if i not in before and i not in targets] if old else []
    changed = []
    for old_id, entry in before.items():
        new_id = successor.get(old_id, old_id)
        if new_id not in after:
            continue
        parts = tuple(part for part in PARTS if entry.get(part) != after[new_id].get(part))
        if parts:
            what = details(entry, after[new_id], parts)
            changed.append(Changed(new_id, after[new_id]["title"], old_id, entry["title"], parts, what))
    # A split: the new entry says so (split_from), or it took source items another entry held before.
    held = {ref: successor.get(i, i) for i, e in before.items() for ref in _refs(e)}
    split = [
        (i, origin)
        for i, _ in added
        for origin in dict.fromkeys([*after[i].get("split_from", []), *(held[r] for r in _refs(after[i]) if r in held)])
        if origin in after
    ]
    return Diff(tuple(added), tuple(merged), tuple(renamed), tuple(changed), tuple(split))


@dataclass(frozen=True)
class Notes:
    """One release (or the work not yet released) and what it changed against the release before."""

    version: str
    date: str | None
    diff: Diff
    previous: str | None


@dataclass
class History:
    """Every release, oldest first, and the current catalog compared with the latest."""

    releases: tuple[Release, ...]
    current: dict[str, Any]  # the current export data
    notes: list[Notes] = field(init=False)

    def __post_init__(self) -> None:
        out, previous = [], None
        for r in self.releases:
            data = r.catalog.model_dump(mode="json", exclude_none=True)
            out.append(
                Notes(
                    r.version, r.date, diff(previous[1] if previous else None, data), previous[0] if previous else None
                )
            )
            previous = (r.version, data)
        pending = diff(previous[1] if previous else None, self.current)
        if previous is None or not pending.empty:
            out.append(Notes(UNRELEASED, None, pending, previous[0] if previous else None))
        self.notes = out

    @property
    def latest(self) -> Release | None:
        return self.releases[-1] if self.releases else None

    @property
    def version(self) -> str:
        """The version this build shows: the latest release, unless work is pending since it."""
        return self.releases[-1].version if self.releases and self.notes[-1].version != UNRELEASED else UNRELEASED

    @cached_property
    def entry_history(self) -> dict[str, tuple[str | None, str | None]]:
        """For each current entry id: the version that added it and the last that changed it (or unreleased)."""
        first: dict[str, str] = {}
        last: dict[str, str] = {}
        names: dict[str, str] = {}  # an old id's current id, through renames
        for n in self.notes:
            for old, new, _ in n.diff.renamed:
                names[old] = new
                first[new] = first.pop(old, n.version)
                last[new] = n.version
            for entry_id, _ in n.diff.added:
                first.setdefault(entry_id, n.version)
                last[entry_id] = n.version
            for c in n.diff.changed:
                last[c.id] = n.version
            for _, _, into in n.diff.merged:
                last[into] = n.version
            if n.previous is None and n.version != UNRELEASED:  # the first release adds everything it holds
                for e in self.releases[0].catalog.entries:
                    first.setdefault(e.id, n.version)
                    last.setdefault(e.id, n.version)
        return {e["id"]: (first.get(e["id"]), last.get(e["id"])) for e in self.current["entries"]}


def feed(history: History, urls: Urls, site: str) -> str:
    """An Atom feed of the releases, newest first, with absolute addresses (RFC 4287)."""
    atom = "http://www.w3.org/2005/Atom"
    ElementTree.register_namespace("", atom)
    notes_url, feed_url = urls.absolute(urls.changes_src), urls.absolute(urls.feed_src)
    released = [n for n in history.notes if n.version != UNRELEASED]

    def add(parent: ElementTree.Element, tag: str, text: str | None = None, **attrs: str) -> ElementTree.Element:
        node = ElementTree.SubElement(parent, f"{{{atom}}}{tag}", attrs)
        node.text = text
        return node

    root = ElementTree.Element(f"{{{atom}}}feed")
    add(root, "id", feed_url)
    add(root, "title", f"{site}: releases")
    add(root, "updated", f"{released[-1].date if released else '1970-01-01'}T00:00:00Z")
    add(root, "link", rel="self", href=feed_url, type="application/atom+xml")
    add(root, "link", rel="alternate", href=notes_url, type="text/html")
    add(add(root, "author"), "name", site)
    for n in reversed(released):
        item = add(root, "entry")
        address = f"{notes_url}#{anchor(n.version)}"
        add(item, "id", address)
        add(item, "title", f"{site} {n.version}")
        add(item, "updated", f"{n.date}T00:00:00Z")
        add(item, "link", rel="alternate", href=address, type="text/html")
        add(item, "summary", first_release(history) if n.previous is None else n.diff.summary())
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def first_release(history: History) -> str:
    catalog = history.releases[0].catalog
    return f"The first release: {len(catalog.entries)} entries in {len(catalog.categories)} categories."


def outputs(history: History, urls: Urls, site: str) -> dict[str, Callable[[], str]]:
    """The feed, and each release's pinned export and its mapping from the release before."""
    out: dict[str, Callable[[], str]] = {urls.feed_src: lambda: feed(history, urls, site)}
    for release, notes in zip(history.releases, history.notes, strict=False):
        out[urls.release_src(release.version, "json")] = partial(_pinned, release)
        out[urls.release_src(release.version, "changes.json")] = partial(_mapping, notes)
    return out


def _pinned(release: Release) -> str:
    return json.dumps(release.catalog.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=1) + "\n"


def _mapping(notes: Notes) -> str:
    return json.dumps(notes.diff.mapping(notes.previous, notes.version), ensure_ascii=False, indent=1) + "\n"
