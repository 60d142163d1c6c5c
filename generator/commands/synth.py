"""Synthetic content in the real schema, for benchmarks: any size, deterministic per seed."""

from __future__ import annotations

import bisect
import random
from pathlib import Path

import yaml

from generator.content.schema import KOMMUNEN, VERBINDUNGEN
from generator.content.vocab import GERMANY, HANDLUNGSFELD_PALETTE
from generator.site.downloads import csv_bytes

# Seats of the Land governments: a synthetic Kommune belongs to the nearest one.
CAPITALS = {
    "Schleswig-Holstein": (54.32, 10.13), "Hamburg": (53.55, 9.99), "Niedersachsen": (52.37, 9.73),
    "Bremen": (53.08, 8.80), "Nordrhein-Westfalen": (51.23, 6.78), "Hessen": (50.08, 8.24),
    "Rheinland-Pfalz": (49.99, 8.25), "Baden-Württemberg": (48.78, 9.18), "Bayern": (48.14, 11.58),
    "Saarland": (49.24, 6.99), "Berlin": (52.52, 13.40), "Brandenburg": (52.40, 13.06),
    "Mecklenburg-Vorpommern": (53.63, 11.41), "Sachsen": (51.05, 13.74),
    "Sachsen-Anhalt": (52.13, 11.63), "Thüringen": (50.98, 11.03),
}  # fmt: skip
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
    rng = random.Random(seed)
    germany = _germany_polygon()
    rows: list[list[object]] = []
    mpsc_count = min(73, max(1, kommunen // 20))
    for n in range(kommunen):
        name = rng.choice(PREFIXES) + rng.choice(ROOTS) + rng.choice(SUFFIXES)
        kid = f"{name.lower().translate(SLUG)}-{n}"
        if n % 33 == 32:  # about three percent abroad
            land = rng.choice(sorted(ABROAD))
            clat, clon = ABROAD[land]
            lat, lon, bundesland = clat + rng.gauss(0, 0.6), clon + rng.gauss(0, 0.9), ""
        else:
            land = "DE"
            while True:
                lat, lon = rng.uniform(GERMANY[0], GERMANY[1]), rng.uniform(GERMANY[2], GERMANY[3])
                if _inside(lon, lat, germany):
                    break
            bundesland = _nearest_land(lat, lon)
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
    ids = [r[0] for r in rows]

    # A few hubs, many with one or two links: endpoints drawn by a heavy-tailed weight.
    weights = [
        (4.0 if i < mpsc_count else 1.0) * min(rng.paretovariate(1.15), 60.0)
        for i in range(kommunen)
    ]
    cumulative = list(_accumulate(weights))
    total = cumulative[-1]
    massnahme_ids = [f"massnahme-{n}" for n in range(massnahmen)]
    carriers = {
        m: rng.sample(range(kommunen), k=min(kommunen, rng.randint(1, 3))) for m in massnahme_ids
    }
    by_carrier: dict[int, list[str]] = {}
    for m, ks in carriers.items():
        for k in ks:
            by_carrier.setdefault(k, []).append(m)
    arten = [a for a, w in ARTEN for _ in range(w)]
    growth = [1 + i for i in range(len(PERIODS))]
    seen: set[tuple] = set()
    links: list[list[object]] = []
    attempts = 0
    while len(links) < verbindungen and attempts < verbindungen * 20:
        attempts += 1
        a = _pick(cumulative, total, rng)
        b = _pick(cumulative, total, rng) if rng.random() < 0.95 else rng.randrange(kommunen)
        if a == b:
            continue
        art = rng.choice(arten)
        zeitraum = rng.choices(PERIODS, weights=growth)[0]
        key = (
            (a, b, art, zeitraum)
            if art in ("vorbild", "uebertragung")
            else (min(a, b), max(a, b), art, zeitraum)
        )
        if key in seen:
            continue
        seen.add(key)
        felder = "|".join(f for f, _ in rng.sample(FELDER, k=rng.choice((1, 1, 1, 2, 2, 3))))
        options = by_carrier.get(a, []) + by_carrier.get(b, [])
        massnahme = rng.choice(options) if options and rng.random() < 0.6 else ""
        if not massnahme and massnahme_ids and rng.random() < 0.1:
            massnahme = rng.choice(massnahme_ids)
        links.append(
            [ids[a], ids[b], art, felder, massnahme, zeitraum, "", "Beispiel (synthetisch)", ""]
        )
    links.sort(key=lambda r: (r[5], r[0], r[1], r[2]))

    site = {
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
    felder_yaml = [
        {
            "id": f,
            "name": name,
            "farbe": HANDLUNGSFELD_PALETTE[i],
            "beschreibung": f"Synthetisches Handlungsfeld {name}.",
        }
        for i, (f, name) in enumerate(FELDER)
    ]
    massnahmen_yaml = [
        {
            "id": m,
            "titel": f"Maßnahme {n}",
            "beschreibung": "Synthetischer Eintrag.",
            "handlungsfelder": [FELDER[n % len(FELDER)][0]],
            "kommunen": [ids[k] for k in carriers[m]],
        }
        for n, m in enumerate(massnahme_ids)
    ]
    return {
        "site.yaml": _yaml(site),
        "handlungsfelder.yaml": _yaml(felder_yaml),
        "massnahmen.yaml": _yaml(massnahmen_yaml),
        "kommunen.csv": csv_bytes(list(KOMMUNEN.names), rows),
        "verbindungen.csv": csv_bytes(list(VERBINDUNGEN.names), links),
    }


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
