"""``kbgen check``: validate a project's content without building the site (fast enough for pre-commit)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.exceptions import ConfigurationError

from ..generate import build
from ..read.problems import ContentError
from ..read.site import config_of
from .report import Warnings, problems


def main(argv: list[str] | None = None, prog: str = "kbgen-check") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    parser.add_argument(
        "project",
        nargs="?",
        default=".",
        type=Path,
        help="the project folder, holding mkdocs.yml (default: the current folder)",
    )
    args = parser.parse_args(argv)
    warnings = Warnings.counting()
    try:
        config = config_of(args.project)
        pages = build.pages(config)
    except ContentError as err:
        return problems(err)
    except ConfigurationError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    c = pages.catalog
    print(f"{len(c.entries)} entries, {len(c.sources)} sources, no errors")
    return 1 if warnings.count else 0


if __name__ == "__main__":
    sys.exit(main())
