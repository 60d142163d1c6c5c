"""The dashboard as a person sees it: Chromium, file://, network blocked except file://."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import show_graph
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
SHOTS = ROOT / "test-results"


def result_items(page) -> list[str]:
    """The listed connections' text, a line per part (pair, meta, source); from the DOM, as
    entries scrolled out of the list are not laid out (innerText would be empty)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#verbindungen li')].map(li =>
            [...li.querySelectorAll('.pair, .meta, .source')].map(e => e.textContent)
                .join('\\n'))"""
    )


def canvas_ink(page, selector: str) -> int:
    """How many pixels of the canvases under selector are drawn (not transparent or white)."""
    return page.evaluate(
        """(sel) => {
            let ink = 0;
            for (const c of document.querySelectorAll(sel + ' canvas')) {
                if (!c.width || !c.height) continue;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (let i = 0; i < d.length; i += 16) {
                    if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) ink++;
                }
            }
            return ink;
        }""",
        selector,
    )


def test_dashboard_loads_offline_without_console_errors(shipped_site, offline_page):
    view = offline_page()
    view.open(shipped_site / "index.html")
    view.page.wait_for_timeout(300)
    assert view.errors == []
    assert view.dialogs == []
    # The only requests leaving dist/ are map tiles (which fail offline and degrade).
    assert all("tile.openstreetmap.org" in url for url in view.external), view.external
    status = view.page.locator("#map-status").inner_text()
    assert "offline" in status
    SHOTS.mkdir(exist_ok=True)
    view.page.screenshot(path=str(SHOTS / "dashboard.png"))


def test_map_has_markers_and_lines_and_graph_is_drawn(shipped_site, offline_page):
    view = offline_page()
    view.open(shipped_site / "index.html")
    assert canvas_ink(view.page, ".folium-map .leaflet-kts-lines-pane") > 500
    assert canvas_ink(view.page, ".folium-map .leaflet-kts-points-pane") > 200
    view.show_graph()
    snap = view.snapshot()
    kommunen = view.page.evaluate("KTS.data.D")
    assert snap["markers"] == len(kommunen["kommunen"]["id"]) > 150
    assert snap["lines"] == len(kommunen["verbindungen"]["von"]) > 500
    assert snap["nodes"] == snap["markers"] and snap["edges"] == snap["lines"]
    assert canvas_ink(view.page, "#graph") > 1000
    legend = view.page.locator(".map-legend").text_content()
    assert "Vorbild →" in legend and "Übertragung →" in legend and "Kommune im Ausland" in legend


def test_filter_shows_ringelai_bamberg_and_hash_restores_the_view(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    view.open(shipped_site / "index.html")
    total = len(result_items(page))
    count_before = page.locator("#result-count").inner_text()
    page.get_by_label("Handlungsfeld", exact=True).select_option(
        label=_option(page, "Soziale Inklusion")
    )
    for art in ("Vorbild", "Wissensaustausch", "Übertragung"):
        page.get_by_label(art).uncheck()
    items = result_items(page)
    assert any("Gemeinde Ringelai und Ilzer Land – Bamberg" in i for i in items), items
    assert 1 < len(items) < total
    assert all("Entwicklungspartnerschaft" in i and "Soziale Inklusion" in i for i in items)
    count_after = page.locator("#result-count").inner_text()
    assert count_after != count_before and f"{len(items)} von" in count_after
    view.show_graph()
    snap = view.snapshot()
    assert snap["lines"] == snap["edges"] == len(items)
    assert page.locator('[data-figure="verbindungen"]').inner_text() == str(len(items))
    assert "hf=soziale-inklusion" in page.url and "art=entwicklungspartnerschaft" in page.url

    page.reload()
    view.wait_ready()
    assert result_items(page) == items
    assert page.get_by_label("Handlungsfeld", exact=True).input_value() == "soziale-inklusion"
    assert not page.get_by_role("checkbox", name="Vorbild").is_checked()
    assert page.get_by_label("Entwicklungspartnerschaft").is_checked()
    assert view.errors == []


def _option(page, name: str) -> str:
    """The visible option label of a Handlungsfeld (it carries a count)."""
    return page.locator("#f-hf option", has_text=name).inner_text()


def test_unfiltered_figures_in_the_browser_match_the_build(shipped_site, offline_page):
    html = (shipped_site / "index.html").read_text("utf-8")
    view = offline_page()
    view.page.route("**/assets/dashboard.*.js", lambda r: r.abort())
    view.page.goto((shipped_site / "index.html").as_uri())
    # The page says so when its scripts cannot load.
    view.page.wait_for_function(
        "() => document.getElementById('map-status').textContent.includes('nicht geladen')"
    )
    served = view.page.locator("[data-figure]").all_inner_texts()
    view.page.unroute("**/assets/dashboard.*.js")
    served_options = view.page.locator("#filter option, #filter .n").all_inner_texts()
    view.open(shipped_site / "index.html")
    assert view.page.locator("[data-figure]").all_inner_texts() == served
    assert view.page.locator("#filter option, #filter .n").all_inner_texts() == served_options
    assert view.page.evaluate(
        "(() => { const d = KTS.data.D; return JSON.stringify(d.counts); })()"
    ) == view.page.evaluate("JSON.stringify(KTS.counts())")
    assert "Ø Partner je Modellprojekt" in html


def test_search_ignores_case_and_umlaut_spelling(built, offline_page):
    view = offline_page()
    page = view.page
    view.open(built / "index.html")
    for query in ("muenster", "MÜNSTER", "munster"):
        page.get_by_label("Suche", exact=True).fill(query)
        page.wait_for_function("() => location.hash.includes('q=')")
        page.wait_for_timeout(200)
        items = result_items(page)
        assert items and all("Münster" in i for i in items), (query, items)
    page.get_by_label("Suche", exact=True).fill("gross")
    page.wait_for_timeout(300)
    assert [i.split("\n")[0] for i in result_items(page)] == ["Großpösna – Münster"]
    page.get_by_label("Suche", exact=True).fill("energiezwilling")
    page.wait_for_timeout(300)
    assert len(result_items(page)) == 2


def test_zeitraum_bundesland_and_mpsc_filters_combine(built, offline_page):
    view = offline_page()
    page = view.page
    view.open(built / "index.html", "#bis=2023-H2")
    assert len(result_items(page)) == 3
    page.get_by_label("Bundesland").select_option("Sachsen")
    assert [i.split("\n")[0] for i in result_items(page)] == ["Großpösna – Münster"]
    page.get_by_label("Bundesland").select_option("")
    page.get_by_label("Nur Modellprojekte").check()
    assert [i.split("\n")[0] for i in result_items(page)] == [
        "Gemeinde Ringelai und Ilzer Land – Bamberg"
    ]
    assert page.locator('[data-figure="kommunen"]').inner_text() == "2"
    page.get_by_role("button", name="Filter zurücksetzen").click()
    assert len(result_items(page)) == 6 and "bis=" not in page.url


def test_clicking_a_kommune_shows_its_details(built, offline_page):
    view = offline_page()
    page = view.page
    view.open(built / "index.html")
    page.locator("#verbindungen button.k", has_text="Regensburg").first.click()
    details = page.get_by_role("region", name="Regensburg")
    assert details.is_visible()
    text = details.inner_text()
    assert "Modellprojekt Smart Cities, Staffel 2021" in text
    assert "Vorbild (1 Partner)" in text and "nimmt sich zum Vorbild: Wien" in text
    assert "Übertragung (1 Partner)" in text and "übernimmt von: Münster" in text
    assert page.locator("#details a", has_text="Energiezwilling").get_attribute("href") == (
        "https://example.org/massnahmen/energiezwilling"
    )
    assert "k=regensburg" in page.url
    own_page = page.locator("#details a", has_text="Seite der Kommune")
    assert own_page.get_attribute("href") == "kommunen/regensburg/index.html"
    # A partner in the details, then Back: the previous Kommune again, not the previous page.
    page.locator("#details button.k", has_text="Münster").first.click()
    page.wait_for_function("() => location.hash.includes('k=muenster')")
    page.go_back()
    page.wait_for_function("() => location.hash.includes('k=regensburg')")
    assert page.get_by_role("region", name="Regensburg").is_visible()
    # A click in the graph selects too.
    point = _graph_point(page, "wien")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function("() => location.hash.includes('k=wien')")
    assert "kein Modellprojekt" in page.locator("#details").inner_text()


def _graph_point(page, kommune_id: str) -> dict:
    """Centre the graph on a Kommune and return its position on screen."""
    show_graph(page)
    page.locator("#graph").scroll_into_view_if_needed()
    return page.evaluate(
        """(id) => {
            const data = KTS.data.D;
            const i = data.kommunen.id.indexOf(id);
            KTS.network.focus(i, {scale: 1.2, animation: false});
            const p = KTS.network.canvasToDOM(KTS.network.getPosition(i));
            const box = document.getElementById('graph').getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }""",
        kommune_id,
    )


def test_kommune_without_connections_is_on_map_and_in_details(built, offline_page):
    view = offline_page()
    page = view.page
    view.open(built / "index.html", "#k=ohne")
    assert (
        "Für diese Kommune sind noch keine Verbindungen berichtet."
        in page.locator("#details").inner_text()
    )
    assert page.locator("#details a", has_text="Niemand nutzt mich").count() == 1


def test_phone_shows_views_as_tabs_and_filters_as_a_panel(built, offline_page):
    view = offline_page(width=390, height=844)
    view.open(built / "index.html")
    page = view.page
    assert page.locator("#filter").is_hidden()
    assert page.get_by_role("tab", name="Karte").get_attribute("aria-selected") == "true"
    map_box = page.locator(".map-frame").bounding_box()
    assert map_box["width"] <= 390 and map_box["y"] < 844  # the first screen shows a view
    assert page.locator("#graph").is_hidden() and page.locator("#result-list").is_hidden()
    page.get_by_role("button", name="Filter", exact=True).click()
    assert page.locator("#filter").is_visible()
    page.get_by_role("button", name="Filter", exact=True).click()
    page.get_by_role("tab", name="Netzwerk").click()
    assert page.locator("#graph").is_visible() and page.locator(".map-frame").is_hidden()
    page.get_by_role("tab", name="Liste").click()
    assert page.locator("#result-list").is_visible()
    SHOTS.mkdir(exist_ok=True)
    view.page.screenshot(path=str(SHOTS / "dashboard-narrow.png"), full_page=False)


def test_tiles_are_requested_with_a_referrer_policy(built):
    html = Path(built / "index.html").read_text("utf-8")
    script = re.search(r"(assets/map-dashboard\.[0-9a-f]+\.js)", html).group(1)
    assert '"referrerPolicy": "strict-origin-when-cross-origin"' in (built / script).read_text()
    assert '<meta name="referrer" content="strict-origin-when-cross-origin">' in html


def test_filter_options_count_what_choosing_them_would_give(built, offline_page):
    view = offline_page()
    page = view.page
    view.open(built / "index.html", "#hf=soziale-inklusion")
    # Under Soziale Inklusion: 1 Wissensaustausch, 2 Entwicklungspartnerschaften.
    assert page.locator('[data-count="art-entwicklungspartnerschaft"]').inner_text() == "2"
    assert page.locator('[data-count="art-vorbild"]').inner_text() == "0"
    # The Handlungsfeld options ignore the Handlungsfeld filter itself.
    assert page.locator("#f-hf option", has_text="Bauen und Wohnen").inner_text() == (
        "Bauen und Wohnen (3)"
    )
    # Bayern: Ringelai–Bamberg, Regensburg–Bamberg, Bamberg–Münster.
    assert page.locator("#f-bl option[value=Bayern]").inner_text() == "Bayern (3)"
    assert page.locator("#f-z option[value='2023-H1']").inner_text() == "bis 1. Halbjahr 2023 (1)"


def test_arrows_follow_the_flow_of_knowledge_and_text_says_who_does_what(built, offline_page):
    view = offline_page()
    page = view.page
    view.open(built / "index.html")
    view.show_graph()
    # regensburg takes wien as its Vorbild: knowledge flows from Wien to Regensburg.
    ends = page.evaluate(
        """() => {
            const d = KTS.data.D;
            const v = d.verbindungen, k = d.kommunen;
            const i = v.art.findIndex((a, j) => d.arten[a].id === 'vorbild');
            const e = KTS.network.body.edges[i];
            return [k.id[v.von[i]], k.id[e.fromId], k.id[e.toId]];
        }"""
    )
    assert ends == ["regensburg", "wien", "regensburg"]
    items = [i.split("\n")[0] for i in result_items(page)]
    assert "Regensburg nimmt sich Wien zum Vorbild" in items
    assert "Münster überträgt an Regensburg" in items


def test_growth_chart_and_hubs_follow_the_filters(built, offline_page):
    view = offline_page()
    page = view.page
    view.open(built / "index.html")
    title = page.locator("#growth svg title").text_content()
    assert "1. Halbjahr 2022 1" in title and "2. Halbjahr 2024 2" in title
    assert page.locator("#growth rect").count() == 6  # one bar segment per connection here
    hubs = page.locator("#hub-list li").all_inner_texts()
    assert hubs[0] in ("Bamberg3", "Münster3", "Regensburg3")
    page.get_by_label("Zeitraum (Stand bis").select_option("2023-H2")
    # The chart below the views follows right after the next paint.
    page.wait_for_function("() => document.querySelectorAll('#growth g.later').length === 2")
    # Three connections up to 2023-H2, six Kommunen with one partner each, by name.
    assert page.locator("#hub-list li").all_inner_texts()[:2] == [
        "Bamberg1",
        "Gemeinde Ringelai und Ilzer Land1",
    ]
    assert page.locator("#hub-list li").count() == 6
    page.get_by_label("Suche", exact=True).fill("kein treffer")
    page.wait_for_function("() => document.getElementById('hub-empty').hidden === false")
    assert page.get_by_role("button", name="Filter zurücksetzen").last.is_visible()


def test_details_drawer_takes_focus_and_gives_it_back(built, offline_page):
    view = offline_page()
    page = view.page
    view.open(built / "index.html", "#hf=bauen-und-wohnen")
    figures = page.locator("[data-figure]").all_inner_texts()
    button = page.locator("#result-list button.k", has_text="Wien")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "details-titel"
    assert page.locator("#details").is_visible()
    # Selecting shows a Kommune; it does not change what the figures count.
    assert page.locator("[data-figure]").all_inner_texts() == figures
    page.keyboard.press("Escape")
    assert page.locator("#details").is_hidden() and "k=" not in page.url
    assert page.evaluate("document.activeElement.textContent") == "Wien"


def test_search_combines_words(built, offline_page):
    view = offline_page()
    page = view.page
    view.open(built / "index.html", "#q=regensburg%20energie")
    assert sorted(i.split("\n")[0] for i in result_items(page)) == [
        "Münster überträgt an Regensburg",
        "Regensburg – Bamberg",
    ]


def test_big_selection_shows_the_best_connected_part_until_asked_for_all(tmp_path, offline_page):
    from generator.commands.build import build
    from generator.commands.synth import write_synthetic
    from tests.conftest import TEMPLATES

    write_synthetic(tmp_path / "content", kommunen=700, verbindungen=2500, massnahmen=20, seed=5)
    build(tmp_path / "content", TEMPLATES, tmp_path / "dist")
    view = offline_page()
    view.open(tmp_path / "dist" / "index.html")
    page = view.page
    view.show_graph()
    snap = view.snapshot()
    assert snap["markers"] == 700 and snap["lines"] == 2500  # the map is never cut
    assert snap["nodes"] == 200 and 0 < snap["edges"] <= 1500
    note = page.locator("#graph-note")
    assert note.is_visible()
    assert "Ausschnitt: 200 von 700 Kommunen" in note.inner_text()

    page.locator("#graph-all").click()
    page.wait_for_function("() => KTS.snapshot().nodes === 700")
    assert view.snapshot()["edges"] == 2500
    assert "Alle Kommunen und Verbindungen der Auswahl" in note.inner_text()
    assert page.locator("#graph-all").is_hidden()

    # A narrow selection fits: shown in full, no note about a cut.
    page.get_by_label("Bundesland", exact=False).select_option(index=3)
    page.wait_for_function("() => KTS.snapshot().matching < 500")
    snap = view.snapshot()
    assert snap["edges"] == snap["matching"] and snap["nodes"] == snap["markers"]
    assert "Ausschnitt" not in note.inner_text()
    assert view.errors == []


@pytest.mark.parametrize("width", [320, 390, 1400])
def test_growth_chart_labels_neither_overlap_nor_leave_the_chart(shipped_site, offline_page, width):
    """Thirteen half-years on a phone ran together ("20H120H221H2…", found in review)."""
    view = offline_page(width=width, height=844)
    view.open(shipped_site / "index.html")
    chart, boxes = view.page.evaluate(
        """() => {
          const svg = document.querySelector('#growth svg'), r = svg.getBoundingClientRect();
          const labels = [...svg.querySelectorAll('text:not(.value)')];
          return [[r.left, r.right], labels.map(t => {
            const b = t.getBoundingClientRect();
            return [b.left, b.right, t.textContent];
          })];
        }"""
    )
    assert len(boxes) >= 4
    assert all(chart[0] <= left and right <= chart[1] + 0.5 for left, right, _ in boxes), (
        chart,
        boxes,
    )
    assert all(a[1] + 2 <= b[0] for a, b in zip(boxes, boxes[1:], strict=False)), boxes
    assert boxes[-1][2].endswith("26H1") or boxes[-1][2].endswith("2026 H1")  # the newest
