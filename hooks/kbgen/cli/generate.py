"""``kbgen generate OUT``: write the site's whole source tree, and a configuration any builder reads.

``OUT/docs/`` holds every page and file (hand-written and generated, the cards too), ``OUT/overrides/``
the theme overrides, ``OUT/mkdocs.yml`` the project's settings resolved for a builder without hooks:
``properdocs build -f OUT/mkdocs.yml`` or ``zensical build -f OUT/mkdocs.yml``. On a content error nothing
is written and the last good tree stays as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from ..builders import config as derived
from ..generate.build import generate
from ..read.problems import ContentError
from .report import Warnings, problems


def main(argv: list[str] | None = None, prog: str = "kbgen-generate") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write (made if missing; files the tree lacks go)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="the project's mkdocs.yml")
    args = parser.parse_args(argv)
    warnings = Warnings.counting()
    try:
        config = load_config(str(args.config_file))
        tree = generate(config)
    except ContentError as err:
        return problems(err, f"nothing was written; {args.out} is as it was")
    except ConfigurationError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if warnings.count:  # as a strict build: a warning stops it
        print(f"{warnings.count} warning(s): nothing was written", file=sys.stderr)
        return 1
    written = derived.write(config, tree, args.out)
    print(f"{args.out}/mkdocs.yml: {len(tree.files)} files in {args.out}/docs, {len(written)} of them (re)written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
