"""Analyse: key figures, facet counts and the client-side data."""

from __future__ import annotations

from generator.analysis.analyse import analyse, sort_key
from generator.commands.build import load_network
from tests.conftest import ROOT


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


# == The Analyse page: all connections and the documented (belegt) ones ==

# Added to the mini site: documented connections (a cluster of three among them, a tie) and
# an illustrative one.
DOCUMENTED = (
    "bamberg,regensburg,entwicklungspartnerschaft,bauen-und-wohnen,,2024-H1,,KTS\n"
    "regensburg,ringelai,vorbild,soziale-inklusion,,2024-H1,,KTS\n"
    "muenster,grossposna,uebertragung,mobilitaet-und-erreichbarkeit,,2024-H2,,KTS\n"
    "wien,muenster,wissensaustausch,bauen-und-wohnen,,2024-H2,,Beispiel\n"
)


def _without_illustrative(content, target):
    """A copy of content with only the documented rows of verbindungen.csv."""
    import shutil

    shutil.copytree(content, target)
    lines = (content / "verbindungen.csv").read_text("utf-8").splitlines(keepends=True)
    kept = [lines[0], *(line for line in lines[1:] if not line.rstrip().endswith(",Beispiel"))]
    (target / "verbindungen.csv").write_text("".join(kept), "utf-8")
    return target


def test_documented_figures_equal_those_of_a_network_of_only_the_documented_rows(content, tmp_path):
    from generator.analysis.metrics import compute_metrics

    with (content / "verbindungen.csv").open("a", encoding="utf-8") as f:
        f.write(DOCUMENTED)
    net, _ = load_network(content)
    page = analyse(net, metrics=compute_metrics(net)).page
    alone, _ = load_network(_without_illustrative(content, tmp_path / "documented"))
    expected = analyse(alone, metrics=compute_metrics(alone)).page.alle
    got = page.belegt
    assert got.figures.verbindungen == 5 < page.alle.figures.verbindungen == 10
    assert got.figures == expected.figures and got.connected == expected.connected
    for name in ("degree", "betweenness", "models", "learners"):
        assert getattr(got, name) == getattr(expected, name), name
    assert got.clusters == expected.clusters and got.clusters  # one cluster of three or more
    assert got.feld_bundeslaender == expected.feld_bundeslaender
    assert got.international == expected.international == {"AT": 1}
    # Growth on the whole network's time line (the documented one starts later).
    assert [z for z, _, _ in got.growth] == list(net.zeitraeume)
    assert {z: (n, upto) for z, n, upto in got.growth if z in alone.zeitraeume} == {
        z: (n, upto) for z, n, upto in expected.growth
    }
    assert got.growth[0] == ("2022-H1", 0, 0) and got.growth[-1][2] == 5
    # The other basis counts everything.
    assert page.alle.figures == analyse(net).figures


def test_a_ranking_holds_every_kommune_tied_with_the_last_place(content):
    from generator.analysis.analyse import ranking

    net, _ = load_network(content)
    scores = {"bamberg": 5, "muenster": 4, "regensburg": 3, "wien": 3, "ringelai": 3, "ohne": 1}
    r = ranking(scores, net, top=3)
    # Tied places keep the order by name: "Gemeinde Ringelai …", Regensburg, Wien.
    assert [(place, k) for place, k, _ in r.entries] == [
        (1, "bamberg"),
        (2, "muenster"),
        (3, "ringelai"),
        (3, "regensburg"),
        (3, "wien"),
    ]
    assert r.tied == 3 and r.last_place == 3
    # No tie at the cut: exactly top entries, nothing said; zero scores are never listed.
    untied = ranking({"bamberg": 5, "muenster": 4, "wien": 3, "ohne": 2, "ringelai": 0}, net, 3)
    assert [k for _, k, _ in untied.entries] == ["bamberg", "muenster", "wien"]
    assert untied.tied == 0
    assert ranking({"bamberg": 2, "wien": 0}, net, 3).entries == ((1, "bamberg", 2),)


def test_the_page_lists_ties_at_the_cut_and_every_cluster_member(content, tmp_path):
    from generator.analysis.metrics import RANKING
    from generator.commands.build import build
    from tests.conftest import TEMPLATES

    with (content / "verbindungen.csv").open("a", encoding="utf-8") as f:
        f.write(DOCUMENTED)
    build(content, TEMPLATES, tmp_path / "out")
    html = (tmp_path / "out/analyse/index.html").read_text("utf-8")
    net, _ = load_network(content)
    page = analyse(net).page
    # The mini site has fewer than RANKING Kommunen: no list is cut, so none says it is tied.
    assert len(net.kommunen) < RANKING and "Kommunen mit je" not in html
    assert any(basis.clusters for basis in page.bases)
    for basis in page.bases:
        for c in basis.clusters:
            start = html.index(f"von Cluster {c.number} ({basis.label})")
            members = html[start : html.index("</details>", start)]
            for kid in c.members:
                assert f'href="../kommunen/{kid}/index.html"' in members, (c.number, kid)
            assert members.count("<li>") == len(c.members)


def test_shipped_rankings_include_ties_and_say_so(shipped_site):
    import re

    from generator.analysis.metrics import RANKING

    html = (shipped_site / "analyse/index.html").read_text("utf-8")
    net, _ = load_network(ROOT / "content")
    page = analyse(net).page
    r = page.alle.degree
    assert len(r.entries) > RANKING and r.tied > 1  # shipped: ten Kommunen with 15 partners
    last = r.entries[-1][2]
    assert all(value == last for _, _, value in r.entries[RANKING - 1 :])
    assert f"Platz {r.last_place} teilen sich {r.tied} Kommunen" in html
    # Every Kommune with the tenth's number of partners is listed, none left out.
    tied_ids = {k for k, n in analyse(net).partners.items() if n == last}
    assert tied_ids == {k for _, k, v in r.entries if v == last}
    assert len(re.findall(r"teilen sich \d+ Kommunen", html)) == sum(
        1 for b in page.bases for x in (b.degree, b.betweenness, b.models, b.learners) if x.tied
    )


def test_the_method_text_states_the_parameters_metrics_computes_with(built, content):
    """The stated Louvain and betweenness parameters reproduce metrics' clusters and ranking."""
    from generator.analysis import analyse as a
    from generator.analysis.metrics import CORE, EXACT_BETWEENNESS_LIMIT, compute_metrics, louvain

    html = (built / "analyse/index.html").read_text("utf-8")
    method = html[html.index('id="methode"') :]
    assert "(<code>threshold</code>) 10<sup>−7</sup>" in method
    assert f"weniger als {a.CLUSTER_MIN} Kommunen" in method
    assert f"mindestens {CORE} Partnern im Cluster" in method
    assert "normiert (<code>normalized</code>" in method
    assert f"exakt bis {EXACT_BETWEENNESS_LIMIT:,} Kommunen".replace(",", ".") in method
    assert f"auf {a.BETWEENNESS_DIGITS} Nachkommastellen" in method
    # Louvain with the stated threshold and weights gives metrics' clusters (three or more).
    with (content / "verbindungen.csv").open("a", encoding="utf-8") as f:
        f.write(DOCUMENTED)
    net, _ = load_network(content)
    m = compute_metrics(net)
    weights: dict[str, dict[str, float]] = {}
    for v in net.verbindungen:
        for x, y in ((v.von, v.nach), (v.nach, v.von)):
            weights.setdefault(x, {})[y] = weights.get(x, {}).get(y, 0.0) + 1
    communities = louvain(weights, threshold=a.LOUVAIN_THRESHOLD)
    stated = {c for c in communities if len(c) >= a.CLUSTER_MIN}
    assert stated == {frozenset(c.members) for c in m.clusters} and stated
    # The page's exact betweenness is metrics' ranking, with ties beyond it.
    page = analyse(net, metrics=m).page
    shown = page.alle.betweenness.entries
    assert tuple((k, s) for _, k, s in shown[: len(m.betweenness_ranking)]) == m.betweenness_ranking
    assert not page.alle.betweenness_sampled and a.BETWEENNESS_NORMALIZED
