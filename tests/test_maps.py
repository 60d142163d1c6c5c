"""Maps: Folium's Leaflet set-up with local assets, German controls and the dashboard's hooks."""

from __future__ import annotations

import pytest

from generator.site.maps import folium_parts

TILES = "https://tiles.example.net/{z}/{x}/{y}.png"


def test_the_maps_are_built_without_importing_pandas():
    """folium would import pandas (a quarter second) where it is installed; we pass no frames."""
    import subprocess
    import sys

    pytest.importorskip("pandas")
    code = (
        "import sys, generator.site.maps\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
        "import pandas\n"  # and it still imports for whoever needs it later
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_map_has_its_tiles_german_controls_a_legend_and_the_hook():
    html, script = folium_parts("probe", TILES, "© Probe & Co", 17)
    assert html == '<div class="folium-map" id="map_probe" ></div>'
    assert "<script" not in html and "<link" not in html  # Leaflet comes from the shared assets
    assert f'"{TILES}"' in script and '"maxZoom": 17' in script
    assert '"zoomControl": false' in script  # Leaflet's own buttons say "Zoom in"
    assert 'zoomInTitle: "Vergrößern"' in script and 'zoomOutTitle: "Verkleinern"' in script
    assert "L.control.scale({imperial: false, metric: true})" in script
    assert 'L.DomUtil.create("div", "map-legend")' in script
    assert script.endswith("KTS.attachMap(map_probe, tile_layer_probe_tiles);")
    assert "tile_layer_probe_tiles.addTo" not in script  # the page adds the tiles when framed


def test_a_map_is_the_same_for_the_same_name_and_differs_by_name():
    first = folium_parts("eins", TILES, "Probe", 18)
    assert folium_parts("eins", TILES, "Probe", 18) == first
    other = folium_parts("zwei", TILES, "Probe", 18)
    assert "map_zwei" in other[1] and "map_eins" not in other[1]
