"""The site's settings: a project's mkdocs.yml, read by MkDocs, and the generator's own under ``extra.kbgen``,
checked with MkDocs' own Config machinery."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

log = logging.getLogger("mkdocs.hooks.kbgen")


class KbgenSettings(base.Config):
    content = c.Dir(exists=True, default="content")
    """The content folder (catalog.yaml, categories, sources, entries), relative to mkdocs.yml."""
    cards = c.Type(bool, default=True)
    """Draw a link-preview card for every page (not in the offline copy)."""
    cache = c.Dir(exists=False, default=".cache/kbgen")
    """Where drawn cards are kept between builds, outside docs/ and content/."""


CHECKED = "kbgen_settings"  # the checked settings, kept on the build's own config: checked (and warned) once


def read(config: MkDocsConfig) -> KbgenSettings:
    """``extra.kbgen`` validated: an unknown key is a warning (so ``--strict`` fails), a bad value an error."""
    if isinstance(config.extra.get(CHECKED), KbgenSettings):
        return config.extra[CHECKED]
    raw = config.extra.get("kbgen") or {}
    if not isinstance(raw, dict):
        raise ConfigurationError(f"Config value 'extra.kbgen': expected a mapping (got {raw!r})")
    settings = KbgenSettings(config_file_path=config.config_file_path)
    settings.load_dict(raw)
    errors, warnings = settings.validate()
    for key, warning in warnings:
        log.warning(f"Config value 'extra.kbgen.{key}': {warning}")
    if errors:
        raise ConfigurationError("\n".join(f"Config value 'extra.kbgen.{key}': {error}" for key, error in errors))
    config.extra[CHECKED] = settings
    return settings


def content_dir(config: MkDocsConfig) -> Path:
    return Path(read(config).content)


def config_of(project: Path) -> MkDocsConfig:
    """The MkDocs configuration of a project folder (its mkdocs.yml), as a build would read it."""
    return load_config(str(project / "mkdocs.yml"))


def offline(config: MkDocsConfig) -> bool:
    """Whether this is the offline copy (Material's offline plugin on): no cards, no feed link."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.get("enabled"))


def directory_urls(config: MkDocsConfig) -> bool:
    """Whether pages live at ``x/`` (else ``x.html``), as the build will have it: the offline plugin turns
    directory URLs off in its own config event, which a configuration read without building has not run."""
    return bool(config.use_directory_urls) and not offline(config)
