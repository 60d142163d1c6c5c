"""The dashboard's start (lib.js start, main.js): text first, scripts and data after the first
paint, the views in steps; what a visitor does meanwhile is not lost and breaks nothing."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

GERMANY_IN_VIEW = "() => KTS.map.getBounds().contains(KTSLib.GERMANY)"
MAP_SIZE = """() => {
    const box = document.getElementById('map_dashboard');
    return [KTS.map.getSize().y, box.clientHeight];
}"""


def hold(page, name: str) -> list:
    """Hold back the dashboard's asset name (e.g. 'data') until released: the routes held."""
    held: list = []
    pattern = re.compile(rf"/assets/{re.escape(name)}(-\d+)?\.[0-9a-f]+\.js$")
    page.route(pattern, lambda route: held.append(route))
    return held


def open_holding_data(view, site) -> list:
    """Open the dashboard with its data held back: painted, its scripts up to dashboard.js run."""
    held = hold(view.page, "data")
    view.page.goto((site / "index.html").as_uri(), wait_until="domcontentloaded")
    view.page.wait_for_function("() => window.KTS && typeof KTS.start === 'function'")
    return held


def release(page, held: list) -> None:
    page.wait_for_function("() => true")
    assert held, "the script was never asked for"
    for route in held:
        route.continue_()


@pytest.mark.parametrize("width, height", [(1400, 1000), (390, 844)])
def test_the_map_is_framed_for_its_final_size(built, offline_page, width, height):
    # The legend moves below the map at the start; Leaflet must know the smaller size, or
    # Germany's south lies below the visible map (found in review).
    view = offline_page(width=width, height=height)
    view.open(built / "index.html")
    size, box = view.page.evaluate(MAP_SIZE)
    assert size == box
    assert view.page.evaluate(GERMANY_IN_VIEW)
    # The line about failing tiles below the map may come later and make the map smaller.
    view.page.evaluate(
        "() => { document.getElementById('map-status').textContent = 'Eine Zeile. '.repeat(30); }"
    )
    same_size = f"() => {{ const [a, b] = ({MAP_SIZE})(); return a === b; }}"
    view.page.wait_for_function(same_size)
    # Framed again for that size: the reader has not moved the map yet.
    view.page.wait_for_function(GERMANY_IN_VIEW, timeout=3000)
    # Once the reader zooms, the view is theirs: a later change of size keeps it.
    before = view.page.evaluate("KTS.map.getZoom()")
    view.page.locator(".leaflet-control-zoom-in").click()
    # Leaflet starts the zoom's animation a frame after the click: wait for the new zoom.
    view.page.wait_for_function(f"() => KTS.map.getZoom() > {before} && !KTS.map._animatingZoom")
    zoom = view.page.evaluate("KTS.map.getZoom()")
    view.page.evaluate("() => { document.getElementById('map-status').textContent = 'Kurz.'; }")
    view.page.wait_for_function(same_size)
    view.page.wait_for_timeout(300)
    assert view.page.evaluate("KTS.map.getZoom()") == zoom
    view.page.locator("#map-home").click()
    # "Deutschland" zooms with an animation (a quarter second): Germany is in view after it.
    view.page.wait_for_function(GERMANY_IN_VIEW, timeout=3000)
    assert view.errors == []


def test_the_page_shows_its_text_before_scripts_and_data_arrive(built, offline_page):
    view = offline_page()
    page = view.page
    held = open_holding_data(view, built)
    # Painted and readable without them: the figures and the filters are in the HTML.
    assert page.evaluate("document.body.dataset.ready") is None
    assert page.locator(".dash-head h1").is_visible()
    assert page.locator("input[name=art]").first.is_visible()
    release(page, held)
    view.wait_ready()
    assert view.errors == []


def test_filters_set_before_the_scripts_arrive_count(built, offline_page):
    view = offline_page()
    page = view.page
    held = open_holding_data(view, built)
    page.locator("input[name=art][value=vorbild]").uncheck()
    page.locator("#f-q").fill("bamberg")
    release(page, held)
    view.wait_ready()
    assert page.locator("input[name=art][value=vorbild]").is_checked() is False
    assert page.locator("#f-q").input_value() == "bamberg"
    state = page.evaluate("[KTS.state.q, KTS.state.arten[0], KTS.view.matching.length]")
    assert state[:2] == ["bamberg", False] and 0 < state[2] < 10
    assert view.errors == []


def test_a_hub_tapped_before_the_scripts_arrive_is_selected_once_they_have(built, offline_page):
    view = offline_page()
    page = view.page
    held = open_holding_data(view, built)
    hub = page.locator("#hub-list button.k").first
    name = hub.inner_text()
    hub.click()
    release(page, held)
    view.wait_ready()
    page.wait_for_function("() => !document.getElementById('details').hidden")
    assert page.locator("#details-titel").inner_text() == name
    assert f"k={hub.get_attribute('data-k')}" in page.url
    assert view.errors == []


def test_a_tab_tapped_before_the_scripts_arrive_shows_once_the_views_are_drawn(built, offline_page):
    view = offline_page(width=390, height=844)
    page = view.page
    held = open_holding_data(view, built)
    page.locator("#tab-liste").click()
    release(page, held)
    view.wait_ready()
    page.wait_for_function("() => document.getElementById('dashboard').dataset.tab === 'liste'")
    assert page.locator("#result-list > li").first.is_visible()
    # The map was framed while it was shown: back on its tab, Germany is in view.
    page.locator("#tab-karte").click()
    assert page.evaluate(GERMANY_IN_VIEW)
    assert view.errors == []


def test_taps_before_the_views_are_drawn_break_nothing(built, offline_page):
    # Input queued while the start's first task runs lands before the map's layers exist.
    view = offline_page()
    page = view.page
    held = open_holding_data(view, built)
    page.evaluate(
        """() => {
            const start = KTS.start;
            KTS.start = () => {
                start();
                window.__matching = KTS.view.matching.length;
                document.querySelector('input[name=art][value=vorbild]').click();
                document.getElementById('map-fit').click();
                KTS.bus.emit('select', KTS.indexOf(KTS.data.K.id, 'bamberg'), 'list');
            };
        }"""
    )
    release(page, held)
    view.wait_ready()
    page.wait_for_function("() => !document.getElementById('details').hidden")
    assert page.evaluate("window.__matching") > 0  # the export would not be empty
    assert page.evaluate("[KTS.state.arten[0], KTS.state.k]") == [False, "bamberg"]
    shown = view.snapshot()
    assert shown["lines"] == page.evaluate("KTS.view.matching.length") > 0
    assert view.errors == []


def test_the_snapshot_frames_its_map_too(built, offline_page, tmp_path):
    # In the one-file snapshot the map is made while the page is parsed, before the dashboard
    # got its height: measured again at the start.
    from generator.commands.snapshot import single_file

    snapshot = tmp_path / "momentaufnahme.html"
    snapshot.write_text(single_file(built), "utf-8")
    view = offline_page()
    view.open(snapshot)
    size, box = view.page.evaluate(MAP_SIZE)
    assert size == box
    assert view.page.evaluate(GERMANY_IN_VIEW)
    assert view.errors == []
