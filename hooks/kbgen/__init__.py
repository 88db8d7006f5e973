"""kbgen: a knowledge-base generator. YAML entries, validated and modelled, become a searchable guide with a
self-assessment, built by MkDocs, ProperDocs or Zensical. Its changes: CHANGELOG.md."""

__version__ = "1.0.0"
