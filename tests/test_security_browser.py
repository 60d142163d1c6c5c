"""Hostile content and the Content-Security-Policy, in Chromium from file:// and offline."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from generator.commands.build import build
from generator.content.schema import KOMMUNEN
from tests.conftest import TEMPLATES
from tests.test_dashboard_browser import _graph_point, canvas_ink

pytestmark = pytest.mark.browser

K_SCRIPT = '</script><script>alert("k1");window.__pwned=1</script>'
K_IMG = '"><img src=x onerror="alert(\'k2\');window.__pwned=2">'
K_COMMENT = "<!--Münster\u202e\u200f --> \u2028x"
V_TEXT = "<script>window.__pwned=3</script>\u2028\u2029 {{ 7*7 }} ${alert(5)}"
M_TITLE = '<svg onload=alert("m")>Energie'
HF_NAME = '<iframe src="javascript:alert(6)"></iframe>Inklusion'
SITE_TITLE = 'Netz </title><script>alert("t")</script>'
# As long as the schema allows (a longer text is refused by validation, test_validate).
LONG = "Ü" * (KOMMUNEN.by_name["beschreibung"].max_length - 9) + "</script>"


def _rewrite_csv(path: Path, change, add: str = "") -> None:
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
    header = rows[0] + ([add] if add else [])
    records = [change(dict(zip(header, [*row, ""], strict=False))) for row in rows[1:]]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [header, *([r[h] for h in header] for r in records)]
    )
    path.write_text(buffer.getvalue(), "utf-8")


def _rewrite_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    data = [change(d) for d in data] if isinstance(data, list) else change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def make_hostile(content: Path) -> None:
    """Turn the mini fixture into one whose every text field tries to break out."""
    names = {"bamberg": K_SCRIPT, "regensburg": K_IMG, "muenster": K_COMMENT}

    def kommune(row):
        row["name"] = names.get(row["id"], row["name"])
        row["beschreibung"] = LONG
        return row

    _rewrite_csv(content / "kommunen.csv", kommune, add="beschreibung")

    def verbindung(row):
        row["beschreibung"] = V_TEXT
        row["quelle"] = row["quelle"] + " <b>fett</b>"
        return row

    _rewrite_csv(content / "verbindungen.csv", verbindung)
    _rewrite_yaml(
        content / "massnahmen.yaml",
        lambda m: {**m, "titel": M_TITLE} if m["id"] == "energiezwilling" else m,
    )
    _rewrite_yaml(
        content / "handlungsfelder.yaml",
        lambda h: {**h, "name": HF_NAME} if h["id"] == "soziale-inklusion" else h,
    )
    _rewrite_yaml(content / "site.yaml", lambda s: {**s, "title": SITE_TITLE, "description": K_IMG})


@pytest.fixture
def hostile_site(content, tmp_path) -> Path:
    make_hostile(content)
    out = tmp_path / "hostile"
    build(content, TEMPLATES, out)
    return out


def _nothing_ran(view) -> None:
    page = view.page
    assert view.dialogs == [], view.dialogs
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src=x], iframe, svg[onload], b").count() == 0
    assert view.csp_violations() == [] and view.errors == []


def test_hostile_text_is_shown_literally_everywhere(hostile_site, offline_page):
    view = offline_page()
    page = view.page
    view.open(hostile_site / "index.html")
    assert page.title() == SITE_TITLE
    # List: names, description, Maßnahme and Handlungsfeld as text.
    items = page.locator("#result-list li").all_text_contents()
    for text in (K_SCRIPT, K_IMG, K_COMMENT, V_TEXT, M_TITLE, HF_NAME, "Beispiel <b>fett</b>"):
        assert any(text in i for i in items), text
    # Map popup and details drawer.
    pos = page.evaluate(
        """() => {
            const p = KTS.map.latLngToContainerPoint([49.8917, 10.8917]);
            const box = KTS.map.getContainer().getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }"""
    )
    page.mouse.click(pos["x"], pos["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert K_SCRIPT in popup.text_content()
    assert page.locator("#details-titel").text_content() == K_SCRIPT
    page.keyboard.press("Escape")
    # Graph tooltip.
    point = _graph_point(page, "regensburg")
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert K_IMG in tooltip.text_content()
    # Dashboard search and the site search in the header.
    page.get_by_label("Suche", exact=True).fill("script alert")
    page.wait_for_function("() => location.hash.includes('q=')")
    assert any(K_SCRIPT in i for i in page.locator("#result-list li").all_text_contents())
    search = page.get_by_role("combobox", name="Kommune, Maßnahme oder Handlungsfeld suchen")
    for query, expected in (("script", K_SCRIPT), ("svg onload", M_TITLE), ("iframe", HF_NAME)):
        search.fill(query)
        page.locator("#site-search-results li[role=option]").first.wait_for()
        names = page.locator("#site-search-results .name").all_text_contents()
        assert expected in names, (query, names)
    _nothing_ran(view)


@pytest.mark.parametrize(("kid", "name"), [("bamberg", K_SCRIPT), ("muenster", K_COMMENT)])
def test_hostile_kommune_page_title_heading_and_graph(hostile_site, offline_page, kid, name):
    view = offline_page()
    page = view.page
    view.open(hostile_site / "kommunen" / kid / "index.html")
    assert page.title() == f"{name} – {SITE_TITLE}"
    assert page.locator("h1").text_content() == name
    assert LONG in page.locator(".card").first.text_content()
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(200)
    _nothing_ran(view)


@pytest.mark.parametrize("path", ["index.html", "kommunen/regensburg/index.html"])
def test_pages_work_with_the_policy_enforced(built, offline_page, path):
    html = (built / path).read_text("utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in html
    view = offline_page()
    page = view.page
    view.open(built / path)
    assert canvas_ink(page, ".folium-map .leaflet-kts-points-pane") > 20
    view.show_graph()
    assert canvas_ink(page, "#graph") > 200
    point = _graph_point(page, "regensburg") if path == "index.html" else None
    if point:
        page.mouse.move(point["x"], point["y"])
        page.locator("div.vis-tooltip").wait_for(state="visible")
    assert view.csp_violations() == [] and view.errors == []
    # The policy is really in force: a script smuggled into the page does not run.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__pwned = 1'; document.body.appendChild(s); }"
    )
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("window.__pwned") is None
    assert view.csp_violations() == ["script-src-elem inline"]
