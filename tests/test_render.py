"""Render: safe embedding, local assets only, escaped text."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from generator.commands.build import load_network
from generator.site.render import (
    content_security_policy,
    de_number,
    folium_map,
    graph_options,
    script_json,
)
from tests.conftest import dashboard_data, edit

HOSTILE = "<img src=x onerror=alert(1)></script><!--"


def test_script_json_cannot_end_the_script_element():
    text = str(script_json({"name": HOSTILE + "\u2028"}))
    assert "</script" not in text.lower() and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": HOSTILE + "\u2028"}


def test_german_numbers():
    assert (de_number(1234), de_number(12.5, 1), de_number(0.25, 1)) == ("1.234", "12,5", "0,2")


def test_folium_map_uses_no_cdn_and_stable_ids(content):
    net, _ = load_network(content)
    parts = folium_map(net, "dashboard")
    assert 'id="map_dashboard"' in parts.html
    assert (
        "cdn" not in parts.script.lower()
        and "https://tile.example.org/{z}/{x}/{y}.png" in parts.script
    )
    assert "strict-origin-when-cross-origin" in parts.script
    assert "KTS.attachMap(map_dashboard, tile_layer_dashboard_tiles)" in parts.script
    # The tiles are added by the page's script once the map is framed (lib.showTiles).
    assert "tile_layer_dashboard_tiles.addTo" not in parts.script
    assert str(folium_map(net, "dashboard").script) == str(parts.script)


def test_graph_options_come_from_pyvis_with_physics_off():
    options = graph_options()
    assert options["physics"]["enabled"] is False
    assert options["interaction"]["hover"] is True


def test_hostile_names_are_escaped_in_the_page(content, tmp_path):
    from generator.commands.build import build
    from tests.conftest import TEMPLATES

    edit(content / "kommunen.csv", "bamberg,Bamberg,", f'bamberg,"{HOSTILE}",')
    edit(content / "site.yaml", "title: Testnetz", 'title: "Netz <b>fett</b>"')
    out = tmp_path / "out"
    build(content, TEMPLATES, out)
    html = (out / "index.html").read_text("utf-8")
    assert "<img src=x" not in html and "<b>fett</b>" not in html
    assert "<title>Netz &lt;b&gt;fett&lt;/b&gt;</title>" in html
    assert HOSTILE in dashboard_data(out)["kommunen"]["name"]
    for part in (out / "assets").glob("data-*.js"):
        data_js = part.read_text("utf-8")
        assert "</script" not in data_js.lower() and "<!--" not in data_js


def test_the_data_come_in_parts_of_whole_columns(content, monkeypatch):
    import generator.site.render as render
    from generator.analysis.analyse import TABLES, analyse
    from tests.conftest import data_part

    net, _ = load_network(content)
    analysis = analyse(net)
    whole = json.loads(str(script_json(analysis.client_data)))
    assert list(render.data_assets(analysis)) == ["data-1.js"]  # a small network: one part
    monkeypatch.setattr(render, "DATA_PART_CHARS", 300)
    assets = render.data_assets(analysis)
    assert list(assets) == [f"data-{n}.js" for n in range(1, len(assets) + 1)] and len(assets) > 3
    merged: dict = {}
    for asset in assets.values():
        part = data_part(asset.data.decode("utf-8"))
        pieces = [
            len(script_json(value))
            for key, values in part.items()
            for value in (values.values() if key in TABLES else [values])
        ]
        assert sum(pieces) <= 300 or len(pieces) == 1  # at most full, unless one piece is more
        for key, value in part.items():
            if key in TABLES and key in merged:
                assert not set(value) & set(merged[key])  # a column is never cut
                merged[key].update(value)
            else:
                assert key not in merged
                merged[key] = value
    assert merged == whole


def test_template_failure_names_template_line_and_page(content, tmp_path):
    import shutil

    import pytest

    from generator.commands.build import build
    from generator.errors import BuildError
    from tests.conftest import TEMPLATES

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    edit(
        templates / "dashboard.html",
        "{{ site.description }}",
        "{{ site.title / 0 }}",
    )
    with pytest.raises(BuildError) as info:
        build(content, templates, tmp_path / "out")
    message = str(info.value)
    assert message.startswith("dashboard.html:") and "index.html" in message
    assert not (tmp_path / "out").exists()


class _InlineCode(HTMLParser):
    """Collects what a Content-Security-Policy without 'unsafe-inline' would refuse."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.policies: list[str] = []
        self._script = False
        self._first_resource = True

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.policies.append(a["content"])
            if not self._first_resource:
                self.found.append("policy after the first script or style")
        if tag in ("script", "style", "link"):
            self._first_resource = False
        self._script = tag == "script" and "src" not in a and a.get("type") != "application/json"
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and (value or "").lower().startswith(
                "javascript:"
            ):
                self.found.append(f"{tag} {name}={value}")

    def handle_data(self, data):
        if self._script and data.strip():
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag):
        self._script = False


def test_no_page_has_inline_code_and_every_page_has_the_policy(built, content):
    net, _ = load_network(content)
    pages = sorted(built.rglob("*.html"))
    # with einbetten/, barrierefreiheit/, leichte-sprache/, suche/; in English all but the
    # two German-only pages
    assert len(pages) == 23 + 21
    for path in pages:
        parser = _InlineCode()
        parser.feed(path.read_text("utf-8"))
        assert parser.found == [], (path, parser.found)
        assert parser.policies == [content_security_policy(net.site)], path


def test_policy_allows_only_the_site_and_the_tile_server(content):
    net, _ = load_network(content)
    policy = dict(d.split(" ", 1) for d in content_security_policy(net.site).split("; "))
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data: https://tile.example.org"
    assert (policy["object-src"], policy["base-uri"]) == ("'none'", "'self'")
    edit(content / "site.yaml", "https://tile.example.org/", "https://{s}.tiles.example.org:8080/")
    net, _ = load_network(content)
    assert "img-src 'self' data: https://*.tiles.example.org:8080;" in (
        content_security_policy(net.site)
    )


def test_headers_file_sends_the_meta_policy_and_frames_only_einbetten(shipped_site):
    from tests.conftest import ROOT
    from tests.netlify import headers_rules

    net, _ = load_network(ROOT / "content")
    policy = content_security_policy(net.site)
    rules = {r["for"]: r["values"] for r in headers_rules(shipped_site)}
    assert rules["/"]["Content-Security-Policy"] == policy + "; frame-ancestors 'none'"
    assert rules["/kommunen/*"]["X-Frame-Options"] == "DENY"
    embed = rules["/einbetten/*"]
    assert embed["Content-Security-Policy"] == (
        policy + "; frame-ancestors " + " ".join(net.site.embed_origins)
    )
    assert "X-Frame-Options" not in embed and net.site.embed_origins
