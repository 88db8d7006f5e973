"""Compare two built sites and print what differs; exit 1 when they differ, 0 when they match.

    python bench/sitediff.py OLD_SITE NEW_SITE

Pages (*.html) are compared by their normalised <article> and by the <meta>, <link> and <title> tags of their
<head>; data files (*.json, *.csv) as parsed data; sitemap.xml by its URLs; other files by their bytes.
Ignored: whitespace between and inside tags, <meta name="generator">, `?v=` cache-busting, sitemap dates,
and the copies derived from other files (sitemap.xml.gz, search/search_index.js).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

DERIVED = {"sitemap.xml.gz", "search/search_index.js"}
LIST_KEYS = ("id", "location")  # list items carrying one of these keys are matched by it, not by position
MAX_DIFF_LINES = 40
_CACHE_BUST = re.compile(r"[?&]v=[\w.-]+")


class _Page(HTMLParser):
    """The head's meta/link/title tags and the article's tags and text, one normalised token a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head: list[str] = []
        self.article: list[str] = []
        self._in_head = False
        self._title: list[str] | None = None
        self._depth = 0  # <article> nesting

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = _tag(tag, attrs)
        if tag == "head":
            self._in_head = True
        elif self._in_head and tag in ("meta", "link") and ("name", "generator") not in attrs:
            self.head.append(text)
        elif self._in_head and tag == "title":
            self._title = []
        self._depth += tag == "article"
        if self._depth:
            self.article.append(text)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "title" and self._title is not None:
            self.head.append(f"<title>{_space(' '.join(self._title))}</title>")
            self._title = None
        if self._depth:
            self.article.append(f"</{tag}>")
        self._depth -= tag == "article" and self._depth > 0

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        elif self._depth and (text := _space(data)):
            self.article.append(html.escape(text, quote=False))  # text "&lt;p&gt;" is not the tag <p>


def _space(text: str) -> str:
    return " ".join(text.split())


def _tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    parts = [tag] + [
        name if value is None else f'{name}="{html.escape(_CACHE_BUST.sub("", _space(value)))}"'
        for name, value in sorted(attrs)
    ]
    return f"<{' '.join(parts)}>"


def parse_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _short(value: object, width: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def _keyed(items: list[object]) -> dict[object, object] | None:
    for key in LIST_KEYS:
        ids = [item.get(key) for item in items if isinstance(item, dict)]
        if len(ids) == len(items) and all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids):
            return dict(zip((str(i) for i in ids), items, strict=True))
    return None


def diff_data(old: object, new: object, path: str = "") -> list[str]:
    """Differences between two parsed documents, one line each: what was added, removed or changed, and where."""
    if isinstance(old, dict) and isinstance(new, dict):
        return _diff_mapping(old, new, path, "{}.{}" if path else "{}{}")
    if isinstance(old, list) and isinstance(new, list) and old != new:
        old_map, new_map = _keyed(old), _keyed(new)
        if old_map is not None and new_map is not None:
            moved = _common(old_map, new_map) != _common(new_map, old_map)
            return [f"{path}: order changed"] * moved + _diff_mapping(old_map, new_map, path, "{}[{}]")
        if any(isinstance(item, dict | list) for item in old + new):
            return _diff_mapping(dict(enumerate(old)), dict(enumerate(new)), path, "{}[{}]")
        gone, came = [i for i in old if i not in new], [i for i in new if i not in old]
        change = "; ".join([f"removed {_short(gone)}"] * bool(gone) + [f"added {_short(came)}"] * bool(came))
        return [f"{path}: {change or 'order changed'}"]
    if isinstance(old, str) and isinstance(new, str) and old != new:  # show both from shortly before they part
        same = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
        start = max(0, same - 20)
        old, new = ("…" if start else "") + old[start:], ("…" if start else "") + new[start:]
    return [] if old == new else [f"{path or '(top)'}: {_short(old)} -> {_short(new)}"]


def _common(a: dict[object, object], b: dict[object, object]) -> list[object]:
    return [k for k in a if k in b]


def _diff_mapping(old: dict[object, object], new: dict[object, object], path: str, fmt: str) -> list[str]:
    out = [f"{fmt.format(path, k)}: removed {_short(v)}" for k, v in old.items() if k not in new]
    out += [f"{fmt.format(path, k)}: added {_short(v)}" for k, v in new.items() if k not in old]
    for key in _common(old, new):
        out += diff_data(old[key], new[key], fmt.format(path, key))
    return out


def _read_data(path: Path) -> object:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    header, *rows = csv.reader(path.read_text(encoding="utf-8").splitlines())
    return {"columns": header, "rows": [dict(zip(header, row, strict=False)) for row in rows]}


def _sitemap(path: Path) -> set[str]:
    return set(re.findall(r"<loc>\s*(.*?)\s*</loc>", path.read_text(encoding="utf-8")))


def _unified(old: list[str], new: list[str]) -> str:
    lines = list(difflib.unified_diff(old, new, lineterm="", n=1))[2:]
    more = f"\n    … {len(lines) - MAX_DIFF_LINES} more lines" if len(lines) > MAX_DIFF_LINES else ""
    return "".join(f"\n    {line}" for line in lines[:MAX_DIFF_LINES]) + more


def compare_file(rel: str, old: Path, new: Path) -> list[str]:
    """Differences in one file present in both sites."""
    if rel.endswith(".html"):
        a, b = parse_page(old), parse_page(new)
        out = [f"{rel}: <head> differs{_unified(a.head, b.head)}"] if a.head != b.head else []
        return out + ([f"{rel}: <article> differs{_unified(a.article, b.article)}"] if a.article != b.article else [])
    if rel.endswith((".json", ".csv")):
        return [f"{rel}: {line}" for line in diff_data(_read_data(old), _read_data(new))]
    if rel == "sitemap.xml":
        a_urls, b_urls = _sitemap(old), _sitemap(new)
        return [f"sitemap.xml: URL removed {u}" for u in sorted(a_urls - b_urls)] + [
            f"sitemap.xml: URL added {u}" for u in sorted(b_urls - a_urls)
        ]
    return [] if old.read_bytes() == new.read_bytes() else [f"{rel}: content differs"]


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def compare(old_site: Path, new_site: Path) -> list[str]:
    """Every difference between two built sites after normalisation, one (possibly multi-line) string each."""
    old, new = _files(old_site), _files(new_site)
    kind = {True: "page", False: "file"}
    out = [f"{kind[r.endswith('.html')]} removed: {r}" for r in sorted(old.keys() - new.keys()) if r not in DERIVED]
    out += [f"{kind[r.endswith('.html')]} added: {r}" for r in sorted(new.keys() - old.keys()) if r not in DERIVED]
    for rel in sorted(old.keys() & new.keys() - DERIVED):
        out += compare_file(rel, old[rel], new[rel])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare two built sites; exit 1 when they differ.")
    parser.add_argument("old_site", type=Path)
    parser.add_argument("new_site", type=Path)
    args = parser.parse_args(argv)
    for site in (args.old_site, args.new_site):
        if not site.is_dir():
            parser.error(f"not a folder: {site}")
    differences = compare(args.old_site, args.new_site)
    for line in differences:
        print(line)
    pages = sum(1 for _ in args.new_site.rglob("*.html"))
    print(f"{len(differences)} difference(s)" if differences else f"identical after normalisation ({pages} pages)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
