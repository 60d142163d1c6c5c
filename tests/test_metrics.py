"""Network measures for the site pages."""

from __future__ import annotations

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
