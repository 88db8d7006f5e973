"""Synthetic catalogs shaped like the real one, for benchmarks: N entries, all fields, valid references.

    python bench/synth.py N OUT_DIR [--plain]

writes OUT_DIR/mkdocs.yml, OUT_DIR/docs/ and OUT_DIR/content/ (a generator project), or with
--plain the very pages the generator makes, saved as hand-written Markdown and built without
the hooks, so the generator's own cost shows as a ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "provider",
    "contract",
    "budget",
    "deadline",
    "quality",
    "scope",
    "review",
    "invoice",
    "report",
    "meeting",
    "owner",
    "team",
    "customer",
    "support",
    "agreement",
    "payment",
    "milestone",
    "risk",
    "backup",
    "handover",
    "access",
    "password",
    "data",
    "brief",
    "training",
    "feedback",
    "schedule",
    "estimate",
    "hours",
    "delivery",
    "process",
    "checklist",
    "manager",
    "vendor",
    "freelancer",
    "assistant",
    "timezone",
    "language",
    "culture",
    "trust",
    "evidence",
    "weekly",
    "monthly",
    "written",
    "signed",
    "agreed",
    "clear",
    "measured",
    "late",
    "missing",
    "unclear",
    "cheap",
    "expensive",
    "small",
    "business",
    "local",
    "remote",
    "offshore",
    "outsourced",
    "inhouse",
]
CATEGORIES = [
    ("planning", "Planning"),
    ("choosing", "Choosing"),
    ("contracts", "Contracts"),
    ("communication", "Communication"),
    ("managing", "Managing"),
    ("risk", "Risk"),
]
SEVERITIES = ("low", "medium", "high")
PER_SOURCE = 10


def sentence(rng: random.Random, n: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def entry(rng: random.Random, i: int, n: int) -> dict:
    others = [f"SY-{j}" for j in rng.sample(range(1, n + 1), min(4, n)) if j != i][:3]
    return {
        "id": f"SY-{i}",
        "title": f"{sentence(rng, 5)[:-1]} {i}",
        "summary": sentence(rng, 14),
        "category": CATEGORIES[i % len(CATEGORIES)][0],
        "severity": SEVERITIES[i % 3],
        "why": " ".join(sentence(rng, 12) for _ in range(6)),
        "warning_signs": [sentence(rng, 12) for _ in range(4)],
        "avoid": [sentence(rng, 16) for _ in range(5)],
        "question": {
            "text": sentence(rng, 12)[:-1] + "?",
            "options": [{"label": "Yes", "score": 1}, {"label": "Partly", "score": 0.5}, {"label": "No", "score": 0}],
        },
        "related": others,
        "aliases": rng.sample(WORDS, 6),
        "sources": [{"source": f"src-{(i - 1) // PER_SOURCE + 1}", "item": str((i - 1) % PER_SOURCE + 1)}],
    }


def catalog(n: int, seed: int = 1) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    entries = [entry(rng, i, n) for i in range(1, n + 1)]
    sources = [
        {
            "id": f"src-{s}",
            "title": f"Source article {s}",
            "publisher": "A synthetic publisher",
            "vendor": s % 2 == 0,
            "perspective": sentence(rng, 20),
            "file": f"src-{s}.txt",
            "items": [
                {"id": str(k), "label": sentence(rng, 5)}
                for k in range(1, min(PER_SOURCE, n - (s - 1) * PER_SOURCE) + 1)
            ],
        }
        for s in range(1, (n - 1) // PER_SOURCE + 2)
    ]
    return entries, sources


def write_generator_project(n: int, out: Path, cards: bool = False) -> None:
    """A generator project of N entries; link-preview cards only when asked (their cost is measured apart)."""
    entries, sources = catalog(n)
    content = out / "content"
    for sub in ("synthetic", "sources"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    dump = lambda data, path: path.write_text(yaml.safe_dump(data, sort_keys=False, width=100))  # noqa: E731
    dump(
        {
            "name": "Synthetic catalog",
            "id_prefix": "SY",
            "path": "synthetic",
            "noun": {"singular": "entry", "plural": "entries"},
            "party": "provider",
            "storage_key": "synthetic",
            "quiz": {"title": "Self-assessment", "intro": "One question per entry.", "unsure_label": "Not sure"},
        },
        content / "catalog.yaml",
    )
    dump(
        [{"id": c, "title": t, "description": f"Entries about {t.lower()}."} for c, t in CATEGORIES],
        content / "categories.yaml",
    )
    for s in sources:
        dump(s, content / "sources" / f"{s['id']}.yaml")
    for e in entries:
        dump(e, content / "synthetic" / f"{e['id'].lower()}.yaml")
    docs = out / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text("# Synthetic catalog\n\n<!-- kbgen:overview -->\n")
    # Inherit the real site's settings; point its relative paths back at this repository.
    (out / "mkdocs.yml").write_text(f"""INHERIT: {ROOT / "mkdocs.yml"}
site_name: Synthetic catalog
hooks: [{ROOT / "hooks" / "catalog.py"}]
extra:
  kbgen:
    cards: {str(cards).lower()}
watch: []
nav:
  - Home: index.md
  - Categories: kbgen:categories
  - All entries: synthetic/index.md
""")


def write_plain_project(n: int, out: Path) -> None:
    """The same catalog as the source tree that ``kbgen generate`` writes: every page as plain Markdown and a
    configuration without hooks, which any builder builds. Against the generator project, the difference in
    MkDocs' build time is the generator's own cost (loading, validating, rendering, cards)."""
    project = out.with_name(out.name + "-source")
    write_generator_project(n, project)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "kbgen"), "generate", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode:
        raise SystemExit(f"kbgen generate failed:\n{result.stderr[-3000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--plain", action="store_true")
    args = parser.parse_args(argv)
    if args.out.exists():
        shutil.rmtree(args.out)
    (write_plain_project if args.plain else write_generator_project)(args.n, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
