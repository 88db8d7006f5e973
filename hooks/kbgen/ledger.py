"""The published-URL ledger: every URL the site has ever published keeps working.

``content/published-urls.txt`` lists site-relative URLs, one a line, in the hosted (directory)
form such as ``<path>/ab-4/``; ``/`` is the home page, ``#`` starts a comment. A build whose
site would lack one of them (neither a page nor a redirect) stops before anything is written.
``kbgen-ledger`` appends the current URLs when a release is published; it never removes any.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
from pathlib import Path

from . import export
from .load import load_catalog
from .model import Catalog
from .problems import ContentError, Problem, show
from .render import Pages

FILE = "published-urls.txt"
_NATURAL = re.compile(r"(\d+)")
_COMMENT = re.compile(r"\s#")
_BAD = re.compile(r"[\s?#\\]|^[a-z][a-z0-9+.-]*:|^//|(^|/)\.\.?(/|$)", re.IGNORECASE)
HEADER = """\
# Published-URL ledger: every URL this site has published, relative to the site root.
# The build fails if one of them is neither a page nor a redirect: never delete a line.
# To keep an entry's URL after a rename or merge, use previous_ids or content/retired/.
# At each release, append the current URLs with `kbgen-ledger` (or `make ledger`).
"""


def load_site(content: Path, root: Path | None = None, docs_dir: Path | None = None) -> Catalog:
    """Load ``content`` (like load_catalog) and check its ledger against the site it would build.

    ``docs_dir`` holds the hand-written pages (default: ``docs`` next to ``content``).
    Raises ContentError listing every problem; called before MkDocs writes anything.
    """
    root = root or content.parent
    catalog = load_catalog(content, root)
    problems = check(catalog, content, root, docs_dir if docs_dir is not None else content.parent / "docs")
    if problems:
        raise ContentError(problems)
    return catalog


def read(file: Path) -> list[tuple[int, int, str]]:
    """(line, column, url) for every URL line of a ledger; a missing ledger lists nothing."""
    if not file.is_file():
        return []
    out = []
    for number, line in enumerate(file.read_text(encoding="utf-8-sig").splitlines(), 1):
        text = _COMMENT.split(line, 1)[0].strip()
        if text and not text.startswith("#"):
            out.append((number, len(line) - len(line.lstrip()) + 1, text))
    return out


def normalise(url: str) -> str:
    """The hosted form of a site-relative URL: no leading slash, ``x/index.html`` as ``x/``."""
    url = url.lstrip("/")
    return url[: -len("index.html")] if url == "index.html" or url.endswith("/index.html") else url


def site_urls(catalog: Catalog, docs_dir: Path, assets: bool = True) -> set[str]:
    """Every URL the hosted site will have, computed without MkDocs: generated pages (entries,
    categories, listings and the redirect pages of old ids), the export, and hand-written files.
    With ``assets=False``, only what a release publishes and the ledger records: pages and the export."""
    pages = Pages(catalog, directory_urls=True)
    urls = {pages.url(src) for src in pages.makers()} | set(export.outputs(pages))
    for src in _docs(docs_dir):
        if src.endswith(".md"):
            urls.add(pages.url(src))
        elif assets:
            urls.add(src)
    return urls


def _docs(docs_dir: Path) -> list[str]:
    """Site-relative paths of the files in docs_dir, skipping dot files as MkDocs does."""
    out = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=True):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = Path(folder).relative_to(docs_dir)
        out += [(rel / f).as_posix() for f in files if not f.startswith(".")]
    return out


def check(catalog: Catalog, content: Path, root: Path, docs_dir: Path) -> list[Problem]:
    """A located problem for every ledger line that is malformed or names a URL the site lacks."""
    file = content / FILE
    lines = read(file)
    if not lines:
        return []
    path = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
    example = catalog.url(catalog.entries[0].id) if catalog.entries else "about/"
    urls = site_urls(catalog, docs_dir)
    out = []
    for line, column, url in lines:
        if _BAD.search(url):
            out.append(Problem(path, line, column, "url", f"expected a URL relative to the site root, such as "
                               f"'{example}', without #fragment or ?query (got {show(url)})"))
        elif normalise(url) not in urls:
            out.append(Problem(path, line, column, "url", f"published URL {url!r} is neither a page nor a redirect; "
                               "restore it or add a redirect (merge or previous_ids)"))
    return out


def _natural(url: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in _NATURAL.split(url)]


def append(catalog: Catalog, content: Path, docs_dir: Path, today: str) -> list[str]:
    """Add the site's current page URLs that the ledger lacks, under a dated comment; never remove any."""
    file = content / FILE
    known = {normalise(url) for _, _, url in read(file)}
    new = sorted((u for u in site_urls(catalog, docs_dir, assets=False) if u not in known), key=_natural)
    if new:
        text = file.read_text(encoding="utf-8-sig") if file.is_file() else HEADER
        text += ("" if text.endswith("\n") else "\n") + f"\n# Published {today}\n"
        text += "".join(f"{url or '/'}\n" for url in new)
        file.write_text(text, encoding="utf-8")
    return new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kbgen-ledger", description="Append the site's current URLs to content/" + FILE + " (run it when "
        "a release is published). It never removes a URL, and refuses to run while a ledgered URL is missing.")
    parser.add_argument("content", nargs="?", default="content", type=Path, help="content folder (default: content)")
    parser.add_argument("--docs", type=Path, help="hand-written pages (default: docs next to the content folder)")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="date for the comment line")
    args = parser.parse_args(argv)
    content = args.content.resolve()
    docs = (args.docs or content.parent / "docs").resolve()
    try:
        catalog = load_site(content, Path.cwd(), docs)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} content error(s): the ledger was not changed", file=sys.stderr)
        return 1
    new = append(catalog, content, docs, args.date)
    print(f"{args.content / FILE}: added {len(new)} URL(s)" if new else f"{args.content / FILE}: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
