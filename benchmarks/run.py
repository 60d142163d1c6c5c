"""Benchmark the build and the dashboard: build time and memory, bytes, browser timings, and
the naive approach beside ours.

Usage: python benchmarks/run.py [--sizes S,M,L] [--runs N] [--naive] [--json FILE]
Sizes: S is the shipped content; M (2,000 Kommunen, 10,000 Verbindungen, 300 Maßnahmen),
X (5,000 / 25,000 / 1,000) and L (11,000 / 50,000 / 2,000) are synthesized with a fixed seed.
Prints a table and writes JSON; every timing is the median of --runs runs (L: at most 2).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def timed_build(content: Path, out: Path) -> tuple[float, float]:
    """One build in a fresh process: wall seconds and peak memory (MiB)."""
    cmd = [sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed: {proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def sizes(dist: Path) -> dict:
    files = sorted(p for p in dist.rglob("*") if p.is_file())
    index = (dist / "index.html").read_bytes()
    others = {p: gz(p.read_bytes()) for p in files if p.suffix == ".html" and p.parent != dist}
    biggest = max(others, key=others.__getitem__)
    used = re.findall(rb'(?:src|href)="(assets/[^"]+)"', index)
    assets = [(dist / u.decode()).read_bytes() for u in sorted(set(used))]
    return {
        "pages": sum(1 for p in files if p.suffix == ".html"),
        "dist_raw": sum(p.stat().st_size for p in files),
        "dist_gzip": sum(gz(p.read_bytes()) for p in files),
        "index_raw": len(index),
        "index_gzip": gz(index),
        "assets_raw": sum(len(a) for a in assets),
        "assets_gzip": sum(gz(a) for a in assets),
        "dashboard_transfer_gzip": gz(index) + sum(gz(a) for a in assets),
        "other_page_gzip_median": statistics.median(others.values()),
        "other_page_gzip_max": others[biggest],
        "other_page_max_path": str(biggest.relative_to(dist)),
    }


# One interaction, timed until the next paint: a filter change, selecting the Kommune with the
# most partners (from the list), and a path from it to the Kommune farthest from it in the list.
INTERACTION_JS = """async (kind) => {
    const K = KTS.data.K;
    let hub = 0;
    for (let i = 1; i < K.id.length; i++) if (K.partners[i] > K.partners[hub]) hub = i;
    const t0 = performance.now();
    if (kind === 'filter') {
        const sel = document.getElementById('f-hf');
        sel.selectedIndex = 1;
        sel.dispatchEvent(new Event('change', {bubbles: true}));
    } else if (kind === 'select') {
        KTS.bus.emit('select', hub, 'list');
    } else {
        const V = KTS.data.V, last = KTS.view.matching[KTS.view.matching.length - 1];
        KTS.state.weg = K.id[V.von[last] === hub ? V.nach[last] : V.von[last]];
        KTS.bus.emit('focus');
    }
    const t1 = performance.now();
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return {sync: t1 - t0, painted: performance.now() - t0};
}"""
INTERACTIONS = ("filter", "select", "path")


NAIVE_LIMIT = 120  # seconds a naive page may take to a stable graph before we stop waiting
SIZES = {"M": (2000, 10000, 300), "X": (5000, 25000, 1000), "L": (11000, 50000, 2000)}

LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({type: "longtask", buffered: true});
"""


def offline(ctx) -> None:
    """Network cut off as DevTools does it; file:// still loads. (A Playwright route would
    also do, but sends every file request through Python, about 50 ms each.)"""
    ctx.set_offline(True)


def browser_timings(dist: Path, runs: int) -> dict:
    """Navigation to drawn map and graph, then a filter change, a selection and a path, from
    file:// offline."""
    from playwright.sync_api import sync_playwright

    ready, drawn, longest = [], [], []
    timings: dict[str, list[dict]] = {kind: [] for kind in INTERACTIONS}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            offline(ctx)
            ctx.add_init_script(LONG_TASKS)
            page = ctx.new_page()
            page.goto((dist / "index.html").as_uri(), timeout=120000)
            page.wait_for_function(
                "() => document.getElementById('graph').dataset.drawn", timeout=120000
            )
            ready.append(float(page.evaluate("document.body.dataset.readyAt")))
            first = float(page.evaluate("document.getElementById('graph').dataset.drawn"))
            drawn.append(first)
            page.wait_for_timeout(1500)
            for kind in INTERACTIONS:
                timings[kind].append(page.evaluate(INTERACTION_JS, kind))
                page.wait_for_timeout(700)
            tasks = page.evaluate("window.__longTasks")
            longest.append(max((d for start, d in tasks if start > first), default=0.0))
            ctx.close()
        browser.close()
    return {
        "ready_ms": statistics.median(ready),
        "graph_drawn_ms": statistics.median(drawn),
        **{
            f"{kind}_{part}_ms": statistics.median(t[part] for t in timings[kind])
            for kind in INTERACTIONS
            for part in ("sync", "painted")
        },
        "longest_task_after_draw_ms": max(longest),
    }


def naive(content: Path, out: Path, runs: int) -> dict:
    """Build and load the naive pages: build time, bytes, time to a drawn, stable graph."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "naive.py"), str(content), str(out)], check=True
    )
    build_s = time.perf_counter() - started
    graph, fmap = (out / "graph.html").read_bytes(), (out / "map.html").read_bytes()
    import xstatic.pkg.leaflet as xl

    leaflet = Path(xl.BASE_DIR)
    stable, map_loaded = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            offline(ctx)
            page = ctx.new_page()
            # The naive page may block the browser for minutes: give up after NAIVE_LIMIT.
            try:
                page.goto((out / "graph.html").as_uri(), timeout=NAIVE_LIMIT * 1000)
                page.wait_for_function(
                    "typeof network !== 'undefined' && "
                    "(network.physics.ready || network.physics.stabilized)",
                    timeout=NAIVE_LIMIT * 1000,
                    polling=100,
                )
            except PlaywrightTimeout:
                stable.append(float("inf"))
            else:
                stable.append(page.evaluate("performance.now()"))
            ctx.close()
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})

            def local_leaflet(route):
                name = route.request.url.rsplit("/", 1)[-1]
                if name in ("leaflet.js", "leaflet.css"):
                    route.fulfill(path=str(leaflet / name))
                elif route.request.url.startswith("file:"):
                    route.continue_()
                else:
                    route.abort()

            ctx.route("**/*", local_leaflet)
            page = ctx.new_page()
            page.goto((out / "map.html").as_uri(), timeout=300000, wait_until="load")
            map_loaded.append(page.evaluate("performance.now()"))
            ctx.close()
        browser.close()
    return {
        "naive_build_s": build_s,
        "naive_graph_raw": len(graph),
        "naive_map_raw": len(fmap),
        "naive_transfer_gzip": gz(graph) + gz(fmap),
        "naive_graph_stable_ms": statistics.median(stable),
        "naive_map_loaded_ms": statistics.median(map_loaded),
    }


def measure(size: str, content: Path, tmp: Path, runs: int, with_naive: bool) -> dict:
    """Everything for one size."""
    out = tmp / f"dist-{size}"
    builds = [timed_build(content, out) for _ in range(runs)]
    result = {
        "size": size,
        "runs": runs,
        "build_s": statistics.median(b[0] for b in builds),
        "build_peak_mib": max(b[1] for b in builds),
        **sizes(out),
        **browser_timings(out, runs),
    }
    if with_naive:
        # One naive run: on M it blocks the browser for minutes.
        result.update(naive(content, tmp / f"naive-{size}", 1))
        result["ratio_build"] = result["build_s"] / result["naive_build_s"]
        result["ratio_transfer"] = result["dashboard_transfer_gzip"] / result["naive_transfer_gzip"]
        naive_ms = result["naive_graph_stable_ms"]
        if naive_ms == float("inf"):  # did not stabilize within NAIVE_LIMIT
            result["naive_graph_stable_ms"] = f"> {NAIVE_LIMIT * 1000}"
            result["ratio_graph_drawn"] = f"< {result['graph_drawn_ms'] / (NAIVE_LIMIT * 1000):.4f}"
        else:
            result["ratio_graph_drawn"] = result["graph_drawn_ms"] / naive_ms
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content of S")
    parser.add_argument("--sizes", default="S", help="comma-separated: S, M, X, L")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive", default="", help="sizes to also measure naively, e.g. S,M")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    from generator.synth import write_synthetic

    results = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for size in args.sizes.split(","):
            if size == "S":
                content = args.content.resolve()
            else:
                content = tmp / f"content-{size}"
                write_synthetic(content, *SIZES[size], seed=1)
            runs = args.runs if size in ("S", "M") else min(args.runs, 2)
            results.append(measure(size, content, tmp, runs, size in args.naive.split(",")))
            print_table(results)
            if args.json:
                args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def print_table(results: list[dict]) -> None:
    """One column per size, one row per measure."""
    keys = list(dict.fromkeys(k for r in results for k in r))
    width = max(len(k) for k in keys)
    print()
    for key in keys:
        cells = []
        for r in results:
            value = r.get(key, "")
            if isinstance(value, float):
                cells.append(f"{value:>14,.3f}")
            elif isinstance(value, int):
                cells.append(f"{value:>14,}")
            else:
                cells.append(f"{value:>14}")
        print(f"{key:<{width}}  " + "".join(cells), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
