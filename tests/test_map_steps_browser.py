"""The map drawn in steps at the start (canvas-layer.js, lines-draw.js, points-layer.js): one
step per task, the same picture as drawn at once; a redraw voids the steps still pending."""

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
    counts = page.evaluate(
        """async () => {
            const counts = [];
            for (const steps of [KTS.updateMapLines(true), KTS.updateMapPoints(true)]) {
                counts.push(steps.length);
                for (const step of steps) {
                    step();
                    await new Promise(r => setTimeout(r, 0));
                }
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
            const steps = KTS.updateMapLines(true);
            steps[0]();
            KTS.updateMapLines();
            steps.slice(1).forEach(step => step());
            return steps.length - 1;
        }"""
    )
    assert left >= 4
    # Drawn again over the full picture, the old steps would have deepened its colours.
    assert page.evaluate(PIXELS, LINES) == at_once
