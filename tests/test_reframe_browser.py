"""The map follows a plain selection on wider screens than a phone's (issue 26): the selected
Kommune and its partners come into view, moving the map as little as they need."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Ulm's partners include Madrid and Bologna: off the map while it frames Germany at 1400×900.
FAR = "ulm"
ABROAD = "madrid"

VIEW = """() => { const m = KTS.map, c = m.getCenter();
    return {lat: c.lat, lng: c.lng, zoom: m.getZoom()}; }"""

BUSY = "() => !!(KTS.map._animatingZoom || (KTS.map._panAnim && KTS.map._panAnim._inProgress))"

# Of these Kommunen, those whose point lies outside the map's box less its margin (24 px) and
# the attribution at its foot.
OUTSIDE = """ids => {
    const K = KTS.data.K, m = KTS.map, size = m.getSize();
    const foot = m.getContainer().querySelector('.leaflet-bottom.leaflet-right').offsetHeight;
    return ids.filter(id => {
        const i = K.id.indexOf(id), p = m.latLngToContainerPoint([K.lat[i], K.lon[i]]);
        return p.x < 23.5 || p.y < 23.5 || p.x > size.x - 23.5 || p.y > size.y - 23.5 - foot;
    });
}"""

# The Kommunen of the focus (the selected one and its partners shown), by id.
FOCUS = """() => { const f = KTS.view.focus, K = KTS.data.K;
    return K.id.filter((id, i) => f && f.kom[i]); }"""

# Of the partners of the selected Kommune in the details' drawer, the first whose own focus
# lies within the map's view now (with the margin), or "".
NEIGHBOUR_IN_VIEW = """() => {
    const K = KTS.data.K, m = KTS.map, size = m.getSize();
    const foot = m.getContainer().querySelector('.leaflet-bottom.leaflet-right').offsetHeight;
    const inside = i => { const p = m.latLngToContainerPoint([K.lat[i], K.lon[i]]);
        return p.x >= 30 && p.y >= 30 && p.x <= size.x - 30 && p.y <= size.y - 30 - foot; };
    for (const b of document.querySelectorAll('#details button.k[data-k]')) {
        const i = K.id.indexOf(b.dataset.k), kom = KTS.reach(i, false, 1).kom;
        const still = kom.every((x, j) => !x || inside(j));
        if (i >= 0 && K.id[i] !== KTS.state.k && still) return K.id[i];
    }
    return '';
}"""


def settle(page) -> None:
    """Until the map has come to rest (the same centre and zoom over 150 ms, no animation)."""
    state = """() => { const m = KTS.map, c = m.getCenter();
        const busy = m._animatingZoom || (m._panAnim && m._panAnim._inProgress);
        return busy ? Math.random() : [c.lat, c.lng, m.getZoom()].join(); }"""
    before = page.evaluate(state)
    for _ in range(40):
        page.wait_for_timeout(150)
        now = page.evaluate(state)
        if now == before:
            return
        before = now
    raise AssertionError("the map did not come to rest")


def germany(view, fragment: str = "") -> None:
    """The dashboard at Germany's frame for the map's final size (the tiles' line below it)."""
    view.open(view.site / "index.html", fragment)
    view.page.locator("#map-home").click()
    settle(view.page)


@pytest.fixture
def wide(shipped_site, offline_page):
    """The shipped dashboard at 1400×900, the map framing Germany."""
    view = offline_page(width=1400, height=900)
    view.site = shipped_site
    germany(view)
    assert view.page.evaluate(OUTSIDE, [ABROAD]) == [ABROAD]  # off the map to begin with
    return view


def select_by_keyboard(page, kommune: str) -> None:
    """Select a Kommune by Enter on its button in the list of Verbindungen."""
    button = page.locator(f'#result-list button.k[data-k="{kommune}"]').first
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => KTS.state.k === '{kommune}'")


def test_a_partner_abroad_comes_into_view_and_focus_stays(wide):
    page = wide.page
    before = page.evaluate(VIEW)
    select_by_keyboard(page, FAR)
    settle(page)
    partners = page.evaluate(FOCUS)
    assert ABROAD in partners and len(partners) > 3
    assert page.evaluate(OUTSIDE, partners) == []
    # Zoomed out as far as needed, never in; the keyboard's focus where the drawer put it.
    assert page.evaluate(VIEW)["zoom"] < before["zoom"]
    assert page.evaluate("document.activeElement.id") == "details-titel"
    # Closing the details (Escape) leaves the map where it is.
    framed = page.evaluate(VIEW)
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.getElementById('details').hidden")
    settle(page)
    assert page.evaluate(VIEW) == framed
    assert page.evaluate("document.activeElement.dataset.k") == FAR  # back on the opener
    assert wide.errors == []


def test_a_neighbour_already_in_view_leaves_the_map_still(wide):
    page = wide.page
    select_by_keyboard(page, FAR)
    settle(page)
    framed = page.evaluate(VIEW)
    neighbour = page.evaluate(NEIGHBOUR_IN_VIEW)
    assert neighbour, "no partner of Ulm whose partners all lie in view"
    page.locator(f'#details button.k[data-k="{neighbour}"]').first.click()
    page.wait_for_function(f"() => KTS.state.k === '{neighbour}'")
    settle(page)
    assert page.evaluate(VIEW) == framed
    assert page.evaluate(OUTSIDE, page.evaluate(FOCUS)) == []


def test_the_address_frames_the_selection_on_load_and_on_change(shipped_site, offline_page):
    view = offline_page(width=1400, height=900)
    view.site = shipped_site
    view.open(shipped_site / "index.html", f"#k={FAR}")
    settle(view.page)
    assert view.page.evaluate(OUTSIDE, view.page.evaluate(FOCUS)) == []
    # A new address (the site's search leads to #k=…) does the same from Germany's frame.
    germany(view)
    view.page.evaluate(f"location.hash = 'k={FAR}'")
    view.page.wait_for_function("() => !document.getElementById('details').hidden")
    settle(view.page)
    assert view.page.evaluate(OUTSIDE, view.page.evaluate(FOCUS)) == []


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_the_map_moves_at_once_with_reduced_motion(wide, motion):
    page = wide.page
    page.emulate_media(reduced_motion=motion)
    # Right after the click: moved already, or not yet and animated from the next frame on.
    outside, busy = page.evaluate(
        f"""async () => {{
            document.querySelector('#result-list button.k[data-k="{FAR}"]').click();
            const outside = ({OUTSIDE})(['{ABROAD}']);
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            return [outside, ({BUSY})()];
        }}"""
    )
    if motion == "reduce":
        assert not busy and outside == []
    else:
        assert busy and outside == [ABROAD]
    settle(page)
    assert page.evaluate(OUTSIDE, [ABROAD]) == []


def test_on_a_phone_the_focus_is_framed_above_the_sheet_as_before(shipped_site, offline_page):
    view = offline_page(width=390, height=844)
    page = view.page
    view.open(shipped_site / "index.html")
    # Counted: the views the map is sent to (one: tabs.js's frame, no second motion).
    page.evaluate(
        "() => { const m = KTS.map, set = m.setView; window.__views = 0;"
        " m.setView = function () { window.__views++; return set.apply(this, arguments); }; }"
    )
    page.evaluate(f"KTS.bus.emit('select', KTS.data.K.id.indexOf('{FAR}'), 'list')")
    page.wait_for_function("() => !document.getElementById('details').hidden")
    settle(page)
    assert page.evaluate("window.__views") == 1
    framed = page.evaluate(VIEW)
    # The frame is the focus's fit above the details' sheet (tabs.js), nothing else.
    page.evaluate("KTS.fitFocus(document.getElementById('details').getBoundingClientRect().height)")
    settle(page)
    again = page.evaluate(VIEW)
    assert again["zoom"] == framed["zoom"]
    assert again["lat"] == pytest.approx(framed["lat"], abs=1e-6)
    assert again["lng"] == pytest.approx(framed["lng"], abs=1e-6)
    assert page.evaluate("!KTS.map._ktsFrame || !KTS.map._ktsFrame.followsFocus")
    assert view.errors == []
