"""``kbgen release VERSION``: record the catalog as released (``make release VERSION=2026.2``).

Writes ``content/releases/<VERSION>.yaml`` (the export as released, with its date) and appends the
site's URLs to the published-URL ledger. Refuses a version that exists or goes backwards, content
that does not build, and a site address that is not a real published one (``SITE_URL``).
"""

from __future__ import annotations

import argparse
import datetime
import logging
import sys
import tempfile
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from ..generate import build, export, ledger
from ..generate.urls import is_published
from ..model.release import Release, version_key
from ..read import site
from ..read.problems import ContentError

HEADER = "# Written by kbgen-release: the catalog as released. Never edit it; make the next release instead.\n"


class Refused(Exception):
    """A release that must not be made, with the reason to show."""


def release(config_file: Path, version: str, date: str) -> tuple[Path, list[str]]:
    """Record the release; returns its file and the URLs added to the ledger. Raises Refused."""
    try:
        key = version_key(version)
    except ValueError as err:
        raise Refused(str(err)) from None
    config = load_config(str(config_file))
    if not is_published(config.site_url or ""):
        raise Refused(
            f"the site's address is {config.site_url!r}, not a published one: set SITE_URL to the "
            "address the site is published at, such as https://<user>.github.io/<repository>/"
        )
    folder = site.content_dir(config) / "releases"
    existing = sorted((p.stem for p in folder.glob("*.yaml")), key=version_key) if folder.is_dir() else []
    if existing and version_key(existing[-1]) >= key:
        raise Refused(f"version {version} must come after the latest release, {existing[-1]}")
    try:
        pages = build.pages(config)
    except ContentError as err:
        raise Refused("the content has errors:\n" + "\n".join(map(str, err.problems))) from None
    with tempfile.TemporaryDirectory() as scratch:  # content that does not build is not released
        try:
            mkdocs_build(load_config(str(config_file), site_dir=scratch, strict=True))
        except (Abort, ConfigurationError, ContentError, OSError) as err:
            raise Refused(f"the site does not build: {err}") from None
    snapshot = Release.model_validate(
        {"version": version, "date": date, "catalog": {**export.data(pages), "version": version, "released": date}}
    )
    folder.mkdir(exist_ok=True)
    file = folder / f"{version}.yaml"
    text = yaml.safe_dump(
        snapshot.model_dump(mode="json", exclude_none=True), sort_keys=False, allow_unicode=True, width=120
    )
    file.write_text(HEADER + text, encoding="utf-8")
    return file, ledger.append(build.pages(config), config, date)


def main(argv: list[str] | None = None, prog: str = "kbgen-release") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the new version, YEAR.N such as 2026.2")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="the project's mkdocs.yml")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="the release date (today)")
    args = parser.parse_args(argv)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the trial build's progress is not news
    try:
        file, urls = release(args.config_file, args.version, args.date)
    except Refused as err:
        print(f"kbgen-release: not released: {err}", file=sys.stderr)
        return 1
    print(f"{file}: released {args.version} on {args.date}; {len(urls)} URL(s) added to the published-URL ledger")
    return 0


if __name__ == "__main__":
    sys.exit(main())
