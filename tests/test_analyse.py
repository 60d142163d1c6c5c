"""Analyse: key figures, facet counts and the client-side data."""

from __future__ import annotations

from generator.analysis.analyse import analyse, sort_key
from generator.commands.build import load_network


def facet_counts(facets):
    return {f.value: f.count for f in facets}


def test_key_figures(content):
    net, _ = load_network(content)
    fig = analyse(net).figures
    assert (fig.kommunen, fig.mpsc, fig.verbindungen, fig.international) == (7, 4, 6, 1)
    assert dict(fig.by_art) == {
        "vorbild": 1,
        "wissensaustausch": 2,
        "entwicklungspartnerschaft": 2,
        "uebertragung": 1,
    }
    assert fig.partners_per_mpsc == 2.5  # (3 + 1 + 3 + 3) / 4


def test_facets_count_connections(content):
    net, _ = load_network(content)
    a = analyse(net)
    assert facet_counts(a.handlungsfelder) == {
        "bauen-und-wohnen": 3,
        "mobilitaet-und-erreichbarkeit": 1,
        "soziale-inklusion": 3,
    }
    # A connection counts once for a Bundesland even when both ends lie in it.
    bl = facet_counts(a.bundeslaender)
    assert (bl["Bayern"], bl["Nordrhein-Westfalen"], bl["Sachsen"], bl["Hessen"]) == (5, 3, 1, 0)
    assert len(bl) == 16
    # Zeitraum is "as reported up to and including": cumulative counts.
    assert facet_counts(a.zeitraeume) == {
        "2022-H1": 1,
        "2022-H2": 1,  # nothing new: the half-year keeps its place
        "2023-H1": 2,
        "2023-H2": 3,
        "2024-H1": 4,
        "2024-H2": 6,
    }
    assert [f.label for f in a.zeitraeume][:2] == ["1. Halbjahr 2022", "2. Halbjahr 2022"]


def test_partner_counts_include_kommunen_without_connections(content):
    net, _ = load_network(content)
    partners = analyse(net).partners
    assert partners["bamberg"] == 3 and partners["ohne"] == 0 and partners["wien"] == 1


def test_client_data_is_columnar_and_indexes_into_lists(content):
    net, _ = load_network(content)
    data = analyse(net).client_data
    k, v = data["kommunen"], data["verbindungen"]
    assert len(k["id"]) == len(k["name"]) == len(k["x"]) == 7
    assert len(v["von"]) == len(v["hf"]) == 6
    # In list order: documented first, each part newest first, then by names.
    assert [k["id"][i] for i in v["von"]] == [
        "regensburg", "ringelai", "bamberg", "muenster", "regensburg", "grossposna"
    ]  # fmt: skip
    last = 5
    assert data["zeitraeume"][v["z"][last]]["id"] == "2022-H1"
    assert data["arten"][v["art"][last]]["id"] == "wissensaustausch"
    assert k["bl"][k["id"].index("wien")] == -1
    m = v["m"][[k["id"][i] for i in v["von"]].index("muenster")]
    assert data["massnahmen"]["id"][m] == "energiezwilling"
    assert data["massnahmen"]["url"][m] == "https://example.org/massnahmen/energiezwilling"


def test_each_pair_of_kommunen_has_one_number_either_way(content):
    net, _ = load_network(content)
    data = analyse(net).client_data
    v = data["verbindungen"]
    ends = [frozenset(e) for e in zip(v["von"], v["nach"], strict=True)]
    number = dict(zip(ends, v["pair"], strict=True))
    assert [number[e] for e in ends] == v["pair"]  # one number per pair
    assert sorted(number.values()) == list(range(data["pairs"]))  # 0 … pairs - 1, none twice
    assert v["pair"][0] == 0  # numbered in list order


def test_layout_is_deterministic_and_spread(content):
    net, _ = load_network(content)
    first = analyse(net).client_data["kommunen"]
    second = analyse(net).client_data["kommunen"]
    assert (first["x"], first["y"]) == (second["x"], second["y"])
    assert len(set(zip(first["x"], first["y"], strict=True))) == 7
    assert max(first["x"]) - min(first["x"]) > 500


def test_alphabetical_ranks_follow_german_order(content):
    net, _ = load_network(content)
    data = analyse(net).client_data
    k = data["kommunen"]
    by_rank = [name for _, name in sorted(zip(k["rank"], k["name"], strict=True))]
    assert by_rank == sorted(k["name"], key=sort_key)
    assert sorted(k["rank"]) == list(range(len(k["name"])))
    m = data["massnahmen"]
    assert [t for _, t in sorted(zip(m["rank"], m["titel"], strict=True))] == sorted(
        m["titel"], key=sort_key
    )


def test_a_half_year_without_new_connections_keeps_its_place(content):
    """The mini site reports nothing in 2022-H2: the time line still has it (review: a gap in
    the axis looked like an even step of half a year)."""
    from generator.analysis.metrics import compute_metrics

    net, _ = load_network(content)
    assert net.zeitraeume == ("2022-H1", "2022-H2", "2023-H1", "2023-H2", "2024-H1", "2024-H2")
    up_to = facet_counts(analyse(net).zeitraeume)
    assert (up_to["2022-H1"], up_to["2022-H2"], up_to["2023-H1"]) == (1, 1, 2)
    assert dict(compute_metrics(net).growth)["2022-H2"] == (0, 0, 0, 0)


def test_the_list_shows_documented_connections_first_then_the_newest(content):
    """668 illustrative rows sank the documented stories (issue 25): documented first."""
    with (content / "verbindungen.csv").open("a", encoding="utf-8") as f:
        f.write("muenster,bamberg,wissensaustausch,soziale-inklusion,,2024-H1,,Beispieldatensatz\n")
    net, _ = load_network(content)
    data = analyse(net).client_data
    v = data["verbindungen"]
    illustrative = [data["quellenBeispiel"][q] for q in v["q"]]
    assert illustrative == sorted(illustrative) and illustrative[-1] is True
    documented = [
        data["zeitraeume"][z]["id"] for z, ill in zip(v["z"], illustrative, strict=True) if not ill
    ]
    assert documented == sorted(documented, reverse=True)
