"""Passende Partner: Kommunen not yet connected, the Vorbilder of one's partners and those on
the same main Handlungsfelder, each with its reason, ranked the same way every build."""

from __future__ import annotations

import dataclasses
import random
import re

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


def _section(html: str, start: str, end: str) -> str:
    """The part of a page's HTML between two markers (both must be there)."""
    assert start in html and end in html[html.index(start) :], (start, end)
    rest = html[html.index(start) :]
    return rest[: rest.index(end)]


def test_the_kommune_page_lists_them_and_labels_illustrative_ones(built):
    html = (built / "kommunen" / "bamberg" / "index.html").read_text("utf-8")
    card = _section(html, 'aria-labelledby="passende-partner"', "</section>")
    items = re.findall(r"<li>(.*?)</li>", card, re.S)
    # Regensburg–Wien is documented (KTS), Bamberg–Regensburg illustrative: so is the lead.
    assert items[0].startswith(
        '<a href="../../kommunen/wien/index.html">Wien</a> <span class="badge">Beispieldaten</span>'
    )
    reason = re.search(r'<span class="reason">(.*?)</span>', items[0]).group(1)
    assert reason.startswith(
        "Vorbild für Regensburg, einen Partner von Bamberg; arbeitet wie Bamberg an "
        "Bauen und Wohnen"
    )
    assert "1 von 1 stützt sich nur auf Beispieldatensätze" in card  # the singular, for one
    # Above the long list of Verbindungen, below the network.
    assert html.index("passende-partner") < html.index('id="verbindungen-titel"')


def test_the_massnahme_page_has_its_database_link_and_contact_at_the_top(content, tmp_path):
    from generator.commands.build import build
    from tests.conftest import TEMPLATES, edit

    edit(content / "kommunen.csv", "ags,website\n", "ags,website,kontakt\n")
    edit(content / "kommunen.csv", "12.1016,ja,2021,,\n", "12.1016,ja,2021,,,k@example.org\n")
    build(content, TEMPLATES, tmp_path / "dist")
    html = (tmp_path / "dist" / "massnahmen" / "energiezwilling" / "index.html").read_text()
    head = _section(html, '<header class="page-head">', "</header>")
    buttons = re.findall(r'<a class="button[^"]*" href="([^"]*)"[^>]*>(.*?)</a>', head)
    assert buttons[0][1] == "In der Maßnahmendatenbank ansehen"
    assert buttons[1] == (
        "mailto:k@example.org",
        'Kontakt aufnehmen <span class="whose">(Regensburg)</span>',
    )
    # Once on the page: no second Maßnahmendatenbank button further down.
    assert html.count("In der Maßnahmendatenbank ansehen") == 1
    kommune = (tmp_path / "dist" / "kommunen" / "regensburg" / "index.html").read_text()
    assert '<a class="button" href="mailto:k@example.org" rel="noopener">Kontakt aufnehmen</a>' in (
        kommune
    )
