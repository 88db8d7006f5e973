"""``kbgen-check``: validate a content folder without building the site (fast enough for pre-commit)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .ledger import load_site
from .problems import ContentError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kbgen-check", description=__doc__)
    parser.add_argument("content", nargs="?", default="content", type=Path, help="content folder (default: content)")
    parser.add_argument("--docs", type=Path, help="hand-written pages, for the published-URL ledger "
                                                  "(default: docs next to the content folder)")
    args = parser.parse_args(argv)
    content = args.content.resolve()
    try:
        catalog = load_site(content, Path.cwd(), args.docs.resolve() if args.docs else None)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} content error(s)", file=sys.stderr)
        return 1
    print(f"{args.content}: {len(catalog.entries)} entries, {len(catalog.sources)} sources, no errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
