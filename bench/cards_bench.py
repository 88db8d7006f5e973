"""Cost of link-preview cards: draw N cards into an empty cache (cold), then again (warm: cache hits).

    python bench/cards_bench.py [N]

Prints one JSON line: the median and total time per phase, and the largest card's size.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kbgen.generate.cards import Card, Theme, draw_cached  # the project is installed in its venv (pip install -e .)

WORDS = ["vendor", "scope", "contract", "budget", "handover", "quality", "security", "support", "timeline", "knowledge"]


def synthetic(n: int) -> list[Card]:
    """N different entry-like cards, titles of varying length."""

    def title(i: int) -> str:
        return " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(3 + i % 12)).capitalize()

    return [
        Card(
            site="Benchmark Catalog",
            kicker=f"BC-{i}",
            title=f"{title(i)} {i}",
            detail=f"Category {i % 7}",
            badge=("Severity: low", "Severity: high")[i % 2],
        )
        for i in range(n)
    ]


def timed(batch: list[Card], theme: Theme, cache: Path) -> list[float]:
    times = []
    for card in batch:
        start = time.perf_counter()
        draw_cached(card, theme, cache)
        times.append(time.perf_counter() - start)
    return times


def run(n: int = 200) -> dict[str, float | int]:
    """Draw N cards cold, then warm, in a fresh cache folder; the result in milliseconds and bytes."""
    batch, theme = synthetic(n), Theme.from_material("indigo")
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        cold, warm = timed(batch, theme, cache), timed(batch, theme, cache)
        largest = max(p.stat().st_size for p in cache.glob("*.png"))
    return {
        "n": n,
        "cold_median_ms": statistics.median(cold) * 1000,
        "warm_median_ms": statistics.median(warm) * 1000,
        "cold_total_s": sum(cold),
        "warm_total_s": sum(warm),
        "largest_bytes": largest,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    result = run(int(args[0]) if args else 200)
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
