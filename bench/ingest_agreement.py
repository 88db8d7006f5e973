"""How far saved `kbgen-ingest` proposals agree with the mapping an editor made afterwards.

The proposals are `kbgen-ingest ARTICLE --format json` outputs saved before the articles were mapped
by hand, one per article, named after the article's file (`bench/ingest-set3/<stem>.json`). Once the
content has a source record for an article (its `file` is `<stem>.txt`), each recorded item is
compared with the entry that covers it. Per article and overall:

- items: recorded items the proposals list (by item id; ingest numbers unnumbered items b1, b2..., so
  "b3" and "3" are the same item), and proposed items the record lacks;
- top-1 / top-3: the covering entry is the first / among the first three proposals, as proposed, and
  through history (a proposed entry since renamed or merged counts as the entry it became);
- new ok: the item's "probably new" verdict is right: its entry is new, that is did not exist when the
  proposals were made (the ids in the saved output's `entries`, or in the catalog `--old-content`;
  an entry renamed since is not new).

Shares are of the recorded items. Run: `python bench/ingest_agreement.py [PROPOSALS] [CONTENT]
[--old-content OLD]` (defaults: bench/ingest-set3, content). `--save ARTICLES` first writes the
proposals for every `*.txt` of ARTICLES, as `kbgen-ingest --format json` gives them but without the
items' text: the repository keeps no source text.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from ingest_eval import item_key  # noqa: E402  (bench/, beside this file)
from kbgen.ingest.articles import parse_article  # noqa: E402
from kbgen.ingest.propose import Ranker, default_source_dirs, profiles, propose, read_catalog  # noqa: E402
from kbgen.model.catalog import Catalog  # noqa: E402
from kbgen.read.load import load_catalog  # noqa: E402


@dataclass
class Agreement:
    article: str
    source: str = ""  # the source record's id; empty while the article is not recorded
    recorded: int = 0
    found: int = 0
    extra: int = 0
    top1: int = 0
    top3: int = 0
    top1_history: int = 0
    top3_history: int = 0
    new_ok: int = 0
    truly_new: int = 0
    said_new: int = 0
    new_hit: int = 0


def save(articles: Path, out: Path, content: Path) -> list[Path]:
    """Proposals for every article of a folder, one JSON file per article, without the items' text."""
    entries, sources = read_catalog(content)
    ranker = Ranker(profiles(entries, sources, default_source_dirs(content)))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(articles.glob("*.txt")):
        result = propose(parse_article(path.read_text(encoding="utf-8")), ranker)
        for item in result["items"]:
            del item["text"]
        written.append(out / f"{path.stem}.json")
        written[-1].write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return written


def load_proposals(folder: Path) -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def _existed(catalog: Catalog, old_ids: set[str]) -> set[str]:
    """Ids of today's entries that existed, under this id or an earlier one, when the proposals were made."""
    return {e.id for e in catalog.entries if e.id in old_ids or any(p.id in old_ids for p in e.previous_ids)}


def compare(stem: str, proposal: dict[str, Any], catalog: Catalog, old_ids: set[str] | None) -> Agreement:
    """One article's proposals against its source record (if there is one yet)."""
    result = Agreement(stem)
    source = next((s for s in catalog.sources if Path(s.file).stem == stem), None)
    if source is None:
        return result
    result.source = source.id
    proposed = {item_key(i["id"]): i for i in proposal["items"]}
    recorded = {item_key(i.id): i.id for i in source.items}
    result.recorded, result.extra = len(recorded), len(set(proposed) - set(recorded))
    history = {r.old_id: r.target.id for r in catalog.redirects}
    existed = _existed(catalog, old_ids if old_ids is not None else set(proposal.get("entries", ())))
    for key, item_id in recorded.items():
        item, want = proposed.get(key), catalog.coverage.get((source.id, item_id))
        if item is None or want is None:
            continue
        result.found += 1
        ranked = [p["entry"] for p in item["proposals"]]
        resolved = [history.get(e, e) for e in ranked]
        result.top1 += ranked[:1] == [want.id]
        result.top3 += want.id in ranked[:3]
        result.top1_history += resolved[:1] == [want.id]
        result.top3_history += want.id in resolved[:3]
        truly_new = want.id not in existed
        result.truly_new += truly_new
        result.said_new += item["new"]
        result.new_hit += item["new"] and truly_new
        result.new_ok += item["new"] == truly_new
    return result


def agreement(proposals: Path, content: Path, old_content: Path | None = None) -> list[Agreement]:
    catalog = load_catalog(content, content.parent)
    old_ids = {e.id for e in load_catalog(old_content, old_content.parent).entries} if old_content else None
    return [compare(stem, p, catalog, old_ids) for stem, p in load_proposals(proposals).items()]


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f} %" if d else "-"


def report(results: list[Agreement]) -> str:
    recorded = [r for r in results if r.source]
    total = Agreement("**all**", "", *(sum(getattr(r, f.name) for r in recorded) for f in fields(Agreement)[2:]))
    lines = [
        "## Ingest proposals against the final mapping",
        "",
        "| article | source | items found | extra | top-1 | top-3 | top-1 via history | top-3 via history "
        "| 'probably new' right |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in [*recorded, total]:
        n = r.recorded
        lines.append(
            f"| {r.article} | {r.source} | {r.found}/{n} | {r.extra} | {_pct(r.top1, n)} | {_pct(r.top3, n)} "
            f"| {_pct(r.top1_history, n)} | {_pct(r.top3_history, n)} | {_pct(r.new_ok, r.found)} |"
        )
    lines += [
        "",
        f"'Probably new': said for {total.said_new} items, {total.new_hit} of them rightly; "
        f"{total.truly_new} items went to entries that did not exist yet.",
    ]
    waiting = [r.article for r in results if not r.source]
    if waiting:
        lines += ["", f"No source record yet: {', '.join(waiting)}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("proposals", nargs="?", type=Path, default=ROOT / "bench" / "ingest-set3")
    parser.add_argument("content", nargs="?", type=Path, default=ROOT / "content")
    parser.add_argument("--old-content", type=Path, help="the catalog as it was when the proposals were made")
    parser.add_argument("--save", type=Path, metavar="ARTICLES", help="first save proposals for these articles")
    args = parser.parse_args(argv)
    if args.save:
        save(args.save, args.proposals, args.content)
    print(report(agreement(args.proposals, args.content, args.old_content)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
