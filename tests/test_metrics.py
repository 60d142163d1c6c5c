"""Network measures for the site pages."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.analysis.metrics import compute_metrics
from generator.commands.build import load_network


def metrics_of(content):
    net, _ = load_network(content)
    return net, compute_metrics(net)


def test_lookups_by_kommune_massnahme_and_feld(content):
    net, m = metrics_of(content)
    assert m.partners["regensburg"] == {"wien", "bamberg", "muenster"}
    assert m.partners["ohne"] == frozenset()
    assert len(m.by_massnahme["energiezwilling"]) == 2 and m.by_massnahme["leer"] == ()
    assert len(m.by_feld["soziale-inklusion"]) == 3
    assert m.massnahmen_of["ohne"] == ("leer",)
    assert m.massnahmen_of["muenster"] == ("energiezwilling",)


def test_hubs_per_feld_and_overall(content):
    _, m = metrics_of(content)
    assert m.feld_hubs["bauen-und-wohnen"][0] == ("regensburg", 3)
    assert [k for k, _ in m.degree_ranking[:3]] == ["bamberg", "muenster", "regensburg"]
    assert m.betweenness_ranking and m.betweenness_sampled == 0


def test_models_and_learners_rank_directed_connections_ties_by_name(content):
    from tests.test_pages import LEARNING

    with (content / "verbindungen.csv").open("a", encoding="utf-8") as f:
        f.write(LEARNING)
    _, m = metrics_of(content)
    # Vorbild: von learns from nach; Übertragung: von is the origin, nach adopts.
    assert m.model_ranking == (("wien", 3), ("bamberg", 2), ("muenster", 1))
    assert m.learner_ranking == (
        ("ringelai", 2),  # "Gemeinde Ringelai …" before "Regensburg"
        ("regensburg", 2),
        ("bamberg", 1),
        ("grossposna", 1),
    )


def test_similar_kommunen_share_partners_or_felder(content):
    _, m = metrics_of(content)
    similar = {s.kommune: s for s in m.similar["regensburg"]}
    assert "bamberg" in similar and "muenster" in similar
    assert similar["bamberg"].shared_partners == 1  # Münster
    assert m.similar["ohne"] == ()


def test_regional_international_and_growth(content):
    _, m = metrics_of(content)
    assert m.feld_bundeslaender["soziale-inklusion"]["Bayern"] == 3
    assert m.feld_bundeslaender["soziale-inklusion"]["Nordrhein-Westfalen"] == 1
    assert [(c, len(ix)) for c, ix in m.international] == [("AT", 1)]
    assert dict(m.growth)["2024-H2"] == (0, 0, 1, 1)


def test_clusters_cover_connected_kommunen_deterministically(content):
    net, m = metrics_of(content)
    _, again = metrics_of(content)
    assert m.clusters == again.clusters
    for c in m.clusters:
        assert len(c.members) >= 3 and c.felder


def test_big_network_path_runs_the_graph_measures_in_a_second_process(content, monkeypatch):
    import generator.analysis.metrics as metrics

    net, exact = metrics_of(content)
    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_LIMIT", 1)
    sampled = metrics.compute_metrics(net)
    assert sampled.betweenness_sampled > 0
    assert sampled.similar == exact.similar
    assert all(sampled.cluster_of[k] == c.number for c in sampled.clusters for k in c.members)
    assert {k for k, _ in sampled.betweenness_ranking} <= {k.id for k in net.kommunen}


def _weights(net):
    """A network's connections as the symmetric neighbour weights louvain takes."""
    from collections import defaultdict

    weights: dict[str, dict[str, float]] = defaultdict(dict)
    for v in net.verbindungen:
        for a, b in ((v.von, v.nach), (v.nach, v.von)):
            weights[a][b] = weights[a].get(b, 0.0) + 1.0
    return dict(weights)


def test_louvain_finds_planted_communities_as_well_as_networkx():
    import networkx as nx

    from generator.analysis.metrics import louvain
    from tests.planted import planted_network

    weights = _weights(planted_network())
    graph = nx.Graph((a, b, {"weight": w}) for a, row in weights.items() for b, w in row.items())
    ours = louvain(weights)
    theirs = nx.community.louvain_communities(graph, weight="weight", seed=7)
    quality = nx.community.modularity(graph, ours, weight="weight")
    assert quality >= nx.community.modularity(graph, theirs, weight="weight") - 0.01
    assert len(ours) == 8
    for community in ours:  # each is one planted group ("k3-07" is in group 3)
        groups = Counter(k.split("-")[0] for k in community)
        assert groups.most_common(1)[0][1] >= 0.8 * len(community)


def test_louvain_depends_on_the_graph_not_on_the_order_it_is_given_in():
    from generator.analysis.metrics import louvain
    from tests.planted import planted_network

    weights = _weights(planted_network())
    reversed_order = {a: dict(reversed(row.items())) for a, row in reversed(weights.items())}
    assert louvain(reversed_order) == louvain(weights)


def test_a_growing_cluster_keeps_its_number_and_the_others_theirs():
    """Numbered by size, the cluster that grows past all others would become number 1."""
    from dataclasses import replace

    from generator.analysis.metrics import cluster_anchor
    from tests.planted import planted_network

    net = planted_network(groups=4, size=20, p_in=0.3, p_out=0.01)
    before = compute_metrics(net)
    anchors = [cluster_anchor(frozenset(c.members), before.partners) for c in before.clusters]
    assert anchors == sorted(anchors)
    last = before.clusters[-1]
    newcomers = tuple(
        replace(net.kommunen[0], id=f"neu-{i:02d}", name=f"Neu {i:02d}") for i in range(30)
    )
    links = tuple(
        replace(net.verbindungen[0], von=f"neu-{i:02d}", nach=last.members[(i + j) % 10])
        for i in range(30)
        for j in range(2)
    )
    grown = replace(net, kommunen=net.kommunen + newcomers, verbindungen=net.verbindungen + links)
    after = compute_metrics(grown)
    assert max(after.clusters, key=lambda c: len(c.members)).number == last.number
    assert {k: after.cluster_of[k] for k in before.cluster_of} == before.cluster_of


@pytest.mark.parametrize("k", [None, 7, 40])  # exact, sampled, all as samples
def test_betweenness_is_networkxs_to_the_last_bit_with_isolated_kommunen(k):
    import random

    import networkx as nx

    from generator.analysis.metrics import betweenness_centrality

    for seed in range(8):
        rng = random.Random(seed)
        graph = nx.Graph()
        graph.add_nodes_from(f"k{i}" for i in rng.sample(range(40), 40))  # half stay isolated
        for _ in range(45):
            a, b = rng.sample(range(20), 2)
            graph.add_edge(f"k{a}", f"k{b}", weight=1)
        ours = betweenness_centrality(graph, k)
        theirs = nx.betweenness_centrality(graph, k=k, seed=7, normalized=True)
        assert list(ours.items()) == list(theirs.items()), seed
        assert any(v > 0 for v in ours.values())
