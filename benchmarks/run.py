"""Benchmark the build and the dashboard: build time and memory, bytes, browser timings, and
the naive approach beside ours.

Usage: python benchmarks/run.py [--sizes S,M,L] [--runs N] [--naive] [--json FILE]
    [--lighthouse S,M] [--lighthouse-runs N] [--graph-all M,X,L] [--edit S]
Sizes: S is the shipped content; M (2,000 Kommunen, 10,000 Verbindungen, 300 Maßnahmen),
X (5,000 / 25,000 / 1,000) and L (11,000 / 50,000 / 2,000) are synthesized with a fixed seed.
Prints a table and writes JSON (--json) and a Markdown table with the machine named
(--markdown, e.g. benchmarks/RESULTS.md); every timing is the median of --runs runs (L: at
most 2).
Interactions: each kind (filter, select, path, playback step) timed until painted, and the
longest Event Timing entry of real clicks (filter, select; INP-like). "Alle zeigen" (sizes of
--graph-all): time until drawn and the p90 frame time of dragging and zooming the graph.
Edit loop (--edit): serve, the open Kommune page, one row of kommunen.csv changed, until the
reloaded page shows it. Lighthouse (--lighthouse; npm's lighthouse 12.2.3, Debian Chromium,
mobile): per page kind against a local server with gzip and the headers of netlify.toml and
dist/_headers.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def timed_build(content: Path, out: Path, languages: str = "") -> tuple[float, float]:
    """One build in a fresh process: wall seconds and peak memory (MiB); languages "de"
    builds the German edition only (KTS_SPRACHEN), "" every edition."""
    cmd = [sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out)]
    env = {**os.environ, "KTS_SPRACHEN": languages}
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed: {proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def named_assets(html: bytes) -> list[str]:
    """The assets a page names: src and href, and the scripts it loads itself (data-scripts,
    data-lib, data-libs: the dashboard's code and data, the graph library)."""
    used = set(re.findall(rb'(?:src|href)="((?:\.\./)*assets/[^"]+)"', html))
    for listed in re.findall(rb'data-(?:scripts|libs?)="([^"]+)"', html):
        used.update(u for u in listed.split() if b"assets/" in u)
    return sorted(u.decode() for u in used)


def transfer(dist: Path, page: str) -> int:
    """What a dashboard page and every asset it names weigh, gzip."""
    html = (dist / page).read_bytes()
    folder = (dist / page).parent
    return gz(html) + sum(gz((folder / u).read_bytes()) for u in named_assets(html))


def sizes(dist: Path) -> dict:
    files = sorted(p for p in dist.rglob("*") if p.is_file())
    index = (dist / "index.html").read_bytes()
    others = {p: gz(p.read_bytes()) for p in files if p.suffix == ".html" and p.parent != dist}
    biggest = max(others, key=others.__getitem__)
    assets = [(dist / u).read_bytes() for u in named_assets(index)]
    english = {}
    if (dist / "en/index.html").is_file():
        english = {
            "pages_en": sum(
                1 for p in files if p.suffix == ".html" and "en" in p.relative_to(dist).parts[:1]
            ),
            "dashboard_transfer_gzip_en": transfer(dist, "en/index.html"),
        }
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
        **english,
    }


# One interaction, timed until the next paint: a filter change, selecting the Kommune with the
# most partners (from the list), and a path from it to the Kommune farthest from it in the list.
INTERACTION_JS = """async (kind) => {
    const K = KTS.data.K;
    let hub = 0;
    for (let i = 1; i < K.id.length; i++) if (K.partners[i] > K.partners[hub]) hub = i;
    const t0 = performance.now();
    try {
    if (kind === 'filter') {
        const sel = document.getElementById('f-hf');
        sel.selectedIndex = 1;
        sel.dispatchEvent(new Event('change', {bubbles: true}));
    } else if (kind === 'select') {
        KTS.bus.emit('select', hub, 'list');
    } else if (kind === 'playback') {
        // One step of the playback (the first Berichtszeitraum), then stopped.
        KTS.playback.interval = 1e9;
        KTS.playback.play();
        KTS.playback.stop();
    } else {
        const V = KTS.data.V, last = KTS.view.matching[KTS.view.matching.length - 1];
        KTS.state.weg = K.id[V.von[last] === hub ? V.nach[last] : V.von[last]];
        KTS.bus.emit('focus');
    }
    } catch (e) {
        return {error: String(e)};  // a failure of the page: reported, not timed
    }
    const t1 = performance.now();
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return {sync: t1 - t0, painted: performance.now() - t0};
}"""
INTERACTIONS = ("filter", "select", "path", "playback")


NAIVE_LIMIT = 120  # seconds a naive page may take to a stable graph before we stop waiting
SIZES = {"M": (2000, 10000, 300), "X": (5000, 25000, 1000), "L": (11000, 50000, 2000)}

LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({type: "longtask", buffered: true});
window.__events = [];
new PerformanceObserver((list) => {
    for (const e of list.getEntries())
        if (e.interactionId) window.__events.push([e.interactionId, e.name, e.duration]);
}).observe({type: "event", durationThreshold: 16, buffered: true});
"""

# Frame times while the graph is dragged and zoomed: requestAnimationFrame deltas.
FRAMES_JS = """() => {
    window.__frames = [];
    let last = performance.now();
    window.__framesOn = true;
    const tick = (now) => {
        window.__frames.push(now - last);
        last = now;
        if (window.__framesOn) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
}"""

# "Alle zeigen": from the click until the frame after the graph drew everything.
GRAPH_ALL_JS = """async () => {
    const button = document.getElementById('graph-all');
    if (!button || button.hidden) return null;
    const t0 = performance.now();
    button.click();
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
}"""


def event_timings(page) -> dict[str, float]:
    """INP-like: the longest Event Timing entry (durationThreshold 16 ms) of real clicks on an
    Art checkbox (filter) and on a hub in the list (selection), via Playwright's mouse."""
    out = {}
    for kind, selector in (
        ("filter", "input[name=art]:visible"),
        ("select", "button.k:visible"),
    ):
        page.evaluate("window.__events = []")
        page.locator(selector).first.click(timeout=10000)
        page.wait_for_timeout(600)
        events = page.evaluate("window.__events")
        out[f"{kind}_event_ms"] = max((d for _, _, d in events), default=0.0)
        if kind == "filter":
            page.locator(selector).first.click(timeout=10000)  # back to all Arten
            page.wait_for_timeout(600)
    return out


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))] if ordered else 0.0


def graph_all(dist: Path, runs: int) -> dict:
    """Click "Alle zeigen": time until drawn, then the p90 frame time while the graph is
    dragged and zoomed with the mouse."""
    from playwright.sync_api import sync_playwright

    drawn, frames = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            ctx, page = offline_context(browser)
            page.goto((dist / "index.html").as_uri(), timeout=120000)
            page.wait_for_function(
                "() => document.getElementById('graph').dataset.drawn", timeout=120000
            )
            page.wait_for_timeout(1000)
            ms = page.evaluate(GRAPH_ALL_JS)
            if ms is None:  # everything is shown already
                ctx.close()
                return {}
            drawn.append(ms)
            page.wait_for_timeout(500)
            box = page.locator("#graph").bounding_box()
            assert box is not None
            cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            # The wheel zooms once the graph was clicked (as the map does); a click here could
            # select a Kommune, so the click's effect is set directly.
            page.evaluate("KTS.network.setOptions({ interaction: { zoomView: true } })")
            page.evaluate(FRAMES_JS)
            for dx in (120, -120):
                page.mouse.move(cx, cy)
                page.mouse.down()
                page.mouse.move(cx + dx, cy + dx / 2, steps=15)
                page.mouse.up()
            for delta in (-300, -300, 300, 300):
                page.mouse.move(cx, cy)
                page.mouse.wheel(0, delta)
                page.wait_for_timeout(100)
            page.evaluate("window.__framesOn = false")
            frames.append(p90(page.evaluate("window.__frames")[1:]))
            ctx.close()
        browser.close()
    return {
        "graph_all_drawn_ms": statistics.median(drawn),
        "graph_pan_zoom_p90_frame_ms": statistics.median(frames),
    }


def edit_loop(content: Path, tmp: Path, runs: int) -> dict:
    """serve on a copy of the content; open the first Kommune's page in Chromium, change
    that Kommune's name in kommunen.csv and time until the reloaded page shows it."""
    import shutil
    import socket

    from playwright.sync_api import sync_playwright

    work = tmp / "edit-content"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(content, work)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp / "edit-dist"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "generator", "serve", "--content", str(work)]
    cmd += ["--out", str(out), "--port", str(port), "--quiet"]
    server = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    times = []
    try:
        csv_path = work / "kommunen.csv"
        lines = csv_path.read_text("utf-8").splitlines()
        header = lines[0].split(",")
        first = lines[1].split(",")
        kid = first[header.index("id")]
        url = f"http://127.0.0.1:{port}/kommunen/{kid}/index.html"
        # serve's first build notes what every page reads: at L that takes minutes.
        deadline = time.monotonic() + 900
        while not (out / "kommunen" / kid / "index.html").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("serve did not build")
            time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            for n in range(runs):
                page.wait_for_timeout(1500)  # the poll is waiting again
                name = f"Geändert {n}"
                row = list(first)
                row[header.index("name")] = name
                text = "\n".join([lines[0], ",".join(row), *lines[2:]]) + "\n"
                started = time.perf_counter()
                csv_path.write_text(text, "utf-8")
                page.locator("h1", has_text=name).wait_for(timeout=60000)
                times.append(time.perf_counter() - started)
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    print("edit loop runs (s):", " ".join(f"{t:.2f}" for t in times), file=sys.stderr)
    return {"edit_loop_s": statistics.median(times)}


LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices")


def page_kinds(dist: Path) -> dict[str, str]:
    """One page of each kind: the Kommune and Maßnahme with the biggest page."""

    def biggest(folder: str) -> str:
        pages = [p for p in (dist / folder).glob("*/index.html")]
        page = max(pages, key=lambda p: p.stat().st_size)
        return str(page.relative_to(dist).parent) + "/"

    felder = sorted((dist / "handlungsfelder").glob("*/index.html"))
    return {
        "dashboard": "",
        "kommunen": "kommunen/",
        "kommune": biggest("kommunen"),
        "massnahme": biggest("massnahmen"),
        "handlungsfeld": str(felder[0].relative_to(dist).parent) + "/",
        "analyse": "analyse/",
        "daten": "daten/",
    }


def lighthouse(dist: Path, runs: int, report_dir: Path | None = None) -> dict:
    """Lighthouse (npm, 12.2.3) mobile runs against a local server with gzip and the headers
    of netlify.toml and dist/_headers: per page kind performance, TBT, LCP, accessibility,
    best practices (medians); each kind's first report is kept in report_dir if given. The
    tile server is blocked, as in benchmarks/lighthouse.py: without network its tiles fail,
    and their errors in the console are not the site's."""
    from benchmarks.lighthouse import tile_host
    from tests.netlify import headers_rules, serve, toml_rules

    blocked = f"--blocked-url-patterns=*{tile_host(dist)}*"
    rules = toml_rules(ROOT / "netlify.toml") + headers_rules(dist)
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result: dict = {}
    with serve(dist, rules, gzip=True) as origin:
        for kind, path in page_kinds(dist).items():
            scores: dict[str, list[float]] = {}
            for n in range(runs):
                cmd = [
                    "npx", "--no-install", "lighthouse", f"{origin}/{path}",
                    "--output=json", "--quiet",
                    "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES), blocked,
                    "--chrome-flags=--headless=new --no-sandbox",
                ]  # fmt: skip
                proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, timeout=300)
                if proc.returncode != 0:
                    raise SystemExit(f"lighthouse failed: {proc.stderr.decode()[-2000:]}")
                lhr = json.loads(proc.stdout)
                if report_dir is not None and n == 0:
                    report_dir.mkdir(parents=True, exist_ok=True)
                    (report_dir / f"{kind}.json").write_bytes(proc.stdout)
                for cat in LIGHTHOUSE_CATEGORIES:
                    scores.setdefault(cat, []).append(100 * (lhr["categories"][cat]["score"] or 0))
                audits = lhr["audits"]
                scores.setdefault("tbt", []).append(audits["total-blocking-time"]["numericValue"])
                scores.setdefault("lcp", []).append(
                    audits["largest-contentful-paint"]["numericValue"]
                )
            result[f"lh_{kind}_performance"] = statistics.median(scores["performance"])
            result[f"lh_{kind}_tbt_ms"] = statistics.median(scores["tbt"])
            result[f"lh_{kind}_lcp_ms"] = statistics.median(scores["lcp"])
            result[f"lh_{kind}_accessibility"] = statistics.median(scores["accessibility"])
            result[f"lh_{kind}_best_practices"] = statistics.median(scores["best-practices"])
    return result


def offline(ctx) -> None:
    """Network cut off as DevTools does it; file:// still loads. (A Playwright route would
    also do, but sends every file request through Python, about 50 ms each.)"""
    ctx.set_offline(True)


def offline_context(browser, init_script: str = ""):
    """A 1900×1000 context with the network cut off (see offline), and its first page. At
    1,900 px map and graph stand side by side and are both drawn at the start (below 1,860 px
    the graph waits behind the switch Karte | Netzwerk), as at 1,400 px before issue 25."""
    ctx = browser.new_context(viewport={"width": 1900, "height": 1000})
    offline(ctx)
    if init_script:
        ctx.add_init_script(init_script)
    return ctx, ctx.new_page()


def browser_timings(dist: Path, runs: int) -> dict:
    """Navigation to drawn map and graph, then a filter change, a selection and a path, from
    file:// offline."""
    from playwright.sync_api import sync_playwright

    ready, drawn, longest = [], [], []
    events: list[dict[str, float]] = []
    timings: dict[str, list[dict]] = {kind: [] for kind in INTERACTIONS}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            ctx, page = offline_context(browser, LONG_TASKS)
            page.goto((dist / "index.html").as_uri(), timeout=120000)
            page.wait_for_function(
                "() => document.body.dataset.readyAt"
                " && document.getElementById('graph').dataset.drawn",
                timeout=120000,
            )
            ready.append(float(page.evaluate("document.body.dataset.readyAt")))
            first = float(page.evaluate("document.getElementById('graph').dataset.drawn"))
            drawn.append(first)
            page.wait_for_timeout(1500)
            for kind in INTERACTIONS:
                timings[kind].append(page.evaluate(INTERACTION_JS, kind))
                page.wait_for_timeout(700)
            tasks = page.evaluate("window.__longTasks")
            page.evaluate("location.hash = ''")
            page.wait_for_timeout(700)
            events.append(event_timings(page))
            longest.append(max((d for start, d in tasks if start > first), default=0.0))
            ctx.close()
        browser.close()
    return {
        "ready_ms": statistics.median(ready),
        "graph_drawn_ms": statistics.median(drawn),
        **{
            f"{kind}_{part}_ms": _median_or_error(timings[kind], part)
            for kind in INTERACTIONS
            for part in ("sync", "painted")
        },
        "longest_task_after_draw_ms": max(longest),
        **{key: statistics.median(e[key] for e in events) for key in events[0]},
    }


def _median_or_error(runs: list[dict], part: str) -> float | str:
    timed = [r[part] for r in runs if "error" not in r]
    if timed:
        return statistics.median(timed)
    print(f"page error: {runs[0]['error']}", file=sys.stderr)
    return "error"


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
            ctx, page = offline_context(browser)
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


def measure(
    size: str,
    content: Path,
    tmp: Path,
    runs: int,
    with_naive: bool,
    extras: set[str] = frozenset(),  # type: ignore[assignment]
    lighthouse_runs: int = 1,
    report_dir: Path | None = None,
) -> dict:
    """Everything for one size."""
    out = tmp / f"dist-{size}"
    # The German edition alone first (what the English one adds is the difference).
    german = [timed_build(content, tmp / f"dist-{size}-de", "de") for _ in range(runs)]
    german_transfer = transfer(tmp / f"dist-{size}-de", "index.html")
    builds = [timed_build(content, out) for _ in range(runs)]
    result = {
        "size": size,
        "runs": runs,
        "build_s": statistics.median(b[0] for b in builds),
        "build_peak_mib": max(b[1] for b in builds),
        "build_de_only_s": statistics.median(b[0] for b in german),
        "dashboard_transfer_gzip_de_only": german_transfer,
        **sizes(out),
        **browser_timings(out, runs),
    }
    if "graph-all" in extras:
        result.update(graph_all(out, runs))
    if "edit" in extras:
        result.update(edit_loop(content, tmp, max(runs, 3)))
    if "lighthouse" in extras:
        where = report_dir / size if report_dir else None
        result.update(lighthouse(out, lighthouse_runs, where))
    if "build_de_only_s" in result and result["build_de_only_s"]:
        result["english_build_cost"] = result["build_s"] / result["build_de_only_s"] - 1
    if "dashboard_transfer_gzip_en" in result:
        result["english_transfer_cost"] = (
            result["dashboard_transfer_gzip_en"] / result["dashboard_transfer_gzip"] - 1
        )
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
    parser.add_argument(
        "--lighthouse", default="", help="sizes to run Lighthouse (mobile) on, e.g. S,M"
    )
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument(
        "--lighthouse-reports", type=Path, default=None, help="folder for the first report"
    )
    parser.add_argument(
        "--graph-all", default="M,X,L", help="sizes to time 'Alle zeigen' and pan/zoom on"
    )
    parser.add_argument("--edit", default="S", help="sizes to time the serve edit loop on")
    parser.add_argument("--markdown", type=Path, default=None, help="write the table here")
    args = parser.parse_args()
    from generator.commands.synth import write_synthetic

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
            extras = {
                name
                for name, sizes_given in (
                    ("lighthouse", args.lighthouse),
                    ("graph-all", args.graph_all),
                    ("edit", args.edit),
                )
                if size in sizes_given.split(",")
            }
            results.append(
                measure(
                    size,
                    content,
                    tmp,
                    runs,
                    size in args.naive.split(","),
                    extras,
                    args.lighthouse_runs,
                    args.lighthouse_reports,
                )
            )
            print_table(results)
            if args.json:
                args.json.write_text(json.dumps(results, indent=2) + "\n")
            if args.markdown:
                args.markdown.write_text(markdown(results, shlex.join(sys.argv[1:])), "utf-8")
    return 0


# The rows of the Markdown table: (key, what it is, unit).
SUMMARY = [
    ("build_s", "build, both editions (fresh process)", "s"),
    ("build_de_only_s", "build, German edition only", "s"),
    ("build_peak_mib", "peak memory of a build", "MiB"),
    ("pages", "pages", ""),
    ("dashboard_transfer_gzip", "dashboard transfer, German (gzip)", "B"),
    ("dashboard_transfer_gzip_en", "dashboard transfer, English (gzip)", "B"),
    ("ready_ms", "dashboard ready: map, figures and list shown", "ms"),
    ("graph_drawn_ms", "graph drawn", "ms"),
    ("filter_painted_ms", "a filter change until painted", "ms"),
    ("select_painted_ms", "a selection until painted", "ms"),
    ("longest_task_after_draw_ms", "longest task after the first draw", "ms"),
    ("filter_event_ms", "click on an Art (Event Timing)", "ms"),
    ("edit_loop_s", "edit loop (serve, one row changed, page shows it)", "s"),
]


def machine() -> str:
    """The machine the figures were taken on, in one line."""
    import platform

    memory = ""
    with contextlib.suppress(OSError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    chromium = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return (
        f"{platform.machine()}, {os.cpu_count()} cores{memory}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, {chromium}"
    )


def markdown(results: list[dict], command: str) -> str:
    """The summary rows for every size, as a Markdown table with the machine named."""

    def cell(value: object, unit: str) -> str:
        if isinstance(value, float):
            value = f"{value:,.2f}" if unit == "s" else f"{value:,.0f}"
        elif isinstance(value, int):
            value = f"{value:,}"
        return f"{value} {unit}".strip() if value not in ("", None) else "–"

    sizes = [r["size"] for r in results]
    lines = [
        "# Benchmarks",
        "",
        f"`python benchmarks/run.py {command}`: medians of the runs (L: at most 2). "
        f"Machine: {machine()}.",
        "",
        "| measure | " + " | ".join(sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for key, label, unit in SUMMARY:
        lines.append(
            f"| {label} | " + " | ".join(cell(r.get(key, ""), unit) for r in results) + " |"
        )
    return "\n".join(lines) + "\n"


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
