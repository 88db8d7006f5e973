"""``kbgen new DIR --name NAME --noun WORD --prefix AB --party WORD --kbgen WHEEL``: start a knowledge base.

It writes a project that builds as it is: mkdocs.yml, the hand-written pages (home, about, data), content/
with its settings, two categories, three example entries and a source, the lock, a Makefile and a README
with the same two commands as kbgen's own (``make site``, ``make test``), a ``.ci/run`` and a short test file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import jinja2
from pydantic import ValidationError

from .. import __version__
from ..model.catalog import Noun, Settings

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
LOCKS = Path(__file__).resolve().parent.parent / "locks"
QUIZ_TITLE = "Self-assessment"  # the new catalog's (catalog.yaml), its nav's and its pages' name for it


class Refused(Exception):
    """A project that cannot be made as asked, with the reason to show."""


def values(name: str, noun: str, plural: str | None, prefix: str, party: str) -> dict[str, Any]:
    """What the skeleton's files are filled with, checked by the catalog's own model first."""
    plural = plural or noun + "s"
    key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "kb"
    path = re.sub(r"[^a-z0-9]+", "-", plural.lower()).strip("-")
    settings = {
        "name": name,
        "id_prefix": prefix,
        "path": path,
        "noun": {"singular": noun, "plural": plural},
        "party": party,
        "storage_key": key,
        "quiz": {"title": QUIZ_TITLE, "intro": "One question per entry.", "unsure_label": "Not sure"},
    }
    try:
        Settings.model_validate(settings)
        Noun.model_validate(settings["noun"])
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        option = {
            "name": "--name",
            "id_prefix": "--prefix",
            "noun.singular": "--noun",
            "noun.plural": "--plural",
            "path": "--plural",
            "party": "--party",
            "storage_key": "--name",
        }.get(field, field)
        raise Refused(f"{option}: {first['msg']} (got {first.get('input')!r})") from None
    description = f"{name}: what goes wrong, how to see it coming, and what to do instead."
    return {
        "name": name,
        "description": description,
        "singular": noun,
        "plural": plural,
        "prefix": prefix,
        "path": path,
        "party": party,
        "key": key,
        "quiz_title": QUIZ_TITLE,
        "version": __version__,
    }


def target(rel: str, v: dict[str, Any]) -> str:
    """Where a skeleton file goes: ``_ci/run.j2`` is ``.ci/run``; ``content/entries/1.yaml.j2`` is
    ``content/<path>/<prefix>-1.yaml``."""
    rel = rel.removesuffix(".j2")
    rel = "/".join("." + part[1:] if part.startswith("_") else part for part in rel.split("/"))
    if rel.startswith("content/entries/"):
        rel = f"content/{v['path']}/{v['prefix'].lower()}-{rel.rsplit('/', 1)[1]}"
    return rel


def write(folder: Path, v: dict[str, Any], requirement: str) -> list[Path]:
    """The project's files, every one of them listed; ``requirement``: how it installs the generator."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise Refused(f"{folder} is not an empty folder: give a new or empty one")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SKELETON), keep_trailing_newline=True, undefined=jinja2.StrictUndefined
    )
    env.filters["yaml"] = json.dumps  # a YAML scalar, quoted and escaped as JSON (which YAML reads as is)
    written = []
    for file in sorted(p for p in SKELETON.rglob("*.j2")):
        rel = file.relative_to(SKELETON).as_posix()
        out = folder / target(rel, v)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(env.get_template(rel).render(**v), encoding="utf-8")
        written.append(out)
    (folder / ".ci" / "run").chmod(0o755)
    (folder / "requirements").mkdir()
    for lock in ("site.txt", "tests.txt"):
        written.append(Path(shutil.copyfile(LOCKS / lock, folder / "requirements" / lock)))
    written.append(folder / "requirements" / "kbgen.txt")
    written[-1].write_text(requirement, encoding="utf-8")
    return written


def generator_requirement(spec: str) -> str:
    """The generator as the project installs it: a wheel file with its hash (pip checks it), or a version."""
    wheel = Path(spec)
    if wheel.suffix == ".whl" and wheel.is_file():
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        head = "# kbgen, the generator: the wheel this project was made with."
        return f"{head}\nkbgen @ {wheel.resolve().as_uri()} \\\n    --hash=sha256:{digest}\n"
    raise Refused(f"--kbgen: expected the path of kbgen's wheel, a .whl file (`make wheel` builds one) (got {spec!r})")


def main(argv: list[str] | None = None, prog: str = "kbgen-new") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to make it: a new or empty folder")
    parser.add_argument("--name", required=True, help='the knowledge base\'s name, e.g. "Cloud migration risks"')
    parser.add_argument("--noun", required=True, help="what one entry is called: risk, mistake, anti-pattern")
    parser.add_argument("--plural", help="more than one (default: the noun and an s)")
    parser.add_argument("--prefix", required=True, help="what every id starts with: CM for CM-1, CM-2, ...")
    parser.add_argument("--party", required=True, help="who the entries' questions are for: the other side of the deal")
    parser.add_argument("--kbgen", required=True, help="kbgen's wheel, which the new project installs")
    args = parser.parse_args(argv)
    try:
        v = values(args.name, args.noun, args.plural, args.prefix, args.party)
        requirement = generator_requirement(args.kbgen)  # refused before anything is written
        written = write(args.folder, v, requirement)
    except Refused as err:
        print(f"{prog}: {err}", file=sys.stderr)
        return 2
    print(f"{args.folder}: {len(written)} files. Next: cd {args.folder} && make site && make test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
