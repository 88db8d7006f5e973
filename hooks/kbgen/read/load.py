"""Load a content folder into a Catalog, collecting every problem before giving up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..model.catalog import SLUG_PATTERN, Catalog, Categories, Entry, Known, Retired, Settings, Source, number, slug
from ..model.release import Release, version_key
from . import files, validate
from .problems import ContentError, Problem, show
from .yamlfile import Document

M = TypeVar("M", bound=BaseModel)


class _Reader:
    """Reads and validates files, keeping every problem instead of stopping at the first."""

    def __init__(self, content: Path, root: Path):
        self.content = content  # nothing is read from outside it (files.py)
        self.root = root  # paths in messages are relative to it
        self.problems: list[Problem] = []
        self.rejected: list[Document] = []  # parsed but invalid: still known, so others' references hold
        self.unreadable = False  # some file could not even be parsed: what it claims is unknown
        self.unparsed: list[Path] = []  # those files

    def read(self, file: Path, kind: type[M]) -> tuple[Document, M] | None:
        try:
            doc = files.load_yaml(file, self.content, self._rel(file))
        except ContentError as err:
            self.problems.extend(err.problems)
            self.unreadable = True
            self.unparsed.append(file)
            return None
        value, found = validate.check(doc, kind)
        self.problems.extend(found)
        if value is None:
            self.rejected.append(doc)
            return None
        return doc, value

    def rejected_file(self, file: Path) -> Document | None:
        """The parsed but invalid document of ``file``, if it was rejected."""
        return next((d for d in self.rejected if d.path == self._rel(file)), None)

    def display(self, file: Path) -> str:
        return self._rel(file)

    def _rel(self, file: Path) -> str:
        return file.relative_to(self.root).as_posix() if file.is_relative_to(self.root) else file.as_posix()

    def files_in(self, folder: Path, *, required: bool = False) -> list[Path]:
        """The YAML files of a content folder; anything else there (a folder, a link, a device) is a problem."""
        try:
            found, problems = files.yaml_files(folder, self.content, self._rel(folder), required=required)
        except ContentError as err:
            found, problems = [], err.problems
        self.problems.extend(problems)
        self.unreadable = self.unreadable or bool(problems)
        return found

    def read_all(self, folder: Path, kind: type[M], *, required: bool = False) -> list[tuple[Document, M]]:
        return [d for f in self.files_in(folder, required=required) if (d := self.read(f, kind))]


@dataclass
class Loaded:
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)
    known: Known = field(default_factory=lambda: Known(None))
    releases: tuple[Release, ...] = ()  # oldest first


def _raw(doc: Document | None, key: str, pattern: str) -> str | None:
    value = doc.data.get(key) if doc is not None and isinstance(doc.data, dict) else None
    return value if isinstance(value, str) and re.fullmatch(pattern, value) else None


def _natural(text: str) -> list[Any]:
    """AB-9 before AB-10: the order pages are listed in, as the catalog lists entries."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def load(content: Path, root: Path | None = None) -> Loaded:
    """Load and validate ``content``, collecting every problem of every file (never raises for content).

    Paths in messages are relative to ``root`` (the project folder) when given.
    """
    reader = _Reader(content, root or content.parent)
    settings = reader.read(content / "catalog.yaml", Settings)
    categories = reader.read(content / "categories.yaml", Categories)
    sources = reader.read_all(content / "sources", Source, required=True)
    # Entries live in a folder named like their URL folder (path in catalog.yaml), known even if the file is bad.
    path = settings[1].path if settings else _raw(reader.rejected_file(content / "catalog.yaml"), "path", SLUG_PATTERN)
    entry_files = reader.files_in(content / path, required=True) if path else []
    entries = [d for f in entry_files if (d := reader.read(f, Entry))]
    retired_files = reader.files_in(content / "retired")
    retired = [r for f in retired_files if (r := reader.read(f, Retired))]
    releases = sorted(reader.read_all(content / "releases", Release), key=lambda d: version_key(d[1].version))
    problems = reader.problems
    for doc, release in releases:
        if Path(doc.path).stem != release.version:
            problems.append(
                doc.problem(
                    ("version",),
                    f"must match the file name: expected {Path(doc.path).stem!r} "
                    f"(got {release.version!r}); releases are written by kbgen-release",
                )
            )
    if settings:
        problems += _check_ids(
            settings[1], [(d, e.id, e.previous_ids) for d, e in entries] + [(d, r.id, ()) for d, r in retired]
        )
    if categories:
        category_ids = [c.id for c in categories[1].root]
        problems += _check_unique(categories[0], list(enumerate(category_ids)), "id", "category id")
    else:  # still known by the raw file, so entries are checked against it
        raw = reader.rejected_file(content / "categories.yaml")
        data = raw.data if raw is not None and isinstance(raw.data, list) else []
        category_ids = [c["id"] for c in data if isinstance(c, dict) and isinstance(c.get("id"), str)]
    for doc, source in sources:
        problems += _check_unique(doc, [(i, it.id) for i, it in enumerate(source.items)], "id", "item id")
    problems += _check_references(
        entries, retired, category_ids, sources, reader, {f.stem.upper() for f in entry_files}, path is not None
    )
    if path is None and retired:  # the catalog file could not say where the entries are
        problems.append(
            Problem(
                reader.display(content / "catalog.yaml"),
                1,
                1,
                "path",
                "the entries were not read (this file names their folder), so the retired ids that lead to them "
                "could not be checked",
            )
        )
    known = Known(
        path,
        tuple(sorted((f.stem.upper() for f in entry_files), key=_natural)),
        tuple(f.stem.upper() for f in retired_files) + tuple(p.id for _, e in entries for p in e.previous_ids),
        tuple(category_ids),
        tuple(r.version for _, r in releases),
    )
    if problems or settings is None or categories is None:
        return Loaded(None, problems, known)
    catalog = Catalog(
        settings[1],
        categories[1].root,
        tuple(sorted((e for _, e in entries), key=lambda e: number(e.id))),
        tuple(s for _, s in sources),
        tuple(r for _, r in retired),
    )
    return Loaded(catalog, problems, known, tuple(r for _, r in releases))


def load_catalog(content: Path, root: Path | None = None) -> Catalog:
    """Load and validate ``content``; raise ContentError listing every problem found."""
    loaded = load(content, root)
    if loaded.catalog is None:
        raise ContentError(loaded.problems)
    return loaded.catalog


def _check_unique(doc: Document, pairs: list[tuple[int, str]], name: str, what: str) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for i, value in pairs:
        if value in seen:
            out.append(doc.problem((i, name), f"{what} {show(value)} is already used by item {seen[value]}"))
        seen.setdefault(value, i)
    return out


def _check_ids(settings: Settings, found: list[tuple[Document, str, tuple[Any, ...]]]) -> list[Problem]:
    out = []
    seen: dict[str, str] = {}
    for doc, entry_id, previous in found:
        ids = [(("id",), entry_id)] + [(("previous_ids", i, "id"), p.id) for i, p in enumerate(previous)]
        stem = Path(doc.path).stem
        if stem != slug(entry_id):
            out.append(
                doc.problem(
                    ("id",),
                    f"must match the file name: expected {stem.upper()!r} in {stem}.yaml, "
                    f"or rename the file to {slug(entry_id)}.yaml (got {entry_id!r})",
                )
            )
        for key, value in ids:
            if not value.startswith(settings.id_prefix + "-"):
                out.append(doc.problem(key, f"expected an id starting with {settings.id_prefix}- (got {value!r})"))
            if value in seen:
                out.append(doc.problem(key, f"id {value!r} is already used in {seen[value]}; ids are never reused"))
            seen.setdefault(value, doc.path)
    return out


def _check_references(
    entries: list[tuple[Document, Entry]],
    retired_docs: list[tuple[Document, Retired]],
    category_ids: list[str],
    sources: list[tuple[Document, Source]],
    reader: _Reader,
    file_ids: set[str],
    entries_read: bool,
) -> list[Problem]:
    out: list[Problem] = []
    items = {s.id: [i.id for i in s.items] for _, s in sources}
    # A source file that could not even be parsed is known by its name (a source is named after its id): what
    # cites it is not checked against it, and the file says so once, instead of an error at every citation.
    unparsed = {f.stem: f for f in reader.unparsed if f.parent.name == "sources"}
    unchecked: dict[str, int] = {}
    live = {e.id for _, e in entries} | file_ids
    retired = {r.id: (d, r) for d, r in retired_docs}
    claimed: dict[tuple[str, str], str] = {}
    # Files rejected by validation still count as known, so one mistake is reported once, not again
    # as "unknown entry" or "item not covered" everywhere else.
    for doc in reader.rejected:
        data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
        if isinstance(data.get("id"), str):
            live.add(data["id"])
        if isinstance(data.get("items"), list) and isinstance(data.get("id"), str):
            items.setdefault(data["id"], [str(i.get("id")) for i in data["items"] if isinstance(i, dict)])
        refs = data.get("sources")
        for ref in refs if isinstance(refs, list) else []:
            if isinstance(ref, dict):
                claimed.setdefault((str(ref.get("source")), str(ref.get("item"))), str(data.get("id")))
    titles: dict[str, str] = {}
    for doc, e in entries:
        if e.title in titles:
            out.append(doc.problem(("title",), f"the same title is already used by {titles[e.title]}"))
        titles.setdefault(e.title, e.id)
        if category_ids and e.category not in category_ids:
            out.append(doc.problem(("category",), f"must be one of {', '.join(category_ids)} (got {e.category!r})"))
        for i, rel in enumerate(e.related):
            if rel == e.id:
                out.append(doc.problem(("related", i), f"an entry cannot relate to itself (got {rel!r})"))
            elif rel not in live and entries_read:
                hint = f"; it was merged into {retired[rel][1].merged_into}" if rel in retired else ""
                out.append(doc.problem(("related", i), f"unknown entry {rel!r}{hint}"))
        for i, origin in enumerate(e.split_from):
            if origin == e.id or (origin not in live and entries_read):
                out.append(doc.problem(("split_from", i), f"expected the id of another live entry (got {origin!r})"))
        for i, ref in enumerate(e.sources):
            if ref.source in unparsed and ref.source not in items:
                unchecked[ref.source] = unchecked.get(ref.source, 0) + 1
            elif ref.source not in items:
                out.append(
                    doc.problem(
                        ("sources", i, "source"),
                        f"unknown source; expected one of {', '.join(items)} (got {ref.source!r})",
                    )
                )
            elif ref.item not in items[ref.source]:
                out.append(
                    doc.problem(
                        ("sources", i, "item"),
                        f"unknown item of source {ref.source}; expected "
                        f"one of {', '.join(items[ref.source])} (got {ref.item!r})",
                    )
                )
            else:
                pair = (ref.source, ref.item)
                if pair in claimed:
                    out.append(
                        doc.problem(
                            ("sources", i),
                            f"item {ref.item} of {ref.source} is already "
                            f"covered by {claimed[pair]}; each item belongs to exactly one entry",
                        )
                    )
                claimed.setdefault(pair, e.id)
        for i, view in enumerate(e.disagreement.views if e.disagreement else ()):
            if view.source not in items and view.source not in unparsed:
                out.append(
                    doc.problem(
                        ("disagreement", "views", i, "source"),
                        f"unknown source; expected one of {', '.join(items)} (got {view.source!r})",
                    )
                )
    if not reader.unreadable:  # an unreadable file may cover them
        for doc, source in sources:
            for i, item in enumerate(source.items):
                if (source.id, item.id) not in claimed:
                    out.append(
                        doc.problem(
                            ("items", i),
                            f"item {item.id} is not covered by any entry; "
                            "add it to the sources of the entry that covers it",
                        )
                    )
    for rid, (doc, r) in retired.items():
        target, seen = r.merged_into, [rid]
        while target in retired and target not in seen:
            seen.append(target)
            target = retired[target][1].merged_into
        if target in seen:
            out.append(doc.problem(("merged_into",), f"merge cycle: {' -> '.join([*seen, target])}"))
        elif target not in live and entries_read:
            out.append(doc.problem(("merged_into",), f"unknown entry {target!r}: merge into an existing entry"))
    for stem, count in unchecked.items():
        out.append(
            Problem(
                reader.display(unparsed[stem]),
                1,
                1,
                "",
                f"{count} citation(s) of source {stem!r} could not be checked while this file cannot be read",
            )
        )
    return out
