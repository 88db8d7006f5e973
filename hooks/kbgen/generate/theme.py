"""What the theme overrides (``theme/``) read, as plain data: every builder's template engine can use it.

Per page, in its front matter: ``kb_canonical`` (the hosted address, also in an offline copy, so a copied
link works when shared), ``kb_card`` and ``kb_card_alt`` (the link-preview card), ``kb_citation`` (entry
pages). For the whole site, under ``config.extra.kb``: strings, numbers and booleans only (see
:func:`site_values`). Nothing here is a Python object a template would have to know.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.meta import YAML_RE

from .. import __version__
from . import cards
from .pages import Pages
from .previews import Preview
from .sections import citation
from .urls import hosted_url


def site_values(pages: Pages, config: MkDocsConfig, colour: str) -> dict[str, Any]:
    """``config.extra.kb``: addresses are site-relative URLs (templates pass them through ``|url``)."""
    u, s = pages.urls, pages.catalog.settings
    return {
        "generator": f"kbgen-{__version__}",  # named in every page's <meta name="generator">
        "entries_path": u.path,  # the 404 page forwards /<path>/AB-4/ to /<path>/ab-4/
        "published": config.site_url if u.published else "",  # empty: share the address the reader is on
        "feed": "" if u.offline else u.url(u.feed_src),
        "index": u.url(u.index_src),
        "quiz": u.url(u.quiz_src),
        "noun_plural": s.noun.plural,
        "quiz_title": s.quiz.title,
        "ask_item": f"question for the {s.party}",  # how Copy link names an item of ask_provider
        "theme_color": colour,  # the cards' primary colour, for the browser's toolbar
        "card_width": cards.WIDTH,
        "card_height": cards.HEIGHT,
        "card_type": cards.MEDIA_TYPE,
    }


def page_meta(
    pages: Pages, config: MkDocsConfig, sources: list[str], previews: dict[str, Preview]
) -> dict[str, dict[str, str]]:
    """The front matter each page (``sources``: their paths) gets on top of its own."""
    c, u = pages.catalog, pages.urls
    out: dict[str, dict[str, str]] = {}
    for src in sources:
        meta = {"kb_canonical": urljoin(config.site_url, hosted_url(src))} if config.site_url else {}
        if src in previews:
            meta |= {"kb_card": previews[src].url, "kb_card_alt": previews[src].alt}
        out[src] = meta
    for e in c.entries:
        out[u.entry_src(e.id)]["kb_citation"] = citation(e, c.settings.name, pages.version)
    return out


def with_meta(markdown: str, meta: dict[str, str]) -> str:
    """The page with ``meta`` added at the top of its front matter (its own keys, further down, win).

    Values are written as JSON, which YAML reads as is, escaped to ASCII (see ``pages.front``)."""
    if not meta:
        return markdown
    lines = "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta.items())
    if YAML_RE.match(markdown):
        first = markdown.index("\n") + 1
        return markdown[:first] + lines + markdown[first:]
    return f"---\n{lines}---\n" + markdown
