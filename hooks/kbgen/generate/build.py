"""The generation step: from a project's settings and content to every page and file a builder reads.

Settings (mkdocs.yml) → content read and validated (``read/``) → the catalog (``model/``) → the pages and
files of this package, the published-URL ledger checked on the way → a :class:`~.tree.Tree` that a builder
takes: the MkDocs hooks hand it to MkDocs in memory, ``kbgen generate`` writes it to a folder for
ProperDocs or Zensical. Content errors stop it before anything is written anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..read import site
from ..read.load import load
from ..read.problems import ContentError
from . import agenda, assets, cards, docs, export, ledger, previews, quiz, releases, theme
from .pages import Pages
from .releases import History
from .tree import Output, Tree, mkdocs_order
from .urls import Urls


def pages(config: MkDocsConfig) -> Pages:
    """The catalog's pages, with its releases compared with what it is now; the ledger checked against them.

    Raises ContentError listing every problem of every file, the ledger's included."""
    loaded = load(site.content_dir(config), Path(config.config_file_path).parent)
    urls = Urls(loaded.known, config) if loaded.known.path else None
    problems = loaded.problems + (ledger.check(urls, config) if urls else [])
    if problems or loaded.catalog is None or urls is None:
        raise ContentError(problems)
    p = Pages(loaded.catalog, urls)
    p.history = History(loaded.releases, export.data(p))
    return p


def makers(p: Pages) -> dict[str, Callable[[], str]]:
    """Every generated file's source path, with what renders it (the paths alone cost nothing)."""
    c, u = p.catalog, p.urls
    out: dict[str, Callable[[], str]] = {u.entry_src(e.id): partial(p.entry, e) for e in c.entries}
    out.update({u.category_src(cat.id): partial(p.category, cat.id) for cat in c.categories})
    out[u.index_src] = p.index
    out[u.sources_src] = p.sources
    out[u.quiz_src] = partial(quiz.page, p)
    out[u.agenda_src] = partial(agenda.page, p)
    out.update({u.entry_src(r.old_id): partial(p.redirect, r) for r in c.redirects})
    out.update(export.outputs(p))
    out[u.changes_src] = p.changes
    out[u.authoring_src] = p.authoring
    if p.history is not None:
        out.update(releases.outputs(p.history, u, c.settings.name))
    return out


def generate(config: MkDocsConfig) -> Tree:
    """The whole source tree of the site: the hand-written pages of docs/ with their placeholders filled,
    their assets, every generated page and file, the preview cards, the nav and the theme's values."""
    p = pages(config)
    files = docs.outputs(p, config)  # docs/ first, as MkDocs lists files
    files.update(assets.outputs(files))
    files.update({src: Output(text=make()) for src, make in makers(p).items()})
    nav = docs.nav(config.nav or [], p)
    card_theme = previews.theme(config)
    shown = previews.cards_for(p, config, files, docs.nav_titles(nav), card_theme)
    sources = [src for src in files if src.endswith(".md")]
    for src, meta in theme.page_meta(p, config, sources, shown).items():
        files[src] = Output(text=theme.with_meta(files[src].text or "", meta))
    files.update({preview.src: Output(copy=preview.path, link=True) for preview in shown.values()})
    return Tree(
        files=dict(sorted(files.items(), key=lambda item: mkdocs_order(item[0]))),
        nav=nav,
        not_in_nav=docs.not_in_nav(p),
        extra=theme.site_values(p, config, cards.hex_colour(card_theme.primary)),
        styles=list(assets.STYLES),
        scripts=list(assets.SCRIPTS),
        polyfills=list(assets.POLYFILLS),
    )
