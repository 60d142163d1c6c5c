"""Lighthouse accessibility and best-practices scores of every page kind, served over HTTP with
gzip and long caching of /assets/ (as Netlify serves the site).

    python benchmarks/lighthouse.py [DIST] [--preset mobile|desktop|both] [--json FILE]

DIST defaults to a fresh build of the shipped content. Needs `npm ci` (Lighthouse 12.2.3 from
the lockfile) and Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). Map tiles cannot
load without network; their failed requests are not errors of the site, so the run blocks the
tile host (Lighthouse's --blocked-url-patterns) instead of letting them fail in the console."""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import a11y  # noqa: E402
from tests.browser import CHROMIUM  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices")


def tile_host(dist: Path) -> str:
    """The tile server's host, read from a built page's Content-Security-Policy."""
    page = html.unescape((dist / "index.html").read_text("utf-8"))
    csp = page.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    img = next(d for d in csp.split(";") if d.strip().startswith("img-src"))
    return urlsplit(img.split()[-1]).netloc


def run(url: str, preset: str, blocked: str, out: Path) -> dict:
    args = [
        str(a11y.require(LIGHTHOUSE)),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--blocked-url-patterns=*{blocked}*",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    assert blocked, "Kartenserver nicht gefunden"
    if preset == "desktop":
        args.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    subprocess.run(args, check=True, env=env, timeout=300)
    report = json.loads(out.read_text("utf-8"))
    if os.environ.get("LH_KEEP"):
        Path(os.environ["LH_KEEP"]).write_text(json.dumps(report), "utf-8")
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = []
    for c in CATEGORIES:
        for ref in report["categories"][c]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                items = audit.get("details", {}).get("items", [])
                where = [
                    (i.get("node") or {}).get("selector") or i.get("url") or i.get("source", "")
                    for i in items[:4]
                ]
                failing.append(f"{c}: {ref['id']} ({audit['title']}) {where}")
    return {"scores": scores, "failing": failing, "version": report["lighthouseVersion"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dist", nargs="?", type=Path)
    parser.add_argument("--preset", choices=("mobile", "desktop", "both"), default="both")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    dist = args.dist or a11y.shipped_dist()
    presets = ("mobile", "desktop") if args.preset == "both" else (args.preset,)
    blocked = tile_host(dist)
    results = {}
    with a11y.serve(dist, compress=True) as base, tempfile.TemporaryDirectory() as tmp:
        for name, path in a11y.PAGE_KINDS:
            # Lighthouse refuses a page answered with status 404: the 404 page by its own name.
            url = base + path.removesuffix("index.html")
            for preset in presets:
                r = run(url, preset, blocked, Path(tmp) / "report.json")
                results[f"{name} {preset}"] = r
                s = r["scores"]
                print(
                    f"{name:18} {preset:8} accessibility {s['accessibility']:3}  "
                    f"best-practices {s['best-practices']:3}  (Lighthouse {r['version']})",
                    flush=True,
                )
                for line in r["failing"]:
                    print("    " + line, flush=True)
    worst = {c: min(r["scores"][c] for r in results.values()) for c in CATEGORIES}
    print(f"niedrigste Werte: {worst}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
