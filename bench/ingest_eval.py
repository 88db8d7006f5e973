"""Evaluation of `kbgen-ingest`: hold each source out in turn and compare with the recorded mapping.

For every source the catalog records (whose text copy is found), ingest reads the copy and ranks the
entries against a catalog that no longer knows that source's provenance. Reported per source:

- items: recorded items that ingest finds (same id), and items it reports that the record lacks;
- top-1 / top-3: the recorded entry is the first / among the first three proposals;
- new ok: entries that only this source backs would not exist had it not been read first, so the
  catalog is also rebuilt without them: their items should come out "probably new", and items of
  surviving entries should not (the share of items where ingest's verdict is right).

Run: `python bench/ingest_eval.py [CONTENT_DIR]` (also part of `make bench`). Targets: items >= 95 %,
top-1 >= 75 %, top-3 >= 90 %.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from kbgen.ingest.articles import parse_article  # noqa: E402
from kbgen.ingest.propose import Ranker, default_source_dirs, is_new, profiles, read_catalog  # noqa: E402

TARGETS = {"items": 0.95, "top1": 0.75, "top3": 0.90}


@dataclass
class Result:
    source: str
    recorded: int = 0
    found: int = 0
    extra: int = 0
    top1: int = 0
    top3: int = 0
    new_ok: int = 0
    truly_new: int = 0
    new_hit: int = 0
    misses: list[str] = field(default_factory=list)


def item_key(item_id: str) -> str:
    """An item as both numberings name it: ingest numbers an unnumbered list b1, b2…, and a record may number
    it as the article's other copy or its conclusion does (1, 2…): "b3" and "3" are the same item."""
    return item_id[1:] if re.fullmatch(r"b\d+", item_id) else item_id


def evaluate(content: Path, dirs: list[Path] | None = None) -> list[Result]:
    dirs = dirs if dirs is not None else default_source_dirs(content)
    entries, sources = read_catalog(content)
    truth = {(s, i): e.id for e in entries for s, i in e.sources}
    results = []
    for source in sources:
        path = next((d / source.file for d in dirs if (d / source.file).is_file()), None)
        if path is None:
            continue
        article = parse_article(path.read_text(encoding="utf-8"))
        detected = {item_key(item.id): item for item in article.items}
        recorded = [item_id for item_id, _ in source.items]
        kept = Ranker(profiles(entries, sources, dirs, without=source.id))
        # Without this source first, an entry it alone backs would not exist yet.
        others = [e for e in entries if any(s != source.id for s, _ in e.sources)]
        reduced = Ranker(profiles(others, sources, dirs, without=source.id))
        survivors = {e.id for e in others}
        r = Result(source.id, len(recorded), extra=len(set(detected) - {item_key(i) for i in recorded}))
        for item_id in recorded:
            item, want = detected.get(item_key(item_id)), truth.get((source.id, item_id))
            if item is None:
                r.misses.append(f"{source.id} {item_id}: not found in the text")
                continue
            r.found += 1
            ranked = [p.entry for p in kept.rank(item)]
            r.top1 += ranked[:1] == [want]
            r.top3 += want in ranked[:3]
            reduced_proposals = reduced.rank(item)
            said_new, truly_new = is_new(reduced_proposals), want not in survivors
            r.new_ok += said_new == truly_new
            r.truly_new += truly_new
            r.new_hit += said_new and truly_new
            if ranked[:1] != [want]:
                proposed = ", ".join(ranked[:3])
                r.misses.append(f'{source.id} {item_id} "{item.label}": recorded {want}, proposed {proposed}')
            if said_new != truly_new:
                verdict = "said new" if said_new else f"said {reduced_proposals[0].entry} {reduced_proposals[0].score}"
                r.misses.append(
                    f"{source.id} {item_id}: 'probably new' should be {truly_new} (recorded {want}; {verdict})"
                )
        results.append(r)
    return results


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f} %" if d else "-"


def report(content: Path = ROOT / "content") -> str:
    """The evaluation as Markdown: a table per source and overall, then the items it gets wrong."""
    results = evaluate(content)
    total = Result(
        "**all**",
        *(
            sum(getattr(r, k) for r in results)
            for k in ("recorded", "found", "extra", "top1", "top3", "new_ok", "truly_new", "new_hit")
        ),
    )
    lines = [
        "## Ingest: held-out sources",
        "",
        "| source | items found | extra | top-1 | top-3 | 'probably new' right |",
        "|---|---|---|---|---|---|",
    ]
    for r in [*results, total]:
        lines.append(
            f"| {r.source} | {r.found}/{r.recorded} ({_pct(r.found, r.recorded)}) | {r.extra} "
            f"| {_pct(r.top1, r.recorded)} | {_pct(r.top3, r.recorded)} | {_pct(r.new_ok, r.found)} |"
        )
    met = {"items": total.found, "top1": total.top1, "top3": total.top3}
    verdicts = [
        f"{k} {_pct(v, total.recorded)} (target {TARGETS[k]:.0%})"
        f"{'' if v >= TARGETS[k] * total.recorded else ' MISSED'}"
        for k, v in met.items()
    ]
    existing_ok = total.new_ok - total.new_hit  # existing items not flagged new
    lines += [
        "",
        "Targets: " + "; ".join(verdicts),
        f"'Probably new': {total.new_hit} of the {total.truly_new} items whose entry only that source backs; "
        f"{total.found - total.truly_new - existing_ok} of the other {total.found - total.truly_new} items wrongly.",
        "",
    ]
    missing = sorted({s.id for s in read_catalog(content)[1]} - {r.source for r in results})
    if missing:
        lines += [f"Not evaluated (text copy not found): {', '.join(missing)}", ""]
    misses = [m for r in results for m in r.misses]
    lines += ["Wrong:" if misses else "Nothing wrong.", *(f"- {m}" for m in misses)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(report(Path(args[0]) if args else ROOT / "content"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
