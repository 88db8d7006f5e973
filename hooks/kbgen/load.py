"""Load a content folder into a Catalog, collecting every problem before giving up."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from . import schema
from .model import (Catalog, Category, Disagreement, Entry, Option, PreviousId, Question, Ref, Retired,
                    Settings, Source, SourceItem, View, number, slug)
from .problems import ContentError, Problem, show
from .yamlfile import Document, Key, load

_HTML = re.compile(r"<[A-Za-z/!?]|javascript:", re.IGNORECASE)


def _strings(data: Any, key: Key = ()) -> Iterator[tuple[Key, str]]:
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from _strings(value, (*key, name))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*key, i))


class _Reader:
    """Reads and schema-checks files, keeping every problem instead of stopping at the first."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.rejected: list[Document] = []  # parsed but invalid: still known, so others' references hold
        self.unreadable: list[Path] = []  # not even parsed: what they claim is unknown

    def read(self, file: Path, schema_name: str) -> Document | None:
        rel = file.relative_to(self.root).as_posix() if file.is_relative_to(self.root) else file.as_posix()
        try:
            doc = load(file, rel)
        except ContentError as err:
            self.problems.extend(err.problems)
            self.unreadable.append(file)
            return None
        found = schema.check(doc, schema_name)
        for key, text in _strings(doc.data) if _HTML.search(doc.text) else ():
            match = _HTML.search(text)
            if match:
                found.append(doc.problem(key, f"raw HTML or scripts are not allowed in text; write plain words "
                                              f"(got {show(text[match.start():match.start() + 20])})"))
        self.problems.extend(found)
        if found:
            self.rejected.append(doc)
            return None
        return doc


def _settings(d: dict) -> Settings:
    q = d["quiz"]
    return Settings(d["name"], d["id_prefix"], d["path"], d["noun"]["singular"], d["noun"]["plural"],
                    d["storage_key"], q["title"], q["intro"], q["unsure_label"])


def _entry(d: dict) -> Entry:
    dis = d.get("disagreement")
    return Entry(
        id=d["id"], title=d["title"], summary=d["summary"], category=d["category"], severity=d["severity"],
        why=d["why"], warning_signs=tuple(d["warning_signs"]), avoid=tuple(d["avoid"]),
        question=Question(d["question"]["text"],
                          tuple(Option(o["label"], float(o["score"])) for o in d["question"]["options"])),
        related=tuple(d.get("related", ())), aliases=tuple(d.get("aliases", ())),
        sources=tuple(Ref(r["source"], r["item"]) for r in d["sources"]),
        disagreement=Disagreement(dis["summary"], tuple(View(v["source"], v["view"]) for v in dis["views"]),
                                  dis["advice"]) if dis else None,
        previous_ids=tuple(PreviousId(p["id"], p["date"]) for p in d.get("previous_ids", ())),
    )


def _source(d: dict) -> Source:
    return Source(d["id"], d["title"], d["publisher"], d["vendor"], d["perspective"], d["file"],
                  tuple(SourceItem(i["id"], i["label"]) for i in d["items"]))


def load_catalog(content: Path, root: Path | None = None) -> Catalog:
    """Load and validate ``content``; raise ContentError listing every problem found.

    Paths in messages are relative to ``root`` (the project folder) when given.
    """
    reader = _Reader(root or content.parent)
    settings_doc = reader.read(content / "catalog.yaml", "catalog.schema.json")
    categories_doc = reader.read(content / "categories.yaml", "categories.schema.json")
    source_docs = [d for f in sorted((content / "sources").glob("*.yaml"))
                   if (d := reader.read(f, "source.schema.json"))]
    settings = _settings(settings_doc.data) if settings_doc else None
    # Entries live in a folder named like their URL folder (path in catalog.yaml).
    entry_files = sorted((content / settings.path).glob("*.yaml")) if settings else []
    entry_docs = [d for f in entry_files if (d := reader.read(f, "entry.schema.json"))]
    retired_dir = content / "retired"
    retired_docs = [d for f in sorted(retired_dir.glob("*.yaml"))
                    if (d := reader.read(f, "retired.schema.json"))] if retired_dir.is_dir() else []
    if settings is None or categories_doc is None:
        raise ContentError(reader.problems)
    problems = reader.problems
    problems += _check_ids(settings, entry_docs + retired_docs)
    problems += _check_unique(categories_doc, [(i, c["id"]) for i, c in enumerate(categories_doc.data)], "id",
                              "category id")
    categories = tuple(Category(c["id"], c["title"], c["description"]) for c in categories_doc.data)
    sources = tuple(_source(d.data) for d in source_docs)
    for d in source_docs:
        problems += _check_unique(d, [(i, it["id"]) for i, it in enumerate(d.data["items"])], "id", "item id")
    problems += _check_references(entry_docs, retired_docs, categories, sources, source_docs, reader,
                                  {f.stem.upper() for f in entry_files})
    if problems:
        raise ContentError(problems)
    entries = tuple(sorted((_entry(d.data) for d in entry_docs), key=lambda e: number(e.id)))
    retired = tuple(Retired(d.data["id"], d.data["title"], d.data["merged_into"], d.data["date"],
                            d.data.get("note", "")) for d in retired_docs)
    return Catalog(settings, categories, entries, sources, retired)


def _check_unique(doc: Document, pairs: list[tuple[int, str]], name: str, what: str) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for i, value in pairs:
        if value in seen:
            out.append(doc.problem((i, name), f"{what} {show(value)} is already used by item {seen[value]}"))
        seen.setdefault(value, i)
    return out


def _check_ids(settings: Settings, docs: list[Document]) -> list[Problem]:
    out = []
    seen: dict[str, str] = {}
    for doc in docs:
        ids = [(("id",), doc.data["id"])]
        ids += [(("previous_ids", i, "id"), p["id"]) for i, p in enumerate(doc.data.get("previous_ids", ()))]
        stem = Path(doc.path).stem
        if stem != slug(doc.data["id"]):
            out.append(doc.problem(("id",), f"must match the file name: expected {stem.upper()!r} in {stem}.yaml, "
                                            f"or rename the file to {slug(doc.data['id'])}.yaml "
                                            f"(got {doc.data['id']!r})"))
        for key, value in ids:
            if not value.startswith(settings.id_prefix + "-"):
                out.append(doc.problem(key, f"expected an id starting with {settings.id_prefix}- (got {value!r})"))
            if value in seen:
                out.append(doc.problem(key, f"id {value!r} is already used in {seen[value]}; ids are never reused"))
            seen.setdefault(value, doc.path)
    return out


def _check_references(entry_docs: list[Document], retired_docs: list[Document], categories: tuple[Category, ...],
                      sources: tuple[Source, ...], source_docs: list[Document],
                      reader: _Reader, file_ids: set[str]) -> list[Problem]:
    out: list[Problem] = []
    category_ids = [c.id for c in categories]
    items = {s.id: [i.id for i in s.items] for s in sources}
    live = {d.data["id"] for d in entry_docs} | file_ids
    retired = {d.data["id"]: d for d in retired_docs}
    claimed: dict[tuple[str, str], str] = {}
    # Files rejected by the schema still count as known, so one mistake is reported once, not again
    # as "unknown entry" or "item not covered" everywhere else.
    for doc in reader.rejected:
        data = doc.data if isinstance(doc.data, dict) else {}
        if isinstance(data.get("id"), str):
            live.add(data["id"])
        if isinstance(data.get("items"), list) and isinstance(data.get("id"), str):
            items.setdefault(data["id"], [i.get("id") for i in data["items"] if isinstance(i, dict)])
        for ref in data.get("sources") or [] if isinstance(data.get("sources"), list) else []:
            if isinstance(ref, dict):
                claimed.setdefault((str(ref.get("source")), str(ref.get("item"))), str(data.get("id")))
    titles: dict[str, str] = {}
    for doc in entry_docs:
        d = doc.data
        if d["title"] in titles:
            out.append(doc.problem(("title",), f"the same title is already used by {titles[d['title']]}"))
        titles.setdefault(d["title"], d["id"])
        if d["category"] not in category_ids:
            out.append(doc.problem(("category",), f"must be one of {', '.join(category_ids)} (got {d['category']!r})"))
        for i, rel in enumerate(d.get("related", ())):
            if rel == d["id"]:
                out.append(doc.problem(("related", i), f"an entry cannot relate to itself (got {rel!r})"))
            elif rel not in live:
                hint = f"; it was merged into {retired[rel].data['merged_into']}" if rel in retired else ""
                out.append(doc.problem(("related", i), f"unknown entry {rel!r}{hint}"))
        for i, ref in enumerate(d["sources"]):
            if ref["source"] not in items:
                out.append(doc.problem(("sources", i, "source"),
                                       f"unknown source; expected one of {', '.join(items)} (got {ref['source']!r})"))
            elif ref["item"] not in items[ref["source"]]:
                out.append(doc.problem(("sources", i, "item"), f"unknown item of source {ref['source']}; expected "
                                       f"one of {', '.join(items[ref['source']])} (got {ref['item']!r})"))
            else:
                pair = (ref["source"], ref["item"])
                if pair in claimed:
                    out.append(doc.problem(("sources", i), f"item {ref['item']} of {ref['source']} is already "
                                           f"covered by {claimed[pair]}; each item belongs to exactly one entry"))
                claimed.setdefault(pair, d["id"])
        for i, view in enumerate((d.get("disagreement") or {}).get("views", ())):
            if view["source"] not in items:
                out.append(doc.problem(("disagreement", "views", i, "source"),
                                       f"unknown source; expected one of {', '.join(items)} (got {view['source']!r})"))
    for doc in source_docs if not reader.unreadable else ():  # an unreadable file may cover them
        for i, item in enumerate(doc.data["items"]):
            if (doc.data["id"], item["id"]) not in claimed:
                out.append(doc.problem(("items", i), f"item {item['id']} is not covered by any entry; "
                                       "add it to the sources of the entry that covers it"))
    for rid, doc in retired.items():
        target, seen = doc.data["merged_into"], [rid]
        while target in retired and target not in seen:
            seen.append(target)
            target = retired[target].data["merged_into"]
        if target in seen:
            out.append(doc.problem(("merged_into",), f"merge cycle: {' -> '.join(seen + [target])}"))
        elif target not in live:
            out.append(doc.problem(("merged_into",), f"unknown entry {target!r}: merge into an existing entry"))
    return out
