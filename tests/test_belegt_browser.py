"""The documented network apart from the illustrative one: the filter "Nur belegte
Verbindungen", its count, the key figure and the notice's link."""

from __future__ import annotations

import csv

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def _documented() -> set[tuple[str, str, str, str]]:
    """(von, nach, art, zeitraum) of every shipped connection whose source is not illustrative."""
    with (ROOT / "content" / "verbindungen.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {
        (r["von"], r["nach"], r["art"], r["zeitraum"])
        for r in rows
        if not r["quelle"].startswith("Beispiel")
    }


SHOWN = """() => KTS.view.matching.map(i => {
    const d = KTS.data.D, v = d.verbindungen, k = d.kommunen.id;
    return [k[v.von[i]], k[v.nach[i]], d.arten[v.art[i]].id, d.zeitraeume[v.z[i]].id];
})"""


@pytest.mark.parametrize("size", [(1400, 900), (390, 844)])
def test_only_documented_gives_exactly_the_documented_connections(shipped_site, offline_page, size):
    documented = _documented()
    view = offline_page(width=size[0], height=size[1])
    view.open(shipped_site / "index.html")
    page = view.page
    if size[0] <= 1000:
        page.locator("#filter-toggle").click()
    box = page.get_by_label("Nur belegte Verbindungen")
    assert page.locator('#filter [data-count="belegt"]').inner_text() == str(len(documented))
    box.check()
    page.wait_for_function("() => location.hash.includes('belegt=1')")
    shown = {tuple(x) for x in page.evaluate(SHOWN)}
    assert shown == documented
    assert page.locator('[data-figure="verbindungen"]').inner_text() == str(len(documented))
    assert page.locator('[data-figure="belegt"]').inner_text() == str(len(documented))
    # No item carries the badge (a quoted source may well say "zum Beispiel").
    assert page.locator("#result-list > li").count() > 0
    assert page.locator("#result-list .badge").count() == 0
    page.reload()
    view.wait_ready()
    assert page.get_by_label("Nur belegte Verbindungen").is_checked()
    assert {tuple(x) for x in page.evaluate(SHOWN)} == documented
    assert view.errors == []


def test_the_key_figures_say_how_many_shown_connections_are_documented(shipped_site, offline_page):
    documented = _documented()
    view = offline_page(width=1400, height=900)
    view.open(shipped_site / "index.html", "#hf=soziale-inklusion")
    page = view.page
    shown = {tuple(x) for x in page.evaluate(SHOWN)}
    figure = page.locator('[data-figure="belegt"]')
    assert figure.inner_text() == str(len(shown & documented))
    assert 0 < len(shown & documented) < len(shown)
    # The filter's count says what checking it would give, under the other filters.
    assert page.locator('#filter [data-count="belegt"]').inner_text() == str(
        len(shown & documented)
    )
    # The documented connections stand first in the list.
    order = page.evaluate(SHOWN)
    flags = [tuple(x) in documented for x in order]
    assert flags == sorted(flags, reverse=True)


def test_the_notice_leads_to_the_documented_network(shipped_site, offline_page):
    view = offline_page(width=1400, height=900)
    view.open(shipped_site / "index.html")
    page = view.page
    notice = page.locator(".notice")
    assert "illustrative Beispiele" in notice.inner_text()
    notice.get_by_role("link", name="Nur belegte zeigen").click()
    page.wait_for_function("() => KTS.state.belegt === true")
    assert page.get_by_label("Nur belegte Verbindungen").is_checked()
    assert len(page.evaluate(SHOWN)) == len(_documented())
    assert view.errors == []


def _belege_of(kid: str) -> list[str]:
    """The shipped belege of a Kommune's connections."""
    with (ROOT / "content" / "verbindungen.csv").open(encoding="utf-8") as f:
        return [
            r["beleg"] for r in csv.DictReader(f) if kid in (r["von"], r["nach"]) and r["beleg"]
        ]


@pytest.mark.parametrize("size", [(1400, 900), (390, 844)])
def test_the_drawer_and_the_list_quote_each_documented_connections_source(
    shipped_site, offline_page, size
):
    belege = _belege_of("bad-belzig")
    assert len(belege) >= 2
    view = offline_page(width=size[0], height=size[1])
    view.open(shipped_site / "index.html", "#k=bad-belzig")
    page = view.page
    drawer = page.locator("#details")
    drawer.get_by_role("heading", name="Belegt").wait_for()
    quotes = drawer.locator("ul.belege q.beleg")
    assert sorted(quotes.all_inner_texts()) == sorted(belege)
    # Each quote stands beside its source's link, which is the quote's cite.
    first = drawer.locator("ul.belege li").filter(has=page.locator("q.beleg")).first
    link = first.locator(".source a")
    assert link.get_attribute("href") == first.locator("q.beleg").get_attribute("cite")
    # The list of Bad Belzig's connections quotes the same sentences.
    listed = page.locator("#result-list q.beleg").all_inner_texts()
    assert set(listed) <= set(belege) and listed
    assert view.errors == []
