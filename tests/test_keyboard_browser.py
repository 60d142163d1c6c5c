"""Map and graph by keyboard: arrows move a cursor between Kommunen, Enter selects."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("view_selector", [".folium-map", "#graph"])
def test_a_kommune_is_selected_from_the_view_with_the_keyboard_only(
    shipped_site, offline_page, view_selector
):
    view = offline_page()
    page = view.page
    view.open(shipped_site / "index.html")
    # Tab reaches the view (no mouse): count the steps, at most a few dozen. The graph shares
    # its place with the map: the arrow keys in the switch (Karte | Netzwerk) bring it up.
    for _ in range(80):
        page.keyboard.press("Tab")
        active = page.evaluate("() => document.activeElement.id")
        if view_selector == "#graph" and active == "tab-karte":
            page.keyboard.press("ArrowRight")
            assert page.evaluate("() => document.activeElement.id") == "tab-netzwerk"
        if page.evaluate(
            "(sel) => document.activeElement === document.querySelector(sel)", view_selector
        ):
            break
    else:
        pytest.fail(f"{view_selector} is not reachable with Tab")
    assert page.locator(view_selector).get_attribute("aria-label")
    page.keyboard.press("ArrowRight")
    first = page.locator("#kbd-status").inner_text()
    page.keyboard.press("ArrowDown")
    second = page.locator("#kbd-status").inner_text()
    assert first != second and "Eingabetaste" in second
    name = second.split(",")[0]
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.getElementById('details').hidden")
    assert page.locator("#details-titel").inner_text() == name
    # Focus stays in the view, so the reader can go on from there; Escape leaves the cursor.
    assert page.evaluate(
        "(sel) => document.activeElement === document.querySelector(sel)", view_selector
    )
    page.keyboard.press("Escape")
    assert "beendet" in page.locator("#kbd-status").inner_text()


def test_details_covering_a_small_screen_are_a_modal_dialog(shipped_site, offline_page):
    view = offline_page(width=350, height=500)  # a 1400×900 window at 400 % zoom, roughly
    page = view.page
    view.open(shipped_site / "index.html")
    page.get_by_role("tab", name="Liste").click()
    opener = page.locator("#result-list button.k").first
    name = opener.text_content()  # not inner_text: empty while the list is not yet rendered
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    assert dialog.get_attribute("aria-modal") == "true"
    for _ in range(40):
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('details').contains(document.activeElement)")
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.getElementById('details').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert page.locator("#details").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == name


def test_escape_in_the_header_search_leaves_the_details_open(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    view.open(shipped_site / "index.html", "#k=ulm")
    page.locator("#site-search").focus()
    page.keyboard.press("Escape")
    assert page.locator("#details").is_visible()


def test_details_on_a_phone_leave_the_focused_map_in_view(shipped_site, offline_page):
    view = offline_page(width=390, height=844)
    page = view.page
    view.open(shipped_site / "index.html", "#k=ulm&weg=rostock")
    sheet = page.locator("#details").bounding_box()
    frame = page.locator(".map-frame").bounding_box()
    assert sheet["y"] > 844 * 0.4  # the upper part of the screen is the map, with the path
    assert frame["y"] < sheet["y"] - 150
    assert page.locator("#details").get_attribute("role") is None  # not modal: not covering
