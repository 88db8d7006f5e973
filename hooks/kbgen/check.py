"""``kbgen-check``: validate a project's content without building the site (fast enough for pre-commit)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import ConfigurationError

from .ledger import config_of, load_site
from .problems import ContentError


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        print(f"{record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kbgen-check", description=__doc__)
    parser.add_argument(
        "project",
        nargs="?",
        default=".",
        type=Path,
        help="the project folder, holding mkdocs.yml (default: the current folder)",
    )
    args = parser.parse_args(argv)
    warnings = _Count()
    logging.getLogger("mkdocs").addHandler(warnings)  # a warning fails the check, as it fails `--strict`
    try:
        config = config_of(args.project)
        pages = load_site(config)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} content error(s)", file=sys.stderr)
        return 1
    except ConfigurationError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    c = pages.catalog
    print(f"{len(c.entries)} entries, {len(c.sources)} sources, no errors")
    return 1 if warnings.count else 0


if __name__ == "__main__":
    sys.exit(main())
