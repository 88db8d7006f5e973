"""The MkDocs (and ProperDocs) hooks: a thin adapter that hands the generated tree to MkDocs in memory.

A project names it in mkdocs.yml (``hooks: [hooks/catalog.py]``, a file that imports these functions).
Everything is generated in ``on_config``, before MkDocs cleans ``site_dir``, so a content error never
destroys the last good site. The tree lives on the build's own config object, never in this module, so
``mkdocs serve`` sees edited content on every rebuild.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files
from pathspec.gitignore import GitIgnoreSpec

from ..generate.build import generate
from ..generate.tree import Tree, link_or_copy, mkdocs_order
from ..read.problems import ContentError
from .config import THEME
from .run import address_notice

log = logging.getLogger("mkdocs.hooks.kbgen")
TREE = "_kbgen_tree"  # the attribute of the build's config that holds its tree


class ContentBuildError(PluginError):
    """The content is invalid; raised before MkDocs touches site_dir."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        tree = generate(config)
    except ContentError as err:
        for problem in err.problems:
            log.error(str(problem))
        raise ContentBuildError(
            f"{len(err.problems)} content error(s): nothing was built. Fix them and build again."
        ) from err
    setattr(config, TREE, tree)
    # The generator's theme overrides, under the project's own (theme.custom_dir) and over Material's.
    config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
    notice = address_notice(config)
    if notice:
        log.info(notice)
    config.nav = tree.nav
    own = [str(p.pattern) for p in config.not_in_nav.patterns] if config.not_in_nav else []
    config.not_in_nav = GitIgnoreSpec.from_lines([*own, *tree.not_in_nav])
    config.extra["kb"] = tree.extra
    _add_assets(config, tree)
    return config


def _add_assets(config: MkDocsConfig, tree: Tree) -> None:
    """The generator's stylesheets and scripts after the project's own, each once; its file:// shim for the
    offline copy in place of any other iframe-worker (Material's offline plugin adds one from a CDN)."""
    config.extra_css += [css for css in tree.styles if css not in config.extra_css]
    named = {str(script) for script in config.extra_javascript}
    for path in tree.scripts:
        if path not in named:
            script = ExtraScriptValue(path)
            script.defer = True
            config.extra_javascript.append(script)
    polyfills = [p for p in config.extra.get("polyfills") or [] if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = [*polyfills, *tree.polyfills]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The tree's files in place of docs/'s: pages as generated (placeholders filled, theme values added),
    assets as they are."""
    tree: Tree = getattr(config, TREE)
    docs = Path(config.docs_dir)
    for file in list(files):  # a file of docs/ that the tree leaves out (the self-assessment's script parts)
        if file.src_uri not in tree.files and file.abs_src_path and Path(file.abs_src_path).is_relative_to(docs):
            files.remove(file)
    for src, out in tree.files.items():
        own = files.get_file_from_path(src)
        if own is not None:  # a file of docs/: a page takes the generated text, an asset stays as it is
            if out.text is not None:
                own.content_string = out.text
        elif out.text is not None:
            files.append(File.generated(config, src, content=out.text))
        elif not out.link:  # the cards are linked into the site in on_post_build
            files.append(File.generated(config, src, abs_src_path=str(out.copy)))
    return Files(sorted(files, key=lambda f: mkdocs_order(f.src_uri)))  # as a builder lists the written tree


def on_post_build(config: MkDocsConfig) -> None:
    """The cards, put into the site as hard links where the disk allows: a warm build of thousands of cards
    copies nothing (MkDocs would copy each of them, every build)."""
    site = Path(config.site_dir)
    for src, out in getattr(config, TREE).files.items():
        if out.link and out.copy is not None:
            target = site / src
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(out.copy, target, link=True)


def on_serve(server: Any, config: MkDocsConfig, builder: Callable) -> Any:
    # MkDocs' live server hangs every request after a failed rebuild. A content error stops the
    # build before site_dir is cleaned, so the last good site is intact: keep serving it, whatever
    # went wrong, and say why.
    server.builder = functools.partial(_keep_last_good_site, server.builder)
    return server


def _keep_last_good_site(build: Callable[[], None]) -> None:
    try:
        build()
    except Abort as err:
        if isinstance(err.__context__, ContentBuildError):
            log.warning("Still serving the last good build until the content errors above are fixed.")
        else:
            log.error(f"The rebuild failed: {err} Still serving the last build; fix the problem and save again.")
    except Exception as err:
        log.error(
            f"The rebuild failed ({type(err).__name__}: {err}). Still serving the last build; "
            "fix the problem and save again."
        )
