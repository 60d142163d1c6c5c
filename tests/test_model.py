"""Model: the time line of half-years, labels, links and what the records say of their sources."""

from __future__ import annotations

import datetime as dt

from generator.content.model import (
    Handlungsfeld,
    Kommune,
    Massnahme,
    Network,
    Site,
    Verbindung,
    zeitraum_label,
)

SITE = Site(
    title="Probe",
    description="",
    base_url="https://example.org/",
    datenstand=dt.date(2025, 6, 30),
    tiles_url="https://tile.example.org/{z}/{x}/{y}.png",
    tiles_attribution="",
    tiles_max_zoom=18,
    massnahmen_url="https://db.example.org/massnahmen/{id}/ansehen",
)


def kommune(kid: str, land: str = "DE", bundesland: str = "Bayern") -> Kommune:
    return Kommune(kid, kid.title(), "mittelstadt", land, bundesland, 49.0, 11.0, False, None,
                   "", "")  # fmt: skip


def verbindung(von: str, nach: str, zeitraum: str, quelle: str = "Beispiel", url: str = ""):
    return Verbindung(von, nach, "wissensaustausch", ("hf",), None, zeitraum, "", quelle, url)


def network(*verbindungen: Verbindung) -> Network:
    ids = sorted({k for v in verbindungen for k in (v.von, v.nach)})
    return Network(
        SITE,
        (Handlungsfeld("hf", "Feld", "#000000", ""),),
        tuple(kommune(k) for k in ids),
        verbindungen,
        (),
    )


def test_zeitraeume_fill_the_half_years_without_connections():
    net = network(verbindung("a", "b", "2024-H1"), verbindung("b", "c", "2022-H2"))
    assert net.zeitraeume == ("2022-H2", "2023-H1", "2023-H2", "2024-H1")
    assert network(verbindung("a", "b", "2023-H2")).zeitraeume == ("2023-H2",)
    assert network().zeitraeume == ()


def test_zeitraum_label():
    assert zeitraum_label("2023-H1") == "1. Halbjahr 2023"
    assert zeitraum_label("2024-H2") == "2. Halbjahr 2024"


def test_massnahme_link_prefers_the_massnahmes_own_url():
    own = Massnahme("m-1", "Eigene", "", ("hf",), (), "https://stadt.example/m")
    listed = Massnahme("m-2", "Datenbank", "", ("hf",), (), "")
    assert SITE.massnahme_link(own) == "https://stadt.example/m"
    assert SITE.massnahme_link(listed) == "https://db.example.org/massnahmen/m-2/ansehen"


def test_illustrative_and_documented_records():
    example = verbindung("a", "b", "2023-H1", quelle="Beispiel (synthetisch)")
    report = verbindung("a", "c", "2023-H1", quelle="KTS-Bericht 2023")
    sourced = verbindung("b", "c", "2023-H2", quelle="Amtsblatt", url="https://amt.example/1")
    assert (example.illustrative, example.documented) == (True, False)
    assert (report.illustrative, report.documented) == (False, False)
    assert (sourced.illustrative, sourced.documented) == (False, True)
    net = network(example, report, sourced)
    assert (net.illustrative_count, net.documented_count) == (1, 1)


def test_sources_are_ranked_by_the_connections_they_back():
    a = ("Amtsblatt", "https://amt.example/1")
    z = ("Zeitung", "https://zeitung.example/2")
    net = network(
        verbindung("a", "b", "2023-H1", *z),
        verbindung("a", "c", "2023-H1", *a),
        verbindung("b", "c", "2023-H1", *z),
        verbindung("c", "d", "2023-H1", "Ohne Adresse"),
        verbindung("d", "e", "2023-H1", "Bürgerblatt", "https://buerger.example/"),
    )
    assert net.sources == ((*z, 2), (*a, 1), ("Bürgerblatt", "https://buerger.example/", 1))


def test_connections_are_newest_first_and_lookups_find_every_record():
    old, new, mid = (
        verbindung("a", "b", "2022-H1"),
        verbindung("b", "c", "2024-H2"),
        verbindung("a", "c", "2023-H1"),
    )
    net = network(old, new, mid)
    assert net.connections([0, 1, 2]) == [new, mid, old]
    assert net.connections([0]) == [old]
    assert net.kommune_by_id["b"].name == "B" and set(net.kommune_by_id) == {"a", "b", "c"}
    assert net.handlungsfeld_by_id["hf"].name == "Feld"


def test_kommune_labels():
    assert kommune("a").typ_label == "Mittelstadt"
    assert kommune("a", bundesland="Sachsen").region_label == "Sachsen"
    assert kommune("wien", land="AT", bundesland="").region_label == "Österreich"
    assert kommune("x", land="QQ", bundesland="").region_label == "QQ"  # unknown: its code
