"""Accessibility figures of a built site: axe-core violations per page kind, size and dashboard
state; Nu HTML checker errors over all pages; pages that scroll sideways at 320 CSS px.

    python benchmarks/a11y.py [DIST] [--no-reflow] [--json FILE]

DIST defaults to a fresh build of the shipped content. Needs `npm ci` (axe-core, vnu-jar),
Java 17 and /usr/bin/chromium. Network requests are aborted (map tiles fail, as offline)."""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import a11y  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def offline(context, base: str) -> None:
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())


def axe_figures(browser, dist: Path, base: str) -> dict:
    out = {}
    for width, height in a11y.SIZES:
        ctx = browser.new_context(viewport={"width": width, "height": height})
        offline(ctx, base)
        a11y.install_axe(ctx)
        page = ctx.new_page()
        runs = [(name, path, "", False) for name, path in a11y.PAGE_KINDS]
        runs += [("dashboard " + n, "index.html", h, o) for n, h, o in a11y.DASHBOARD_STATES]
        for name, path, fragment, open_all in runs:
            if not (dist / path).exists():
                out[f"{name} @{width}"] = "fehlt"
                continue
            page.goto("about:blank")
            page.goto(base + path + fragment)
            a11y.wait_ready(page)
            if open_all:
                a11y.open_everything(page)
            page.wait_for_timeout(300)
            violations = a11y.run_axe(page)
            out[f"{name} @{width}"] = violations
            count = sum(len(v["nodes"]) for v in violations)
            print(f"axe {name:28} {width:5}: {len(violations)} Regeln, {count} Knoten", flush=True)
            if violations:
                print("   " + a11y.describe(violations).replace("\n", "\n   "), flush=True)
        ctx.close()
    return out


def reflow_figures(browser, dist: Path, base: str) -> dict[str, int]:
    ctx = browser.new_context(viewport={"width": 320, "height": 640})
    offline(ctx, base)
    page = ctx.new_page()
    wide = {}
    for html in sorted(dist.rglob("*.html")):
        page.goto(base + html.relative_to(dist).as_posix())
        a11y.wait_ready(page)
        px = a11y.overflow(page)
        if px:
            wide[str(html.relative_to(dist))] = px
    ctx.close()
    return wide


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dist", nargs="?", type=Path)
    parser.add_argument("--no-reflow", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    dist = args.dist or a11y.shipped_dist()
    pages = sorted(dist.rglob("*.html"))
    started = time.perf_counter()
    errors = a11y.vnu(pages)
    by_message = collections.Counter(e["message"] for e in errors)
    print(
        f"vnu: {len(errors)} Fehler in {len({e['url'] for e in errors})} von {len(pages)} Seiten"
        f" ({time.perf_counter() - started:.1f} s)"
    )
    for message, n in by_message.most_common():
        print(f"   {n} × {message}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, a11y.serve(dist) as base:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        axe = axe_figures(browser, dist, base)
        wide = {} if args.no_reflow else reflow_figures(browser, dist, base)
        browser.close()
    total = sum(len(v) for v in axe.values() if isinstance(v, list))
    print(f"axe: {total} Verstöße (Regel × Seite) in {len(axe)} Läufen")
    if not args.no_reflow:
        print(f"reflow 320 px: {len(wide)} von {len(pages)} Seiten scrollen seitlich")
        for path, px in sorted(wide.items(), key=lambda kv: -kv[1])[:15]:
            print(f"   +{px} px {path}")
    if args.json:
        args.json.write_text(
            json.dumps({"vnu": errors, "axe": axe, "reflow": wide}, ensure_ascii=False, indent=1)
        )


if __name__ == "__main__":
    main()
