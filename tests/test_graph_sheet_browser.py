"""A big graph ("Alle zeigen"): connections drawn by the sheet, the last frame moved while the
view is dragged or zoomed, lines named on hover (graph-sheet.js)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import show_graph

pytestmark = pytest.mark.browser

# The graph canvas as 0/1 per pixel: drawn (alpha of 40 % or more) or not.
INKED = """() => {
    const c = document.querySelector('#graph canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const out = new Uint8Array(d.length / 4);
    for (let i = 3, j = 0; i < d.length; i += 4, j++) out[j] = d[i] >= 100 ? 1 : 0;
    window.__inked = out;
    return out.reduce((a, b) => a + b, 0);
}"""

# Of the pixels inked now, the share also inked in the last INKED.
SAME_AS_LAST = """() => {
    const before = window.__inked, c = document.querySelector('#graph canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let both = 0, now = 0;
    for (let i = 3, j = 0; i < d.length; i += 4, j++) {
        if (d[i] >= 100) { now++; both += before[j]; }
    }
    return both / now;
}"""

# The middle of the longest connection in view where no node lies, in page coordinates.
LONGEST_LINE_MIDDLE = """() => {
    const net = KTS.network, V = KTS.data.V;
    const box = document.getElementById('graph').getBoundingClientRect();
    const at = (i) => net.canvasToDOM(net.getPosition(i));
    let best = null, most = 0;
    for (let j = 0; j < KTS.data.nV; j++) {
        const a = at(V.von[j]), b = at(V.nach[j]), d = Math.hypot(a.x - b.x, a.y - b.y);
        const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
        const inView = m.x > 0 && m.y > 0 && m.x < box.width && m.y < box.height;
        if (d > most && inView && net.getNodeAt(m) === undefined) {
            most = d;
            best = [box.left + m.x, box.top + m.y];
        }
    }
    return best;
}"""

FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """700 Kommunen and 2,500 Verbindungen: more than the graph shows before "Alle zeigen"."""
    from tests.conftest import synthetic_site

    return synthetic_site(tmp_path_factory, "big", 700, 2500, massnahmen=20, seed=5)


def show_all(view, site: Path):
    # Without the clusters' regions (graph-clusters.js): these tests count the sheet's pixels.
    view.open(site / "index.html", "#cluster=0")
    page = view.page
    show_graph(page)
    page.locator("#graph-all").click()
    page.wait_for_function("() => KTS.snapshot().nodes === 700")
    page.evaluate(FRAME)
    return page


def graph_centre(page) -> tuple[float, float]:
    box = page.locator("#graph").bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_all_connections_are_drawn_by_the_sheet_not_as_vis_network_edges(big_site, offline_page):
    view = offline_page()
    page = show_all(view, big_site)
    assert view.snapshot()["edges"] == 2500
    assert page.evaluate("KTS.network.body.edgeIndices.length") == 0
    nodes_only = page.evaluate(
        """async () => {
            const draw = KTS.drawLines;
            KTS.drawLines = () => {};
            KTS.network.redraw();
            const c = document.querySelector('#graph canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            KTS.drawLines = draw;
            KTS.network.redraw();
            let n = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
            return n;
        }"""
    )
    page.evaluate(FRAME)
    assert page.evaluate(INKED) > 0
    with_lines = page.evaluate(
        """() => {
            const c = document.querySelector('#graph canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
            return n;
        }"""
    )
    assert with_lines > 1.5 * nodes_only  # the lines are there, beneath the nodes
    assert view.errors == []


def test_a_dragged_view_shows_the_last_frame_where_the_full_one_lands(big_site, offline_page):
    view = offline_page()
    page = show_all(view, big_site)
    x, y = graph_centre(page)
    # Grab the view beside the nodes: press where no node is, or the drag would not pan.
    free = page.evaluate(
        """([x, y]) => {
            const box = document.getElementById('graph').getBoundingClientRect();
            for (let dy = 0; dy < 200; dy += 7) for (const s of [1, -1]) {
                const p = { x: x - box.left, y: y - box.top + s * dy };
                if (KTS.network.getNodeAt(p) === undefined) return [x, y + s * dy];
            }
            return [x, y];
        }""",
        [x, y],
    )
    before = page.evaluate("KTS.network.getViewPosition()")
    page.mouse.move(*free)
    page.mouse.down()
    page.mouse.move(free[0] + 60, free[1] + 30, steps=6)
    page.evaluate(FRAME)
    moved = page.evaluate(INKED)  # the kept frame, moved
    page.mouse.up()
    page.evaluate(FRAME)
    after = page.evaluate("KTS.network.getViewPosition()")
    assert after != before
    # Drawn in full at the same view: nearly every pixel lies where the moved frame had it.
    assert moved > 0
    # (Names are placed anew for the new view: a few pixels differ.)
    assert page.evaluate(SAME_AS_LAST) > 0.85
    assert view.errors == []


def test_a_wheel_zoom_scales_the_last_frame_until_the_view_rests(big_site, offline_page):
    view = offline_page()
    page = show_all(view, big_site)
    page.evaluate("KTS.network.setOptions({ interaction: { zoomView: true } })")
    scale = page.evaluate("KTS.network.getScale()")
    # Wheel and look in one go: the zoom counts as resting 250 ms after the last turn.
    page.evaluate(f"window.__inkNow = {INKED}")
    zooming = page.evaluate(
        """async () => {
            const c = document.querySelector('#graph canvas'), r = c.getBoundingClientRect();
            const turn = {
                deltaY: -300, bubbles: true, cancelable: true,
                clientX: r.left + r.width / 2, clientY: r.top + r.height / 2,
            };
            for (let n = 0; n < 3; n++) c.dispatchEvent(new WheelEvent('wheel', turn));
            await new Promise(r => requestAnimationFrame(r));
            const zooming = KTS.network.renderer.zooming;
            window.__inkNow();  // the kept frame, scaled
            return zooming;
        }"""
    )
    assert zooming
    assert page.evaluate("KTS.network.getScale()") > scale
    page.wait_for_function("() => !KTS.network.renderer.zooming")
    page.evaluate(FRAME)
    # Scaled pixels blur (drawn in full they are sharp), but they lie where the full frame has them.
    assert page.evaluate(SAME_AS_LAST) > 0.9
    assert view.errors == []


def test_a_line_of_the_sheet_is_named_and_previewed_once_the_mouse_rests(big_site, offline_page):
    view = offline_page()
    page = show_all(view, big_site)
    at = page.evaluate(LONGEST_LINE_MIDDLE)
    page.mouse.move(at[0] - 3, at[1])
    page.mouse.move(at[0], at[1])
    tip = page.locator("div.sheet-tip")
    tip.wait_for(state="visible")
    page.wait_for_function("() => KTS.view.preview <= -2")
    line = -2 - page.evaluate("KTS.view.preview")
    assert tip.text_content() == page.evaluate("(j) => KTS.connectionText(j)", line)
    box = page.locator("#graph").bounding_box()
    tip_box = tip.bounding_box()
    assert box is not None and tip_box is not None
    assert tip_box["x"] >= box["x"] and tip_box["x"] + tip_box["width"] <= box["x"] + box["width"]
    page.mouse.move(box["x"] - 20, box["y"] - 20)  # out of the graph: tooltip and preview end
    tip.wait_for(state="hidden")
    page.wait_for_function("() => KTS.view.preview === -1")
    assert view.errors == []


def test_on_a_phone_all_is_a_tap_away_in_the_network_tab(big_site, offline_page):
    view = offline_page(width=390, height=844)
    view.open(big_site / "index.html")
    page = view.page
    page.get_by_role("tab", name="Netzwerk").click()
    page.locator("#graph-all").click(timeout=5000)
    page.wait_for_function("() => KTS.snapshot().nodes === 700")
    assert view.snapshot()["edges"] == 2500
    assert page.evaluate("KTS.network.body.edgeIndices.length") == 0
    assert view.errors == []
