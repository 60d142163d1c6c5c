"""Passende Partner: Kommunen not yet connected, the Vorbilder of one's partners and those on
the same main Handlungsfelder, each with its reason, ranked the same way every build."""

from __future__ import annotations

import dataclasses
import random

from generator.analysis.analyse import sort_key
from generator.analysis.partners import SUGGESTIONS, Suggestion, suggest_partners
from generator.content.model import Handlungsfeld, Kommune, Network, Verbindung
from tests.test_model import SITE

NAMES = {
    "regensburg": "Regensburg",
    "passau": "Passau",
    "pilsen": "Pilsen",
    "wien": "Wien",
    "ulm": "Ulm",
    "zwiesel": "Zwiesel",
    "z-freiburg": "Freiburg",  # the ids run against the names: ties fall by name
    "a-goerlitz": "Görlitz",
    "xanten": "Xanten",
    "yach": "Yach",
}
FELDER = (
    Handlungsfeld("mobil", "Mobilität und Erreichbarkeit", "#000000", ""),
    Handlungsfeld("energie", "Energie und Klimaschutz", "#111111", ""),
    Handlungsfeld("bildung", "Bildung", "#222222", ""),
)


def link(von: str, nach: str, art: str, feld: str, quelle: str = "Beispieldatensatz") -> Verbindung:
    return Verbindung(von, nach, art, (feld,), None, "2024-H1", "", quelle)


CONNECTIONS = (
    # Regensburg's partners: Passau (documented), Pilsen and Zwiesel.
    link("regensburg", "passau", "wissensaustausch", "mobil", "KTS"),
    link("regensburg", "pilsen", "wissensaustausch", "energie"),
    link("regensburg", "zwiesel", "wissensaustausch", "bildung"),
    # Passau (documented) and Pilsen take Wien as model; Ulm passed a Maßnahme on to Pilsen.
    link("passau", "wien", "vorbild", "mobil", "KTS"),
    link("pilsen", "wien", "vorbild", "energie"),
    link("ulm", "pilsen", "uebertragung", "energie"),
    # Zwiesel is a model for Passau too, but Regensburg is already connected with it.
    link("passau", "zwiesel", "vorbild", "bildung"),
    # Freiburg and Görlitz work on Mobilität, as Regensburg does; Xanten and Yach with them.
    link("z-freiburg", "xanten", "wissensaustausch", "mobil"),
    link("a-goerlitz", "yach", "wissensaustausch", "mobil"),
)


def network(connections=CONNECTIONS, ids=tuple(NAMES)) -> Network:
    kommunen = tuple(
        Kommune(k, NAMES[k], "mittelstadt", "DE", "Bayern", 49.0, 12.0, False, None, "", "")
        for k in ids
    )
    return Network(SITE, FELDER, kommunen, tuple(connections), ())


def by_id(suggestions: tuple[Suggestion, ...]) -> dict[str, Suggestion]:
    return {s.kommune: s for s in suggestions}


def test_the_vorbild_of_two_partners_comes_first_with_its_reason():
    first = suggest_partners(network(), sort_key)["regensburg"][0]
    assert first.kommune == "wien"
    assert first.learners == ("passau", "pilsen")
    assert first.belegt  # Regensburg–Passau and Passau→Wien are both documented
    assert first.reason == (
        "Vorbild für 2 Partner von Regensburg: Passau und Pilsen; arbeitet wie Regensburg an "
        "Energie und Klimaschutz sowie Mobilität und Erreichbarkeit (2 Verbindungen)"
    )


def test_an_uebertragung_counts_its_origin_as_a_vorbild_and_illustrative_data_are_said():
    ulm = by_id(suggest_partners(network(), sort_key)["regensburg"])["ulm"]
    assert ulm.learners == ("pilsen",)
    assert not ulm.belegt  # Regensburg–Pilsen and Ulm→Pilsen are illustrative
    assert ulm.reason == (
        "Vorbild für Pilsen, einen Partner von Regensburg; arbeitet wie Regensburg an "
        "Energie und Klimaschutz (1 Verbindung)"
    )


def test_only_kommunen_not_yet_connected_are_suggested():
    net = network()
    partners: dict[str, set[str]] = {}
    for v in net.verbindungen:
        partners.setdefault(v.von, set()).add(v.nach)
        partners.setdefault(v.nach, set()).add(v.von)
    suggestions = suggest_partners(net, sort_key)
    for k, listed in suggestions.items():
        assert len(listed) <= SUGGESTIONS
        for s in listed:
            assert s.kommune != k and s.kommune not in partners.get(k, set()), (k, s.kommune)
    # Zwiesel is a Vorbild of Passau, but already Regensburg's partner.
    assert "zwiesel" not in by_id(suggestions["regensburg"])


def test_those_on_the_same_handlungsfeld_follow_ties_by_name_not_id():
    listed = [s.kommune for s in suggest_partners(network(), sort_key)["regensburg"]]
    # Wien (documented) first; then by score: Ulm (2 points for Pilsen + 1 for Energie),
    # then one point each, by name: Freiburg, Görlitz, Xanten, Yach.
    assert listed == ["wien", "ulm", "z-freiburg", "a-goerlitz", "xanten", "yach"]
    freiburg = by_id(suggest_partners(network(), sort_key)["regensburg"])["z-freiburg"]
    assert freiburg.reason == (
        "Arbeitet wie Regensburg an Mobilität und Erreichbarkeit (1 Verbindung)"
    )
    assert freiburg.learners == () and freiburg.felder == ("mobil",)


def test_the_documented_ones_stand_first_even_with_fewer_points():
    # Xanten and Yach get a documented Verbindung in Mobilität, as Regensburg has one.
    net = network(
        (
            *CONNECTIONS,
            link("xanten", "yach", "wissensaustausch", "mobil", "KTS"),
        )
    )
    listed = suggest_partners(net, sort_key)["regensburg"]
    assert [s.kommune for s in listed] == [
        "wien",
        "xanten",
        "yach",
        "ulm",
        "z-freiburg",
        "a-goerlitz",
    ]
    assert [s.belegt for s in listed] == [True, True, True, False, False, False]


def test_the_same_content_in_another_order_gives_the_same_suggestions():
    expected = suggest_partners(network(), sort_key)
    rng = random.Random(7)
    for _ in range(5):
        connections, ids = list(CONNECTIONS), list(NAMES)
        rng.shuffle(connections)
        rng.shuffle(ids)
        assert suggest_partners(network(connections, tuple(ids)), sort_key) == expected


def test_many_learners_are_counted_beyond_three_names():
    partners = ("aalen", "bonn", "celle", "dessau", "erfurt")
    extra = {p: p.title() for p in partners} | {"kiel": "Kiel", "hub": "Hub"}
    names = NAMES | extra
    connections = [link("hub", p, "wissensaustausch", "mobil") for p in partners]
    connections += [link(p, "kiel", "vorbild", "bildung") for p in partners]
    kommunen = tuple(
        Kommune(k, names[k], "mittelstadt", "DE", "Bayern", 49.0, 12.0, False, None, "", "")
        for k in extra
    )
    net = Network(SITE, FELDER, kommunen, tuple(connections), ())
    kiel = suggest_partners(net, sort_key)["hub"][0]
    assert kiel.kommune == "kiel" and len(kiel.learners) == 5
    assert kiel.reason == "Vorbild für 5 Partner von Hub: Aalen, Bonn, Celle und 2 weitere"


def test_a_kommune_without_connections_gets_no_suggestions():
    net = network()
    lonely = Kommune("solo", "Solo", "mittelstadt", "DE", "Bayern", 49.0, 12.0, False, None, "", "")
    net = dataclasses.replace(net, kommunen=(*net.kommunen, lonely))
    assert suggest_partners(net, sort_key)["solo"] == ()
