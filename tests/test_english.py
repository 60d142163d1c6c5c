"""The English edition: every page kind under en/, its alternates, sitemap and headers."""

from __future__ import annotations

import re
from pathlib import Path

from generator.commands.build import build
from tests.conftest import FIXTURES, TEMPLATES

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">')
BASE = "https://example.org/"


def _alternates(page: Path) -> dict[str, str]:
    return dict(ALTERNATE.findall(page.read_text("utf-8")))


def _address(site: Path, page: Path) -> str:
    return BASE + page.relative_to(site).as_posix().removesuffix("index.html")


def test_every_page_kind_has_its_english_edition_but_the_german_only_ones(built):
    for path in (
        "index.html", "einbetten/index.html", "kommunen/index.html", "kommunen/bamberg/index.html",
        "massnahmen/index.html", "massnahmen/energiezwilling/index.html",
        "handlungsfelder/index.html", "handlungsfelder/bildung/index.html",
        "analyse/index.html", "daten/index.html", "suche/index.html", "404.html",
    ):  # fmt: skip
        page = built / "en" / path
        if "bildung" in path:
            page = next((built / "en/handlungsfelder").glob("*/index.html"))
        assert page.is_file(), path
        assert '<html lang="en">' in page.read_text("utf-8"), path
    assert not (built / "en/leichte-sprache").exists()
    assert not (built / "en/barrierefreiheit").exists()


def test_hreflang_pairs_are_symmetric_and_absolute(built):
    pages = sorted(built.rglob("*.html"))
    paired = 0
    for page in pages:
        links = _alternates(page)
        if not links:
            continue
        paired += 1
        own = _address(built, page)
        assert own in links.values(), page
        assert set(links) == {"de", "en"}, page
        for url in links.values():
            assert url.startswith(BASE), url
            rel = url.removeprefix(BASE)
            other = built / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)
            assert _alternates(other) == links, (page, other)
    # Every page of both editions but the German-only ones.
    assert paired == len(pages) - 2


def test_the_sitemap_names_both_editions_of_each_page_as_alternates(built):
    sitemap = (built / "sitemap.xml").read_text("utf-8")
    entry = re.search(r"<url><loc>https://example.org/en/analyse/</loc>(.*?)</url>", sitemap)
    assert entry is not None
    assert re.findall(r'hreflang="([a-z]+)" href="([^"]+)"', entry.group(1)) == [
        ("de", "https://example.org/analyse/"),
        ("en", "https://example.org/en/analyse/"),
    ]
    easy = re.search(r"<url><loc>https://example.org/leichte-sprache/</loc>(.*?)</url>", sitemap)
    assert easy is not None and easy.group(1) == ""  # German only: no alternates
    assert "https://example.org/en/leichte-sprache/" not in sitemap


def test_english_pages_link_the_german_only_pages_as_german(built):
    html = (built / "en/kommunen/index.html").read_text("utf-8")
    easy = re.search(r'<a href="\.\./\.\./leichte-sprache/index\.html"[^>]*>([^<]*)</a>', html)
    assert easy is not None and 'hreflang="de"' in easy.group(0)
    assert "(in German)" in easy.group(1)
    bitv = re.search(r'<a href="\.\./\.\./barrierefreiheit/index\.html"[^>]*>', html)
    assert bitv is not None and 'hreflang="de"' in bitv.group(0)


def test_the_language_switch_leads_to_the_same_page_and_keeps_the_view(built):
    en = (built / "en/kommunen/bamberg/index.html").read_text("utf-8")
    de = (built / "kommunen/bamberg/index.html").read_text("utf-8")
    assert re.search(
        r'<a class="lang-switch" href="\.\./\.\./\.\./kommunen/bamberg/index\.html" '
        r'hreflang="de" lang="de" data-keep-hash>Deutsch</a>',
        en,
    )
    assert re.search(
        r'<a class="lang-switch" href="\.\./\.\./en/kommunen/bamberg/index\.html" '
        r'hreflang="en" lang="en" data-keep-hash>English</a>',
        de,
    )
    # A German-only page leads to the other edition's dashboard.
    easy = (built / "leichte-sprache/index.html").read_text("utf-8")
    assert '<a class="lang-switch" href="../en/index.html" hreflang="en" lang="en">' in easy


def test_each_edition_may_be_framed_only_at_its_embed_page(built):
    headers = (built / "_headers").read_text("utf-8")
    rules = dict(re.findall(r"^(/\S*)\n((?:  .*\n)+)", headers, re.M))
    for embed in ("/einbetten/*", "/en/einbetten/*"):
        assert "frame-ancestors 'self'" in rules[embed], embed
    for page in ("/en/", "/en/kommunen/*", "/en/index.html"):
        assert "frame-ancestors 'none'" in rules[page], page


def test_german_only_build_leaves_out_the_english_edition(tmp_path, monkeypatch):
    """KTS_SPRACHEN=de: what the benchmarks compare against."""
    import importlib

    import generator.i18n as i18n

    monkeypatch.setattr(i18n, "LANGUAGES", i18n._chosen("de"))
    for name in ("generator.site.routes", "generator.site.render"):
        monkeypatch.setattr(importlib.import_module(name), "LANGUAGES", i18n.LANGUAGES)
    monkeypatch.setattr(importlib.import_module("generator.site.render"), "_ENVIRONMENTS", {})
    out = tmp_path / "dist"
    build(FIXTURES / "mini", TEMPLATES, out)
    assert not (out / "en").exists()
    assert not list((out / "assets").glob("strings-*.js"))
    page = (out / "kommunen/bamberg/index.html").read_text("utf-8")
    assert 'rel="alternate"' not in page and "lang-switch" not in page
