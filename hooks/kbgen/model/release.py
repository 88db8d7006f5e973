"""Releases as content holds them: ``content/releases/<version>.yaml`` (the catalog as released), and the
mapping each release publishes from the release before (``releases/<version>/changes.json``).

Versions are calendar versions: ``YEAR.N``, the N-th release of that year (``2026.1``, ``2026.2``, ``2027.1``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, Strict, StringConstraints

from .catalog import Date, Id, Model
from .export import Change, Export

VERSION_PATTERN = r"^(20[0-9]{2})\.([1-9][0-9]{0,2})$"
Version = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=VERSION_PATTERN),
    Field(description="A calendar version: YEAR.N, the N-th release of that year."),
]


def version_key(version: str) -> tuple[int, int]:
    match = re.match(VERSION_PATTERN, version)
    if not match:
        raise ValueError(f"expected a version such as 2026.1 (got {version!r})")
    return int(match.group(1)), int(match.group(2))


class IdChange(Model):
    now: Id = Field(description="The live entry the old id leads to.")
    change: Change


class Mapping(Model):
    """releases/<version>/changes.json: what became of each entry id since the release before (from)."""

    from_: Version | None = Field(alias="from", description="The release before; null for the first release.")
    to: Version
    ids: dict[str, IdChange] = Field(description="Old ids that were renamed or merged, with the entry they lead to.")
    added: tuple[Id, ...] = Field(description="Entries new in this release.")
    split: dict[str, Id] = Field(
        default_factory=dict,
        description="New entries that took source items of an entry of the release before: new id, that entry's id.",
    )
    changed: dict[str, tuple[str, ...]] = Field(
        description="Entries changed in this release, with the fields that changed (names as in the export)."
    )
    details: dict[str, dict[str, dict[str, Any]]] = Field(
        default_factory=dict,
        description="For each changed entry and field, what changed: old and new (title, summary, category, "
        "severity); items added and removed ({text, item: its number}) and reworded ({item, old, new}) for "
        "warning_signs, avoid and ask_provider; members added and removed ({text}) for aliases, related and sources "
        "(as source#item); {} where only the fact is given.",
    )


class Release(Model):
    """content/releases/<version>.yaml: the catalog as released, written by kbgen-release (do not edit)."""

    version: Version
    date: Date
    catalog: Export
