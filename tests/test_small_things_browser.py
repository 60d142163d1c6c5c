"""Small things of issue 25 (item 6): singular counts, the Maßnahme's link in the list, the
first click after typing a search, a selection the filters leave without connections."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser
SHOTS = ROOT / "test-results"


def _lone(art: str = "") -> tuple[str, str, str]:
    """A shipped Kommune with exactly one Verbindung (of that Art, if given): its id, its
    name and the other end."""
    with (ROOT / "content" / "verbindungen.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (ROOT / "content" / "kommunen.csv").open(encoding="utf-8") as f:
        names = {k["id"]: k["name"] for k in csv.DictReader(f)}
    of = defaultdict(list)
    for r in rows:
        of[r["von"]].append(r)
        of[r["nach"]].append(r)
    for kid in sorted(of):
        (row, *more) = of[kid]
        if not more and art in ("", row["art"]):
            return kid, names[kid], row["nach"] if row["von"] == kid else row["von"]
    raise AssertionError(f"no Kommune with one Verbindung {art}")


def test_one_connection_is_counted_in_the_singular(shipped_site, offline_page):
    """ "1 Verbindungen von Amt Schlieben …" (issue 25): one is singular, more are plural."""
    kid, name, other = _lone()
    view = offline_page()
    page = view.page
    view.open(shipped_site / "index.html", f"#k={kid}")
    count = page.locator("#result-count")
    assert count.inner_text() == f"1 Verbindung von {name} in der Auswahl"
    # A path of one step: "1 Verbindung auf dem Weg".
    page.evaluate(f"location.hash = 'k={kid}&weg={other}'")
    page.wait_for_function(
        "() => document.getElementById('result-count').textContent.includes('Weg')"
    )
    assert count.inner_text() == "1 Verbindung auf dem Weg"
    # Several stay plural.
    page.evaluate("location.hash = 'k=regensburg'")
    page.wait_for_function(
        "() => document.getElementById('result-count').textContent.includes('Regensburg')"
    )
    assert count.inner_text().split(" ", 2)[1] == "Verbindungen"
    assert view.errors == []


def test_the_massnahme_of_a_list_row_links_to_its_page(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    view.open(shipped_site / "index.html")
    link = page.locator("#result-list .meta a.massnahme").first
    expected = page.evaluate(
        """() => {
            const V = KTS.data.V, M = KTS.data.M, j = KTS.listed().items.find(i => V.m[i] >= 0);
            return [M.titel[V.m[j]], 'massnahmen/' + M.id[V.m[j]] + '/index.html'];
        }"""
    )
    assert link.inner_text() == expected[0]
    href = link.get_attribute("href")
    assert href == (page.evaluate("document.body.dataset.root") or "") + expected[1]
    assert (shipped_site / href).is_file()
    # Keyboard: a real link, reached by Tab and followed with Enter.
    link.focus()
    assert page.evaluate("document.activeElement.tagName") == "A"
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + expected[1])
    assert view.errors == []


def test_the_first_click_after_typing_a_search_selects(shipped_site, offline_page):
    """The search applied again when its field lost focus ("change"), redrawing the list
    under the pointer between mousedown and mouseup: the first click was lost."""
    view = offline_page(width=1400, height=900)
    page = view.page
    view.open(shipped_site / "index.html")
    page.locator("#f-q").press_sequentially("regensburg")
    # Applied as typed (debounced), without leaving the field.
    page.wait_for_function("() => KTS.state.q === 'regensburg'")
    assert page.evaluate("document.activeElement.id") == "f-q"
    entry = page.locator("#result-list li button.k").first
    wanted = entry.get_attribute("data-k")
    entry.click()
    page.wait_for_function("() => !document.getElementById('details').hidden", timeout=2000)
    assert page.evaluate("KTS.state.k") == wanted
    assert f"k={wanted}" in page.url
    assert view.errors == []


def test_a_selection_left_without_connections_by_the_filters_is_cleared(shipped_site, offline_page):
    view = offline_page(width=1400, height=900)
    page = view.page
    # A Kommune whose one connection is an Übertragung: without that Art it has none.
    kid, _, _ = _lone("uebertragung")
    view.open(shipped_site / "index.html", f"#k={kid}")
    assert page.locator("#details").is_visible()
    page.locator('input[name="art"][value="uebertragung"]').uncheck()
    page.wait_for_function("() => document.getElementById('details').hidden", timeout=2000)
    assert page.evaluate("KTS.state.k") == ""
    assert "k=" not in page.url and "art=" in page.url
    assert page.evaluate("KTS.view.focus") is None
    assert not page.locator("#result-count").inner_text().startswith("Keine")
    assert view.errors == []


def test_a_selection_with_connections_left_stays(shipped_site, offline_page):
    view = offline_page(width=1400, height=900)
    page = view.page
    view.open(shipped_site / "index.html", "#k=regensburg")
    # Some of Regensburg's connections are not Vorbild ones: the selection stays.
    page.locator('input[name="art"][value="vorbild"]').uncheck()
    page.wait_for_function("() => location.hash.includes('art=')")
    assert page.evaluate("KTS.state.k") == "regensburg"
    assert page.locator("#details").is_visible()
    # With "Alle Verbindungen der Kommune" the filters do not decide what it shows.
    kid, _, _ = _lone("uebertragung")
    view.open(shipped_site / "index.html", f"#k={kid}&alle=1")
    page.locator('input[name="art"][value="uebertragung"]').uncheck()
    page.wait_for_function("() => location.hash.includes('art=')")
    assert page.evaluate("KTS.state.k") == kid
    # The playback passes periods without the Kommune's connections; it stays selected.
    view.open(shipped_site / "index.html", f"#k={kid}")
    page.evaluate("KTS.playback.interval = 20")
    page.locator("#playback-toggle").click()
    page.wait_for_function("() => !KTS.playback.playing()", timeout=10000)
    assert page.evaluate("KTS.state.k") == kid
    assert page.locator("#details").is_visible()
    assert view.errors == []


@pytest.mark.parametrize("width,height", [(1400, 900), (390, 844)])
def test_screenshot_of_the_list_with_a_kommune_selected(shipped_site, offline_page, width, height):
    view = offline_page(width=width, height=height)
    page = view.page
    view.open(shipped_site / "index.html", "#k=regensburg")
    if width < 600:
        page.locator("#tab-liste").click()
    link = page.locator("#result-list .meta a.massnahme").first
    # Above the phone's details sheet, below its tab bar.
    link.evaluate("a => { a.scrollIntoView({block: 'start'}); window.scrollBy(0, -160); }")
    assert link.is_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"small-things-list-{width}.png"))
    assert view.errors == []
