"""Accessibility checks shared by the tests and benchmarks/a11y.py: axe-core in Chromium, the
Nu HTML checker (vnu) over built pages, and horizontal scrolling at 320 CSS px.

The tools come from the npm lockfile (`npm ci`); a missing tool is an error, never a skip."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from tests import browser, netlify

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Also WCAG 2.2's 2.5.8: touch targets of at least 24 × 24 CSS px (or enough space around).
AXE_EXTRA_RULES = ["target-size"]
SIZES = [(1400, 900), (390, 844), (320, 640)]

# One page of every kind of the shipped content.
PAGE_KINDS = [
    ("dashboard", "index.html"),
    ("kommunen", "kommunen/index.html"),
    ("kommune", "kommunen/regensburg/index.html"),
    ("massnahmen", "massnahmen/index.html"),
    ("massnahme", "massnahmen/bad-belzig-app/index.html"),
    ("handlungsfelder", "handlungsfelder/index.html"),
    ("handlungsfeld", "handlungsfelder/bauen-und-wohnen/index.html"),
    ("analyse", "analyse/index.html"),
    ("daten", "daten/index.html"),
    ("barrierefreiheit", "barrierefreiheit/index.html"),
    ("leichte-sprache", "leichte-sprache/index.html"),
    ("404", "404.html"),
]
# Dashboard states: (name, hash, open every <details> and the filter panel).
# (name, address, what is done before the check: "" nothing, "open" every <details> and the
# filter panel, "netzwerk" the graph behind the switch, "vollbild" the map over the window)
DASHBOARD_STATES = [
    ("filter", "#hf=bauen-und-wohnen&art=vorbild&belegt=1", ""),
    ("kommune", "#k=regensburg", ""),
    ("weg", "#k=ulm&weg=rostock", ""),
    ("details", "#k=regensburg", "open"),
    ("netzwerk", "#k=regensburg", "netzwerk"),
    ("fokus", "#k=regensburg&alle=1&tiefe=2&groesse=vorbilder", ""),
    ("fokus im netzwerk", "#k=regensburg&alle=1&tiefe=2&groesse=vorbilder", "netzwerk"),
    ("netzwerk ohne cluster", "#cluster=0", "netzwerk"),
    ("vollbild", "", "vollbild"),
]


def act(page, what: str) -> None:
    """Bring the dashboard into one of the states above."""
    if what == "open":
        open_everything(page)
    elif what == "netzwerk":
        browser.show_graph(page)
    elif what == "vollbild":
        browser.show_map(page)
        page.locator("#view-karte .full-toggle").click()


def require(path: Path) -> Path:
    """A tool installed by `npm ci`; its absence fails the caller."""
    assert path.exists(), f"{path.relative_to(ROOT)} fehlt: erst `npm ci` ausführen"
    return path


def install_axe(context) -> None:
    """Make axe available in every page of a Playwright context (init scripts are not
    subject to the page's Content-Security-Policy)."""
    context.add_init_script(path=str(require(AXE)))


def wait_ready(page) -> None:
    """Until the page's scripts have drawn (map, graph and list where there are any)."""
    browser.wait_ready(page, timeout=20000)


def open_everything(page) -> None:
    """Every <details> open, and the dashboard's filter panel where it is folded away."""
    page.evaluate(
        """() => {
          document.querySelectorAll('details').forEach(d => { d.open = true; });
          const t = document.getElementById('filter-toggle');
          if (t && t.offsetParent && t.getAttribute('aria-expanded') === 'false') t.click();
        }"""
    )


def run_axe(page) -> list[dict]:
    """axe-core's violations for the WCAG 2.0/2.1 A and AA rules, compactly."""
    result = page.evaluate(
        """async ([tags, extra]) => {
          const rules = Object.fromEntries(extra.map(id => [id, {enabled: true}]));
          const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules,
                                             resultTypes: ['violations']});
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                      summary: (n.failureSummary || '').slice(0, 300)}))}));
        }""",
        [AXE_TAGS, AXE_EXTRA_RULES],
    )
    return result


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for n in v["nodes"][:5]:
            lines.append(f"    {n['target']}: {n['summary']}")
    return "\n".join(lines)


def overflow(page) -> int:
    """How many CSS px the page scrolls sideways (0: none)."""
    return page.evaluate(
        "() => Math.max(0, document.scrollingElement.scrollWidth - window.innerWidth)"
    )


def vnu(files: Iterable[Path]) -> list[dict]:
    """The Nu HTML checker's errors over the files, in one Java run."""
    java = shutil.which("java")
    assert java, "java fehlt (Java 17 wird für den Nu HTML Checker gebraucht)"
    args = [java, "-jar", str(require(VNU)), "--errors-only", "--format", "json"]
    done = subprocess.run(
        [*args, *map(str, files)], capture_output=True, text=True, timeout=600, check=False
    )
    # vnu writes its JSON report to stderr; exit code 1 when there are errors.
    report = json.loads(done.stderr or done.stdout)
    return [m for m in report["messages"] if m.get("type") == "error"]


def shipped_dist() -> Path:
    """The shipped content, built into a new temporary folder (for the benchmarks)."""
    import os
    import tempfile

    from generator.commands.build import build

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    dist = Path(tempfile.mkdtemp()) / "dist"
    build(ROOT / "content", ROOT / "templates", dist)
    return dist


@contextlib.contextmanager
def serve(dist: Path, compress: bool = False) -> Iterator[str]:
    """Serve a build folder as Netlify does (tests/netlify.py: its headers, 404.html for misses,
    gzip with compress); yields its address ("http://127.0.0.1:PORT/")."""
    rules = netlify.toml_rules(ROOT / "netlify.toml") + netlify.headers_rules(dist)
    with netlify.serve(dist, rules, gzip=compress) as origin:
        yield origin + "/"


def snapshot_findings(browser_, snapshot: Path) -> tuple[list[dict], list[str]]:
    """A snapshot file with every record open, offline: axe's violations, and what stands
    outside a landmark (axe's best-practice rule "region")."""
    ctx = browser_.new_context(viewport={"width": 1400, "height": 900})
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    install_axe(ctx)
    page = ctx.new_page()
    page.goto(snapshot.as_uri())
    wait_ready(page)
    open_everything(page)
    violations = run_axe(page)
    outside = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'rule', values: ['region']}}))
            .violations.flatMap(v => v.nodes.map(n => n.target.join(' ')))"""
    )
    ctx.close()
    return violations, outside
