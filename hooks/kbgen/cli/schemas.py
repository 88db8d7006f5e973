"""``kbgen schemas``: write the JSON Schemas under ``schemas/`` from the models (``make schemas``)."""

from __future__ import annotations

import argparse
import sys

from ..model import schemas


def main(argv: list[str] | None = None, prog: str = "kbgen-schemas") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1 if any)")
    args = parser.parse_args(argv)
    folder, files = schemas.FOLDER, schemas.generate()
    stale = [
        name
        for name, text in files.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    if args.check:
        for name in stale:
            print(f"{folder / name}: stale; run `make schemas`", file=sys.stderr)
        return 1 if stale else 0
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    print(f"{folder}: {len(stale)} schema file(s) rewritten" if stale else f"{folder}: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
