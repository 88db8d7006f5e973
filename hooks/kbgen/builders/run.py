"""Hand the guide to a builder: MkDocs runs the hooks (the tree in memory); ProperDocs and Zensical build the
tree that ``kbgen generate`` writes, without any code of ours.

What a builder cannot do the same way is said here, once: the README's "Builders" section repeats it, and
every build with that builder prints it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..generate.build import generate
from ..generate.urls import is_published
from ..read import site
from . import config as derived


@dataclass(frozen=True)
class Builder:
    name: str
    hooks: bool  # runs kbgen's MkDocs hooks itself; otherwise it builds the written tree
    limits: tuple[str, ...] = ()  # what its site lacks, for the build's log


BUILDERS = {
    b.name: b
    for b in (
        Builder("mkdocs", hooks=True),
        Builder("properdocs", hooks=False),
        Builder(
            "zensical",
            hooks=False,
            limits=(
                "search is Zensical's own: it ranks without the field weights of mkdocs.yml (titles first, then "
                "ids and aliases), also matches the longer ids that start with a short one (AB-3 finds AB-30 too, "
                "often first) and, when nothing is found, does not offer the table and the self-assessment",
                "no sitemap.xml.gz (sitemap.xml is there)",
            ),
        ),
    )
}


def address_notice(config: MkDocsConfig) -> str | None:
    """What a build must say when its site names no published address (SITE_URL): louder for an offline copy,
    which is handed to readers as it is."""
    if is_published(config.site_url or ""):
        return None
    if site.offline(config):
        return (
            f"THIS OFFLINE COPY NAMES NO PUBLISHED ADDRESS (its site_url is {config.site_url!r}): its readers can "
            "cite an entry by id, title and version, but Copy link and the self-assessment's share link have no "
            "address to give. Build it with the published address: SITE_URL=https://<address>/ make offline."
        )
    return (
        f"This site names {config.site_url!r} in its links, canonical addresses and previews: fine for a preview, "
        "not for publishing. Set SITE_URL to the address the site is published at."
    )


def tree_folder(config: MkDocsConfig, builder: str) -> Path:
    """Where the tree for ``builder`` is written: the project's cache, so the builder's own cache lasts."""
    return Path(config.config_file_path).parent / ".cache" / "kbgen" / builder


def command(builder: str, action: str, config_file: Path, strict: bool = True) -> list[str]:
    """The builder's own command line (its executable beside this Python, as an installed venv has it)."""
    exe = shutil.which(builder, path=str(Path(sys.executable).parent)) or builder
    return [exe, action, "-f", str(config_file), *(["--strict"] if strict and action == "build" else [])]


def build(config: MkDocsConfig, builder: str) -> int:
    """Build the site into the project's ``site_dir`` with ``builder``; returns its exit status.

    Raises ContentError (before anything is written) when the content is invalid."""
    if BUILDERS[builder].hooks:
        return subprocess.run(command(builder, "build", Path(config.config_file_path))).returncode
    tree = generate(config)
    folder = tree_folder(config, builder)
    derived.write(config, tree, folder)
    result = subprocess.run(command(builder, "build", folder / derived.CONFIG))
    if result.returncode == 0:
        _replace(folder / derived.SITE, Path(config.site_dir))
    return result.returncode


def _replace(built: Path, site_dir: Path) -> None:
    """Put the built site where the project wants it (Zensical only builds inside its own project folder)."""
    if site_dir.resolve() == built.resolve():
        return
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        os.replace(site_dir, old)
    shutil.move(built, site_dir)
    shutil.rmtree(old, ignore_errors=True)
