"""Synthetic content in the real schema, for benchmarks: any size, deterministic per seed."""

from __future__ import annotations

import bisect
import random
from pathlib import Path

import yaml

from generator.content.schema import KOMMUNEN, VERBINDUNGEN
from generator.content.vocab import GERMANY, HANDLUNGSFELD_PALETTE, LAENDER_DE
from generator.site.downloads import csv_bytes

# Seats of the Land governments: a synthetic Kommune belongs to the nearest one.
CAPITALS = {b.name: b.seat for b in LAENDER_DE}
ABROAD = {
    "AT": (48.21, 16.37), "CH": (47.37, 8.54), "NL": (52.37, 4.90), "FR": (48.86, 2.35),
    "PL": (52.23, 21.01), "DK": (55.68, 12.57), "CZ": (50.08, 14.44), "ES": (40.42, -3.70),
    "IT": (41.90, 12.50), "SE": (59.33, 18.07), "FI": (60.17, 24.94), "EE": (59.44, 24.75),
}  # fmt: skip
FELDER = (
    ("bauen-und-wohnen", "Bauen und Wohnen"),
    ("soziale-inklusion", "Soziale Inklusion"),
    ("mobilitaet-und-erreichbarkeit", "Mobilität und Erreichbarkeit"),
    ("bildung", "Bildung"),
    ("energie-und-klimaschutz", "Energie und Klimaschutz"),
    ("gesundheit-und-pflege", "Gesundheit und Pflege"),
    ("kultur-und-tourismus", "Kultur und Tourismus"),
    ("umwelt-und-ressourcen", "Umwelt und Ressourcen"),
    ("verwaltung-und-digitale-dienste", "Verwaltung und Digitale Dienste"),
    ("partizipation-und-beteiligung", "Partizipation und Beteiligung"),
    ("wirtschaft-und-handel", "Wirtschaft und Handel"),
    ("daten-und-plattformen", "Daten und Plattformen"),
)
ARTEN = (
    ("wissensaustausch", 50),
    ("vorbild", 22),
    ("entwicklungspartnerschaft", 16),
    ("uebertragung", 12),
)
PERIODS = tuple(f"{y}-H{h}" for y in range(2022, 2027) for h in (1, 2))[:9]  # 2022-H1 … 2026-H1
PREFIXES = ("", "", "", "Bad ", "Neu", "Alt", "Groß", "Klein", "Ober", "Nieder", "Sankt ")
ROOTS = (
    "Ham", "Berg", "Lind", "Wald", "Hof", "Mühl", "Kirch", "Stein", "Brunn", "Eich", "Rosen",
    "Hag", "Lüt", "Fried", "Ried", "Hörn", "Wester", "Oster", "Sonn", "Tann", "Wies", "Roth",
)  # fmt: skip
SUFFIXES = (
    "burg",
    "heim",
    "hausen",
    "dorf",
    "stadt",
    "feld",
    "au",
    "ingen",
    "bach",
    "rode",
    "hagen",
    "lar",
)
SLUG = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})


def _germany_polygon() -> list[list[tuple[float, float]]]:
    from countryinfo import CountryInfo

    geometry = CountryInfo("Germany").geo_json()["features"][0]["geometry"]
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return [[(lon, lat) for lon, lat in poly[0]] for poly in polygons]


def _inside(lon: float, lat: float, polygons: list[list[tuple[float, float]]]) -> bool:
    hit = False
    for ring in polygons:
        j = len(ring) - 1
        for i, (xi, yi) in enumerate(ring):
            xj, yj = ring[j]
            if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                hit = not hit
            j = i
    return hit


def _nearest_land(lat: float, lon: float) -> str:
    return min(
        CAPITALS, key=lambda b: (CAPITALS[b][0] - lat) ** 2 + ((CAPITALS[b][1] - lon) * 0.65) ** 2
    )


def synthesize(kommunen: int, verbindungen: int, massnahmen: int, seed: int) -> dict[str, bytes]:
    """The five content files for a network of the given size."""
    # One generator for everything, drawn from in a fixed order: the same seed gives the same files.
    rng = random.Random(seed)
    mpsc_count = min(73, max(1, kommunen // 20))
    rows = _kommune_rows(rng, kommunen, mpsc_count, _germany_polygon())
    ids = [str(r[0]) for r in rows]
    weights = _endpoint_weights(rng, kommunen, mpsc_count)
    massnahme_ids = [f"massnahme-{n}" for n in range(massnahmen)]
    carriers = {
        m: rng.sample(range(kommunen), k=min(kommunen, rng.randint(1, 3))) for m in massnahme_ids
    }
    links = _connection_rows(rng, ids, weights, _by_carrier(carriers), massnahme_ids, verbindungen)
    return {
        "site.yaml": _yaml(_site(kommunen)),
        "handlungsfelder.yaml": _yaml(_felder_yaml()),
        "massnahmen.yaml": _yaml(_massnahmen_yaml(massnahme_ids, carriers, ids)),
        "kommunen.csv": csv_bytes(list(KOMMUNEN.names), rows),
        "verbindungen.csv": csv_bytes(list(VERBINDUNGEN.names), links),
    }


def _kommune_rows(
    rng: random.Random, kommunen: int, mpsc_count: int, germany: list[list[tuple[float, float]]]
) -> list[list[object]]:
    """The rows of kommunen.csv; the first mpsc_count are Modellprojekte."""
    rows: list[list[object]] = []
    for n in range(kommunen):
        name = rng.choice(PREFIXES) + rng.choice(ROOTS) + rng.choice(SUFFIXES)
        kid = f"{name.lower().translate(SLUG)}-{n}"
        land, lat, lon, bundesland = _place(rng, n, germany)
        mpsc = n < mpsc_count
        typ = (
            "grossstadt"
            if mpsc and n % 3 == 0
            else rng.choice(("mittelstadt", "kleinstadt", "landgemeinde"))
        )
        rows.append(
            [kid, name, typ, land, bundesland, f"{lat:.4f}", f"{lon:.4f}", "ja" if mpsc else "nein",
             str(2019 + n % 3) if mpsc else "", "", "", ""]
        )  # fmt: skip
    return rows


def _place(
    rng: random.Random, n: int, germany: list[list[tuple[float, float]]]
) -> tuple[str, float, float, str]:
    """Land, latitude, longitude and Bundesland of the n-th Kommune."""
    if n % 33 == 32:  # about three percent abroad
        land = rng.choice(sorted(ABROAD))
        clat, clon = ABROAD[land]
        return land, clat + rng.gauss(0, 0.6), clon + rng.gauss(0, 0.9), ""
    while True:
        lat, lon = rng.uniform(GERMANY[0], GERMANY[1]), rng.uniform(GERMANY[2], GERMANY[3])
        if _inside(lon, lat, germany):
            return "DE", lat, lon, _nearest_land(lat, lon)


def _endpoint_weights(rng: random.Random, kommunen: int, mpsc_count: int) -> list[float]:
    """How likely each Kommune is an end of a connection."""
    # A few hubs, many with one or two links: endpoints drawn by a heavy-tailed weight.
    return [
        (4.0 if i < mpsc_count else 1.0) * min(rng.paretovariate(1.15), 60.0)
        for i in range(kommunen)
    ]


def _by_carrier(carriers: dict[str, list[int]]) -> dict[int, list[str]]:
    """The Maßnahmen each Kommune (by index) carries."""
    by_carrier: dict[int, list[str]] = {}
    for m, ks in carriers.items():
        for k in ks:
            by_carrier.setdefault(k, []).append(m)
    return by_carrier


def _connection_rows(
    rng: random.Random,
    ids: list[str],
    weights: list[float],
    by_carrier: dict[int, list[str]],
    massnahme_ids: list[str],
    verbindungen: int,
) -> list[list[object]]:
    """The rows of verbindungen.csv, by Zeitraum and ends; no connection twice."""
    cumulative = list(_accumulate(weights))
    total = cumulative[-1]
    arten = [a for a, w in ARTEN for _ in range(w)]
    growth = [1 + i for i in range(len(PERIODS))]
    seen: set[tuple] = set()
    links: list[list[object]] = []
    attempts = 0
    while len(links) < verbindungen and attempts < verbindungen * 20:
        attempts += 1
        a = _pick(cumulative, total, rng)
        b = _pick(cumulative, total, rng) if rng.random() < 0.95 else rng.randrange(len(ids))
        if a == b:
            continue
        art = rng.choice(arten)
        zeitraum = rng.choices(PERIODS, weights=growth)[0]
        key = _link_key(a, b, art, zeitraum)
        if key in seen:
            continue
        seen.add(key)
        felder = "|".join(f for f, _ in rng.sample(FELDER, k=rng.choice((1, 1, 1, 2, 2, 3))))
        massnahme = _massnahme(rng, by_carrier.get(a, []) + by_carrier.get(b, []), massnahme_ids)
        links.append(
            [ids[a], ids[b], art, felder, massnahme, zeitraum, "", "Beispiel (synthetisch)", ""]
        )
    links.sort(key=lambda r: (r[5], r[0], r[1], r[2]))
    return links


def _link_key(a: int, b: int, art: str, zeitraum: str) -> tuple[int, int, str, str]:
    """What makes a connection the same: directed Arten keep their direction."""
    if art in ("vorbild", "uebertragung"):
        return (a, b, art, zeitraum)
    return (min(a, b), max(a, b), art, zeitraum)


def _massnahme(rng: random.Random, options: list[str], massnahme_ids: list[str]) -> str:
    """The Maßnahme of a connection: mostly one its ends carry, sometimes any, often none."""
    massnahme = rng.choice(options) if options and rng.random() < 0.6 else ""
    if not massnahme and massnahme_ids and rng.random() < 0.1:
        massnahme = rng.choice(massnahme_ids)
    return massnahme


def _site(kommunen: int) -> dict[str, object]:
    """site.yaml of the synthetic network."""
    return {
        "title": f"Synthetisches Netz ({kommunen} Kommunen)",
        "description": "Synthetische Daten für Messungen; keine berichteten Verbindungen.",
        "base_url": "https://example.org/",
        "datenstand": "2026-06-30",
        "tiles": {
            "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "attribution": "&copy; OpenStreetMap-Mitwirkende",
            "max_zoom": 19,
        },
        "massnahmen_url": "https://example.org/massnahmen/{id}",
        "barrierefreiheit": {
            "kontakt_name": "Synthetische Stelle",
            "kontakt_email": "barrierefreiheit@example.org",
            "stand": "2026-06-30",
            "status": "teilweise",
        },
    }


def _felder_yaml() -> list[dict[str, str]]:
    """handlungsfelder.yaml: every field of FELDER with a colour of the palette."""
    return [
        {
            "id": f,
            "name": name,
            "farbe": HANDLUNGSFELD_PALETTE[i],
            "beschreibung": f"Synthetisches Handlungsfeld {name}.",
        }
        for i, (f, name) in enumerate(FELDER)
    ]


def _massnahmen_yaml(
    massnahme_ids: list[str], carriers: dict[str, list[int]], ids: list[str]
) -> list[dict[str, object]]:
    """massnahmen.yaml: each Maßnahme with one Handlungsfeld and its carriers."""
    return [
        {
            "id": m,
            "titel": f"Maßnahme {n}",
            "beschreibung": "Synthetischer Eintrag.",
            "handlungsfelder": [FELDER[n % len(FELDER)][0]],
            "kommunen": [ids[k] for k in carriers[m]],
        }
        for n, m in enumerate(massnahme_ids)
    ]


def _accumulate(values: list[float]):
    total = 0.0
    for v in values:
        total += v
        yield total


def _pick(cumulative: list[float], total: float, rng: random.Random) -> int:
    return min(bisect.bisect(cumulative, rng.random() * total), len(cumulative) - 1)


def _yaml(value: object) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode("utf-8")


def write_synthetic(
    out: Path, kommunen: int, verbindungen: int, massnahmen: int, seed: int
) -> None:
    """Write a synthetic content folder."""
    out.mkdir(parents=True, exist_ok=True)
    for name, data in synthesize(kommunen, verbindungen, massnahmen, seed).items():
        (out / name).write_bytes(data)
