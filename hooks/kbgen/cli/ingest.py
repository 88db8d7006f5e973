"""``kbgen ingest ARTICLE``: find the mistakes a new source article lists and propose where each belongs.

It prints a draft source record (YAML, with the proposals as comments) or JSON, and never edits the
catalog: the editor decides. How the proposals are ranked: ``kbgen/ingest/propose.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from ..ingest.articles import parse_article
from ..ingest.propose import Ranker, default_source_dirs, draft_yaml, profiles, propose, read_catalog
from ..read.problems import ContentError
from .report import problems


def main(argv: list[str] | None = None, prog: str = "kbgen-ingest") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("article", help="plain-text copy of the article, or - for standard input")
    parser.add_argument("--content", type=Path, default=Path("content"), help="the catalog (default: content)")
    parser.add_argument("--format", choices=("yaml", "json"), default="yaml")
    parser.add_argument(
        "--sources",
        type=Path,
        action="append",
        help="folder of the sources' text copies (repeatable; default: $KBGEN_SOURCES, else ../shared/sources*)",
    )
    args = parser.parse_args(argv)
    if args.article == "-":
        text, file = sys.stdin.read(), "TODO.txt"
    else:
        path = Path(args.article)
        if not path.is_file():
            print(f"kbgen-ingest: no such file: {path}", file=sys.stderr)
            return 2
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            print(f"kbgen-ingest: {path} is not UTF-8 text (byte {err.start}): save it as UTF-8", file=sys.stderr)
            return 2
        file = path.name if re.fullmatch(r"[A-Za-z0-9_.-]+", path.name) else "TODO.txt"
    if not (args.content / "catalog.yaml").is_file():
        print(f"kbgen-ingest: {args.content} is not a catalog (no catalog.yaml)", file=sys.stderr)
        return 2
    article = parse_article(text)
    if not article.items:
        print("kbgen-ingest: found no list of mistakes in the article", file=sys.stderr)
        return 1
    try:
        entries, sources = read_catalog(args.content)
    except ContentError as err:
        return problems(err, "kbgen-ingest: fix the catalog first")
    ranker = Ranker(profiles(entries, sources, args.sources or default_source_dirs(args.content)))
    result = propose(article, ranker)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(draft_yaml(result, file), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
