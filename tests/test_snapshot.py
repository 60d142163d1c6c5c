"""snapshot: one HTML file that works offline, from an e-mail attachment."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser

import pytest

from generator.cli import main
from generator.commands.snapshot import _published, _script_text, write_snapshot
from generator.site.manifest import SNAPSHOT_DATA_ID
from tests.conftest import ROOT, TEMPLATES, data_part, edit

SHOTS = ROOT / "test-results"
HOSTILE = "</script><script>alert(1)</script><!--"


@pytest.fixture
def snapshot_file(content, tmp_path):
    """The mini site with a hostile description, as one file."""
    edit(content / "verbindungen.csv", "Gemeinsam entwickelt.", f'"{HOSTILE}"')
    out = tmp_path / "mail" / "momentaufnahme.html"
    snap = write_snapshot(content, TEMPLATES, out)
    assert snap.path == out and snap.size == out.stat().st_size
    return out


def test_everything_is_inlined(snapshot_file):
    page = snapshot_file.read_text("utf-8")
    assert not re.search(r'<script[^>]+src="', page)
    assert '<link rel="stylesheet"' not in page
    assert not re.search(r'(?:src|href)="assets/', page)
    assert "url(data:image/png;base64," in page  # Leaflet's layer icons
    assert page.count("<style>") >= 3  # leaflet, vis-network, theme
    for needle in ("L.map", "vis.Network", "KTS.start()", "window.KTS_SEARCH", "KTS_OUTLINE"):
        assert needle in page, needle


class _Elements(HTMLParser):
    """Script bodies and the text outside scripts, as a browser's tokenizer splits them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.text: list[str] = []
        self._in: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in = dict(attrs)
            self.scripts.append((self._in, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)


def test_hostile_text_cannot_end_a_script(snapshot_file):
    page = snapshot_file.read_text("utf-8")
    assert HOSTILE not in page
    parsed = _Elements()
    parsed.feed(page)
    # The records section shows the description as text, escaped; nowhere else is it text.
    shown = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--"
    records = re.search(r'<section id="alle-datensaetze".*?</section>', page, re.S).group(0)
    assert records.count(shown) == 2  # under both Kommunen of the Verbindung
    assert "alert(1)" not in "".join(parsed.text).replace(html.unescape(shown), "")
    parts = [body for attrs, body in parsed.scripts if body.startswith("(window.KTS_DATA_PARTS=")]
    assert parts
    assert any(HOSTILE in json.dumps(data_part(body), ensure_ascii=False) for body in parts)
    assert 'data-scripts=""' in page
    inline = [body for attrs, body in parsed.scripts if attrs.get("type") != "application/json"]
    assert len(inline) >= 7 and any("vis.Network" in body for body in inline)


def test_inlined_js_is_escaped_and_links_point_to_the_published_site():
    js = _script_text('var a = "</SCRIPT><!-- x", b = /<\\/script>/;')
    assert "</script" not in js.lower() and "<!--" not in js
    assert js == 'var a = "<\\/SCRIPT><\\!-- x", b = /<\\/script>/;'
    base = "https://example.org/sub/"
    assert _published("kommunen/index.html", base) == "https://example.org/sub/kommunen/"
    assert _published("daten/kommunen.csv", base) == "https://example.org/sub/daten/kommunen.csv"
    assert _published("index.html", base) == "#"  # the dashboard is the snapshot itself
    for kept in ("#hf=x", "https://other.example/", "mailto:a@b.c", "/abs"):
        assert _published(kept, base) == kept


def test_banner_names_datenstand_and_build_date_and_links_go_to_the_published_site(
    snapshot_file,
):
    page = snapshot_file.read_text("utf-8")
    banner = re.search(r'<section class="notice snapshot-banner".*?</section>', page, re.S).group(0)
    assert "Momentaufnahme" in banner and "Datenstand 31.12.2024" in banner
    assert "erstellt am 01.01.2026" in banner and "https://example.org/" in banner
    # A named region after the skip link: it had stood outside every landmark, before the skip
    # link, with an inline style.
    assert page.index('<a class="skip"') < page.index('<section class="notice snapshot-banner"')
    assert 'aria-label="Hinweis zur Momentaufnahme"' in banner and "style=" not in banner
    assert 'href="https://example.org/kommunen/"' in page  # pretty URL of the published site
    assert 'data-root="https://example.org/"' in page
    assert "<title>Momentaufnahme 31.12.2024 – Testnetz</title>" in page


def test_own_csp_lists_exactly_the_inline_scripts(snapshot_file):
    page = snapshot_file.read_text("utf-8")
    metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert len(metas) == 1
    allowed = set(re.findall(r"'(sha256-[^']+)'", metas[0]))
    scripts = [
        m.group(2)
        for m in re.finditer(r"<script(\s[^>]*)?>(.*?)</script>", page, re.S)
        if "application/json" not in (m.group(1) or "")
    ]
    digests = {
        "sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts
    }
    assert allowed == digests and len(digests) >= 6


def test_an_existing_csp_meta_is_replaced(content, tmp_path):
    templates = tmp_path / "templates"
    import shutil

    shutil.copytree(TEMPLATES, templates)
    edit(
        templates / "base.html",
        '<meta charset="utf-8">',
        '<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" '
        "content=\"script-src 'self'\">",
    )
    out = tmp_path / "s.html"
    write_snapshot(content, templates, out)
    page = out.read_text("utf-8")
    assert "script-src 'self'" not in page
    assert page.count('http-equiv="Content-Security-Policy"') == 1


def test_snapshot_carries_manifest_and_records(snapshot_file):
    page = snapshot_file.read_text("utf-8")
    block = re.search(rf'id="{SNAPSHOT_DATA_ID}">(.*?)</script>', page, re.S).group(1)
    payload = json.loads(block)
    assert payload["manifest"]["datenstand"] == "2024-12-31"
    assert {k["name"] for k in payload["records"]["kommunen"]} >= {"Bamberg", "Wien"}


def test_cli_snapshot_reports_size_and_refuses_a_folder(content, tmp_path, capsys):
    out = tmp_path / "s.html"
    args = ["snapshot", "--content", str(content), "--templates", str(TEMPLATES)]
    assert main([*args, "--out", str(out)]) == 0
    summary = capsys.readouterr().out
    size = f"{out.stat().st_size:,}".replace(",", ".")
    assert f"{size} Bytes" in summary and "Datenstand 31.12.2024" in summary
    assert main([*args, "--out", str(tmp_path)]) == 1
    assert "ist ein Ordner" in capsys.readouterr().err


@pytest.mark.browser
def test_snapshot_opens_offline_with_map_and_graph_drawn(snapshot_file, offline_page):
    from tests.test_dashboard_browser import canvas_ink

    view = offline_page(tile_host="tile.example.org")
    view.open(snapshot_file)
    view.page.wait_for_timeout(300)
    assert canvas_ink(view.page, ".folium-map .leaflet-kts-points-pane") > 20
    view.show_graph()
    snap = view.snapshot()
    assert snap["markers"] == snap["nodes"] == 7
    assert snap["lines"] == snap["edges"] == 6
    assert canvas_ink(view.page, "#graph") > 100
    assert view.errors == [] and view.dialogs == []
    assert all("tile.example.org" in url for url in view.external), view.external
    assert "Momentaufnahme" in view.page.locator(".snapshot-banner").inner_text()
    # The site search works from the inlined index and points to the published site.
    view.page.fill("#site-search", "bamberg")
    option = view.page.locator("#site-search-results [role=option]").first
    assert option.get_attribute("data-href") == "https://example.org/kommunen/bamberg/index.html"
    SHOTS.mkdir(exist_ok=True)
    view.page.screenshot(path=str(SHOTS / "snapshot.png"))


def test_links_to_unpublished_records_stay_in_the_file():
    base = "https://example.org/"
    published = frozenset({"kommunen/index.html", "kommunen/bamberg/index.html"})
    assert _published("kommunen/bamberg/index.html", base, published) == base + "kommunen/bamberg/"
    assert _published("kommunen/neu/index.html", base, published) == "#datensatz-kommune-neu"
    assert _published("massnahmen/m/index.html", base, published) == "#datensatz-massnahme-m"
    assert _published("analyse/index.html", base, published) == "#alle-datensaetze"
    assert _published("daten/kommunen.csv", base, published) == base + "daten/kommunen.csv"


def test_every_record_has_its_details_in_the_file(content, tmp_path):
    out = tmp_path / "s.html"
    published = frozenset({"kommunen/bamberg/index.html"})
    write_snapshot(content, TEMPLATES, out, published=published)
    page = out.read_text("utf-8")
    section = re.search(r'<section id="alle-datensaetze".*?</section>', page, re.S).group(0)
    for rid in ("bamberg", "ringelai", "regensburg", "muenster", "grossposna", "wien", "ohne"):
        assert f'<details id="datensatz-kommune-{rid}">' in section
    regensburg = re.search(
        r'<details id="datensatz-kommune-regensburg">.*?</details>', section, re.S
    ).group(0)
    assert (
        "<dt>lat</dt><dd>49.0134</dd>" in regensburg
        and "<dt>staffel</dt><dd>2021</dd>" in regensburg
    )
    assert "Vorbild (von) mit" in regensburg and "Quelle: KTS" in regensburg
    assert "<p>3 Verbindungen</p>" in regensburg
    assert "Noch nicht auf der Website veröffentlicht." in regensburg
    bamberg = re.search(r'<details id="datensatz-kommune-bamberg">.*?</details>', section, re.S)
    link = '<a href="https://example.org/kommunen/bamberg/">Seite auf der Website</a>'
    assert link in bamberg.group(0)
    assert link not in bamberg.group(0).split("</summary>")[0]  # no link inside the summary
    assert '<details id="datensatz-massnahme-energiezwilling">' in section
    assert '<details id="datensatz-feld-soziale-inklusion">' in section


def test_cli_snapshot_takes_the_published_state_from_git(content, tmp_path, capsys):
    from tests.test_diff import git

    git(content.parent, "init", "-q")
    git(content.parent, "add", "content")
    git(content.parent, "commit", "-q", "-m", "Inhalt")
    with (content / "kommunen.csv").open("a", encoding="utf-8") as f:
        f.write("leipzig,Leipzig,grossstadt,DE,Sachsen,51.34,12.37,nein,,,\n")
    out = tmp_path / "s.html"
    args = ["snapshot", "--content", str(content), "--out", str(out), "--seit", "HEAD"]
    assert main(args) == 0
    page = out.read_text("utf-8")
    listed = json.loads(re.search(r"published = new Set\((\[.*?\])\)", page).group(1))
    assert "kommunen/bamberg/index.html" in listed and "kommunen/leipzig/index.html" not in listed
    leipzig = re.search(r'<details id="datensatz-kommune-leipzig">.*?</details>', page, re.S)
    assert "Noch nicht auf der Website veröffentlicht." in leipzig.group(0)
    assert main([*args[:-1], "nirgends"]) == 1
    assert "diesen Git-Stand gibt es nicht" in capsys.readouterr().err


@pytest.mark.browser
def test_drawer_link_of_an_unpublished_kommune_opens_its_details_in_the_file(
    content, tmp_path, offline_page
):
    out = tmp_path / "s.html"
    published = frozenset({"index.html", "kommunen/index.html", "kommunen/bamberg/index.html"})
    write_snapshot(content, TEMPLATES, out, published=published)
    view = offline_page(tile_host="tile.example.org")
    view.open(out, "#k=regensburg")
    link = view.page.locator("#details-body a", has_text="Seite der Kommune")
    assert link.get_attribute("href") == "#datensatz-kommune-regensburg"
    link.click()
    assert view.page.locator("#datensatz-kommune-regensburg").evaluate("d => d.open")
    assert "k=regensburg" in view.page.evaluate("location.hash")  # the view stays as it was
    # So does an option of the header's search (its target in data-href, not a link).
    view.page.locator("#datensatz-kommune-regensburg").evaluate("d => { d.open = false; }")
    view.page.fill("#site-search", "regensburg")
    option = view.page.locator("#site-search-results [role=option]").first
    assert option.get_attribute("data-href") == "#datensatz-kommune-regensburg"
    option.click()
    assert view.page.locator("#datensatz-kommune-regensburg").evaluate("d => d.open")
    assert "k=regensburg" in view.page.evaluate("location.hash")
    view.page.goto(out.resolve().as_uri() + "#k=bamberg")
    view.wait_ready()
    link = view.page.locator("#details-body a", has_text="Seite der Kommune")
    assert link.get_attribute("href") == "https://example.org/kommunen/bamberg/index.html"
    marker = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "↗" in marker
    assert view.errors == [] and view.csp_violations() == []


@pytest.mark.browser
def test_snapshot_passes_axe_with_every_record_open_and_all_in_landmarks(snapshot_file, browser):
    from tests import a11y

    violations, outside = a11y.snapshot_findings(browser, snapshot_file)
    assert not violations, a11y.describe(violations)
    # Everything stands in a landmark: the banner and the records had not.
    assert outside == []


def test_seit_and_veroeffentlicht_agree_on_the_published_pages(content, tmp_path):
    """--seit REV listed only the navigation's pages: its links to the Erklärung zur
    Barrierefreiheit and Leichte Sprache went to #alle-datensaetze (issue 24)."""
    from generator.commands.snapshot import pages_at_revision, published_pages
    from tests.test_diff import git

    git(content.parent, "init", "-q")
    git(content.parent, "add", "content")
    git(content.parent, "commit", "-q", "-m", "Inhalt")
    from generator.commands.build import build

    build(content, TEMPLATES, tmp_path / "dist")
    from_git = pages_at_revision(content, "HEAD")
    assert from_git == published_pages(tmp_path / "dist")
    assert {"barrierefreiheit/index.html", "leichte-sprache/index.html"} <= from_git
    out = tmp_path / "s.html"
    write_snapshot(content, TEMPLATES, out, published=from_git)
    page = out.read_text("utf-8")
    assert 'href="https://example.org/barrierefreiheit/"' in page
    assert 'href="https://example.org/leichte-sprache/"' in page


def test_seit_reads_the_optional_stories_and_diff_reads_them_back(content, tmp_path, capsys):
    """snapshot --seit takes geschichten.yaml from the revision when it has one (issue 25);
    the snapshot's stories are what diff compares."""
    from generator.commands.diff import compare, load_state
    from tests.test_diff import STORIES, git

    git(content.parent, "init", "-q")
    git(content.parent, "add", "content")
    git(content.parent, "commit", "-q", "-m", "ohne Geschichten")
    (content / "geschichten.yaml").write_text(STORIES, "utf-8")
    out = tmp_path / "s.html"
    args = ["snapshot", "--content", str(content), "--out", str(out), "--seit", "HEAD"]
    assert main(args) == 0  # the revision has no geschichten.yaml: optional, no error
    git(content.parent, "add", "content/geschichten.yaml")
    git(content.parent, "commit", "-q", "-m", "Geschichten")
    assert main(args) == 0
    capsys.readouterr()
    stories = load_state(out).records["geschichten"]
    assert {gid: r["titel"] for gid, r in stories.items()} == {"probe": "Probe", "zweite": "Zweite"}
    assert stories["zweite"]["Schritt 1 ansicht"] == "k=regensburg&weg=wien"
    assert compare(load_state(out), load_state(content)).changes == 0
    edit(content / "geschichten.yaml", 'ansicht: "#k=bamberg"', 'ansicht: "#k=ohne"')
    assert main(["diff", str(out), str(content)]) == 1
    assert "      Schritt 1 ansicht: 'k=bamberg' → 'k=ohne'" in capsys.readouterr().out
    # A story the revision's content refutes is named like any content error.
    edit(content / "geschichten.yaml", "#k=ohne", "#k=nirgends")
    git(content.parent, "commit", "-q", "-am", "kaputt")
    assert main(["diff", "--seit", "HEAD", "--content", str(content)]) == 2
    assert "geschichten.yaml:5" in capsys.readouterr().err
