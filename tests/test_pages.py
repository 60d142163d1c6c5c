"""The site around the dashboard: every page exists, says what it should, and links resolve."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import ROOT


class _Page(HTMLParser):
    """Links, sources, ids, title, meta description and visible text of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.title = ""
        self.description = ""
        self.lang = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content", "")
        if tag == "body" and a.get("data-search"):
            self.links.append(a["data-search"])
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_record_has_its_page(built):
    for kid in ("bamberg", "ringelai", "wien", "ohne"):
        assert (built / "kommunen" / kid / "index.html").is_file()
    for mid in ("energiezwilling", "leer"):
        assert (built / "massnahmen" / mid / "index.html").is_file()
    for hid in ("soziale-inklusion", "bauen-und-wohnen", "mobilitaet-und-erreichbarkeit"):
        assert (built / "handlungsfelder" / hid / "index.html").is_file()
    for path in (
        "index.html", "kommunen/index.html", "massnahmen/index.html", "handlungsfelder/index.html",
        "analyse/index.html", "daten/index.html", "404.html", "sitemap.xml", "robots.txt",
        "einbetten/index.html", "_headers",
        "barrierefreiheit/index.html", "leichte-sprache/index.html", "favicon.ico", "favicon.svg",
    ):  # fmt: skip
        assert (built / path).is_file(), path
    # + einbetten, BITV, Leichte Sprache and Suche; the English edition has all but BITV and
    # Leichte Sprache
    german = 1 + 1 + 1 + 7 + 1 + 2 + 1 + 3 + 2 + 1 + 2 + 1
    assert len(html_pages(built)) == german + german - 2
    assert (built / "en/kommunen/bamberg/index.html").is_file()
    assert not (built / "en/leichte-sprache").exists()


def test_every_internal_link_resolves(shipped_site):
    broken = []
    for path in html_pages(shipped_site):
        page = parse(path)
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            if path.name == "404.html" and link.startswith("/"):
                target = shipped_site / unquote(parts.path).lstrip("/")
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(shipped_site)} -> {link}")
            elif (
                parts.fragment
                and target == path
                and "=" not in parts.fragment
                and parts.fragment not in page.ids
            ):
                broken.append(f"{path.relative_to(shipped_site)} -> #{parts.fragment}")
    assert broken == []


def test_every_page_has_title_description_and_language(shipped_site):
    titles: dict[str, set[str]] = {"de": set(), "en": set()}
    for path in html_pages(shipped_site):
        page = parse(path)
        lang = "en" if path.relative_to(shipped_site).parts[0] == "en" else "de"
        assert page.lang == lang, path
        assert page.title.strip() and page.description.strip(), path
        titles[lang].add(page.title)
    # no two pages of one edition share a title
    assert sum(map(len, titles.values())) == len(html_pages(shipped_site))


def test_bad_belzig_app_shows_its_transfer_chain(shipped_site):
    html = (shipped_site / "massnahmen/bad-belzig-app/index.html").read_text("utf-8")
    developers = re.search(r'<ul class="developers">(.*?)</ul>', html, re.S).group(1)
    adopters = re.search(r'<ul class="adopters">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r">([^<]+)</a>", developers) == ["Bad Belzig", "Rostock"]
    # The KTS story and the documented adoptions of the Smart Village App, none illustrative.
    assert sorted(re.findall(r">([^<]+)</a>", adopters)) == [
        "Cottbus", "Frankfurt (Oder)", "Hagenow", "Landkreis Havelland",
    ]  # fmt: skip
    assert "https://www.smart-city-dialog.de/massnahmen/bad-belzig-app" in html


def test_regensburg_is_the_top_hub_of_bauen_und_wohnen(shipped_site):
    html = (shipped_site / "handlungsfelder/bauen-und-wohnen/index.html").read_text("utf-8")
    ranking = re.search(r'<ol class="ranking">(.*?)</ol>', html, re.S).group(1)
    first = re.search(r"<li>.*?>([^<]+)</a> <span class=\"n\">(\d+) Partner", ranking, re.S)
    assert first.group(1) == "Regensburg" and int(first.group(2)) >= 12


def test_kommune_without_connections_still_gets_a_useful_page(built):
    html = (built / "kommunen/ohne/index.html").read_text("utf-8")
    assert "Für Ohnedorf sind noch keine Verbindungen berichtet." in html
    assert "Niemand nutzt mich" in html  # the Maßnahme it carries
    assert "Gut vernetzt in Hessen" in html and "Alle Verbindungen in Hessen im Dashboard" in html


def test_kommune_page_lists_connections_by_art_and_similar_kommunen(built):
    html = (built / "kommunen/regensburg/index.html").read_text("utf-8")
    for art in ("Vorbild", "Wissensaustausch", "Übertragung"):
        assert f'</span>{art} <span class="n">(1 Verbindung)</span></h3>' in html
    assert 'nimmt sich <a href="../../kommunen/wien/index.html">Wien</a> zum Vorbild' in html
    similar = re.search(r'<ul class="similar">(.*?)</ul>', html, re.S).group(1)
    assert "Bamberg" in similar and "gemeinsame" in similar


def test_pages_share_assets_instead_of_inlining_them(shipped_site):
    page = (shipped_site / "kommunen/ulm/index.html").read_text("utf-8")
    assert "vis-network" in page and len(page) < 60_000
    assert "Copyright" not in page and "leaflet-src" not in page
    assert re.search(r'data-lib="\.\./\.\./assets/vis-network\.[0-9a-f]{10}\.js"', page)


def test_sitemap_and_robots_use_the_base_url(built):
    sitemap = (built / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/kommunen/ringelai/</loc>" in sitemap
    assert "<loc>https://example.org/</loc>" in sitemap and "404" not in sitemap
    assert (built / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"
    )


def test_not_found_page_links_from_the_site_root(built):
    html = (built / "404.html").read_text("utf-8")
    assert 'href="/kommunen/index.html"' in html and 'src="/assets/common.' in html


@pytest.mark.parametrize("kind", ["kommunen", "massnahmen", "handlungsfelder"])
def test_index_pages_link_every_record(built, kind):
    html = (built / kind / "index.html").read_text("utf-8")
    folders = sorted(p.name for p in (built / kind).iterdir() if p.is_dir())
    for folder in folders:
        assert f'href="{folder}/index.html"' in html


def test_analysis_page_has_rankings_clusters_matrix_and_growth(shipped_site):
    html = (shipped_site / "analyse/index.html").read_text("utf-8")
    assert html.count('<table class="ranking-table">') == 4 * 2  # all and documented
    for heading in ("Brücken", "Vorbilder", "Lernende"):
        assert f">{heading}</h2>" in html
    assert '<ol class="clusters">' in html and html.count('<li><span class="swatch cluster-') >= 3
    assert '<table class="heat">' in html and '<abbr title="Bayern">BY</abbr>' in html
    assert "Spanien" in html and "Österreich" in html
    assert 'class="growth-chart"' in html and "1. Halbjahr 2022" in html


def test_analysis_page_ranks_models_and_learners(tmp_path, content):
    from generator.commands.build import build
    from tests.conftest import TEMPLATES

    with (content / "verbindungen.csv").open("a", encoding="utf-8") as f:
        f.write(LEARNING)
    build(content, TEMPLATES, tmp_path / "out")
    html = (tmp_path / "out/analyse/index.html").read_text("utf-8")
    models = html[html.index('id="vorbilder-alle"') : html.index('id="vorbilder-belegt"')]
    learners = html[html.index('id="lernende"') :]
    assert re.findall(r">(Wien|Bamberg|Münster)</a></td><td>(\d)<", models) == [
        ("Wien", "3"),
        ("Bamberg", "2"),
        ("Münster", "1"),
    ]
    assert learners.index("Ringelai") < learners.index("Regensburg") < learners.index("Bamberg")


# Added to the mini site: Bamberg, Ringelai and Großpösna learn; Wien is an origin.
LEARNING = (
    "bamberg,wien,vorbild,bauen-und-wohnen,,2024-H1,,Beispiel\n"
    "ringelai,bamberg,vorbild,soziale-inklusion,,2024-H1,,Beispiel\n"
    "wien,ringelai,uebertragung,soziale-inklusion,,2024-H2,,Beispiel\n"
    "grossposna,bamberg,vorbild,bauen-und-wohnen,,2024-H1,,Beispiel\n"
)


def test_data_page_offers_every_download(shipped_site):
    html = (shipped_site / "daten/index.html").read_text("utf-8")
    for name in (
        "kommunen.csv",
        "verbindungen.csv",
        "netzwerk.json",
        "netzwerk.geojson",
        "netzwerk.graphml",
    ):
        assert f'href="{name}"' in html and (shipped_site / "daten" / name).is_file()
    assert "Datenlizenz Deutschland" in html and "sind illustrativ" in html


def test_project_root_is_where_tests_expect_it():
    assert (ROOT / "content" / "site.yaml").is_file()


def test_every_footer_links_the_bitv_pages_and_the_sitemap_lists_them(built):
    for path in html_pages(built):
        rel = path.relative_to(built).as_posix()
        links = parse(path).links
        root = "/" if rel.endswith("404.html") else "../" * rel.count("/")
        assert f"{root}barrierefreiheit/index.html" in links, rel
        assert f"{root}leichte-sprache/index.html" in links, rel
    sitemap = (built / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/barrierefreiheit/</loc>" in sitemap
    assert "<loc>https://example.org/leichte-sprache/</loc>" in sitemap


def test_erklaerung_names_status_contact_date_and_schlichtungsstelle(built):
    page = (built / "barrierefreiheit" / "index.html").read_text("utf-8")
    assert "mit den Anforderungen der BITV 2.0 teilweise vereinbar" in page
    assert 'href="mailto:barrierefreiheit@example.org"' in page
    assert '<time datetime="2024-12-31">31.12.2024</time>' in page
    assert "Schlichtungsstelle nach § 16 BGG" in page and "Mauerstraße 53" in page
    assert "https://www.schlichtungsstelle-bgg.de" in page
    assert "Kartenhintergrund" in page and "Liste der Verbindungen" in page
    easy = (built / "leichte-sprache" / "index.html").read_text("utf-8")
    assert "<h1>Leichte Sprache</h1>" in easy and "Wissens·austausch" in easy


def test_favicons_exist_and_every_page_names_one(built):
    ico = (built / "favicon.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and b"PNG" in ico
    assert (built / "favicon.svg").read_text("utf-8").startswith("<svg")
    for path in html_pages(built):
        # A raster image: an SVG icon is a document of its own, loaded on the main thread.
        assert '<link rel="icon" href="data:image/png;base64,' in path.read_text("utf-8"), path


def test_counts_of_one_are_singular(tmp_path):
    """'1 Partnerkommunen' stood in a Kommune page's description (issue 25, item 6)."""
    from generator.commands.build import build
    from tests.conftest import FIXTURES, TEMPLATES

    build(FIXTURES / "mini", TEMPLATES, tmp_path / "dist")
    pages = [p.read_text("utf-8") for p in (tmp_path / "dist").rglob("*.html")]
    assert not [p for p in pages if "1 Partnerkommunen" in p or " 1 Verbindungen " in p]
    assert any("1 Partnerkommune im Netzwerk" in p for p in pages)


def test_counted_gives_the_singular_for_one():
    from generator.site.render import counted

    assert counted(1, "Verbindung", "Verbindungen") == "1 Verbindung"
    assert counted(1234, "Verbindung", "Verbindungen") == "1.234 Verbindungen"
    assert counted(0, "Kommune", "Kommunen") == "0 Kommunen"
