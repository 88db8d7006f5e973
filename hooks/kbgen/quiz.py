"""Data for the self-assessment page, taken from the entries' own questions (no second copy)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .model import WEIGHT, Catalog
from .render import Pages


def version(catalog: Catalog) -> str:
    """A short fingerprint of every question and its options, so stored answers are never
    applied to questions that have changed since they were given."""
    questions = [(e.id, e.question.text, [(o.label, o.score) for o in e.question.options])
                 for e in catalog.entries]
    return hashlib.sha256(json.dumps(questions).encode()).hexdigest()[:12]


def data(pages: Pages) -> dict[str, Any]:
    """``url``: each entry's page, relative to this one, as built (links); ``root`` + ``path``: the
    same on the hosted site (directory URLs), resolved against the canonical address for printed
    reports and share links made from an offline copy."""
    c, here = pages.catalog, pages.quiz_src
    return {
        "key": c.settings.storage_key,
        "version": version(c),
        "root": "../" * Pages(c).url(here).count("/"),
        "weights": WEIGHT,
        "unsure": c.settings.unsure_label,
        "categories": [{"id": cat.id, "title": cat.title} for cat in c.categories],
        "entries": [{
            "id": e.id, "title": e.title, "category": e.category, "severity": e.severity,
            "url": pages.href(here, pages.entry_src(e.id)), "path": c.url(e.id),
            "scores": [o.score for o in e.question.options],
            "firstStep": e.avoid[0],
        } for e in c.entries],
    }
