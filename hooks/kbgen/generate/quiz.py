"""The self-assessment page, generated from the entries' own questions (no second copy of them)."""

from __future__ import annotations

import base64
import hashlib
import json
import math
from typing import Any

from mkdocs.utils import get_relative_url

from ..model.catalog import SEVERITIES, WEIGHT, Catalog, Question
from . import client
from .pages import Pages
from .urls import hosted_url

_TIMES = {1: "once", 2: "twice"}
SECONDS_PER_QUESTION = (15, 20)  # how long one question takes to read and answer, at most and at least
VERDICT_SHARE = 0.5  # below this share of questions answered, results give a partial score, no verdict
FINGERPRINT_LENGTH = 3  # base64url characters: 18 bits, so a changed question passes for the old one 1 time in 262,144
SCHEMA = "assets/self-assessment.schema.json"  # the export format's JSON Schema, one of the package's assets
# The page's script as served (the generated config names it): its parts in kbgen/assets/, joined in this order by
# the generation step (assets.JOINED).
SCRIPT = "assets/quiz.js"
SCRIPT_PARTS = tuple(
    f"assets/quiz/{part}.js"
    for part in ("core", "links", "check", "store", "results", "assess", "compare", "files", "share", "start")
)


def version(catalog: Catalog) -> str:
    """A short fingerprint of every question and its options: the version of format-1 share links, which
    kept one version for the whole questionnaire (such a link still opens while this stays the same)."""
    questions = [(e.id, e.question.text, [(o.label, o.score) for o in e.question.options]) for e in catalog.entries]
    return hashlib.sha256(json.dumps(questions).encode()).hexdigest()[:12]


def fingerprint(question: Question) -> str:
    """A short hash of one question's text and options (labels and scores): answers and share links
    carry it, so an answer is only ever applied to the question it was given to. Scores are compared
    as numbers (``1`` and ``1.0`` are the same question)."""
    raw = json.dumps([question.text, [[o.label, float(o.score)] for o in question.options]], ensure_ascii=False)
    return base64.urlsafe_b64encode(hashlib.sha256(raw.encode()).digest()).decode()[:FINGERPRINT_LENGTH]


def duration(questions: int) -> str:
    """How long the questionnaire takes, from ``SECONDS_PER_QUESTION``: 'about 5 to 7 minutes'."""
    low, high = (max(1, math.floor(questions * s / 60 + 0.5)) for s in SECONDS_PER_QUESTION)
    return f"about {low} minute{'s' * (low > 1)}" if low == high else f"about {low} to {high} minutes"


def weighting(noun: str) -> str:
    """How much each severity counts, in words, from ``WEIGHT``: '3 times for a high-severity X, ...'."""
    parts = [
        f"{_TIMES.get(WEIGHT[sev], f'{WEIGHT[sev]} times')} for " + (f"a {sev}-severity {noun}" if i == 0 else sev)
        for i, sev in enumerate(SEVERITIES)
    ]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def data(pages: Pages) -> dict[str, Any]:
    """What ``client`` gives both scripts, and the questionnaire: its version, the weights and each entry's
    question (its fingerprint, scores and labels) and first steps."""
    c, u = pages.catalog, pages.urls
    return {
        **client.head(pages, u.quiz_src),
        "version": version(c),
        "prefix": c.settings.id_prefix,
        "schema": get_relative_url(SCHEMA, hosted_url(u.quiz_src)),
        "threshold": VERDICT_SHARE,
        "weights": WEIGHT,
        "unsure": c.settings.quiz.unsure_label,
        "categories": [{"id": cat.id, "title": cat.title} for cat in c.categories],
        "entries": [
            {
                **client.entry(pages, u.quiz_src, e),
                "category": e.category,
                "severity": e.severity,
                "fp": fingerprint(e.question),
                "scores": [o.score for o in e.question.options],
                "labels": [o.label for o in e.question.options],
                "steps": list(e.avoid[:2]),
            }
            for e in c.entries
        ],
    }


def page(pages: Pages) -> str:
    c = pages.catalog
    return pages.render(
        "quiz.md.j2",
        pages.urls.quiz_src,
        data=data(pages),
        weighting=weighting(c.settings.noun.singular),
        duration=duration(len(c.entries)),
        threshold=f"{VERDICT_SHARE:.0%}",
        schema=SCHEMA,
    )
