"""``kbgen fingerprint FOLDER...``: refresh content/source-fingerprints.json from the source text copies."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..ingest.fingerprint import RUN, fingerprint


def main(argv: list[str] | None = None, prog: str = "kbgen-fingerprint") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path, nargs="+", help="folders of the source text copies (*.txt)")
    parser.add_argument("-o", "--output", type=Path, default=Path("content/source-fingerprints.json"))
    args = parser.parse_args(argv)
    files = sorted((f for folder in args.sources for f in folder.glob("*.txt")), key=lambda f: f.name)
    if not files:
        print(f"no *.txt files in {args.sources}", file=sys.stderr)
        return 1
    sources = [fingerprint(f) for f in files]
    args.output.write_text(json.dumps({"run_length": RUN, "sources": sources}, indent=1) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(files)} sources, {sum(len(s['items']) for s in sources)} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
