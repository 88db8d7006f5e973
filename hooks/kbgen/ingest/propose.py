"""Find the mistakes a new source article lists and propose where each belongs.

For each item of the article it ranks the catalog's entries by how likely the item is the same mistake:
TF-IDF cosine similarity (scikit-learn) over Snowball-stemmed words (snowballstemmer), against each
entry's own words (title, summary, aliases; why, warning signs, steps) and against the items that other
sources already map to it, read from their text copies. It prints a draft source record (YAML, with
the proposals as comments) or JSON, and never edits the catalog: the editor decides.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import snowballstemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from .articles import Article, Item, parse_article

TOP = 5
# Weights of the three views of an entry; they sum to 1 so that scores stay in [0, 1].
W_HEAD, W_BODY, W_EVIDENCE = 0.35, 0.25, 0.40
NEW_BELOW = 0.12  # best score under this: "probably new"
_STEMMER = snowballstemmer.stemmer("english")
# Words every list article uses, which say nothing about which mistake an item is (compared as stems).
_LIST_STEMS = frozenset(
    _STEMMER.stemWords(["mistake", "avoid", "common", "biggest", "make", "sure", "ensure", "lead", "thing"])
)
# Contractions lose their ending ("you're" -> "you", "don't" -> "don"), so the stop words catch them.
_CONTRACTED = frozenset(
    ("don", "doesn", "didn", "isn", "aren", "wasn", "won", "wouldn", "shouldn", "couldn", "can", "hasn", "haven")
)
_STOP = frozenset(ENGLISH_STOP_WORDS) | _CONTRACTED
_WORD = re.compile(r"([a-z0-9]+)(?:['’][a-z]+)?")


def words(text: str) -> list[tuple[str, str]]:
    """(stem, word) pairs of the meaningful words of a text, in order."""
    found = [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1 and not w.isdigit()]
    pairs = zip(_STEMMER.stemWords(found), found, strict=True)
    return [(stem, word) for stem, word in pairs if stem not in _LIST_STEMS]


def _analyze(text: str) -> list[str]:
    return [stem for stem, _ in words(text)]


# --- The catalog, as ingest needs it -------------------------------------------------------------


@dataclass(frozen=True)
class EntryRecord:
    id: str
    head: str  # title, summary and aliases: what the entry is called
    body: str  # why, warning signs, steps: how the entry explains it
    sources: tuple[tuple[str, str], ...]  # (source id, item id)


@dataclass(frozen=True)
class SourceRecord:
    id: str
    file: str
    items: tuple[tuple[str, str], ...]  # (item id, label)


def read_catalog(content: Path) -> tuple[list[EntryRecord], list[SourceRecord]]:
    """Entries and sources as ingest needs them, read (and checked) by ``kbgen.read.load``."""
    from ..read.load import load_catalog

    catalog = load_catalog(content, content.parent)
    entries = [
        EntryRecord(
            e.id,
            " ".join([e.title, e.summary, *e.aliases]),
            " ".join([e.why, *e.warning_signs, *e.avoid]),
            tuple((r.source, r.item) for r in e.sources),
        )
        for e in catalog.entries
    ]
    sources = [SourceRecord(s.id, s.file, tuple((i.id, i.label) for i in s.items)) for s in catalog.sources]
    return entries, sources


def default_source_dirs(content: Path) -> list[Path]:
    """Where the text copies of sources live: $KBGEN_SOURCES (path list), else ../shared/sources*."""
    if os.environ.get("KBGEN_SOURCES"):
        return [Path(p) for p in os.environ["KBGEN_SOURCES"].split(os.pathsep) if p]
    return sorted(p for p in (content.resolve().parent.parent / "shared").glob("sources*") if p.is_dir())


def source_items(source: SourceRecord, dirs: Sequence[Path]) -> dict[str, str]:
    """Item id -> label and text, from the source's text copy when one is found (else its labels)."""
    out = {item_id: label for item_id, label in source.items}
    path = next((d / source.file for d in dirs if source.file and (d / source.file).is_file()), None)
    if path:
        for item in parse_article(path.read_text(encoding="utf-8")).items:
            if item.id in out:
                out[item.id] = f"{out[item.id]} {item.label} {item.text}"
    return out


@dataclass(frozen=True)
class EntryProfile:
    """What ranking knows of one entry."""

    id: str
    head: str
    body: str
    evidence: tuple[str, ...] = ()  # label and text of each source item mapped to the entry


def profiles(
    entries: Iterable[EntryRecord], sources: Iterable[SourceRecord], dirs: Sequence[Path], without: str | None = None
) -> list[EntryProfile]:
    """Entry profiles with their source evidence, leaving out source `without` (for evaluation)."""
    texts = {s.id: source_items(s, dirs) for s in sources if s.id != without}
    return [
        EntryProfile(e.id, e.head, e.body, tuple(texts[s][i] for s, i in e.sources if s in texts and i in texts[s]))
        for e in entries
    ]


# --- Ranking -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    entry: str
    score: float
    matched: list[str]


@dataclass
class Ranker:
    """Scores an item against every entry: a weighted sum of cosine similarities, so in [0, 1]."""

    entries: Sequence[EntryProfile]
    _vectorizer: TfidfVectorizer = field(init=False)

    def __post_init__(self) -> None:
        evidence = [t for e in self.entries for t in e.evidence]
        corpus = [e.head for e in self.entries] + [e.body for e in self.entries] + evidence
        if not any(_analyze(t) for t in corpus):
            corpus = ["empty catalog"]  # no entry has a meaningful word: everything scores 0, nothing is proposed
        self._vectorizer = TfidfVectorizer(analyzer=_analyze, sublinear_tf=True).fit(corpus)
        self._head = self._matrix([e.head for e in self.entries])
        self._body = self._matrix([e.body for e in self.entries])
        self._evidence = self._vectorizer.transform(evidence) if evidence else None
        self._has_evidence = np.array([bool(e.evidence) for e in self.entries])
        self._owner = np.array([k for k, e in enumerate(self.entries) for _ in e.evidence], dtype=int)
        self._stems = self._vectorizer.get_feature_names_out()

    def _matrix(self, texts: list[str]) -> Any:
        # scikit-learn refuses to transform no document at all; an empty catalog gets a 0-row matrix.
        return self._vectorizer.transform(texts or [""])[: len(texts)]

    def rank(self, item: Item, limit: int = TOP) -> list[Proposal]:
        # The heading says what the mistake is; the text around it adds context, so the heading counts twice.
        query = self._vectorizer.transform([f"{item.label} {item.label} {item.text}"])
        head = (self._head @ query.T).toarray().ravel()
        body = (self._body @ query.T).toarray().ravel()
        best_evidence = np.zeros(len(self.entries))
        if self._evidence is not None:
            np.maximum.at(best_evidence, self._owner, (self._evidence @ query.T).toarray().ravel())
        # An entry no source maps to yet is not less likely for it: its own name stands in for the evidence.
        best_evidence = np.where(self._has_evidence, best_evidence, head)
        scores = W_HEAD * head + W_BODY * body + W_EVIDENCE * best_evidence
        order = sorted(range(len(self.entries)), key=lambda k: (-scores[k], k))  # ties: catalog order
        q = query.toarray().ravel()
        return [
            Proposal(self.entries[k].id, round(float(scores[k]), 3), self._matched(item, q, k))
            for k in order[:limit]
            if scores[k] > 0
        ]

    def _matched(self, item: Item, q: np.ndarray, k: int, limit: int = 5) -> list[str]:
        """The item's words that weigh most in its score against entry k, as the item writes them."""
        head = self._head[k].toarray().ravel()
        weight = W_HEAD * head + W_BODY * self._body[k].toarray().ravel()
        if self._evidence is not None and self._has_evidence[k]:
            weight = weight + W_EVIDENCE * self._evidence[np.flatnonzero(self._owner == k)].toarray().max(axis=0)
        else:
            weight = weight + W_EVIDENCE * head  # as in rank()
        contribution = q * weight
        surface: dict[str, str] = {}
        for stem, word in words(f"{item.label} {item.text}"):
            surface.setdefault(stem, word)
        columns = [c for c in np.argsort(-contribution, kind="stable")[:limit] if contribution[c] > 0]
        return [surface.get(self._stems[c], self._stems[c]) for c in columns]


def is_new(proposals: Sequence[Proposal]) -> bool:
    return not proposals or proposals[0].score < NEW_BELOW


def propose(article: Article, ranker: Ranker) -> dict[str, Any]:
    """The JSON shape of the command's answer."""
    items = []
    for item in article.items:
        found = ranker.rank(item)
        items.append(
            {
                "id": item.id,
                "label": item.label,
                "text": item.text,
                "proposals": [{"entry": p.entry, "score": p.score, "matched": p.matched} for p in found],
                "new": is_new(found),
            }
        )
    # The catalog's entries at the time: what "probably new" is later judged against.
    return {"title": article.title, "url": article.url, "items": items, "entries": [e.id for e in ranker.entries]}


# --- Output --------------------------------------------------------------------------------------


_SLUG_SKIP = frozenset(("a", "an", "and", "are", "as", "by", "for", "how", "in", "is", "of", "on", "the", "to", "what"))


def _slug(title: str) -> str:
    kept = [w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in _SLUG_SKIP]
    return "-".join(kept[:5]).lstrip("0123456789-") or "new-source"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def draft_yaml(result: dict[str, Any], file: str) -> str:
    """A draft source record in the shape of content/sources/*.yaml, proposals as comments."""
    title = result["title"] or "TODO: the article's title"
    lines = [
        "# yaml-language-server: $schema=../../hooks/kbgen/schemas/source.schema.json",
        "# Draft from kbgen-ingest: check the items, fill in the TODOs, save as content/sources/<id>.yaml,",
        "# then add each item to the `sources` of the entry it belongs to (or write a new entry for it).",
        f"id: {_slug(title)}",
        f"title: {_q(title)}",
        f"publisher: {_q('TODO: what kind of publisher wrote it')}",
        "vendor: false  # TODO: true if the publisher sells the service the article discusses",
        f"perspective: {_q('TODO: the angle the article takes, in a sentence or two')}",
        f"file: {file}",
    ]
    if result["url"]:
        lines.append(f"# url: {result['url']}")
    lines.append("items:")
    for item in result["items"]:
        offers = [f"#   {p['entry']:<8} {p['score']:.2f}  {', '.join(p['matched'])}" for p in item["proposals"][:3]]
        head = f"probably new (best score under {NEW_BELOW}); closest" if item["new"] else "proposals"
        lines += [
            f"  # {head}:" if offers else "  # probably new: nothing shares its words",
            *("  " + o for o in offers),
        ]
        lines.append(f"  - {{id: {_q(item['id'])}, label: {_q(item['label'])}}}")
    return "\n".join(lines) + "\n"
