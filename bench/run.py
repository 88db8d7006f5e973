"""`make bench`: build synthetic catalogs of 20, 200 and 2,000 entries and the real one, and report.

Prints a Markdown table (also written to bench/results.md): build time (median of RUNS runs),
peak memory, output size, largest entry and listing pages, search index size, the same N as
plain Markdown, client code size, search quality (hit@1/hit@3), and Lighthouse scores when the
`lighthouse` CLI is installed. Also prints a profile summary of the largest build.
"""

from __future__ import annotations

import gzip
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import ingest_eval  # noqa: E402
import search_eval  # noqa: E402
import search_speed  # noqa: E402
import synth  # noqa: E402

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "20,200,2000").split(","))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(config: Path, out: Path, profile: Path | None = None) -> dict:
    extra = ["--profile", str(profile)] if profile else []
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "measure.py"), str(config), str(out), *extra],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=config.parent,
    )
    if result.returncode:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(config: Path, out: Path, entries_dir: str, runs: list[dict] | None = None) -> dict:
    runs = runs or [build(config, out) for _ in range(RUNS)]
    files = [p for p in out.rglob("*") if p.is_file()]
    entry_pages = [p for p in (out / entries_dir).glob("*/index.html")]
    listings = [p for p in (out / "categories").glob("*/index.html")] + [out / entries_dir / "index.html"]
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
        "output_mb": sum(p.stat().st_size for p in files) / 1e6,
        "entry_kb": max(p.stat().st_size for p in entry_pages) / 1e3,
        "listing_kb": max(p.stat().st_size for p in listings) / 1e3,
        "index_kb": (out / "search" / "search_index.json").stat().st_size / 1e3,
    }


def client_size() -> dict:
    """The quiz's own script (its parts joined, as the build serves them) and stylesheet, and the agenda's, each
    minified (rjsmin/rcssmin) and gzipped: each file is served, so compressed, on its own."""
    import rcssmin
    import rjsmin

    from kbgen.generate import agenda, assets, quiz

    folder = assets.FOLDER.parent  # what assets/<name> is served from

    def js(parts: tuple[str, ...]) -> int:
        script = "\n".join((folder / src).read_text() for src in parts)
        return len(gzip.compress(rjsmin.jsmin(script).encode(), 9))

    def css(name: str) -> int:
        return len(gzip.compress(rcssmin.cssmin((folder / "assets" / name).read_text()).encode(), 9))

    return {
        "js": js(quiz.SCRIPT_PARTS),
        "css": css("quiz.css"),
        "agenda_js": js(agenda.SCRIPT_PARTS),
        "agenda_css": css("agenda.css"),
    }


class _Compressing(search_eval._Quiet):
    """Serves text files gzipped when the browser accepts it, as static hosts (GitHub Pages,
    Netlify, nginx with gzip on) do: Lighthouse then measures the site as it is published."""

    TEXT = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"})

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in self.TEXT or not path.is_file():
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def lighthouse(site: Path) -> dict[str, dict[str, Any]] | None:
    cli = shutil.which("lighthouse") or shutil.which("lighthouse", path=str(ROOT / "bench/node/node_modules/.bin"))
    if not cli:
        return None
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Compressing, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    scores = {}
    try:
        for name, path in (("home", ""), ("pitfall", "pitfalls/op-1/"), ("self-assessment", "self-assessment/")):
            result = subprocess.run(
                [
                    cli,
                    base + path,
                    "--output=json",
                    "--quiet",
                    "--chrome-flags=--headless=new " + " ".join(search_eval.CHROMIUM_ARGS),
                    "--only-categories=performance,accessibility,best-practices,seo",
                ],
                capture_output=True,
                text=True,
                env={**ENV, "CHROME_PATH": "/usr/bin/chromium"},
                timeout=300,
            )
            if result.returncode:
                scores[name] = {"error": result.stderr.strip().splitlines()[-1][:80] if result.stderr else "failed"}
                continue
            cats = json.loads(result.stdout)["categories"]
            scores[name] = {k: round(v["score"] * 100) for k, v in cats.items()}
    finally:
        server.shutdown()
    return scores


def profile_summary(profile: Path, top: int = 12) -> list[str]:
    """Where the time of a build goes, by package (cumulative time of each package's own code)."""
    stats: Any = pstats.Stats(str(profile))  # its .stats and .total_tt are not in typeshed
    by_package: dict[str, float] = {}
    for (file, _, _), (_, _, tottime, _, _) in stats.stats.items():
        parts = Path(file).parts
        name = next(
            (
                p
                for p in ("kbgen", "material", "mkdocs", "markdown", "jinja2", "yaml", "jsonschema", "catalog.py")
                if p in parts or file.endswith(p)
            ),
            "other",
        )
        by_package[name] = by_package.get(name, 0) + tottime
    total = sum(by_package.values())
    lines = [f"| {k} | {v:.1f} s | {v / total:.0%} |" for k, v in sorted(by_package.items(), key=lambda kv: -kv[1])]
    stats.sort_stats("tottime")
    width = stats.total_tt
    hot = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
    lines += ["", "| hottest function | own time |", "|---|---|"]
    lines += [f"| {Path(f).name}:{line} {fn} | {s[2]:.2f} s ({s[2] / width:.0%}) |" for (f, line, fn), s in hot]
    return lines


def cards_cost(work: Path) -> list[str]:
    """Build time with link-preview cards (cold cache, warm cache) against the same build without cards."""
    lines = [
        "## Link-preview cards",
        "",
        "| catalog | no cards s | cold cache s | warm cache s | warm overhead |",
        "|---|---|---|---|---|",
    ]
    for n in [n for n in SIZES if n >= 200]:
        plain, carded = work / f"nocards-{n}", work / f"cards-{n}"
        synth.write_generator_project(n, plain)
        synth.write_generator_project(n, carded, cards=True)
        cache = carded / ".cache"
        times: dict[str, list[float]] = {"none": [], "cold": [], "warm": []}
        for _ in range(RUNS):  # alternated, as above
            times["none"].append(build(plain / "mkdocs.yml", plain / "site")["seconds"])
            shutil.rmtree(cache, ignore_errors=True)
            times["cold"].append(build(carded / "mkdocs.yml", carded / "site")["seconds"])
            times["warm"].append(build(carded / "mkdocs.yml", carded / "site")["seconds"])
        none, cold, warm = (statistics.median(times[k]) for k in ("none", "cold", "warm"))
        lines.append(f"| synthetic N={n} | {none:.2f} | {cold:.2f} | {warm:.2f} | {warm / none - 1:+.1%} |")
        print(lines[-1], flush=True)
    return [*lines, "", "Target: a warm build adds at most 5% at N=2000."]


BUILDERS = ("mkdocs", "properdocs", "zensical")


def timed_build(project: Path, builder: str) -> float:
    """Wall time of ``kbgen build --builder ...`` in ``project``: generation and the builder, as a user waits."""
    start = time.perf_counter()
    result = subprocess.run(
        [str(Path(sys.executable).parent / "kbgen"), "build", "--builder", builder],
        cwd=project,
        capture_output=True,
        text=True,
        env={**ENV, "SITE_DIR": str(project / f"site-{builder}")},
    )
    if result.returncode:
        raise SystemExit(f"{builder} build of {project} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def builders_cost(work: Path) -> list[str]:
    """Build time per builder, side by side: each run builds with every builder in turn (alternating, so a slow
    spell of the machine falls on all of them). Zensical keeps a cache of rendered pages beside its
    configuration: its first build (cold) and the ones after it (warm) are reported apart."""
    lines = [
        "## Builders",
        "",
        "Wall time of `kbgen build --builder B` (the generation step and the builder), median of the runs.",
        "",
        "| catalog | mkdocs (hooks) s | properdocs s | zensical cold s | zensical warm s |",
        "|---|---|---|---|---|",
    ]
    for n in SIZES:
        project = work / f"gen-{n}"
        times: dict[str, list[float]] = {b: [] for b in (*BUILDERS, "zensical cold")}
        for _ in range(RUNS):
            for builder in BUILDERS:
                if builder == "zensical":
                    shutil.rmtree(project / ".cache" / "kbgen" / "zensical" / ".cache", ignore_errors=True)
                    times["zensical cold"].append(timed_build(project, builder))
                times[builder].append(timed_build(project, builder))
        m = {k: statistics.median(v) for k, v in times.items()}
        lines.append(
            f"| synthetic N={n} | {m['mkdocs']:.2f} | {m['properdocs']:.2f} | {m['zensical cold']:.2f}"
            f" | {m['zensical']:.2f} |"
        )
        print(lines[-1], flush=True)
    return lines


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="kbgen-bench-"))
    report = [
        "# Benchmark results",
        "",
        f"Median of {RUNS} builds each; {os.cpu_count()} cores.",
        "",
        "| catalog | build s | plain s | ratio | peak MB | output MB | largest entry KB | largest listing KB |"
        " search index KB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    results = {}
    for n in SIZES:
        gen, plain = work / f"gen-{n}", work / f"plain-{n}"
        synth.write_generator_project(n, gen)
        synth.write_plain_project(n, plain)
        # Alternate the two builds, so a slower spell of the machine does not fall on one of them only.
        runs: dict[Path, list[dict]] = {gen: [], plain: []}
        for _ in range(RUNS):
            for project in runs:
                runs[project].append(build(project / "mkdocs.yml", project / "site"))
        r = measure(gen / "mkdocs.yml", gen / "site", "synthetic", runs[gen])
        p = measure(plain / "mkdocs.yml", plain / "site", "synthetic", runs[plain])
        results[n] = (r, p)
        report.append(
            f"| synthetic N={n} | {r['seconds']:.2f} | {p['seconds']:.2f} | {r['seconds'] / p['seconds']:.2f}"
            f" | {r['peak_mb']:.0f} | {r['output_mb']:.1f} | {r['entry_kb']:.1f} | {r['listing_kb']:.1f}"
            f" | {r['index_kb']:.0f} |"
        )
        print(report[-1], flush=True)
    real = measure(ROOT / "mkdocs.yml", work / "real", "pitfalls")
    report.append(
        f"| real catalog | {real['seconds']:.2f} | | | {real['peak_mb']:.0f} | {real['output_mb']:.1f}"
        f" | {real['entry_kb']:.1f} | {real['listing_kb']:.1f} | {real['index_kb']:.0f} |"
    )
    lo, mid, hi = SIZES[0], SIZES[len(SIZES) // 2], SIZES[-1]
    report += [
        "",
        "## Targets",
        "",
        "| target | measured | goal |",
        "|---|---|---|",
        f"| largest entry page N={hi} / N={lo} | {results[hi][0]['entry_kb'] / results[lo][0]['entry_kb']:.2f}x"
        " | at most 1.2x |",
        f"| build time N={hi} / N={mid} | {results[hi][0]['seconds'] / results[mid][0]['seconds']:.1f}x"
        f" | at most {hi // mid * 1.2:.0f}x |",
        f"| generator overhead over plain Markdown at N={hi} | "
        f"{results[hi][0]['seconds'] / results[hi][1]['seconds'] - 1:+.1%} | at most +10% |",
    ]
    size = client_size()
    report.append(
        f"| quiz.js (kbgen/assets/quiz/*.js joined) + quiz.css, minified + gzipped | {size['js']} + "
        f"{size['css']} = {(size['js'] + size['css']) / 1024:.1f} KB | at most 12 KB |"
    )
    report.append(
        f"| agenda.js (kbgen/assets/agenda/*.js joined) + agenda.css, minified + gzipped (every page) | "
        f"{size['agenda_js']} + {size['agenda_css']} = {(size['agenda_js'] + size['agenda_css']) / 1024:.1f} KB | |"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=search_eval.CHROMIUM_ARGS)
        outcomes = search_eval.evaluate(work / "real", search_eval.load_queries(), browser)
        browser.close()
    at1, at3 = search_eval.hit_rates(outcomes)
    report += [
        f"| search hit@1 ({len(outcomes)} queries) | {at1:.0%} | at least 80% |",
        f"| search hit@3 | {at3:.0%} | at least 95% |",
    ]
    scores = lighthouse(work / "real")
    report += ["", "## Lighthouse (hosted build)", ""]
    if scores is None:
        report.append("Not measured: the `lighthouse` CLI is not installed (`make bench` installs it with npm).")
    else:
        report += ["| page | performance | accessibility | best practices | SEO |", "|---|---|---|---|---|"]
        for page, s in scores.items():
            report.append(
                f"| {page} | "
                + " | ".join(
                    str(s.get(k, s.get("error", "?")))
                    for k in ("performance", "accessibility", "best-practices", "seo")
                )
                + " |"
            )
    report += ["", "## Search speed (hosted and offline)", "", search_speed.report(SIZES)]
    report += ["", *builders_cost(work), "", *cards_cost(work), "", ingest_eval.report()]
    profile = work / "profile.out"
    synth.write_generator_project(hi, work / "profiled")
    build(work / "profiled" / "mkdocs.yml", work / "profiled" / "site", profile)
    report += [
        "",
        f"## Where the time goes (N={hi}, one profiled build)",
        "",
        "| package | own time | share |",
        "|---|---|---|",
        *profile_summary(profile),
    ]
    text = "\n".join(report) + "\n"
    (ROOT / "bench" / "results.md").write_text(text)
    print(text)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
