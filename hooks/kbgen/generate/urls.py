"""Where each generated page lives, and its address, as MkDocs itself computes it.

Generated pages are MkDocs ``File`` objects first; every URL, relative link and hosted address is
read from them (``File.url``, ``url_relative_to``), never recomputed, so hosted and offline builds,
odd file names and ``exclude_docs`` behave exactly as MkDocs builds them.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from ..model.catalog import Known, slug
from ..read import site

EXPORTS = ("json", "csv", "schema.json")


def hosted_url(src_uri: str) -> str:
    """The site-relative address of a docs file on the hosted site (directory URLs), whatever this build
    uses: what canonical links, the published-URL ledger and share links name. The home page is ``./``."""
    return File(src_uri, None, "", use_directory_urls=True).url


def is_published(site_url: str) -> bool:
    """Whether the site names a real address (not a loopback one), that links can be shared with."""
    host = urlsplit(site_url).hostname or ""
    return bool(host) and host not in ("localhost", "0.0.0.0", "::1") and not host.startswith("127.")


def _generated(config: MkDocsConfig, src: str) -> File:
    """What ``File.generated`` makes, also outside a build's events (``kbgen check``, ``kbgen generate``),
    where MkDocs has no current plugin to name."""
    file = File(src, None, config.site_dir, site.directory_urls(config))
    file.generated_by = "kbgen"
    file.content_string = ""
    return file


class Urls:
    """The generated pages of one catalog as MkDocs files, with the links between them.

    Made from the ids alone (``Known``), so the addresses are known even while some content is invalid."""

    def __init__(self, known: Known, config: MkDocsConfig):
        self.known = known
        self.site_url = config.site_url or ""
        self.published = is_published(self.site_url)
        self.offline = site.offline(config)
        self.path = known.path or ""
        self.files: dict[str, File] = {src: _generated(config, src) for src in self.sources()}

    # Where each page lives, as a docs source path; MkDocs turns it into a URL.
    def entry_src(self, entry_id: str) -> str:
        return f"{self.path}/{slug(entry_id)}.md"

    def category_src(self, category_id: str) -> str:
        return f"categories/{category_id}.md"

    @property
    def index_src(self) -> str:
        return f"{self.path}/index.md"

    def entry_json_src(self, entry_id: str) -> str:
        """An entry as data, beside its page: ``<path>/ab-4.json`` (a retired id's file says what became of it)."""
        return f"{self.path}/{slug(entry_id)}.json"

    sources_src = "sources.md"
    authoring_src = "authoring.md"
    quiz_src = "self-assessment.md"
    agenda_src = "agenda.md"
    changes_src = "changes.md"
    feed_src = "releases.xml"

    def release_src(self, version: str, kind: str) -> str:
        """A release's own files, at stable addresses: its export (``json``) and the mapping from the release
        before (``changes.json``)."""
        return f"releases/{version}/{self.path}.json" if kind == "json" else f"releases/{version}/{kind}"

    def export_src(self, kind: str) -> str:
        """The export files are named after the entries' folder: ``<path>.json``, ``.csv``, ``.schema.json``."""
        return f"{self.path}.{kind}"

    @property
    def checklist_src(self) -> str:
        """The checklist spreadsheet: one row per item of advice, ``<path>-checklist.csv``."""
        return f"{self.path}-checklist.csv"

    def sources(self) -> list[str]:
        k = self.known
        return (
            [self.entry_src(i) for i in k.entry_ids]
            + [self.category_src(c) for c in k.category_ids]
            + [self.index_src, self.sources_src, self.quiz_src, self.agenda_src, self.changes_src, self.feed_src]
            + [self.authoring_src]
            + [self.entry_src(i) for i in k.old_ids]
            + [self.entry_json_src(i) for i in (*k.entry_ids, *k.old_ids)]
            + [self.export_src(kind) for kind in EXPORTS]
            + [self.checklist_src]
            + [self.release_src(v, kind) for v in k.versions for kind in ("json", "changes.json")]
        )

    def link(self, from_src: str, to_src: str) -> str:
        """A relative Markdown link from one source page to another (MkDocs checks and rewrites it)."""
        return get_relative_url(to_src, from_src)

    def url(self, src: str) -> str:
        """The site-relative URL of a generated file in this build."""
        return self.files[src].url

    def href(self, from_src: str, to_src: str) -> str:
        """A relative URL for raw HTML, where MkDocs does not rewrite links."""
        return self.files[to_src].url_relative_to(self.files[from_src])

    def absolute(self, src: str) -> str:
        """The page's address on the hosted site: for printed reports and links shared from an offline copy."""
        return urljoin(self.site_url, hosted_url(src))
