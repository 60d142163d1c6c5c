"""Render: safe embedding, local assets only, escaped text."""

from __future__ import annotations

import json
import re

from generator.build import load_network
from generator.render import de_number, folium_map, graph_options, script_json
from tests.conftest import edit

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
    assert str(folium_map(net, "dashboard").script) == str(parts.script)


def test_graph_options_come_from_pyvis_with_physics_off():
    options = graph_options()
    assert options["physics"]["enabled"] is False
    assert options["interaction"]["hover"] is True


def test_hostile_names_are_escaped_in_the_page(content, tmp_path):
    from generator.build import build
    from tests.conftest import TEMPLATES

    edit(content / "kommunen.csv", "bamberg,Bamberg,", f'bamberg,"{HOSTILE}",')
    edit(content / "site.yaml", "title: Testnetz", 'title: "Netz <b>fett</b>"')
    out = tmp_path / "out"
    build(content, TEMPLATES, out)
    html = (out / "index.html").read_text("utf-8")
    assert "<img src=x" not in html and "<b>fett</b>" not in html
    assert "<title>Netz &lt;b&gt;fett&lt;/b&gt;</title>" in html
    data = re.search(r'<script type="application/json" id="kts-data">(.*?)</script>', html, re.S)
    assert HOSTILE in json.loads(data.group(1))["kommunen"]["name"]


def test_template_failure_names_template_line_and_page(content, tmp_path):
    import shutil

    import pytest

    from generator.build import build
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
