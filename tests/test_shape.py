"""The shipped content has the shape of the real programme."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from generator.analysis.shape import (
    DISTANCE_RATIO_MAX,
    MODULARITY_ABOVE_RANDOM,
    PARTNERS_PER_MPSC,
    THEME_SHARE_MIN,
    UEBERTRAGUNGEN,
    hub_of,
    km,
    louvain_modularity,
    measure,
    random_counterpart,
)
from generator.commands.build import load_network

CONTENT = Path(__file__).resolve().parent.parent / "content"
DOCUMENTED_MIN, SOURCES_MIN = 60, 10


@pytest.fixture(scope="module")
def net():
    return load_network(CONTENT)[0]


@pytest.fixture(scope="module")
def shape(net):
    return measure(net)


def test_partners_per_model_project(shape):
    lo, hi = PARTNERS_PER_MPSC
    assert lo <= shape.partners_per_mpsc <= hi


def test_uebertragungen_up_to_2025_match_the_survey(shape):
    lo, hi = UEBERTRAGUNGEN
    assert lo <= shape.uebertragungen <= hi


def test_communities_stand_out_from_a_random_graph_with_the_same_degrees(shape):
    assert shape.modularity - shape.modularity_random >= MODULARITY_ABOVE_RANDOM


def test_connections_are_regional(shape):
    assert shape.distance_ratio <= DISTANCE_RATIO_MAX


def test_each_handlungsfeld_lies_in_few_groups(shape):
    assert len(shape.theme_share) == 12
    assert min(shape.theme_share.values()) >= THEME_SHARE_MIN


def test_regensburg_is_the_hub_of_bauen_und_wohnen(net):
    assert hub_of(net, "bauen-und-wohnen") == "regensburg"


def test_documented_records_and_their_sources(net):
    documented = [v for v in net.verbindungen if v.quelle_url]
    assert len(documented) >= DOCUMENTED_MIN
    assert len({v.quelle_url for v in documented}) >= SOURCES_MIN
    assert not any(v.illustrative for v in documented)
    assert all(v.quelle_url.startswith(("https://", "http://")) for v in documented)


def test_random_counterpart_keeps_degrees_roughly_and_is_simple():
    graph = nx.planted_partition_graph(4, 20, 0.5, 0.02, seed=3)
    rnd = random_counterpart(graph)
    assert nx.number_of_selfloops(rnd) == 0
    assert abs(rnd.number_of_edges() - graph.number_of_edges()) < graph.number_of_edges() * 0.1
    planted, _ = louvain_modularity(graph)
    chance, _ = louvain_modularity(rnd)
    assert planted - chance > 0.2


def test_km_is_the_great_circle_distance():
    berlin, muenchen = (52.52, 13.405), (48.137, 11.575)
    assert km(berlin, muenchen) == pytest.approx(504, abs=3)
