"""What the theme overrides (``theme/``) read, as plain data: every builder's template engine can use it.

Per page, in its front matter: ``kb_canonical`` (the hosted address, also in an offline copy, so a copied
link works when shared), ``kb_card`` and ``kb_card_alt`` (the link-preview card), ``kb_citation`` and
``kb_json`` (entry pages: how to cite it, and its data file beside it), ``kb_jsonld`` (entry pages and the home
page: schema.org structured data, already serialised for a script element). For the whole site, under
``config.extra.kb``: strings, numbers and booleans only (see :func:`site_values`). Nothing here is a Python
object a template would have to know.
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

SCHEMA_ORG = "https://schema.org"


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
        "storage_key": s.storage_key,  # what the browser keeps is namespaced with it (the agenda's buttons read it)
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
        src = u.entry_src(e.id)
        out[src]["kb_citation"] = citation(e, c.settings.name, pages.version)
        out[src]["kb_json"] = u.url(u.entry_json_src(e.id))
        card = previews[src].url if src in previews else None
        out[src]["kb_jsonld"] = script_json(entry_jsonld(pages, config, e.id, card))
    if "index.md" in out:
        out["index.md"]["kb_jsonld"] = script_json(site_jsonld(pages, config))
    return out


def script_json(value: Any) -> str:
    """JSON to print as it is inside a ``<script>`` element: ASCII only, and no ``<``, ``>`` or ``&`` (written as
    ``\\u003c`` and so on, which JSON reads back as the same characters), so no text can end the element, open a
    comment in it or read as markup."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _site(pages: Pages, config: MkDocsConfig) -> dict[str, Any]:
    return {"@type": "WebSite", "name": pages.catalog.settings.name, "url": config.site_url or ""}


def site_jsonld(pages: Pages, config: MkDocsConfig) -> dict[str, Any]:
    """The home page's structured data: the guide as a ``WebSite``, with its version."""
    site = {"@context": SCHEMA_ORG, **_site(pages, config), "version": pages.version}
    return site | ({"description": config.site_description} if config.site_description else {})


def entry_jsonld(pages: Pages, config: MkDocsConfig, entry_id: str, card: str | None) -> dict[str, Any]:
    """An entry page's structured data: an ``Article`` (what search engines and link unfurlers read best; an entry
    is an explanation with advice, more than the definition a ``DefinedTerm`` is), part of the guide, with the
    dates of the releases that added it and last changed it, and its data file as its encoding."""
    c, u = pages.catalog, pages.urls
    e = c.by_id[entry_id]
    address = urljoin(config.site_url or "", hosted_url(u.entry_src(e.id)))
    added, changed = pages.history.entry_history.get(e.id, (None, None)) if pages.history else (None, None)
    dates = {r.version: r.date for r in pages.history.releases} if pages.history else {}
    out: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "Article",
        "@id": address,
        "url": address,
        "mainEntityOfPage": address,
        "identifier": e.id,
        "headline": f"{e.id}: {e.title}",
        "name": e.title,
        "description": e.summary,
        "articleSection": c.category_by_id[e.category].title,
        "keywords": ", ".join(e.aliases),
        "version": pages.version,
        "isPartOf": _site(pages, config),
        "encoding": {
            "@type": "MediaObject",
            "encodingFormat": "application/json",
            "contentUrl": urljoin(config.site_url or "", u.entry_json_src(e.id)),
        },
    }
    if added in dates:
        out["datePublished"] = dates[added]
    if changed in dates:
        out["dateModified"] = dates[changed]
    if card:
        out["image"] = card
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
