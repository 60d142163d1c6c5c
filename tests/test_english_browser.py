"""The English edition in Chromium: every page kind at 1400×900 and 390×844 with no German
interface text and axe at 0; the dashboard's filters, details, stories and export in English;
the language switch keeps the dashboard's view; English names find what the German ones find."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from generator.commands.build import load_network
from tests import a11y
from tests.conftest import ROOT
from tests.test_export_browser import _png

pytestmark = pytest.mark.browser
SIZES = [(1400, 900), (390, 844)]
SHOTS = ROOT / "test-results"
GERMAN_ONLY = ("barrierefreiheit", "leichte-sprache")
PAGES = [(name, "en/" + path) for name, path in a11y.PAGE_KINDS if name not in GERMAN_ONLY]
PAGES += [
    ("suche", "en/suche/index.html?q=Smart%20Village%20App"),
    ("einbetten", "en/einbetten/index.html"),
]
# Words that German interface text has and English text has not.
GERMAN = re.compile(
    r"\b(und|oder|der|die|das|mit|für|nicht|eine|einer|einen|ist|sind|von|zum|zur|"
    r"auf|bei|nach|über|auch|noch|keine|kein|alle|wie|im|den|dem|des|sich|wird|werden|haben|"
    r"Kommune|Kommunen|Verbindung|Verbindungen|Maßnahme|Maßnahmen|Handlungsfeld|"
    r"Handlungsfelder|Vorbild|Vorbilder|Karte|Suche|Seite|Daten|Quelle|Halbjahr|Staffel|"
    r"belegt|belegte|weitere|Ansicht|zurücksetzen|schließen|öffnen|anzeigen|Zeitraum|Auswahl|"
    r"Liste|Geschichte|Geschichten|Weiter|Zurück|Beenden|Schritt|Übertragung|Wissensaustausch|"
    r"Entwicklungspartnerschaft|Abspielen|Vollbild|Bild|speichern|herunterladen|zurück|"
    r"wählen|Größe|Schlüssel|Bundesländer|Übertragungen)\b"
)
# Every text node and label-like attribute outside an element of another language (the
# nearest lang= decides), in the order of the page; hidden ones too, as they show later. Code
# (field names, addresses) is no language.
TEXTS = """() => {
  const out = [], skip = "script, style, template, noscript, code";
  const english = el => (el.closest("[lang]") || document.documentElement).lang === "en";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement, text = n.textContent.trim();
    if (text && !el.closest(skip) && english(el)) out.push(text);
  }
  const names = ["aria-label", "title", "placeholder", "alt", "aria-roledescription"];
  for (const el of document.querySelectorAll(names.map(n => "[" + n + "]").join(", "))) {
    if (el.closest(skip) || !english(el)) continue;
    for (const name of names) {
      const value = (el.getAttribute(name) || "").trim();
      if (value) out.push("@" + name + ": " + value);
    }
  }
  out.push("@title: " + document.title);
  return out;
}"""


@pytest.fixture(scope="module")
def content_words() -> list[str]:
    """What the content says in German and the English pages show as it is: names of
    Kommunen, Bundesländer and the site, Maßnahmen without an English title, sources."""
    net, _ = load_network(ROOT / "content")
    words = {net.site.title}
    words |= {k.name for k in net.kommunen} | {k.bundesland for k in net.kommunen}
    words |= {m.titel for m in net.massnahmen if not m.titel_en}
    words |= {v.quelle for v in net.verbindungen if v.quelle}
    return sorted((w for w in words if w), key=len, reverse=True)  # "Landau in der Pfalz" first


def german_interface(texts: list[str], content: list[str]) -> list[str]:
    """The texts that read German once the content's own words are taken out."""
    found = []
    for text in texts:
        rest = text
        for word in content:
            rest = rest.replace(word, " ")
        if GERMAN.search(rest):
            found.append(text[:160])
    return sorted(set(found))


def _no_german_and_no_violations(german: dict, violations: dict) -> None:
    report = [f"{w} (Deutsch):\n  " + "\n  ".join(t) for w, t in german.items()]
    report += [f"{w} (axe):\n  {t}" for w, t in violations.items()]
    assert not report, "\n".join(report)


def _local_only(context, base: str) -> None:
    """Only the local server answers (the map's tiles fail, as offline)."""
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())


def _german_on(page, content: list[str]) -> list[str]:
    return german_interface(page.evaluate(TEXTS), content)


def test_every_english_page_kind_has_no_german_interface_text_and_no_axe_violation(
    shipped_site, browser, content_words
):
    german: dict[str, list[str]] = {}
    violations: dict[str, str] = {}
    with a11y.serve(shipped_site) as base:
        for width, height in SIZES:
            ctx = browser.new_context(viewport={"width": width, "height": height})
            ctx.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort()
            )
            a11y.install_axe(ctx)
            page = ctx.new_page()
            for name, path in PAGES:
                page.goto("about:blank")
                page.goto(base + path)
                a11y.wait_ready(page)
                if name == "suche":
                    page.wait_for_selector("#suche[data-bereit] ~ .suche-treffer li")
                where = f"{name} @ {width}×{height}"
                assert page.evaluate("document.documentElement.lang") == "en", where
                if found := _german_on(page, content_words):
                    german[where] = found
                if found := a11y.run_axe(page):
                    violations[where] = a11y.describe(found)
                if name in ("dashboard", "kommune", "daten"):
                    SHOTS.mkdir(exist_ok=True)
                    page.screenshot(path=SHOTS / f"en-{name}-{width}.png")
            ctx.close()
    _no_german_and_no_violations(german, violations)


# Dashboard states: (name, address, what is done before the check; see tests/a11y.py).
STATES = [
    ("filter", "#hf=bauen-und-wohnen&art=uebertragung&belegt=1", ""),
    ("details", "#k=regensburg", "open"),
    ("weg", "#k=ulm&weg=rostock", "open"),
    ("fokus im netzwerk", "#k=regensburg&alle=1&tiefe=2&groesse=vorbilder", "netzwerk"),
    ("vollbild", "", "vollbild"),
]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_dashboards_filters_details_and_path_speak_english(
    shipped_site, browser, content_words, width, height
):
    german: dict[str, list[str]] = {}
    violations: dict[str, str] = {}
    with a11y.serve(shipped_site) as base:
        ctx = browser.new_context(viewport={"width": width, "height": height})
        _local_only(ctx, base)
        a11y.install_axe(ctx)
        page = ctx.new_page()
        for name, fragment, what in STATES:
            page.goto("about:blank")
            page.goto(base + "en/index.html" + fragment)
            a11y.wait_ready(page)
            a11y.act(page, what)
            page.wait_for_timeout(150)
            if found := _german_on(page, content_words):
                german[name] = found
            if found := a11y.run_axe(page):
                violations[name] = a11y.describe(found)
            if name == "filter":
                count = page.locator("#result-count").inner_text()
                assert re.search(r"\d connections?\b", count), count
                print_text = page.evaluate("KTS.filterText()")
                assert print_text.startswith("Filters: Type: Transfer · "), print_text
            if name == "details":
                SHOTS.mkdir(exist_ok=True)
                page.screenshot(path=SHOTS / f"en-dashboard-details-{width}.png")
        ctx.close()
    _no_german_and_no_violations(german, violations)


def test_a_story_runs_in_english(shipped_site, offline_page, content_words):
    view = offline_page()
    page = view.page
    view.open(shipped_site / "en" / "index.html")
    page.get_by_role("button", name="Stories", exact=True).click()
    first = page.locator("button.geschichte-start").first
    assert first.get_attribute("lang") == "de"  # the story's title is content
    first.click()
    page.wait_for_selector("#geschichte:not([hidden])")
    steps = page.evaluate("KTS.stories.list[0].schritte.length")
    for _ in range(steps - 1):
        assert _german_on(page, content_words) == []
        page.get_by_role("button", name="Next", exact=True).click()
    assert _german_on(page, content_words) == []
    page.get_by_role("button", name="End", exact=True).click()
    assert page.locator("#geschichte").is_hidden()
    assert not view.errors


def test_the_export_picture_and_table_are_named_and_described_in_english(
    shipped_site, offline_page, content_words
):
    view = offline_page(width=1400, height=900)
    page = view.page
    view.open(shipped_site / "en" / "index.html", "#k=ulm")
    with page.expect_download() as info:
        page.get_by_role("button", name="Save image").click()
    assert info.value.suggested_filename == "network-selection.png"
    texts, *_ = _png(Path(info.value.path()).read_bytes())
    description = texts["Description"]
    assert "No filters: all connections. Selected: Ulm." in description
    assert "Legend - Type of connection: " in description  # Latin-1, as tEXt is
    latin1 = [w.replace("–", "-") for w in content_words]
    assert german_interface(description.splitlines(), latin1) == []
    with page.expect_download() as info:
        page.get_by_role("button", name="Download selection").click()
    header = Path(info.value.path()).read_text("utf-8").splitlines()[0]
    # The table keeps the download's field names: one file format for both editions.
    assert header == (shipped_site / "daten" / "verbindungen.csv").read_text("utf-8").split("\n")[0]


def test_switching_language_keeps_the_dashboards_view(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    state = "#art=uebertragung&hf=mobilitaet-und-erreichbarkeit&k=ulm"
    view.open(shipped_site / "index.html", state)
    before = page.locator("#result-count").inner_text()
    page.get_by_role("link", name="English").click()
    view.wait_ready()
    assert page.url.endswith("/en/index.html" + state)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("KTS.hashOf(KTS.state)") == state.lstrip("#")
    assert page.locator("#details-titel").inner_text().startswith("Ulm")
    # The same count of connections, in English words.
    assert re.sub(r"\D", "", page.locator("#result-count").inner_text()) == re.sub(
        r"\D", "", before
    )
    page.get_by_role("link", name="Deutsch").click()
    view.wait_ready()
    assert page.url.endswith("/index.html" + state) and "/en/" not in page.url
    assert page.locator("#result-count").inner_text() == before


def _found(view, site: Path, page_path: str, query: str) -> tuple[str, list[str]]:
    """The search page's count (its digits) and the addresses of the hits it shows."""
    page = view.page
    page.goto((site / page_path).as_uri() + "?q=" + quote(query))
    page.wait_for_function("() => document.getElementById('suche').dataset.bereit === '1'")
    count = re.sub(r"\D", "", page.locator("#suche-anzahl").inner_text())
    hrefs = page.locator(".treffer-titel").evaluate_all("l => l.map(a => a.href)")
    return count, [h.replace("/en/", "/") for h in hrefs]  # each edition links its own pages


@pytest.mark.parametrize(
    ("german", "english"),
    [
        ("Übertragung Bildung", "Transfer Education"),
        ("Wissensaustausch Gesundheit und Pflege", "Knowledge exchange Health and care"),
    ],
)
def test_english_art_and_handlungsfeld_names_find_what_the_german_ones_find(
    shipped_site, offline_page, german, english
):
    view = offline_page()
    found = _found(view, shipped_site, "suche/index.html", german)
    assert int(found[0]) > 0 and found[1]
    assert _found(view, shipped_site, "en/suche/index.html", english) == found
    # Each edition's index is the same: the other language's names find the same there too.
    assert _found(view, shipped_site, "suche/index.html", english) == found
