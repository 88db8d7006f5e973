"""``kbgen build [--builder mkdocs|properdocs|zensical]``: build the site with one of the three builders.

MkDocs runs the project's hooks; ProperDocs and Zensical build the tree ``kbgen generate`` writes (into
``.cache/kbgen/<builder>/``), and the site lands in the project's ``site_dir`` either way. Always strict:
a warning fails the build. What a builder's site lacks is printed first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from ..builders.run import BUILDERS, address_notice, build
from ..read import site
from ..read.problems import ContentError
from .report import Warnings, problems


def main(argv: list[str] | None = None, prog: str = "kbgen-build") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("--builder", choices=tuple(BUILDERS), default="mkdocs", help="default: mkdocs")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="the project's mkdocs.yml")
    args = parser.parse_args(argv)
    for limit in BUILDERS[args.builder].limits:
        print(f"kbgen: {args.builder}: {limit}.", file=sys.stderr)
    warnings = Warnings.counting()
    try:
        config = load_config(str(args.config_file))
        code = build(config, args.builder)
    except ContentError as err:
        return problems(err, "nothing was built")
    except ConfigurationError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    notice = address_notice(config)
    if notice and site.offline(config):  # said again last, where it is seen: the copy is handed out as it is
        print(f"kbgen: {notice}", file=sys.stderr)
    return code or (1 if warnings.count else 0)


if __name__ == "__main__":
    sys.exit(main())
