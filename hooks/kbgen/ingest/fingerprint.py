"""Fingerprints of source texts, so coverage and originality can be checked without their words.

``kbgen fingerprint SOURCES_DIR`` reads each text copy and writes, per file, hashes of its
8-word runs and the items it lists (numbered headings, "MISTAKE #n" headings, bullets), never
the text itself. Tests compare entry texts against the hashes.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .articles import parse_article

RUN = 8


def words(text: str) -> list[str]:
    """Lower-cased words with punctuation collapsed, as the originality rule compares them."""
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def run_hashes(text: str) -> set[str]:
    w = words(text)
    return {hashlib.sha256(" ".join(w[i : i + RUN]).encode()).hexdigest()[:16] for i in range(len(w) - RUN + 1)}


def items(text: str) -> list[dict[str, str]]:
    """The items a source lists, in order, found as kbgen-ingest finds them: numbered ones with their
    heading, unnumbered ones (b1, b2...) without (their labels are our own words)."""
    return [{"id": i.id, "heading": "" if i.id.startswith("b") else i.label} for i in parse_article(text).items]


def fingerprint(file: Path) -> dict:
    text = file.read_text(encoding="utf-8")
    found = items(text)
    headings = {h for i in found if i["heading"] for h in run_hashes(i["heading"])}
    return {
        "file": file.name,
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "items": found,
        # Runs that lie inside an item heading may be quoted; they are left out of the check.
        "runs": sorted(run_hashes(text) - headings),
    }
