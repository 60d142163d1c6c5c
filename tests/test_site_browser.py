"""Every page kind as a person sees it: offline, no console errors, search and navigation work."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser
SHOTS = ROOT / "test-results"

PAGES = [
    ("kommune", "kommunen/regensburg/index.html"),
    ("kommune-im-ausland", "kommunen/wien/index.html"),
    ("massnahme", "massnahmen/bad-belzig-app/index.html"),
    ("handlungsfeld", "handlungsfelder/bauen-und-wohnen/index.html"),
    ("analyse", "analyse/index.html"),
    ("daten", "daten/index.html"),
    ("kommunen", "kommunen/index.html"),
    ("massnahmen", "massnahmen/index.html"),
    ("handlungsfelder", "handlungsfelder/index.html"),
]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_page_renders_offline_without_errors(shipped_site, offline_page, name, path):
    view = offline_page()
    view.page.goto((shipped_site / path).as_uri())
    view.page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=15000)
    view.page.wait_for_timeout(200)
    assert view.errors == [] and view.dialogs == []
    assert all("tile.openstreetmap.org" in url for url in view.external), view.external
    assert view.page.locator("h1").count() == 1
    if view.page.locator("#graph").count():
        view.page.locator("#graph").scroll_into_view_if_needed()
        view.page.wait_for_function(
            "() => document.getElementById('graph').dataset.drawn !== undefined", timeout=15000
        )
        counts = view.page.evaluate("KTS.snapshot()")
        assert counts["markers"] >= 1
    SHOTS.mkdir(exist_ok=True)
    view.page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_site_search_is_umlaut_insensitive_and_navigates(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    page.goto((shipped_site / "daten/index.html").as_uri())
    search = page.get_by_role("combobox", name="Kommune, Maßnahme oder Handlungsfeld suchen")
    for query, expected in (
        ("Muenster", "Münster"),
        ("hassfurt", "Haßfurt"),
        ("Haßf", "Haßfurt"),
        ("belzig app", "Bad Belzig-App"),
    ):
        search.fill(query)
        options = page.locator("#site-search-results li[role=option]")
        options.first.wait_for()
        names = options.locator(".name").all_inner_texts()
        assert expected in names, (query, names)
    search.fill("mobilitaet")
    page.locator("#site-search-results li[role=option]").first.wait_for()
    assert "Handlungsfeld" in page.locator("#site-search-results").inner_text()
    search.fill("regensburg")
    page.locator("#site-search-results li[role=option]").first.wait_for()
    search.press("Enter")
    page.wait_for_url("**/kommunen/regensburg/index.html")
    assert page.locator("h1").inner_text() == "Regensburg"
    assert view.errors == []


def test_kommunen_index_filters_by_bundesland_typ_and_mpsc(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    page.goto((shipped_site / "kommunen/index.html").as_uri())
    page.get_by_label("Bundesland").select_option("Bayern")
    page.get_by_label("nur Modellprojekte").check()
    visible = page.locator(".kommunen-list li:not([hidden]) a").all_inner_texts()
    assert "Regensburg" in visible and "Bamberg" in visible and "Ulm" not in visible
    assert page.locator("#kommunen-count").inner_text() == f"{len(visible)} Kommunen"
    page.get_by_label("Typ").select_option("landkreis")
    assert page.locator(".kommunen-list li:not([hidden]) a").all_inner_texts() == [
        "Landkreis Hof",
        "Landkreis Wunsiedel i. Fichtelgebirge",
    ]
    page.get_by_label("Name").fill("wunsiedel")
    assert page.locator(".kommunen-list li:not([hidden]) a").all_inner_texts() == [
        "Landkreis Wunsiedel i. Fichtelgebirge"
    ]
    assert page.locator("#kommunen-count").inner_text() == "1 Kommune"
    # The letter bar offers only letters that still have Kommunen (found in review).
    assert page.locator(".letters a:visible").all_inner_texts() == ["L"]
    page.get_by_label("Name").fill("xyz")
    assert page.locator("#kommunen-count").inner_text() == "Keine Kommune passt zu diesen Filtern."
    assert page.locator(".letters a:visible").count() == 0


def test_enter_in_the_header_search_before_the_index_opens_the_page_suche(
    shipped_site, offline_page
):
    view = offline_page()
    page = view.page
    page.goto((shipped_site / "daten/index.html").as_uri())
    search = page.get_by_role("combobox", name="Kommune, Maßnahme oder Handlungsfeld suchen")
    # Enter before the lazily loaded index has answered: the form goes to the page Suche.
    search.fill("muenster")
    page.evaluate("document.querySelector('form.site-search').requestSubmit()")
    page.wait_for_url("**/suche/index.html?q=muenster")
    page.wait_for_function("() => document.getElementById('suche').dataset.bereit === '1'")
    assert page.get_by_label("Suchbegriffe").input_value() == "muenster"
    titles = page.locator(".treffer-titel").all_inner_texts()
    assert titles[:2] == ["Münster", "Neumünster"], titles
    assert view.errors == []


def test_clicking_a_graph_node_opens_that_kommune(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    page.goto((shipped_site / "massnahmen/bad-belzig-app/index.html").as_uri())
    page.wait_for_function("() => document.body.dataset.ready === '1'")
    page.locator("#graph").scroll_into_view_if_needed()
    point = page.evaluate(
        """() => {
            const v = JSON.parse(document.getElementById('kts-view').textContent);
            const i = v.nodes.name.indexOf('Cottbus');
            const p = KTS.network.canvasToDOM(KTS.network.getPosition(i));
            const box = document.getElementById('graph').getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }"""
    )
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url("**/kommunen/cottbus/index.html")
    assert page.locator("h1").inner_text() == "Cottbus"


def test_start_page_entry_points_apply_presets(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    view.open(shipped_site / "index.html")
    page.get_by_role("link", name="Übertragungen und Entwicklungspartnerschaften").click()
    page.wait_for_function("() => location.hash.includes('art=')")
    page.wait_for_timeout(200)
    assert page.get_by_role("checkbox", name="Vorbild").is_checked() is False
    assert page.get_by_label("Übertragung").is_checked()
    items = page.locator("#verbindungen li").all_text_contents()
    assert items and all(("Übertragung" in i) or ("Entwicklungspartnerschaft" in i) for i in items)


def test_site_search_finds_sharp_s_spelled_out(built, offline_page):
    view = offline_page()
    page = view.page
    page.goto((built / "kommunen/index.html").as_uri())
    page.locator("#site-search").fill("Gross")
    page.locator("#site-search-results li[role=option]").first.wait_for()
    assert page.locator("#site-search-results .name").all_inner_texts() == ["Großpösna"]


@pytest.mark.parametrize(
    ("path", "own"),
    [
        ("kommunen/regensburg/index.html", "Regensburg"),
        ("handlungsfelder/bauen-und-wohnen/index.html", ""),
    ],
)
def test_a_pages_map_names_its_kommune_and_the_best_connected(
    shipped_site, offline_page, path, own
):
    """Only partners abroad had names on the pages' maps (found in review)."""
    view = offline_page()
    page = view.page
    page.goto((shipped_site / path).as_uri())
    frame = page.locator(".map-frame [data-names]")
    frame.scroll_into_view_if_needed()
    frame.wait_for(timeout=15000)
    assert int(frame.get_attribute("data-names")) >= 5
    if own:
        # The page's own Kommune is named first and in bold.
        first = page.evaluate(
            """() => {
              const used = [], place = KTSLib.placeLabels;
              KTSLib.placeLabels = (c, items, ...rest) => {
                used.push(items[0]);
                return place(c, items, ...rest);
              };
              KTS.map.fire('moveend');
              KTSLib.placeLabels = place;
              return used[0];
            }"""
        )
        assert first["text"] == own and first["bold"]
    assert view.errors == []
