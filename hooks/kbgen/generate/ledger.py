"""The published-URL ledger: every URL the site has ever published keeps working.

``content/published-urls.txt`` lists site-relative URLs, one a line, in the hosted (directory)
form such as ``<path>/ab-4/``; ``/`` is the home page, ``#`` starts a comment. A build whose
site would lack one of them (neither a page nor a redirect) stops before anything is written.
``kbgen-ledger`` appends the current URLs when a release is published; it never removes any.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, get_files, set_exclusions

from ..read import files, site
from ..read.problems import ContentError, Problem, show
from .assets import served
from .pages import Pages
from .urls import Urls, hosted_url

FILE = "published-urls.txt"
_NATURAL = re.compile(r"(\d+)")
_BAD = re.compile(r"[\s?#\\]|^[a-z][a-z0-9+.-]*:|^//|(^|/)\.\.?(/|$)", re.IGNORECASE)
HEADER = """\
# Published-URL ledger: every URL this site has published, relative to the site root.
# The build fails if one of them is neither a page nor a redirect: never delete a line.
# To keep an entry's URL after a rename or merge, use previous_ids or content/retired/.
# At each release, append the current URLs with `kbgen-ledger` (or `make ledger`).
"""


def read(file: Path, root: Path | None = None, display: str | None = None) -> list[tuple[int, int, str]]:
    """(line, column, url) for every URL line of a ledger; a missing ledger lists nothing. ``root`` is the
    content folder, ``display`` the path messages name. Raises ContentError for a ledger that cannot be read."""
    return files.read_ledger(file, root or file.parent, display or file.name) or []


def normalise(url: str) -> str:
    """The form a ledger line is compared in: no leading slash or ``./``, ``x/index.html`` as ``x/``."""
    url = url.lstrip("/").removeprefix("./")
    return url[: -len("index.html")] if url == "index.html" or url.endswith("/index.html") else url


def site_urls(urls: Urls, config: MkDocsConfig, assets: bool = True) -> set[str]:
    """Every URL the hosted site will have, as MkDocs gives them: the docs folder's files (``exclude_docs``
    honoured) and the generated pages and export. With ``assets=False``, only what a release publishes and
    the ledger records: pages and the export."""
    generated = list(urls.files.values())
    set_exclusions(generated, config)
    files: list[File] = [*get_files(config), *generated]
    srcs = {
        f.src_uri
        for f in files
        if f.inclusion.is_included() and (assets or f.is_documentation_page() or f in generated)
    }
    return {normalise(hosted_url(src)) for src in served(srcs)}


def check(urls: Urls, config: MkDocsConfig) -> list[Problem]:
    """A located problem for every ledger line that is malformed or names a URL the site lacks."""
    root, content = Path(config.config_file_path).parent, site.content_dir(config)
    file = content / FILE
    path = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
    try:
        lines = read(file, content, path)
    except ContentError as err:
        return err.problems
    ids = urls.known.entry_ids
    example = hosted_url(urls.entry_src(ids[0])) if ids else "about/"
    found = site_urls(urls, config)
    out = []
    for line, column, url in lines:
        if _BAD.search(url):
            message = (
                f"expected a URL relative to the site root, such as '{example}', without #fragment or ?query "
                f"(got {show(url)})"
            )
        elif normalise(url) not in found:
            message = (
                f"published URL {url!r} is neither a page nor a redirect; restore it or add a redirect "
                "(merge or previous_ids)"
            )
        else:
            continue
        out.append(Problem(path, line, column, "url", message))
    return out


def _natural(url: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in _NATURAL.split(url)]


def append(pages: Pages, config: MkDocsConfig, today: str) -> list[str]:
    """Add the site's current page URLs that the ledger lacks, under a dated comment; never remove any."""
    file = site.content_dir(config) / FILE
    known = {normalise(url) for _, _, url in read(file)}
    new = sorted((u for u in site_urls(pages.urls, config, assets=False) if u not in known), key=_natural)
    if new:
        text = file.read_text(encoding="utf-8-sig") if file.is_file() else HEADER
        text += ("" if text.endswith("\n") else "\n") + f"\n# Published {today}\n"
        text += "".join(f"{url or '/'}\n" for url in new)
        file.write_text(text, encoding="utf-8")
    return new
