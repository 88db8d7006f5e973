"""The generated source tree: every file of the docs folder a builder reads, and what the config adds.

Everything in it is plain data (text, a file to copy, lists and strings), so any builder can take it:
MkDocs from memory through the hooks, or any builder from a folder that :func:`write` fills.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Output:
    """One file of the tree: text the generator wrote, or a file copied as it is (an asset, a drawn card)."""

    text: str | None = None
    copy: Path | None = None
    link: bool = False  # a copy that may be a hard link (the cards: thousands of them, drawn into a cache)

    def read(self) -> str:
        """The file's text (a copied file read as UTF-8)."""
        if self.text is not None:
            return self.text
        assert self.copy is not None
        return self.copy.read_text(encoding="utf-8-sig")

    def same_as(self, path: Path) -> bool:
        """Whether ``path`` already holds exactly this file (so writing the tree again leaves it untouched)."""
        try:
            if self.text is not None:
                return path.read_bytes() == self.text.encode("utf-8")
            assert self.copy is not None
            mine, theirs = self.copy.stat(), path.stat()
            return mine.st_size == theirs.st_size and int(mine.st_mtime) == int(theirs.st_mtime)
        except OSError:
            return False


@dataclass(frozen=True)
class Tree:
    files: dict[str, Output]  # by docs-relative path (MkDocs' src_uri)
    nav: list[Any]  # the nav with its placeholders expanded
    not_in_nav: list[str] = field(default_factory=list)  # patterns (gitignore style) of pages reached another way
    extra: dict[str, Any] = field(default_factory=dict)  # plain values the theme reads as config.extra.kb
    styles: list[str] = field(default_factory=list)  # the site's stylesheets, scripts (deferred) and polyfills
    scripts: list[str] = field(default_factory=list)
    polyfills: list[str] = field(default_factory=list)


def mkdocs_order(src: str) -> tuple[tuple[int, Any], ...]:
    """The order MkDocs lists a docs folder in: each folder's files (index and README first) before its
    subfolders, names sorted. Pages are indexed for search in this order, so every builder sees the same."""
    *folders, name = src.split("/")
    stem = name.rsplit(".", 1)[0]
    return (*((1, folder) for folder in folders), (0, (stem not in ("index", "README"), name)))


def write(tree: Tree, folder: Path) -> list[str]:
    """Make ``folder`` hold exactly the tree's files: write what differs, delete what the tree no longer has.

    Each file is written whole to a temporary name and renamed, so a builder watching the folder never reads
    half a file; unchanged files keep their dates, so a builder rebuilds only what changed. Returns the paths
    written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for src, out in tree.files.items():
        path = folder / src
        if out.same_as(path):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kbgen-", suffix=".tmp")
        os.close(fd)
        try:
            if out.text is not None:
                Path(tmp).write_text(out.text, encoding="utf-8", newline="")
            else:
                assert out.copy is not None
                link_or_copy(out.copy, Path(tmp), out.link)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(src)
    wanted = {folder / src for src in tree.files}
    for path in sorted(folder.rglob("*"), reverse=True):  # children before their folders
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
        elif path not in wanted:
            path.unlink()
    return written


def link_or_copy(source: Path, target: Path, link: bool) -> None:
    """A hard link where allowed and the disk shares it; else a copy that keeps the file's dates."""
    if link:
        target.unlink(missing_ok=True)
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    shutil.copy2(source, target)
