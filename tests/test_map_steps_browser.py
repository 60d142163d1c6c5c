"""The map drawn in steps at the start (canvas-layer.js, lines-draw.js, points-layer.js): one
step per task, the same picture as drawn at once; a redraw voids the steps still pending. A big
network's answer to a click is drawn after the next paint (map.js updateMap)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

# A canvas's pixels, as a data URL: equal strings, equal pictures.
PIXELS = "(sel) => document.querySelector(sel).toDataURL()"
LINES, POINTS = ".kts-lines-canvas", ".kts-points-canvas"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 Kommunen and 3,500 Verbindungen: hairlines, several steps at the default sizes."""
    from tests.conftest import synthetic_site

    return synthetic_site(tmp_path_factory, "steps", 600, 3500, massnahmen=10, seed=3)


def test_the_start_draws_every_line_and_point(site, offline_page):
    view = offline_page(width=390, height=844)
    view.open(site / "index.html")
    page = view.page
    started = {sel: page.evaluate(PIXELS, sel) for sel in (LINES, POINTS)}
    page.evaluate("KTS.updateMap()")  # everything at once
    assert {sel: page.evaluate(PIXELS, sel) for sel in (LINES, POINTS)} == started
    assert view.errors == []


def drawn_at_once_in_small_steps(view, site) -> dict:
    """The map drawn at once after steps were made small (500 lines, 50 points): its pixels."""
    view.open(site / "index.html")
    view.page.evaluate("KTS.STEP_LINES = 500; KTS.STEP_POINTS = 50; KTS.updateMap()")
    return {sel: view.page.evaluate(PIXELS, sel) for sel in (LINES, POINTS)}


def test_steps_give_the_picture_drawn_at_once(site, offline_page):
    view = offline_page()
    page = view.page
    at_once = drawn_at_once_in_small_steps(view, site)
    # Run as lib.inTurn runs them: one per task, a step's further steps right after it.
    counts = page.evaluate(
        """async () => {
            const counts = [];
            for (const steps of [KTS.updateMapLines("steps"), KTS.updateMapPoints("steps")]) {
                const queue = steps.slice();
                let n = 0;
                while (queue.length) {
                    const more = queue.shift()();
                    if (Array.isArray(more)) queue.unshift(...more);
                    n++;
                    await new Promise(r => setTimeout(r, 0));
                }
                counts.push(n);
            }
            return counts;
        }"""
    )
    assert counts[0] >= 5 and counts[1] >= 10
    assert {sel: page.evaluate(PIXELS, sel) for sel in (LINES, POINTS)} == at_once


def test_a_redraw_voids_the_steps_still_pending(site, offline_page):
    view = offline_page()
    page = view.page
    at_once = drawn_at_once_in_small_steps(view, site)[LINES]
    left = page.evaluate(
        """() => {
            const [order] = KTS.updateMapLines("steps");  // the lines' order, then their drawing
            const steps = order();
            steps[0]();
            KTS.updateMapLines();
            steps.slice(1).forEach(step => step());
            return steps.length - 1;
        }"""
    )
    assert left >= 4
    # Drawn again over the full picture, the old steps would have deepened its colours.
    assert page.evaluate(PIXELS, LINES) == at_once


# The fixture's 3,500 Verbindungen count as big; the map keeps its frame after a filter change
# (refitting would redraw it once more, after an animation).
BIG = "KTS.LATER_LINES = 3000; KTS.fitMap = () => {}"

# A filter change as a click makes it; then what the map shows before and after the next paint.
FILTER_THEN_FRAMES = """async (sel) => {
    const box = document.querySelector('input[name=art]');
    box.checked = false;
    box.dispatchEvent(new Event('change', {bubbles: true}));
    const during = document.querySelector(sel).toDataURL();
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 10)));
    return during;
}"""


def test_a_big_network_draws_a_click_after_the_next_paint(site, offline_page):
    view = offline_page()
    page = view.page
    view.open(site / "index.html")
    page.evaluate(BIG)
    before = {sel: page.evaluate(PIXELS, sel) for sel in (LINES, POINTS)}
    lines_before = page.evaluate("KTS.snapshot().lines")
    during = page.evaluate(FILTER_THEN_FRAMES, LINES)
    # During the click the map still shows the old picture; what it holds is already new.
    assert during == before[LINES]
    assert page.evaluate("KTS.snapshot().lines") < lines_before
    after = {sel: page.evaluate(PIXELS, sel) for sel in (LINES, POINTS)}
    assert after[LINES] != before[LINES] and after[POINTS] != before[POINTS]
    # After the paint: the picture drawn at once for the new state.
    page.evaluate("KTS.updateMapLines(); KTS.updateMapPoints()")
    assert {sel: page.evaluate(PIXELS, sel) for sel in (LINES, POINTS)} == after
    assert view.errors == []


def test_a_picture_taken_during_a_click_shows_the_new_map(site, offline_page):
    view = offline_page()
    page = view.page
    view.open(site / "index.html")
    page.evaluate(BIG)
    drawn = page.evaluate(
        """async () => {
            const box = document.querySelector('input[name=art]');
            box.checked = false;
            box.dispatchEvent(new Event('change', {bubbles: true}));
            KTS.mapPicture();  // "Bild speichern" and printing draw what is left for later
            const now = document.querySelector('.kts-lines-canvas').toDataURL();
            await new Promise(r => requestAnimationFrame(() => setTimeout(r, 10)));
            return now;
        }"""
    )
    # The redraw left for later was void: drawn again, translucent lines would deepen.
    assert page.evaluate(PIXELS, LINES) == drawn
    page.evaluate("KTS.updateMapLines()")
    assert page.evaluate(PIXELS, LINES) == drawn
    assert view.errors == []
