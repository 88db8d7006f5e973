"""How well `kbgen-ingest` found an article set's items, judged against the set's README listing.

A set's README (as `../shared/sources-3/README.md`) has a `## <file>` section per article, listing its
items as `1. Label` lines, with notes in brackets: `(conclusion: "other words")` and `(full heading: X)`
give other names for the item. Given a folder of saved `kbgen-ingest --format json` outputs named
after the files, it reports per article: listed items found (an output item naming at least 60 % of
the listing's words), found with the right heading (and not padded: at least half of the output
label's words are the listing's), and spurious items (output items matching no listed item).

Run: `python bench/ingest_items_check.py OUTPUT_DIR README` (a stem without an output counts as none found).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# The article's list word and number are not the item's words ("Pitfall #2:", "Pitfall number 1 is").
_PREFIX = re.compile(r"^\w+\s*(?:number\s+|no\.?\s*|#\s*)?\d{1,2}\s*(?:[:.)\-–—]|\s+is\b)\s*", re.IGNORECASE)
_SMALL = frozenset(["the", "and", "for", "with", "your", "that", "than", "this", "are", "not", "its", "you", "can"])


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) >= 3 and w not in _SMALL}


def names(entry: str) -> list[str]:
    """A listing line's names for its item: the label and the other names its notes give."""
    bracket = re.match(r"^(.*?)\s+\(([^()]*)\)\s*$", entry)  # only a closing note, not "Property (IP) Rights"
    main, note = (bracket[1], bracket[2]) if bracket else (entry, "")
    found = [main, *re.findall(r"[\"“]([^\"”]+)[\"”]", note)]
    found += [m.strip() for m in re.findall(r"full heading:\s*([^)]*)", note)]
    if note and not re.search(r"[;\"“:]|cut|sentence|heading", note):
        found.append(note)  # a plain gloss: "micromanagement (micromanaging outsourced teams)"
    return [_PREFIX.sub("", n.strip().rstrip("…").rstrip(".")) for n in found if n.strip()]


def listing(readme: Path) -> dict[str, list[list[str]]]:
    """File stem -> the names of each listed item, in order."""
    out: dict[str, list[list[str]]] = {}
    stem = ""
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            stem = Path(line[3:].strip()).stem
            out[stem] = []
        elif stem and (m := re.match(r"^\d{1,2}[.)]\s+(.*)$", line)):
            out[stem].append(names(m[1]))
    return out


def _matches(label: str, wanted: list[str], clean: bool) -> bool:
    got = content_words(_PREFIX.sub("", label))
    for name in wanted:
        want = content_words(name)
        if want and len(want & got) >= 0.6 * len(want) and (not clean or len(want & got) >= 0.5 * len(got)):
            return True
    return False


@dataclass
class Check:
    article: str
    listed: int
    found: int
    right: int
    spurious: int


def check(stem: str, wanted: list[list[str]], output: Path) -> Check:
    labels = [i["label"] for i in json.loads(output.read_text())["items"]] if output.is_file() else []
    found = sum(any(_matches(label, w, False) for label in labels) for w in wanted)
    right = sum(any(_matches(label, w, True) for label in labels) for w in wanted)
    spurious = sum(not any(_matches(label, w, False) for w in wanted) for label in labels)
    return Check(stem, len(wanted), found, right, spurious)


def report(outputs: Path, readme: Path) -> str:
    rows = [check(stem, wanted, outputs / f"{stem}.json") for stem, wanted in listing(readme).items()]
    lines = ["| article | found | right heading | spurious |", "|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.article} | {r.found}/{r.listed} | {r.right}/{r.listed} | {r.spurious} |")
    total = Check("all", *(sum(getattr(r, k) for r in rows) for k in ("listed", "found", "right", "spurious")))
    lines.append(f"| **all** | {total.found}/{total.listed} | {total.right}/{total.listed} | {total.spurious} |")
    none = sum(not (outputs / f"{r.article}.json").is_file() for r in rows)
    lines += ["", f"No list found (no output) in {none} of {len(rows)} articles."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    print(report(Path(args[0]), Path(args[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
