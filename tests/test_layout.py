"""The build-time graph layout: clusters in discs of their own, ForceAtlas2 in matrix form."""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import numpy as np

from generator.analysis.layout import SCALE, compute_layout, force_atlas2
from generator.analysis.metrics import compute_metrics
from tests.planted import planted_network, silhouette


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


def clustered_layout(net):
    clusters = compute_metrics(net).cluster_of
    return clusters, compute_layout(net, clusters)


def test_layout_separates_planted_clusters():
    net = planted_network()
    clusters, pos = clustered_layout(net)
    assert len(set(clusters.values())) == 8
    ids = sorted(clusters)
    score = silhouette(np.array([pos[k] for k in ids], float), np.array([clusters[k] for k in ids]))
    assert score >= 0.25


def test_layout_is_deterministic_and_fills_the_canvas():
    net = planted_network()
    _, first = clustered_layout(net)
    _, second = clustered_layout(planted_network())
    assert first == second
    assert set(first) == {k.id for k in net.kommunen}
    assert all(abs(x) <= SCALE and abs(y) <= SCALE for x, y in first.values())


def test_kommunen_without_links_go_to_the_rim():
    net = planted_network(groups=2, size=10, p_in=0.6, p_out=0.0)
    lonely = replace(net.kommunen[0], id="lonely", name="Ohne Partner")
    net = replace(net, kommunen=(*net.kommunen, lonely))
    _, pos = clustered_layout(net)
    linked = np.array([p for k, p in pos.items() if k != "lonely"], float)
    centre = linked.mean(axis=0)
    outermost = np.linalg.norm(linked - centre, axis=1).max()
    assert np.linalg.norm(np.array(pos["lonely"]) - centre) > outermost


def test_without_clusters_the_components_are_kept_apart():
    net = planted_network(groups=3, size=10, p_in=0.6, p_out=0.0)
    pos = compute_layout(net)
    labels = np.array([int(k.id[1]) for k in net.kommunen])
    points = np.array([pos[k.id] for k in net.kommunen], float)
    assert silhouette(points, labels) >= 0.4


def test_shipped_graphml_separates_the_clusters(shipped_site):
    """Gephi users see what the dashboard draws: positions grouped by the analysis clusters."""
    import networkx as nx

    graph = nx.read_graphml(shipped_site / "daten" / "netzwerk.graphml")
    nodes = sorted(graph.nodes)
    points = np.array([[graph.nodes[n]["x"], graph.nodes[n]["y"]] for n in nodes], float)
    labels = np.array([graph.nodes[n]["cluster"] for n in nodes])
    assert silhouette(points, labels) >= 0.25


def test_cluster_discs_sit_where_their_members_are_on_the_map():
    """Discs are placed by geography: a north-western cluster is drawn top left."""
    net = planted_network(groups=4, size=15, p_in=0.5, p_out=0.02)
    corner = {"k0": (53.6, 7.6), "k1": (53.6, 13.4), "k2": (48.3, 7.9), "k3": (48.3, 12.9)}
    kommunen = tuple(
        replace(
            k,
            lat=corner[k.id[:2]][0] + 0.05 * (i % 5),
            lon=corner[k.id[:2]][1] + 0.07 * (i // 5),
        )
        for i, k in enumerate(net.kommunen)
    )
    net = replace(net, kommunen=kommunen)
    clusters, pos = clustered_layout(net)
    assert len(set(clusters.values())) == 4
    centre = {
        g: np.mean([pos[k.id] for k in kommunen if k.id.startswith(g)], axis=0) for g in corner
    }
    # Screen coordinates: x grows to the east, y to the south.
    assert centre["k0"][0] < 0 and centre["k0"][1] < 0
    assert centre["k1"][0] > 0 and centre["k1"][1] < 0
    assert centre["k2"][0] < 0 and centre["k2"][1] > 0
    assert centre["k3"][0] > 0 and centre["k3"][1] > 0
