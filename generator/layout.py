"""Graph layout computed once at build time: seeded, deterministic, no physics in the browser."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from generator.model import Network

CENTRE = (51.16, 10.45)  # the middle of Germany
SCALE = 900  # half the width of the layout in vis-network pixels
# ForceAtlas2 in networkx is O(n²) per iteration: above this size the geographic seed is kept.
FORCE_LIMIT = 800


def geo_seed(lat: float, lon: float) -> tuple[float, float]:
    """Project to a plane centred on Germany; far-away places are pulled in logarithmically."""
    dx = (lon - CENTRE[1]) * math.cos(math.radians(CENTRE[0]))
    dy = lat - CENTRE[0]
    r = math.hypot(dx, dy)
    if r > 5:
        factor = (5 + 2 * math.log(r / 5)) / r
        dx, dy = dx * factor, dy * factor
    return dx / 5, -dy / 5


def compute_layout(
    net: Network, seed: int = 7, groups: dict[str, int] | None = None
) -> dict[str, tuple[int, int]]:
    """Positions for every Kommune: ForceAtlas2 started from geography, seeded. With groups
    (clusters), links inside a group pull five times as hard, so the groups show."""
    if not net.kommunen:
        return {}
    start = {k.id: np.array(geo_seed(k.lat, k.lon)) for k in net.kommunen}
    if len(start) > FORCE_LIMIT:
        pos = start
    else:
        graph = nx.Graph()
        graph.add_nodes_from(start)
        for v in net.verbindungen:
            same = groups is not None and groups.get(v.von, -1) == groups.get(v.nach, -2)
            graph.add_edge(v.von, v.nach, weight=5.0 if same else 1.0)
        pos = nx.forceatlas2_layout(
            graph, pos=start, max_iter=150, seed=seed, weight="weight" if groups else None
        )
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        node: (round((p[0] - cx) / span * 2 * SCALE), round((p[1] - cy) / span * 2 * SCALE))
        for node, p in sorted(pos.items())
    }
