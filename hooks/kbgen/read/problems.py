"""Located content errors, reported the way yamllint does: ``path:line:column: field: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {field}{self.message}"


class ContentError(Exception):
    """Raised once per run with every problem found, so an editor sees them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def show(value: object, limit: int = 40) -> str:
    """A short, quoted rendering of a bad value for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"
