"""Folium builds the maps' Leaflet set-up (imported only when a map is built: folium and
branca take a few hundred milliseconds to import)."""

from __future__ import annotations

import sys

from branca.element import MacroElement, Template

# folium reaches for pandas only to recognise DataFrames, which we never pass; where pandas is
# installed, importing it would cost a quarter of a second of every build.
_HIDE_PANDAS = "pandas" not in sys.modules
if _HIDE_PANDAS:
    sys.modules["pandas"] = None  # type: ignore[assignment]
try:
    import folium
finally:
    if _HIDE_PANDAS:
        del sys.modules["pandas"]


class _MapHook(MacroElement):
    """Hands the Folium map and its tile layer to the dashboard script."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            KTS.attachMap({{ this._parent.get_name() }}, {{ this.tiles.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, tiles: folium.TileLayer) -> None:
        super().__init__()
        self._name = "MapHook"
        self.tiles = tiles


class _Legend(MacroElement):
    """An empty Leaflet control that the dashboard script fills (Art or Handlungsfeld colours)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function () {
                var legend = L.control({position: "bottomleft"});
                legend.onAdd = function () {
                    return L.DomUtil.create("div", "map-legend");
                };
                legend.addTo({{ this._parent.get_name() }});
            })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"


class _Controls(MacroElement):
    """Leaflet's zoom buttons named in the page's language and a metric scale only (Leaflet's
    defaults say "Zoom in" on German pages and show miles). The script is one file for every
    edition: the German names given here are translated in the browser (js/common/map.js
    lib.zoomOptions, from the catalogue)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.control.zoom(KTS.lib.zoomOptions({
                zoomInTitle: "Vergrößern",
                zoomOutTitle: "Verkleinern"
            })).addTo({{ this._parent.get_name() }});
            L.control.scale({imperial: false, metric: true}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Controls"


def folium_parts(name: str, tiles_url: str, attribution: str, max_zoom: int) -> tuple[str, str]:
    """A Folium map with local Leaflet, the configured tiles and a legend; data come later.
    Returns the map's HTML element and its script."""
    fmap = folium.Map(
        location=[51.16, 10.45],
        zoom_start=6,
        tiles=None,
        prefer_canvas=True,
        control_scale=False,  # _Controls adds a metric-only scale
        zoom_control=False,  # _Controls adds zoom buttons in the page's language
        zoom_snap=0.25,
        min_zoom=2,
        max_zoom=max_zoom,
    )
    # No CDN: Leaflet comes from the shared assets and nothing else of Folium's defaults is used.
    fmap.default_js = []
    fmap.default_css = []
    fmap._id = name
    tiles = folium.TileLayer(
        tiles=tiles_url,
        attr=attribution,
        name="Kartenhintergrund",
        max_zoom=max_zoom,
        referrerPolicy="strict-origin-when-cross-origin",
        crossOrigin=False,
        # Added by the page's script once the map has its frame (lib.showTiles): added here,
        # the tiles of Folium's first view were made and asked for, and dropped at once.
        show=False,
    )
    tiles._id = f"{name}_tiles"
    tiles.add_to(fmap)
    controls = _Controls()
    controls._id = f"{name}_controls"
    controls.add_to(fmap)
    legend = _Legend()
    legend._id = f"{name}_legend"
    legend.add_to(fmap)
    hook = _MapHook(tiles)
    hook._id = f"{name}_hook"
    hook.add_to(fmap)
    figure = fmap.get_root()
    figure._id = f"{name}_figure"
    figure.render()
    # Folium's root is a branca Figure, whose html and script elements the Element type hides.
    script = figure.script.render()  # type: ignore[attr-defined]
    html = figure.html.render()  # type: ignore[attr-defined]
    return html.strip(), script.strip()
