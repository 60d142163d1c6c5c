"""Graph layout computed once at build time: seeded, deterministic, no physics in the browser."""

from __future__ import annotations

import math

import networkx as nx

from generator.model import Network

CENTRE = (51.16, 10.45)  # the middle of Germany
SCALE = 900  # half the width of the layout in vis-network pixels


def geo_seed(lat: float, lon: float) -> tuple[float, float]:
    """Project to a plane centred on Germany; far-away places are pulled in logarithmically."""
    dx = (lon - CENTRE[1]) * math.cos(math.radians(CENTRE[0]))
    dy = lat - CENTRE[0]
    r = math.hypot(dx, dy)
    if r > 5:
        factor = (5 + 2 * math.log(r / 5)) / r
        dx, dy = dx * factor, dy * factor
    return dx / 5, -dy / 5


def compute_layout(net: Network, seed: int = 7) -> dict[str, tuple[int, int]]:
    """Positions for every Kommune: a force layout that starts from geography."""
    graph = nx.Graph()
    graph.add_nodes_from(k.id for k in net.kommunen)
    for v in net.verbindungen:
        if graph.has_edge(v.von, v.nach):
            graph[v.von][v.nach]["weight"] += 1
        else:
            graph.add_edge(v.von, v.nach, weight=1)
    start = {k.id: geo_seed(k.lat, k.lon) for k in net.kommunen}
    if graph.number_of_nodes() == 0:
        return {}
    k = 1.4 / math.sqrt(max(graph.number_of_nodes(), 1))
    pos = nx.spring_layout(graph, pos=start, k=k, iterations=60, seed=seed, weight=None)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        node: (round((p[0] - cx) / span * 2 * SCALE), round((p[1] - cy) / span * 2 * SCALE))
        for node, p in sorted(pos.items())
    }
