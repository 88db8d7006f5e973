"""How every command reports content errors: one located line per problem, then how many."""

from __future__ import annotations

import logging
import sys

from ..read.problems import ContentError


class Warnings(logging.Handler):
    """Counts (and shows) the warnings of MkDocs' loggers: a warning fails a command, as it fails ``--strict``."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    @classmethod
    def counting(cls) -> Warnings:
        handler = cls()
        logging.getLogger("mkdocs").addHandler(handler)
        return handler

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        print(f"{record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


def problems(err: ContentError, consequence: str = "") -> int:
    """Print ``err``'s problems to standard error; returns the exit status (1)."""
    for problem in err.problems:
        print(problem, file=sys.stderr)
    print(f"{len(err.problems)} content error(s)" + (f": {consequence}" if consequence else ""), file=sys.stderr)
    return 1
