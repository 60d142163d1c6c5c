"""The site search in the browser, from file://: the header's box (arrow keys, Enter, "Alle
Treffer") and the page Suche (?q=…, a live count, kinds, marked passages, no JavaScript)."""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import quote

import pytest

from generator.commands.build import build
from generator.site.routes import ROUTE
from tests import a11y
from tests.conftest import ROOT, TEMPLATES
from tests.test_search import goerlitz_content

pytestmark = pytest.mark.browser
SHOTS = ROOT / "test-results"
BOX = "Kommune, Maßnahme oder Handlungsfeld suchen"
OPTIONS = "#site-search-results li[role=option]"
SEARCH = ROUTE["suche"].path


@pytest.fixture(scope="module")
def goerlitz_site(tmp_path_factory) -> Path:
    """The shipped content with a Quartiers-App of Görlitz (tests/test_search.py), built."""
    root = tmp_path_factory.mktemp("goerlitz-site")
    out = root / "dist"
    build(goerlitz_content(root / "content"), TEMPLATES, out)
    return out


def open_search(view, site: Path, query: str) -> None:
    """The page Suche for the query, its results drawn."""
    view.page.goto((site / SEARCH).as_uri() + "?q=" + quote(query))
    view.page.wait_for_function("() => document.getElementById('suche').dataset.bereit === '1'")


def test_header_search_finds_the_bad_belzig_app_by_words_of_its_connections(
    shipped_site, offline_page
):
    view = offline_page()
    page = view.page
    page.goto((shipped_site / "daten/index.html").as_uri())
    search = page.get_by_role("combobox", name=BOX)
    search.fill("Smart Village App Bad Belzig")
    page.locator(OPTIONS).first.wait_for()
    first = page.locator(OPTIONS).first
    assert first.locator(".name").inner_text() == "Bad Belzig-App"
    assert first.locator(".kind").inner_text().startswith("Maßnahme")
    assert first.locator(".excerpt mark").all_inner_texts()[:5] == [
        "Bad",
        "Belzig",
        "Smart",
        "Village",
        "App",
    ]
    kinds = page.locator(f"{OPTIONS} .kind").all_inner_texts()
    assert kinds[1:] and all(k.startswith("Verbindung") for k in kinds[1:])
    last = page.locator(OPTIONS).last
    # The app and every connection of Bad Belzig that its description says is about it.
    with (ROOT / "content" / "verbindungen.csv").open(encoding="utf-8") as f:
        about = [
            r
            for r in csv.DictReader(f)
            if "bad-belzig" in (r["von"], r["nach"]) and "Smart Village App" in r["beschreibung"]
        ]
    assert last.inner_text() == f"Alle {1 + len(about)} Treffer zeigen"
    # The arrow keys walk the options; Enter on "Alle Treffer" opens the page Suche.
    count = page.locator(OPTIONS).count()
    for _ in range(count):
        search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == last.get_attribute("id")
    search.press("Enter")
    page.wait_for_url("**/suche/index.html?q=Smart%20Village%20App%20Bad%20Belzig")
    page.wait_for_function("() => document.getElementById('suche').dataset.bereit === '1'")
    assert page.get_by_label("Suchbegriffe").input_value() == "Smart Village App Bad Belzig"
    assert page.locator(".treffer-titel").first.inner_text() == "Bad Belzig-App"
    n = len(about)
    assert (
        page.locator("#suche-anzahl").inner_text()
        == f"{1 + n} Treffer: 1 Maßnahme, {n} Verbindungen"
    )
    assert view.errors == []


def test_header_search_finds_the_goerlitz_app_and_enter_opens_the_best(goerlitz_site, offline_page):
    view = offline_page()
    page = view.page
    page.goto((goerlitz_site / "kommunen/index.html").as_uri())
    search = page.get_by_role("combobox", name=BOX)
    search.fill("Görlitz Mängelmelder")
    page.locator(OPTIONS).first.wait_for()
    assert page.locator(f"{OPTIONS} .name").all_inner_texts() == ["Quartiers-App"]
    assert page.locator(f"{OPTIONS} .kind").first.inner_text() == "Maßnahme · Görlitz"
    assert page.locator(f"{OPTIONS} .excerpt mark").all_inner_texts() == ["Mängelmelder"]
    # ArrowDown, ArrowUp round the list; Escape closes it; Enter opens the best match.
    search.press("ArrowDown")
    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == "site-search-1"  # Alle Treffer
    search.press("ArrowUp")
    assert search.get_attribute("aria-activedescendant") == "site-search-0"
    search.press("Escape")
    assert page.locator("#site-search-results").is_hidden()
    search.fill("goerlitz mangelm")
    page.locator(OPTIONS).first.wait_for()
    search.press("Enter")
    page.wait_for_url("**/massnahmen/goerlitz-quartiers-app/index.html")
    assert page.locator("h1").inner_text().startswith("Quartiers-App")
    # Nothing found: Enter opens the page Suche, which says so.
    page.get_by_role("combobox", name=BOX).fill("Zeppelinhafen")
    page.locator("#site-search-results .empty").wait_for()
    page.get_by_role("combobox", name=BOX).press("Enter")
    page.wait_for_url("**/suche/index.html?q=Zeppelinhafen")
    page.wait_for_function("() => document.getElementById('suche').dataset.bereit === '1'")
    assert page.locator("#suche-anzahl").inner_text().startswith("Keine Treffer")
    assert view.errors == []


def test_search_page_from_file_url_finds_marks_and_escapes(goerlitz_site, offline_page):
    view = offline_page()
    page = view.page
    open_search(view, goerlitz_site, "Görlitz Mängelmelder")
    assert page.locator("#suche-anzahl").get_attribute("aria-live") == "polite"
    assert page.locator("#suche-anzahl").inner_text() == "1 Treffer: 1 Maßnahme"
    hit = page.locator(".treffer").first
    assert hit.locator(".treffer-art").text_content() == "Maßnahme"
    assert hit.locator(".treffer-sub").inner_text() == "Görlitz"
    passage = hit.locator(".treffer-auszug")
    assert passage.locator("mark").all_inner_texts() == ["Mängelmelder"]
    # The description's markup is text: no element came from the data.
    assert "<b>fett</b>" in passage.inner_text() and "<img src=x" in passage.inner_text()
    assert page.locator(".suche-treffer img, .suche-treffer b").count() == 0
    # Typing searches again, keeps the query in the address (file:// too) and counts anew.
    field = page.get_by_label("Suchbegriffe")
    field.fill("Bad Belzig App")
    page.wait_for_function("() => location.search === '?q=Bad%20Belzig%20App'")
    count = page.locator("#suche-anzahl").inner_text()
    assert count.startswith(f"{page.locator('.treffer').count()} Treffer: ")
    assert "Maßnahme" in count and "Verbindungen" in count
    assert page.title().startswith("Bad Belzig App – Suche")
    # Every kind is named on its result.
    assert set(page.locator(".treffer-art").all_text_contents()) == {"Maßnahme", "Verbindung"}
    assert view.errors == []


def test_search_page_keyboard_and_the_connections_link_to_the_dashboard(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    open_search(view, shipped_site, "Havelland Smart Village")
    titles = page.locator(".treffer-titel")
    # The connection by its Kommune's name above the app by its connections' text.
    assert titles.all_inner_texts() == [
        "Bad Belzig überträgt an Landkreis Havelland",
        "Bad Belzig-App",
    ]
    href = titles.first.get_attribute("href")
    assert href == f"../{ROUTE['dashboard'].path}#k=bad-belzig"
    field = page.get_by_label("Suchbegriffe")
    field.fill("Bad Belzig")
    page.wait_for_function("() => location.search === '?q=Bad%20Belzig'")
    field.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Bad Belzig"  # the Kommune
    page.keyboard.press("ArrowDown")
    second = page.locator(".treffer-titel").nth(1).inner_text()
    assert page.evaluate("document.activeElement.textContent") == second
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "suche-q"
    # A connection's result opens the dashboard with its Kommune selected.
    field.fill("Havelland Smart Village")
    page.locator(".treffer-titel", has_text="Havelland").first.wait_for()
    field.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/index.html#k=bad-belzig")
    view.wait_ready()
    assert page.locator("#details-titel").inner_text() == "Bad Belzig"
    SHOTS.mkdir(exist_ok=True)


def test_more_results_come_on_request_and_take_the_focus(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    open_search(view, shipped_site, "übernimmt")
    total = int(page.locator("#suche-anzahl").inner_text().split(" ")[0].replace(".", ""))
    assert total > 50
    assert page.locator(".treffer").count() == 50
    more = page.get_by_role("button", name="Weitere Treffer zeigen")
    more.click()
    assert page.locator(".treffer").count() == min(total, 100)
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == page.locator(".treffer-titel").nth(50).inner_text()


def test_without_javascript_the_page_says_so_and_links_the_lists(shipped_site, browser):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto((shipped_site / SEARCH).as_uri() + "?q=Bad")
        note = page.locator(".suche-ohne-js")
        assert note.is_visible()
        assert "Die Suche braucht JavaScript" in note.inner_text()
        links = note.locator("a")
        assert links.all_inner_texts() == [
            ROUTE[k].title for k in ("kommunen", "massnahmen", "handlungsfelder")
        ]
        assert links.first.get_attribute("href") == "../" + ROUTE["kommunen"].path
        assert page.locator("#suche").is_hidden()
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "suche-ohne-js.png"))
    finally:
        ctx.close()


# Whatever inside an option could take the focus or act on its own (axe: nested-interactive).
INTERACTIVE = "a, button, input, select, textarea, [tabindex], [contenteditable], [role=link]"


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (390, 844)])
def test_the_open_dropdown_is_a_valid_listbox_and_passes_axe(
    shipped_site, offline_page, width, height
):
    """Each option is a plain li[role=option] with its target in data-href (a link inside an
    option was a control in a control); axe finds nothing with the list open and an option
    chosen; a click opens the option's target, the middle button in a new tab."""
    view = offline_page(width=width, height=height)
    page = view.page
    a11y.install_axe(page.context)
    page.goto((shipped_site / "daten/index.html").as_uri())
    search = page.get_by_role("combobox", name=BOX)
    search.fill("Bad Belzig")
    page.locator(OPTIONS).first.wait_for()
    options = page.locator(OPTIONS)
    assert options.count() == 7  # six matches and "Alle … Treffer zeigen"
    assert page.locator(f"{OPTIONS} :is({INTERACTIVE})").count() == 0
    assert page.locator(f"{OPTIONS}:is({INTERACTIVE})").count() == 0
    hrefs = [options.nth(i).get_attribute("data-href") for i in range(options.count())]
    assert hrefs[0] == "../kommunen/bad-belzig/index.html"
    assert hrefs[-1] == "../" + SEARCH + "?q=Bad%20Belzig"
    assert page.get_by_role("option", name="Bad Belzig Kommune · Brandenburg").count() == 1
    search.press("ArrowDown")
    search.press("ArrowDown")
    chosen = options.nth(1)
    assert search.get_attribute("aria-activedescendant") == chosen.get_attribute("id")
    assert chosen.get_attribute("aria-selected") == "true"
    assert options.first.get_attribute("aria-selected") == "false"
    assert page.evaluate("document.activeElement.id") == "site-search"  # the focus stays
    assert view.errors == []
    violations = a11y.run_axe(page)
    assert violations == [], a11y.describe(violations)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"site-search-offen-{width}.png"))
    with page.context.expect_page() as opened:
        chosen.click(button="middle")
    opened.value.wait_for_load_state()
    assert opened.value.url.endswith(hrefs[1].removeprefix(".."))
    opened.value.close()
    assert page.locator("#site-search-results").is_visible()  # this page stays as it was
    options.first.click()
    page.wait_for_url("**/kommunen/bad-belzig/index.html")
    assert page.locator("h1").inner_text() == "Bad Belzig"
    # axe reads the style sheets by XMLHttpRequest, which file:// refuses it (and only it).
    assert [e for e in view.errors if "XMLHttpRequest" not in e and "ERR_FAILED" not in e] == []


def test_the_header_form_goes_to_the_page_suche_without_javascript(shipped_site, browser):
    """Without JavaScript (or before the index is there) the header's form asks the page
    Suche, which says that it needs JavaScript and links the lists A–Z."""
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto((shipped_site / "kommunen/regensburg/index.html").as_uri())
        form = page.locator("form.site-search")
        assert form.get_attribute("action") == "../../" + SEARCH
        field = page.get_by_role("combobox", name=BOX)
        field.fill("Bad Belzig")
        field.press("Enter")
        page.wait_for_url("**/" + SEARCH + "?q=Bad+Belzig")
        note = page.locator(".suche-ohne-js")
        assert "Die Suche braucht JavaScript" in note.inner_text()
        assert note.locator("a").all_inner_texts() == [
            ROUTE[k].title for k in ("kommunen", "massnahmen", "handlungsfelder")
        ]
    finally:
        ctx.close()
