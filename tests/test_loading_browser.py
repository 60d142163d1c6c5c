"""What a phone loads and how the page settles: vis-network only when a graph is on screen,
and no layout shift while the dashboard starts (Lighthouse counted a CLS of 0.37 at 412 px)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

VIS_REQUESTED = "() => !!document.querySelector('script[src*=\"vis-network\"]')"

SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => list.getEntries().forEach(e => window.__shifts.push(e.value)))
    .observe({ type: 'layout-shift', buffered: true });
"""


def test_phone_dashboard_loads_the_graph_library_with_the_network_tab(shipped_site, offline_page):
    view = offline_page(width=390, height=844)
    page = view.page
    view.open(shipped_site / "index.html")
    page.wait_for_timeout(500)
    assert not page.evaluate(VIS_REQUESTED)
    assert not page.evaluate("() => !!window.vis")
    page.click("#tab-netzwerk")
    page.wait_for_function("() => !!(window.KTS.network && KTS.graphShown().nodes > 0)")
    assert page.evaluate(VIS_REQUESTED)
    assert view.errors == []


def test_a_wide_dashboard_draws_the_graph_at_once(shipped_site, offline_page):
    view = offline_page(width=1900, height=1000)  # map and graph side by side
    view.open(shipped_site / "index.html")
    assert view.page.evaluate("() => KTS.graphShown().nodes") > 0
    assert view.errors == []


def test_the_graph_behind_the_switch_loads_when_it_is_shown(shipped_site, offline_page):
    view = offline_page(width=1400, height=900)
    page = view.page
    view.open(shipped_site / "index.html")
    page.wait_for_timeout(300)
    assert not page.evaluate(VIS_REQUESTED)
    page.get_by_role("tab", name="Netzwerk").click()
    page.wait_for_function("() => window.KTS && KTS.network && KTS.graphShown().nodes > 0")
    assert view.errors == []


def test_a_page_graph_below_the_screen_loads_when_scrolled_to(shipped_site, offline_page):
    view = offline_page(width=390, height=844)
    page = view.page
    page.goto((shipped_site / "analyse" / "index.html").as_uri())
    page.wait_for_function("() => document.body.dataset.ready === '1'")
    page.wait_for_timeout(500)
    assert not page.evaluate(VIS_REQUESTED)
    page.locator("#graph").scroll_into_view_if_needed()
    page.wait_for_function("() => document.getElementById('graph').dataset.drawn !== undefined")
    assert page.evaluate("() => KTS.network.body.nodeIndices.length") > 0
    assert view.errors == []


@pytest.mark.parametrize("size", [(412, 823), (1400, 900)], ids=["phone", "wide"])
def test_dashboard_start_shifts_no_layout(shipped_site, offline_page, size):
    view = offline_page(width=size[0], height=size[1])
    view.page.add_init_script(SHIFTS)
    view.open(shipped_site / "index.html")
    view.page.wait_for_timeout(500)
    # Lighthouse calls below 0.1 good; the view heights settle once the head is measured.
    assert sum(view.page.evaluate("window.__shifts")) < 0.05


def test_a_phone_fetches_a_page_map_when_scrolled_to(shipped_site, offline_page):
    view = offline_page(width=390, height=844)
    page = view.page
    page.goto((shipped_site / "kommunen" / "regensburg" / "index.html").as_uri())
    page.wait_for_function("() => document.body.dataset.ready === '1'")
    page.wait_for_timeout(500)
    # Below the page's text: neither Leaflet nor a tile is fetched yet.
    assert page.evaluate("() => typeof window.L") == "undefined"
    assert view.external == []
    page.locator(".map-frame").scroll_into_view_if_needed()
    page.wait_for_function("() => !!KTS.map && KTS.map.getContainer().dataset.markers > 0")
    assert view.errors == []
