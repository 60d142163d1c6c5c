"""The approach a user would otherwise write: one pyvis page with physics, one Folium map with a
marker per Kommune and a PolyLine per Verbindung. Built in a fresh process for a fair timing.

Usage: python benchmarks/naive.py CONTENT OUT
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_naive(content: Path, out: Path) -> None:
    """Write out/graph.html (pyvis, physics on) and out/map.html (Folium, one layer each)."""
    import folium
    from pyvis.network import Network as PyvisNetwork

    from generator.commands.build import load_network

    net, _ = load_network(content)
    out.mkdir(parents=True, exist_ok=True)
    # cdn_resources="in_line" so that the page works offline, as ours does.
    graph = PyvisNetwork(height="900px", width="100%", cdn_resources="in_line")
    for k in net.kommunen:
        graph.add_node(k.id, label=k.name, title=k.name, color="#1d3f8f" if k.mpsc else "#8795a1")
    for v in net.verbindungen:
        graph.add_edge(v.von, v.nach, title=f"{v.art}: {', '.join(v.handlungsfelder)}")
    graph.write_html(str(out / "graph.html"))

    fmap = folium.Map(location=[51.16, 10.45], zoom_start=6)
    where = {k.id: (k.lat, k.lon) for k in net.kommunen}
    for k in net.kommunen:
        folium.Marker(where[k.id], popup=k.name, tooltip=k.name).add_to(fmap)
    for v in net.verbindungen:
        folium.PolyLine([where[v.von], where[v.nach]], tooltip=v.art).add_to(fmap)
    fmap.save(str(out / "map.html"))


if __name__ == "__main__":
    build_naive(Path(sys.argv[1]), Path(sys.argv[2]))
