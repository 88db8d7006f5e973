"""Everything one build generates: each page's and export file's source path, with what writes it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from . import export, quiz, releases
from .load import Loaded
from .releases import History
from .render import Pages
from .urls import Urls


def pages(loaded: Loaded, urls: Urls) -> Pages:
    """The pages of a valid catalog, with its releases compared with what it is now."""
    assert loaded.catalog is not None
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
    out.update({u.entry_src(r.old_id): partial(p.redirect, r) for r in c.redirects})
    out.update(export.outputs(p))
    out[u.changes_src] = p.changes
    if p.history is not None:
        out.update(releases.outputs(p.history, u, c.settings.name))
    return out


def render_all(p: Pages) -> None:
    """Fill every generated file's content."""
    for src, make in makers(p).items():
        p.urls.files[src].content_string = make()
