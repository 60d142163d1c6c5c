"""The build-time graph layout: ForceAtlas2 in matrix form, as networkx computes it."""

from __future__ import annotations

import networkx as nx
import numpy as np

from generator.layout import force_atlas2


def test_force_atlas2_matches_networkx_on_a_random_graph():
    rng = np.random.default_rng(3)
    graph = nx.gnm_random_graph(60, 150, seed=3)
    start = {node: rng.uniform(-5, 5, 2) for node in graph}
    # Few iterations: over many, rounding differences grow as in any force simulation.
    reference = nx.forceatlas2_layout(graph, pos=start, max_iter=10)
    ours = force_atlas2(np.array([start[n] for n in graph]), nx.to_numpy_array(graph), 10)
    span = np.ptp(np.array(list(reference.values())), axis=0).max()
    worst = max(np.abs(ours[i] - reference[n]).max() for i, n in enumerate(graph))
    assert worst < 1e-6 * span


def test_force_atlas2_keeps_two_kommunen_on_one_spot_finite():
    start = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]])
    adjacency = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]], dtype=float)
    assert np.isfinite(force_atlas2(start, adjacency)).all()
