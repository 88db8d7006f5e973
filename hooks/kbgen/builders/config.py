"""The configuration another builder reads, derived from the project's mkdocs.yml and the generated tree.

``kbgen generate OUT`` writes ``OUT/docs/`` (the tree), ``OUT/overrides/`` (the theme overrides, with the
project's own on top) and ``OUT/mkdocs.yml``: the project's settings with every value resolved (``!ENV``
included), no hooks, the docs and overrides folders beside it, the nav expanded and the theme's values under
``extra.kb``. ProperDocs and Zensical build that folder as it is, without any code of ours.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import yaml_load

from ..generate import tree as trees
from ..generate.tree import Tree

THEME = Path(__file__).resolve().parent.parent / "theme"  # the overrides every kbgen site uses
CONFIG, DOCS, OVERRIDES, SITE = "mkdocs.yml", "docs", "overrides", "site"  # what the written folder holds
# Keys that name files of the project or the generator's own settings: the derived config has its own.
DROPPED = ("hooks", "watch", "docs_dir", "site_dir", "nav", "not_in_nav", "INHERIT")


def derived(config: MkDocsConfig, tree: Tree) -> dict[str, Any]:
    """The project's mkdocs.yml as a builder without hooks needs it (paths relative to the written folder)."""
    with open(config.config_file_path, encoding="utf-8") as f:
        raw: dict[str, Any] = yaml_load(f) or {}
    out = {k: v for k, v in raw.items() if k not in DROPPED}
    out["site_url"] = config.site_url
    out["docs_dir"] = DOCS
    out["site_dir"] = SITE  # Zensical builds only inside the folder of its configuration
    # Zensical's "classic" look is Material's (its default, "modern", has other fonts and icons); Material
    # ignores the key.
    out["theme"] = {**(raw.get("theme") or {}), "custom_dir": OVERRIDES, "variant": "classic"}
    extra = {k: v for k, v in (raw.get("extra") or {}).items() if k != "kbgen"}
    polyfills = [p for p in extra.get("polyfills") or [] if "iframe-worker" not in str(p)]  # ours instead
    out["extra"] = {**extra, "kb": tree.extra, "polyfills": [*polyfills, *tree.polyfills]}
    styles, scripts = raw.get("extra_css") or [], raw.get("extra_javascript") or []
    named = {s if isinstance(s, str) else s.get("path") for s in scripts}
    out["extra_css"] = [*styles, *(css for css in tree.styles if css not in styles)]
    out["extra_javascript"] = [*scripts, *({"path": path, "defer": True} for path in tree.scripts if path not in named)]
    out["nav"] = tree.nav
    out["not_in_nav"] = "\n".join([*str(raw.get("not_in_nav") or "").splitlines(), *tree.not_in_nav])
    return out


def write(config: MkDocsConfig, tree: Tree, folder: Path) -> list[str]:
    """Write the tree, the overrides and the derived config into ``folder``; returns the tree paths written."""
    written = trees.write(tree, folder / DOCS)
    overrides = folder / OVERRIDES
    shutil.rmtree(overrides, ignore_errors=True)
    shutil.copytree(THEME, overrides)
    own = config.theme.custom_dir
    if own and Path(own).resolve() != THEME:
        shutil.copytree(own, overrides, dirs_exist_ok=True)  # the project's overrides win
    text = yaml.safe_dump(derived(config, tree), sort_keys=False, allow_unicode=True, width=120)
    header = f"# Written by kbgen generate from {config.config_file_path}: edit that file, not this one.\n"
    (folder / CONFIG).write_text(header + text, encoding="utf-8")
    return written
