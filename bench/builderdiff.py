"""Compare the same guide built by different builders: what a reader must find the same in each.

    python bench/builderdiff.py --tree GENERATED_DOCS REFERENCE_SITE SITE [SITE ...]

Each site is named by its folder. Against the reference (the MkDocs build), every other site must have
- the same page addresses (every *.html at the same path),
- the same article text on every page (the text of <article>, whitespace normalised),
- every link inside an article leading to a file of that site (or off the site),
- every file of the generated tree that is not a page byte for byte: the exports, the release files and the
  feed, the cards, the site's own scripts and styles.
Anything else that differs (the builder's own theme files, its search index, a sitemap.xml.gz) is listed as
a note. Exits 1 when a site fails one of the four.
"""

from __future__ import annotations

import argparse
import sys
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath
from urllib.parse import unquote, urlsplit

CHECKS = ("pages", "article text", "links", "tree files")


class _Article(HTMLParser):
    """The text and the link targets inside <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._depth += tag == "article"
        href = dict(attrs).get("href")
        if self._depth and tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        self._depth -= tag == "article" and self._depth > 0

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.text.extend(data.split())


def article(path: Path) -> _Article:
    parsed = _Article()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def broken_links(site: Path, rel: str, links: list[str]) -> list[str]:
    """The links of page ``rel`` that lead nowhere on ``site`` (off-site and in-page links are not checked)."""
    out = []
    for href in links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        target = normpath(f"{Path(rel).parent.as_posix()}/{unquote(parts.path)}")
        path = site / target
        if not (path.is_file() or (path / "index.html").is_file()):
            out.append(href)
    return out


def compare(reference: Path, site: Path, tree: Path) -> dict[str, list[str]]:
    """The failures of ``site`` against ``reference``, by check, and the notes."""
    ref_pages, pages = _pages(reference), _pages(site)
    out: dict[str, list[str]] = {check: [] for check in (*CHECKS, "notes")}
    out["pages"] = [f"missing: {p}" for p in sorted(ref_pages - pages)] + [
        f"extra: {p}" for p in sorted(pages - ref_pages)
    ]
    for rel in sorted(ref_pages & pages):
        a, b = article(reference / rel), article(site / rel)
        if a.text != b.text:
            same = next((i for i, (x, y) in enumerate(zip(a.text, b.text, strict=False)) if x != y), 0)
            seen = " ".join(a.text[same : same + 8]), " ".join(b.text[same : same + 8])
            out["article text"].append(f"{rel}: from word {same}: {seen[0]!r} / {seen[1]!r}")
        out["links"] += [f"{rel}: {href}" for href in broken_links(site, rel, b.links)]
    for file in sorted(p for p in tree.rglob("*") if p.is_file() and p.suffix != ".md"):
        rel = file.relative_to(tree).as_posix()
        built = site / rel
        if not built.is_file():
            out["tree files"].append(f"missing: {rel}")
        elif built.read_bytes() != file.read_bytes():
            out["tree files"].append(f"differs: {rel}")
    ref_files = {p.relative_to(reference).as_posix() for p in reference.rglob("*") if p.is_file()}
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    out["notes"] = _grouped(reference.name, ref_files - files) + _grouped(site.name, files - ref_files)
    return out


def _grouped(name: str, files: set[str]) -> list[str]:
    """Files only one site has, by folder (a builder's theme brings dozens): ``only in x: assets/javascripts/ (38)``."""
    folders: dict[str, list[str]] = {}
    for file in files:
        folders.setdefault("/".join(file.split("/")[:2]) if file.count("/") > 1 else file, []).append(file)
    return [
        f"only in {name}: {folder}" + (f"/ ({len(found)} files)" if len(found) > 1 or found[0] != folder else "")
        for folder, found in sorted(folders.items())
    ]


def report(reference: Path, sites: list[Path], tree: Path) -> tuple[str, bool]:
    """A Markdown table (one row per site) and the notes; and whether every site passed."""
    lines = [f"| site | {' | '.join(CHECKS)} | notes |", "|---" * (len(CHECKS) + 2) + "|"]
    details, ok = [], True
    for site in sites:
        found = compare(reference, site, tree)
        ok = ok and not any(found[c] for c in CHECKS)
        cells = ["same" if not found[c] else f"**{len(found[c])} differ**" for c in CHECKS]
        lines.append(f"| {site.name} | {' | '.join(cells)} | {len(found['notes'])} |")
        for check in (*CHECKS, "notes"):
            details += [f"- {site.name}, {check}: {line}" for line in found[check][:20]]
            if len(found[check]) > 20:
                details.append(f"- {site.name}, {check}: … {len(found[check]) - 20} more")
    return "\n".join([*lines, "", *details]) + "\n", ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, required=True, help="the docs folder that kbgen generate wrote")
    parser.add_argument("reference", type=Path)
    parser.add_argument("sites", type=Path, nargs="+")
    args = parser.parse_args(argv)
    text, ok = report(args.reference, args.sites, args.tree)
    print(text, end="")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
