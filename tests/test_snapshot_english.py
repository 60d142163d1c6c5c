"""snapshot --sprache en: the English dashboard as one file, its own texts in English, its
links into the English edition of the published site (/en/)."""

from __future__ import annotations

import re

import pytest

from generator.cli import EXIT_USAGE, main
from generator.commands.snapshot import _published, _site_path, write_snapshot
from generator.i18n import LANGUAGE
from tests.conftest import ROOT, TEMPLATES

SHOTS = ROOT / "test-results"
EN = LANGUAGE["en"]
# The published site: the English dashboard and Bamberg's English page, German pages too.
PUBLISHED = frozenset(
    {
        "index.html",
        "kommunen/bamberg/index.html",
        "leichte-sprache/index.html",
        "en/index.html",
        "en/kommunen/index.html",
        "en/kommunen/bamberg/index.html",
    }
)


@pytest.fixture
def english(content, tmp_path):
    """The mini site's English snapshot (every page published)."""
    out = tmp_path / "snapshot-en.html"
    write_snapshot(content, TEMPLATES, out, sprache="en")
    return out


@pytest.fixture
def english_partly_published(content, tmp_path):
    """The English snapshot against a published site that has few pages."""
    out = tmp_path / "snapshot-en-partly.html"
    write_snapshot(content, TEMPLATES, out, published=PUBLISHED, sprache="en")
    return out


def _records(page: str) -> str:
    return re.search(r'<section id="alle-datensaetze".*?</section>', page, re.S).group(0)


def _details(page: str, anchor: str) -> str:
    return re.search(rf'<details id="{anchor}">.*?</details>', page, re.S).group(0)


def test_links_of_the_english_page_are_read_from_en():
    assert _site_path("../en/kommunen/index.html", "en/") == "en/kommunen/index.html"
    assert _site_path("../index.html", "en/") == "index.html"
    assert _site_path("../en/", "en/") == "en/"
    assert _site_path("../en/index.html#belegt=1", "en/") == "en/index.html#belegt=1"
    assert _site_path("kommunen/index.html", "") == "kommunen/index.html"
    base = "https://example.org/"
    assert _published("../en/index.html", base, PUBLISHED, EN) == "#"  # this file
    assert _published("../index.html", base, PUBLISHED, EN) == base  # the German dashboard
    assert _published("../en/kommunen/index.html", base, PUBLISHED, EN) == base + "en/kommunen/"
    assert _published("../en/kommunen/bamberg/index.html", base, PUBLISHED, EN) == (
        base + "en/kommunen/bamberg/"
    )
    assert _published("../en/kommunen/neu/index.html", base, PUBLISHED, EN) == (
        "#datensatz-kommune-neu"
    )
    assert _published("../en/analyse/index.html", base, PUBLISHED, EN) == "#alle-datensaetze"
    assert _published("../leichte-sprache/index.html", base, PUBLISHED, EN) == (
        base + "leichte-sprache/"
    )
    assert _published("../daten/kommunen.csv", base, PUBLISHED, EN) == base + "daten/kommunen.csv"


def test_english_page_title_and_banner(english):
    page = english.read_text("utf-8")
    assert re.search(r'<html lang="en"[ >]', page)
    assert "<title>Snapshot 31/12/2024 – " in page
    banner = re.search(r'<section class="notice snapshot-banner".*?</section>', page, re.S).group(0)
    assert 'aria-label="About this snapshot"' in banner
    assert "<strong>Snapshot</strong> · data as of 31/12/2024 · built on 01/01/2026." in banner
    assert '<a href="#alle-datensaetze">All records</a>' in banner
    assert '<a href="https://example.org/en/">https://example.org/en/</a>' in banner
    assert "Momentaufnahme" not in banner and "Datenstand" not in banner
    assert page.index('<a class="skip"') < page.index('<section class="notice snapshot-banner"')


def test_english_records_section(english_partly_published):
    page = english_partly_published.read_text("utf-8")
    section = _records(page)
    assert '<h2 id="alle-datensaetze-titel">All records</h2>' in section
    assert "<h3>Municipalities (7)</h3>" in section and "<h3>Measures (2)</h3>" in section
    assert "<h3>Fields of action (3)</h3>" in section
    bamberg = _details(section, "datensatz-kommune-bamberg")
    link = '<a href="https://example.org/en/kommunen/bamberg/">Page on the website</a>'
    assert link in bamberg and link not in bamberg.split("</summary>")[0]
    regensburg = _details(section, "datensatz-kommune-regensburg")
    assert "Not yet published on the website." in regensburg
    assert "<p>3 connections</p>" in regensburg
    assert "Model (as “von”) with" in regensburg and "; source: " in regensburg
    assert '<dd lang="en">yes</dd>' in regensburg  # mpsc, inside the German fields
    assert '<dl class="snapshot-fields" lang="de">' in regensburg
    assert "<p>1 connection</p>" in _details(section, "datensatz-kommune-grossposna")
    assert "Run by: " in _details(section, "datensatz-massnahme-energiezwilling")
    for german in (
        "Verbindungen</p>",
        "Quelle:",
        "Getragen von",
        "Noch nicht auf der Website",
        "Seite auf der Website",
        "Alle Datensätze",
        "Jeder Eintrag",
    ):
        assert german not in section, german


def test_english_links_go_into_en_of_the_published_site(english_partly_published):
    page = english_partly_published.read_text("utf-8")
    assert 'data-root="https://example.org/en/"' in page
    assert 'href="https://example.org/en/kommunen/"' in page
    assert not re.search(r'href="(?:\.\./)+', page)  # no link relative to en/ is left
    assert "https://example.org/kommunen/" not in page  # not the German pages
    # The links script: the English edition's root and its pages below it.
    assert 'var base = "https://example.org/en/"' in page
    listed = re.search(r"published = new Set\((\[.*?\])\)", page).group(1)
    assert '"kommunen/bamberg/index.html"' in listed and '"en/' not in listed
    # Every link to the published site is marked as leaving the file, the German ones too.
    assert 'a[href^="https://example.org/"]::after' in page


def test_german_snapshot_is_unchanged_by_the_default(content, tmp_path):
    de = tmp_path / "de.html"
    explicit = tmp_path / "de-explicit.html"
    write_snapshot(content, TEMPLATES, de)
    write_snapshot(content, TEMPLATES, explicit, sprache="de")
    assert de.read_bytes() == explicit.read_bytes()
    assert '<html lang="de"' in de.read_text("utf-8")


def test_cli_writes_the_english_snapshot_with_a_german_summary(content, tmp_path, capsys):
    out = tmp_path / "en.html"
    args = ["snapshot", "--content", str(content), "--templates", str(TEMPLATES)]
    assert main([*args, "--out", str(out), "--sprache", "en"]) == 0
    assert "Momentaufnahme nach" in capsys.readouterr().out  # the summary line stays German
    assert "<title>Snapshot 31/12/2024" in out.read_text("utf-8")
    assert main([*args, "--out", str(out), "--sprache", "xx"]) == EXIT_USAGE
    assert "ungültige Wahl" in capsys.readouterr().err


@pytest.mark.browser
def test_english_snapshot_works_offline(english_partly_published, offline_page):
    from tests.test_dashboard_browser import canvas_ink

    view = offline_page(tile_host="tile.example.org")
    view.open(english_partly_published)
    view.page.wait_for_timeout(300)
    assert view.page.evaluate("document.documentElement.lang") == "en"
    assert canvas_ink(view.page, ".folium-map .leaflet-kts-points-pane") > 20
    view.show_graph()
    snap = view.snapshot()
    assert snap["markers"] == snap["nodes"] == 7
    assert canvas_ink(view.page, "#graph") > 100
    assert view.page.locator(".snapshot-banner strong").inner_text() == "Snapshot"
    # The drawer's link of a published Kommune goes to its English page, marked ↗; one of an
    # unpublished Kommune opens its details in the file.
    view.page.goto(english_partly_published.resolve().as_uri() + "#k=bamberg")
    view.wait_ready()
    link = view.page.locator("#details-body a[href*='kommunen/bamberg']")
    assert link.get_attribute("href") == "https://example.org/en/kommunen/bamberg/index.html"
    assert "↗" in link.evaluate("a => getComputedStyle(a, '::after').content")
    view.page.goto(english_partly_published.resolve().as_uri() + "#k=regensburg")
    view.wait_ready()
    link = view.page.locator("#details-body a[href='#datensatz-kommune-regensburg']")
    link.click()
    assert view.page.locator("#datensatz-kommune-regensburg").evaluate("d => d.open")
    # The site search points to the English pages.
    view.page.fill("#site-search", "bamberg")
    option = view.page.locator("#site-search-results [role=option]").first
    assert option.get_attribute("data-href") == (
        "https://example.org/en/kommunen/bamberg/index.html"
    )
    assert view.errors == [] and view.dialogs == [] and view.csp_violations() == []
    assert all("tile.example.org" in url for url in view.external), view.external
    SHOTS.mkdir(exist_ok=True)
    view.page.screenshot(path=str(SHOTS / "snapshot-en.png"))


@pytest.mark.browser
def test_english_snapshot_passes_axe_with_every_record_open(english, browser):
    from tests import a11y

    violations, outside = a11y.snapshot_findings(browser, english)
    assert not violations, a11y.describe(violations)
    assert outside == []
