"""``kbgen ledger``: append the site's current URLs to the published-URL ledger (``make ledger``)."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from mkdocs.config import load_config

from ..generate import build, ledger
from ..read import site
from ..read.problems import ContentError
from .report import problems


def main(argv: list[str] | None = None, prog: str = "kbgen-ledger") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Append the site's current URLs to content/" + ledger.FILE + " (run it when "
        "a release is published). It never removes a URL, and refuses to run while a ledgered URL is missing.",
    )
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="the project's mkdocs.yml")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="date for the comment line")
    args = parser.parse_args(argv)
    config = load_config(str(args.config_file))
    file = os.path.relpath(site.content_dir(config) / ledger.FILE)
    try:
        pages = build.pages(config)
    except ContentError as err:
        return problems(err, "the ledger was not changed")
    new = ledger.append(pages, config, args.date)
    print(f"{file}: added {len(new)} URL(s)" if new else f"{file}: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
