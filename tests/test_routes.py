"""The routes are the one inventory of pages: what the build writes, links and lists."""

from __future__ import annotations

import json
import re

from generator.commands.build import build, load_network
from generator.site.routes import NAV, NOT_FOUND_LINKS, ROUTE, ROUTES, page_paths
from tests.conftest import FIXTURES, TEMPLATES


def test_the_build_writes_exactly_the_pages_the_routes_declare(tmp_path):
    build(FIXTURES / "mini", TEMPLATES, tmp_path / "dist")
    net, _ = load_network(FIXTURES / "mini")
    ids = {
        "kommunen": [k.id for k in net.kommunen],
        "massnahmen": [m.id for m in net.massnahmen],
        "handlungsfelder": [h.id for h in net.handlungsfelder],
    }
    manifest = json.loads((tmp_path / "dist" / "manifest.json").read_text("utf-8"))
    assert set(manifest["pages"]) == page_paths(ids)
    sitemap = (tmp_path / "dist" / "sitemap.xml").read_text("utf-8")
    listed = set(re.findall(r"<loc>https?://[^/]+/([^<]*)</loc>", sitemap))
    assert "einbetten/" not in listed and "404.html" not in listed and "suche/" not in listed
    assert "barrierefreiheit/" in listed and "leichte-sprache/" in listed
    assert "en/analyse/" in listed and "en/leichte-sprache/" not in listed


def test_navigation_and_404_links_come_from_the_routes(tmp_path):
    build(FIXTURES / "mini", TEMPLATES, tmp_path / "dist")
    page = (tmp_path / "dist" / "analyse" / "index.html").read_text("utf-8")
    nav = re.search(r'<nav aria-label="Hauptnavigation">.*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="\.\./([^"]+)"', nav) == [path for _, path in NAV]
    lost = (tmp_path / "dist" / "404.html").read_text("utf-8")
    ways = lost[lost.index("einer dieser Wege") :]
    links = re.findall(r'<li><a href="/([^"]+)">([^<]+)</a></li>', ways)
    assert [(label, path) for path, label in links] == list(NOT_FOUND_LINKS)


def test_every_route_has_a_template_and_a_unique_path():
    assert len({r.path for r in ROUTES}) == len(ROUTES)
    for route in ROUTES:
        assert (TEMPLATES / route.template).is_file(), route.kind
        assert route.per or route.title, route.kind
    assert ROUTE["kommune"].path_of("ulm") == "kommunen/ulm/index.html"
