"""Printing the dashboard: the current view on A4, every listed connection in the text."""

from __future__ import annotations

import io
import unicodedata

import pytest

pytestmark = pytest.mark.browser


def test_printed_dashboard_has_the_filters_pictures_and_every_listed_connection(
    shipped_site, offline_page
):
    from pypdf import PdfReader

    view = offline_page()
    page = view.page
    view.open(shipped_site / "index.html", "#art=uebertragung")
    view.show_graph()  # map and graph share one view: both have been on screen
    view.show_map()  # the graph, left for the map, is printed from the frame kept then
    listed = page.evaluate("KTS.view.matching.length")
    # Chromium 156.0.8078.129 takes the PDF without beforeprint: fire it as the print dialog
    # (Ctrl+P) does, while the screen layout still stands.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    # Map and graph become pictures for the print. Checked before the PDF is made: after
    # page.pdf, Debian's Chromium 150 no longer reported them (it did on 156).
    for picture in ("print-map", "print-graph"):
        page.wait_for_function(
            f"() => document.getElementById('{picture}').src.startsWith('data:image/png')",
            polling=100,  # not on animation frames, which a page about to print may not get
            timeout=5000,
        )
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    flat = " ".join(unicodedata.normalize("NFKC", text).split())  # "ﬀ" ligatures as "ff"
    assert 1 < len(pdf.pages) <= 40
    assert "Filter: Art: Übertragung." in flat
    assert "Datenstand" in flat and "Abspielen" not in flat and "Filter zurücksetzen" not in flat
    # On screen the list shows its first 100; printed, every listed connection.
    items = page.evaluate(
        """() => {
            KTS.view.shown = KTS.data.nV;
            KTS.updateList();
            const pairs = document.querySelectorAll('#result-list > li .pair');
            return [...pairs].map(e => e.textContent);
        }"""
    )
    assert len(items) == listed > 100
    missing = [i for i in items if " ".join(i.split()) not in flat]
    assert missing == []
    page.emulate_media(media="screen")


def test_a_page_printed_before_its_map_and_graph_were_on_screen_says_so_and_loads_them(
    shipped_site, offline_page
):
    # On a phone a page's map and graph load when scrolled to; printed before, they were
    # empty boxes on paper.
    view = offline_page(width=390, height=844)
    page = view.page
    held: list = []
    for library in ("leaflet", "vis-network"):  # held back until the notes are checked
        page.route(f"**/assets/{library}.*.js", lambda route: held.append(route))
    page.goto((shipped_site / "kommunen" / "regensburg" / "index.html").as_uri())
    page.wait_for_function("() => document.body.dataset.ready === '1'")  # not scrolled to them
    assert held == []
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert not page.locator(".map-frame").is_visible()
    assert not page.locator("#graph").is_visible()
    notes = page.locator(".unprinted-note")
    assert notes.count() == 2 and all(n.is_visible() for n in notes.all())
    assert "Karte war beim Drucken noch nicht geladen" in notes.first.inner_text()
    # They load now, for the next print: drawn, the notes go.
    page.emulate_media(media="screen")
    page.wait_for_function("() => true")
    assert len(held) == 2
    for route in held:
        route.continue_()
    page.wait_for_selector(".map-frame .leaflet-container")
    page.wait_for_function("() => document.getElementById('graph').dataset.drawn")
    # The map is drawn in steps after its container exists: its note goes with the last one.
    page.wait_for_function("() => document.body.dataset.ready === '1'")
    page.wait_for_function("() => !document.querySelector('.unprinted-note')", timeout=10000)
    assert page.locator(".unprinted-note").count() == 0
    page.emulate_media(media="print")
    assert page.locator(".map-frame").is_visible() and page.locator("#graph").is_visible()
    assert view.errors == []
