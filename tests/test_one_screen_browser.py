"""The dashboard fits one screen on desktops; key figures are never clipped."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [(1400, 900), (1200, 800)])
def test_filters_map_graph_and_list_start_are_in_view(shipped_site, offline_page, size):
    width, height = size
    view = offline_page(width=width, height=height)
    view.open(shipped_site / "index.html", "#k=regensburg")
    page = view.page
    for selector in ("#filter", ".map-frame", "#graph", "#result-count", "#result-list > li"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector
        assert box["y"] >= 0 and box["y"] + 24 <= height, selector  # at least its first line
    for selector in (".map-frame", "#graph"):
        box = page.locator(selector).bounding_box()
        assert box["y"] + box["height"] <= height and box["height"] >= 300, selector
    details = page.locator("#details").bounding_box()
    for selector in (".map-frame", "#graph"):  # the details panel covers neither view
        box = page.locator(selector).bounding_box()
        assert details["x"] >= box["x"] + box["width"], selector
    assert page.evaluate("document.scrollingElement.scrollHeight") <= height + 1200


@pytest.mark.parametrize("width", [1024, 1280, 1440, 1920])
def test_no_key_figure_is_clipped(shipped_site, offline_page, width):
    view = offline_page(width=width, height=900)
    view.open(shipped_site / "index.html")
    clipped = view.page.evaluate(
        """() => [...document.querySelectorAll('.figure dt, .figure dd')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
            .map(e => e.textContent.trim())"""
    )
    assert clipped == []
