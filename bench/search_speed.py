"""How big the search index is and how fast Material's search answers, hosted and offline.

    python bench/search_speed.py [N ...]        (default: 20 200 2000, or BENCH_SIZES)

For each synthetic catalog (bench/synth.py) it builds the hosted site and the offline copy
(OFFLINE=true, opened from file://), then in Chromium, RUNS times each (median reported):

- first query: a fresh browser context opens the home page; as soon as its load event has
  fired, the reader clicks into the search box and types a two-word query. The time runs from
  that moment to the first result on screen (so it includes fetching the index and Material's
  building of its lunr index, in the worker hosted, on the page's own thread offline);
- next query: then another two-word query, from typing to its first result;
- longest task offline: the longest main-thread task (PerformanceObserver 'longtask') from the
  moment the reader opens the search box until the first result, on the file:// page (where
  the iframe-worker shim runs the search "worker" in a frame on the page's own thread).

`report(sizes)` returns the Markdown table; bench/run.py prints it with the other results.
"""

from __future__ import annotations

import functools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import search_eval  # noqa: E402
import synth  # noqa: E402

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "20,200,2000").split(","))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
FIRST_QUERY = "contract budget"  # two words of bench/synth.py's vocabulary
NEXT_QUERY = "quality review"
TIMEOUT_MS = 60_000

# Installed in every page before its own scripts: records long tasks from the start.
LONG_TASKS = """
window.__kbLongTasks = [];
try {
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) window.__kbLongTasks.push([e.startTime, e.duration]);
  }).observe({type: "longtask", buffered: true});
} catch (e) {}
"""

# Types `query` as one keystroke (the whole value, then a keyup, which is what Material listens
# to) and resolves with the milliseconds until the result list shows an item. With `open`,
# focuses the box first, which opens the search dialog (and, offline, starts loading the index).
TIME_QUERY = """
async ([query, open, timeout]) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const t0 = performance.now();
  const done = new Promise(resolve => {
    const seen = new MutationObserver(() => {
      if (list.querySelector(".md-search-result__item")) {
        seen.disconnect();
        resolve(performance.now());
      }
    });
    seen.observe(list, {childList: true});
    setTimeout(() => resolve(NaN), timeout);
  });
  if (open) input.focus();
  list.replaceChildren();
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "e"}));
  const t1 = await done;
  const longest = Math.max(0, ...window.__kbLongTasks
    .filter(([start, duration]) => start + duration >= t0 && start <= t1)
    .map(([, duration]) => duration));
  return {ms: t1 - t0, longest};
}
"""


@dataclass
class Timing:
    first_ms: float
    next_ms: float
    longest_ms: float


def build(config: Path, out: Path, offline: bool) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "true" if offline else "false"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
    )
    if result.returncode:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-3000:]}")


def time_once(browser, url: str) -> Timing:
    context = browser.new_context()  # fresh: nothing cached from an earlier run
    try:
        context.add_init_script(LONG_TASKS)
        page = context.new_page()
        page.goto(url, wait_until="load")
        first = page.evaluate(TIME_QUERY, [FIRST_QUERY, True, TIMEOUT_MS])
        page.wait_for_timeout(300)  # let the first answer settle
        later = page.evaluate(TIME_QUERY, [NEXT_QUERY, False, TIMEOUT_MS])
        return Timing(first["ms"], later["ms"], first["longest"])
    finally:
        context.close()


def median_timing(browser, url: str, runs: int = RUNS) -> Timing:
    ts = [time_once(browser, url) for _ in range(runs)]
    return Timing(
        statistics.median(t.first_ms for t in ts),
        statistics.median(t.next_ms for t in ts),
        statistics.median(t.longest_ms for t in ts),
    )


def measure(n: int, work: Path, browser) -> dict:
    project = work / f"search-{n}"
    synth.write_generator_project(n, project)
    hosted, offline = project / "site", project / "site-offline"
    build(project / "mkdocs.yml", hosted, offline=False)
    build(project / "mkdocs.yml", offline, offline=True)
    index = (hosted / "search" / "search_index.json").stat().st_size
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(search_eval._Quiet, directory=str(hosted)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        on_host = median_timing(browser, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
    from_file = median_timing(browser, (offline / "index.html").as_uri())
    return {"n": n, "index": index, "hosted": on_host, "offline": from_file}


def row(r: dict) -> str:
    h, o = r["hosted"], r["offline"]
    return (
        f"| N={r['n']} | {r['index'] / 1e3:,.0f} | {r['index'] / r['n'] / 1e3:.2f}"
        f" | {h.first_ms / 1e3:.2f} | {h.next_ms / 1e3:.2f} | {o.first_ms / 1e3:.2f} | {o.next_ms / 1e3:.2f}"
        f" | {o.longest_ms:,.0f} |"
    )


def report(sizes: tuple[int, ...] | list[int] = SIZES) -> str:
    """Build each synthetic catalog hosted and offline, time its search, return a Markdown table."""
    from playwright.sync_api import sync_playwright

    lines = [
        f"Search, synthetic catalogs: median of {RUNS} runs each, Chromium, {os.cpu_count()} cores"
        f" (load average {os.getloadavg()[0]:.1f} at the start). First query: typed as soon as the page"
        " has loaded, until its first result (includes loading the index); longest task: the longest"
        " main-thread task offline from opening the search box to the first result.",
        "",
        "| catalog | index KB | KB per entry | hosted first s | hosted next s | offline first s"
        " | offline next s | offline longest task ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory(prefix="kbgen-search-") as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=search_eval.CHROMIUM_ARGS)
        try:
            for n in sizes:
                lines.append(row(measure(n, Path(tmp), browser)))
                print(lines[-1], file=sys.stderr, flush=True)
        finally:
            browser.close()
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(report(tuple(int(a) for a in args) if args else SIZES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
