"""The illustrative remainder of the shipped content: seeded records with the programme's shape.

Documented records (every record whose `quelle` does not start with "Beispiel") are kept as
they are. Around them, each Modellprojekt gets about twelve partners, most of them in its own
region and on its region's themes, a few through thematic hubs (the carriers of Maßnahmen) and
abroad; some pairs report again later, often as an Übertragung. `shape.py` measures the result.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.analysis.shape import UEBERTRAGUNGEN, UEBERTRAGUNGEN_BIS, km
from generator.content.schema import VERBINDUNGEN
from generator.content.vocab import ART_BY_ID, ILLUSTRATIVE_PREFIX
from generator.site.downloads import csv_bytes

QUELLE = f"{ILLUSTRATIVE_PREFIX}datensatz (illustrativ)"
HEADER = VERBINDUNGEN.names
PERIODS = tuple(f"{y}-H{h}" for y in range(2021, 2027) for h in (1, 2))[:-1]  # …2026-H1
FIRST_PERIOD = {2019: "2021-H1", 2020: "2021-H2", 2021: "2022-H2"}  # by Staffel

# Regions: Bundesländer, with Nordrhein-Westfalen split into Rhein-Ruhr and Westfalen at
# WESTFALEN_LON; each with the Handlungsfelder its network is known for.
WESTFALEN_LON = 7.5
REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "nord": (
        ("Schleswig-Holstein", "Hamburg", "Bremen", "Mecklenburg-Vorpommern"),
        ("mobilitaet-und-erreichbarkeit", "kultur-und-tourismus", "umwelt-und-ressourcen"),
    ),
    "niedersachsen": (
        ("Niedersachsen",),
        ("verwaltung-und-digitale-dienste", "wirtschaft-und-handel"),
    ),
    "rhein-ruhr": (
        ("Nordrhein-Westfalen",),
        ("daten-und-plattformen", "umwelt-und-ressourcen", "bildung"),
    ),
    "westfalen": (
        (),
        ("soziale-inklusion", "gesundheit-und-pflege", "verwaltung-und-digitale-dienste"),
    ),
    "mitte-west": (
        ("Hessen", "Rheinland-Pfalz", "Saarland"),
        ("mobilitaet-und-erreichbarkeit", "gesundheit-und-pflege", "daten-und-plattformen"),
    ),
    "baden-wuerttemberg": (
        ("Baden-Württemberg",),
        ("energie-und-klimaschutz", "partizipation-und-beteiligung", "kultur-und-tourismus"),
    ),
    "bayern": (
        ("Bayern",),
        ("bauen-und-wohnen", "soziale-inklusion", "energie-und-klimaschutz"),
    ),
    "berlin-brandenburg": (
        ("Berlin", "Brandenburg"),
        ("mobilitaet-und-erreichbarkeit", "wirtschaft-und-handel", "soziale-inklusion"),
    ),
    "mitteldeutschland": (
        ("Sachsen", "Sachsen-Anhalt", "Thüringen"),
        ("bildung", "wirtschaft-und-handel", "partizipation-und-beteiligung"),
    ),
}
# A Handlungsfeld's hub beyond the Maßnahmen carriers (the seed story: Regensburg).
HUBS = {"bauen-und-wohnen": "regensburg"}
HUB_SHARE = 0.25  # share of thematic links that go to such a declared hub

PARTNERS = 12.0  # mean partners per Modellprojekt, as published
CHOICE = (("region", 0.64), ("thema", 0.2), ("nachbar", 0.11), ("ausland", 0.05))
OTHER_THEME = 0.15  # share of records on a theme outside the region's own
REGION_KM = 120.0  # distance decay inside a region
REPEAT = 0.35  # share of pairs that report again in a later period
FIRST_ART = (
    ("wissensaustausch", 46), ("vorbild", 22), ("entwicklungspartnerschaft", 14),
    ("uebertragung", 18),
)  # fmt: skip
LATER_ART = (("uebertragung", 60), ("wissensaustausch", 25), ("entwicklungspartnerschaft", 15))
PARTNER_CAP = {"grossstadt": 8, "landkreis": 5, "region": 5}  # non-MPSC; others get 4
SENTENCE = {
    "vorbild": "{a} nimmt sich {b} im Handlungsfeld {f} zum Vorbild.",
    "wissensaustausch": "Erfahrungsaustausch im Handlungsfeld {f}.",
    "entwicklungspartnerschaft": "Gemeinsame Entwicklung im Handlungsfeld {f}.",
    "uebertragung": "{b} übernimmt eine Lösung von {a} im Handlungsfeld {f}.",
}


@dataclass(frozen=True)
class Place:
    """What the generator needs to know of a Kommune."""

    id: str
    name: str
    typ: str
    land: str
    region: str
    lat: float
    lon: float
    mpsc: bool
    staffel: int | None


def read_rows(path: Path) -> list[dict[str, str]]:
    """A content CSV as dicts (the shipped files are plain UTF-8 with commas)."""
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))


def region_of(row: dict[str, str]) -> str:
    """The region of a German Kommune; '' abroad."""
    if row.get("land", "DE") not in ("", "DE"):
        return ""
    if row["bundesland"] == "Nordrhein-Westfalen" and float(row["lon"]) >= WESTFALEN_LON:
        return "westfalen"
    return next(name for name, (laender, _) in REGIONS.items() if row["bundesland"] in laender)


def places(rows: list[dict[str, str]]) -> dict[str, Place]:
    """Every Kommune of kommunen.csv as a Place."""
    out = {}
    for r in rows:
        mpsc = r["mpsc"].strip().lower() == "ja"
        out[r["id"]] = Place(
            r["id"], r["name"], r["typ"], r.get("land") or "DE", region_of(r), float(r["lat"]),
            float(r["lon"]), mpsc, int(r["staffel"]) if r["staffel"] else None,
        )  # fmt: skip
    return out


class _Network:
    """The growing set of pairs and records."""

    def __init__(self, documented: list[dict[str, str]]) -> None:
        self.partners: dict[str, set[str]] = defaultdict(set)
        self.records: list[dict[str, str]] = []
        self.keys: set[tuple[str, ...]] = set()
        for r in documented:
            self.partners[r["von"]].add(r["nach"])
            self.partners[r["nach"]].add(r["von"])
            self.keys.add(_key(r["von"], r["nach"], r["art"], r["zeitraum"]))

    def degree(self, kid: str) -> int:
        return len(self.partners[kid])

    def add(self, record: dict[str, str]) -> bool:
        key = _key(record["von"], record["nach"], record["art"], record["zeitraum"])
        if key in self.keys:
            return False
        self.keys.add(key)
        self.records.append(record)
        self.partners[record["von"]].add(record["nach"])
        self.partners[record["nach"]].add(record["von"])
        return True


def _key(von: str, nach: str, art: str, zeitraum: str) -> tuple[str, ...]:
    ends = (von, nach) if ART_BY_ID[art].directed else tuple(sorted((von, nach)))
    return (*ends, art, zeitraum)


def generate(content: Path, seed: int = 1) -> bytes:
    """verbindungen.csv: the documented records unchanged, then the illustrative ones."""
    rng = random.Random(seed)
    rows = read_rows(content / "verbindungen.csv")
    documented = [r for r in rows if not r["quelle"].startswith(ILLUSTRATIVE_PREFIX)]
    where = places(read_rows(content / "kommunen.csv"))
    felder_yaml = yaml.safe_load((content / "handlungsfelder.yaml").read_text("utf-8"))
    felder = [h["id"] for h in felder_yaml]
    massnahmen = yaml.safe_load((content / "massnahmen.yaml").read_text("utf-8")) or []
    carriers: dict[str, list[tuple[str, str]]] = defaultdict(list)  # field -> (Kommune, Maßnahme)
    # A Maßnahme with documented records tells its own story: no illustrative adopters.
    told = {r["massnahme"] for r in documented}
    massnahmen = [m for m in massnahmen if m["id"] not in told]
    for m in massnahmen:
        for f in m["handlungsfelder"]:
            carriers[f] += [(k, m["id"]) for k in m["kommunen"]]
    hubs = {f: sorted({k for k, _ in carriers[f]} | ({HUBS[f]} if f in HUBS else set()))
            for f in felder}  # fmt: skip
    feld_names = {h["id"]: h["name"] for h in felder_yaml}
    ctx = _Context(where, hubs, carriers, feld_names, _Network(documented), rng)
    for a, b, how in _pairs(ctx):
        _report(ctx, a, b, how)
    _connect_loners(ctx)
    _meet_uebertragungen(ctx, documented)
    _use_every_massnahme(ctx, massnahmen)
    illustrative = sorted(
        ctx.net.records, key=lambda r: (r["zeitraum"], r["von"], r["nach"], r["art"])
    )
    return csv_bytes(
        list(HEADER), [[r.get(c, "") for c in HEADER] for r in documented + illustrative]
    )


@dataclass(frozen=True)
class _Context:
    """What every step reads: places, hubs and carriers per Handlungsfeld, the network so far."""

    where: dict[str, Place]
    hubs: dict[str, list[str]]  # Handlungsfeld -> hub Kommunen
    carriers: dict[str, list[tuple[str, str]]]  # Handlungsfeld -> (Kommune, Maßnahme)
    feld_names: dict[str, str]
    net: _Network
    rng: random.Random

    def themes(self, kid: str) -> tuple[str, ...]:
        """The Handlungsfelder of a Kommune's region."""
        region = self.where[kid].region
        return REGIONS[region][1] if region else ()

    def distance(self, a: Place, b: Place) -> float:
        return km((a.lat, a.lon), (b.lat, b.lon))


def _targets(ctx: _Context) -> dict[str, int]:
    """Partners each Modellprojekt should end with: bigger places more, mean PARTNERS."""
    bonus = {"grossstadt": 3, "region": 1, "landkreis": 0, "mittelstadt": 0, "kleinstadt": -2,
             "landgemeinde": -3}  # fmt: skip
    raw = {k: PARTNERS + bonus.get(p.typ, 0) + ctx.rng.uniform(-2, 2)
           for k, p in sorted(ctx.where.items()) if p.mpsc}  # fmt: skip
    shift = PARTNERS - sum(raw.values()) / len(raw)
    return {k: max(5, round(v + shift)) for k, v in raw.items()}


def _pairs(ctx: _Context) -> list[tuple[str, str, str]]:
    """New pairs, one partner at a time for the Modellprojekt furthest below its target."""
    targets = _targets(ctx)
    net = ctx.net
    out: list[tuple[str, str, str]] = []
    stuck: set[str] = set()
    while True:
        open_ = [k for k in sorted(targets) if k not in stuck and net.degree(k) < targets[k]]
        if not open_ or _mean_reached(ctx, targets):
            return out
        kid = max(open_, key=lambda k: (targets[k] - net.degree(k), ctx.rng.random()))
        how = _weighted(CHOICE, ctx.rng)
        partner = _partner(ctx, kid, how, targets)
        if partner is None and how != "region":
            how, partner = "region", _partner(ctx, kid, "region", targets)
        if partner is None:
            stuck.add(kid)
            continue
        net.partners[kid].add(partner)
        net.partners[partner].add(kid)
        out.append((kid, partner, how))


def _mean_reached(ctx: _Context, targets: dict[str, int]) -> bool:
    """Whether the Modellprojekte have PARTNERS on average, counting the one partner each
    Kommune still without any will get (_connect_loners): pairs of two Modellprojekte and
    documented partners would otherwise carry the mean past the published one."""
    loners = sum(1 for k, p in ctx.where.items() if not p.mpsc and not ctx.net.partners[k])
    return sum(ctx.net.degree(k) for k in targets) + loners >= PARTNERS * len(targets)


def _partner(ctx: _Context, kid: str, how: str, targets: dict[str, int]) -> str | None:
    """A new partner for kid: in its region, through a theme's hub, next door or abroad."""
    candidates = [p for _, p in sorted(ctx.where.items()) if _open_for(ctx, kid, p, targets)]
    pool = _POOLS.get(how, _abroad_pool)(ctx, ctx.where[kid], candidates)
    if not pool:
        return None
    return ctx.rng.choices([p.id for p, _ in pool], weights=[w for _, w in pool])[0]


def _open_for(ctx: _Context, kid: str, other: Place, targets: dict[str, int]) -> bool:
    """Whether other can still become a partner of kid."""
    if other.id == kid or other.id in ctx.net.partners[kid]:
        return False
    if other.mpsc:
        room = 12 if other.id in HUBS.values() else 3
        return ctx.net.degree(other.id) < targets[other.id] + room
    return ctx.net.degree(other.id) < PARTNER_CAP.get(other.typ, 4)


Pool = list[tuple[Place, float]]  # candidates with their weights


def _region_pool(ctx: _Context, me: Place, candidates: list[Place]) -> Pool:
    """Candidates in the own region, the nearer the likelier."""
    return [(p, math.exp(-ctx.distance(me, p) / REGION_KM) * _pull(ctx, p))
            for p in candidates if p.region == me.region]  # fmt: skip


def _theme_pool(ctx: _Context, me: Place, candidates: list[Place]) -> Pool:
    """Candidates among the hubs of a Handlungsfeld, often one of the own region's."""
    own = ctx.themes(me.id)
    feld = ctx.rng.choice(own if own and ctx.rng.random() < 0.5 else sorted(ctx.hubs))
    wanted = set(ctx.hubs[feld])
    if ctx.rng.random() < HUB_SHARE:
        wanted = set(HUBS.values())
    return [(p, _pull(ctx, p)) for p in candidates if p.id in wanted]


def _neighbour_pool(ctx: _Context, me: Place, candidates: list[Place]) -> Pool:
    """Candidates in other German regions, the nearer the likelier."""
    return [(p, math.exp(-ctx.distance(me, p) / 250.0) * _pull(ctx, p))
            for p in candidates if p.region and p.region != me.region]  # fmt: skip


def _abroad_pool(ctx: _Context, me: Place, candidates: list[Place]) -> Pool:
    """Candidates abroad, the nearer the likelier."""
    return [(p, 1.0 / (1 + ctx.distance(me, p) / 500.0)) for p in candidates if not p.region]


_POOLS = {"region": _region_pool, "thema": _theme_pool, "nachbar": _neighbour_pool}


def _pull(ctx: _Context, p: Place) -> float:
    """How attractive a partner is: Modellprojekte, big cities and the already connected."""
    size = (2.0 if p.mpsc else 1.0) * (1.5 if p.typ == "grossstadt" else 1.0)
    size *= 4.0 if p.id in HUBS.values() else 1.0
    return size * math.sqrt(1 + ctx.net.degree(p.id))


def _weighted(options: tuple[tuple[str, float], ...], rng: random.Random) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _prominence(ctx: _Context, kid: str) -> float:
    """Who is the model or the origin in a pair: hubs, big places, many partners."""
    hub = sum(1 for ks in ctx.hubs.values() if kid in ks)
    big = 3 if ctx.where[kid].typ == "grossstadt" else 0
    return ctx.net.degree(kid) + 4 * hub + big


def _report(ctx: _Context, a: str, b: str, how: str) -> None:
    """One or two records for the pair a–b (a is the Modellprojekt that looked for b)."""
    rng = ctx.rng
    pool = _feld_pool(ctx, a, b, how)
    allowed = _allowed_periods(ctx, a, b)
    zeitraum = rng.choices(allowed, weights=range(1, len(allowed) + 1))[0]
    felder = _felder(rng, pool)
    _record(ctx, a, b, _weighted(FIRST_ART, rng), felder, zeitraum)
    later = [z for z in allowed if z > zeitraum]
    if later and rng.random() < REPEAT:
        _record(ctx, a, b, _weighted(LATER_ART, rng), felder, rng.choice(later))


def _feld_pool(ctx: _Context, a: str, b: str, how: str) -> list[str]:
    """The Handlungsfelder the pair's records draw from: their shared themes, a hub's fields,
    the themes of either, or any."""
    shared = [f for f in ctx.themes(a) if f in ctx.themes(b)]
    declared = [f for f, hub in sorted(HUBS.items()) if hub in (a, b)]
    if how == "thema":
        shared = declared or [f for f in sorted(ctx.hubs) if b in ctx.hubs[f]] or shared
    pool = shared or list(ctx.themes(a) or ctx.themes(b)) or sorted(ctx.hubs)
    if ctx.rng.random() < OTHER_THEME:
        pool = sorted(ctx.hubs)
    return pool


def _allowed_periods(ctx: _Context, a: str, b: str) -> list[str]:
    """The periods from which both ends were in the programme."""
    starts = [FIRST_PERIOD.get(ctx.where[k].staffel or 0, PERIODS[0]) for k in (a, b)]
    return [z for z in PERIODS if z >= max(starts)]


def _felder(rng: random.Random, pool: list[str]) -> list[str]:
    """One Handlungsfeld of the pool, sometimes two."""
    first = rng.choice(pool)
    rest = [f for f in pool if f != first]
    return [first, rng.choice(rest)] if rest and rng.random() < 0.35 else [first]


def _record(ctx: _Context, a: str, b: str, art: str, felder: list[str], zeitraum: str) -> None:
    """Add one record, directed from the more prominent Kommune where the Art has a direction."""
    strong, weak = (a, b) if _prominence(ctx, a) >= _prominence(ctx, b) else (b, a)
    if ctx.rng.random() < 0.15:
        strong, weak = weak, strong
    von, nach = {"uebertragung": (strong, weak), "vorbild": (weak, strong)}.get(art, (a, b))
    record = {"von": von, "nach": nach, "handlungsfelder": "|".join(felder),
              "zeitraum": zeitraum, "quelle": QUELLE}  # fmt: skip
    ctx.net.add(_with_art(ctx, record, art))


def _with_art(ctx: _Context, record: dict[str, str], art: str) -> dict[str, str]:
    """The record as art, with its Maßnahme (an Übertragung's origin carries it) and sentence."""
    felder = record["handlungsfelder"].split("|")
    options = sorted({m for f in felder for k, m in ctx.carriers[f] if k == record["von"]})
    names = ctx.where
    return {
        **record,
        "art": art,
        "massnahme": ctx.rng.choice(options) if art == "uebertragung" and options else "",
        "beschreibung": SENTENCE[art].format(
            a=names[record["von"]].name, b=names[record["nach"]].name, f=ctx.feld_names[felder[0]]
        ),
    }


def _connect_loners(ctx: _Context) -> None:
    """Every Kommune of the file appears at least once: link loners to a nearby Modellprojekt."""
    for kid, p in sorted(ctx.where.items()):
        if ctx.net.partners[kid]:
            continue
        near = sorted(
            (q for q in ctx.where.values() if q.mpsc and (q.region == p.region or not p.region)),
            key=lambda q: (ctx.distance(p, q), q.id),
        )[:3]
        if near:
            _report(ctx, ctx.rng.choice(near).id, kid, "region")


def _meet_uebertragungen(ctx: _Context, documented: list[dict[str, str]]) -> None:
    """Turn Wissensaustausch into Übertragungen, or back, until the published count is met."""
    goal = sum(UEBERTRAGUNGEN) // 2 + 10  # "knapp 300"
    net = ctx.net

    def counted(r: dict[str, str]) -> bool:
        return r["art"] == "uebertragung" and r["zeitraum"] <= UEBERTRAGUNGEN_BIS

    have = sum(1 for r in documented + net.records if counted(r))
    order = list(range(len(net.records)))
    ctx.rng.shuffle(order)
    for i in order:
        r = net.records[i]
        if have < goal and r["art"] == "wissensaustausch" and r["zeitraum"] <= UEBERTRAGUNGEN_BIS:
            art, step = "uebertragung", 1
        elif have > goal and counted(r):
            art, step = "wissensaustausch", -1
        else:
            continue
        if art == "uebertragung" and _prominence(ctx, r["nach"]) > _prominence(ctx, r["von"]):
            r = {**r, "von": r["nach"], "nach": r["von"]}
        key = _key(r["von"], r["nach"], art, r["zeitraum"])
        if key in net.keys:
            continue
        net.keys.discard(_key(**{c: net.records[i][c] for c in ("von", "nach", "art", "zeitraum")}))
        net.keys.add(key)
        net.records[i] = _with_art(ctx, r, art)
        have += step


def _use_every_massnahme(ctx: _Context, massnahmen: list[dict]) -> None:
    """A Maßnahme no record names gets one: an Übertragung from its carrier to a partner."""
    named = {r["massnahme"] for r in ctx.net.records}
    for m in massnahmen:
        if m["id"] in named:
            continue
        for r in ctx.net.records:
            if r["von"] in m["kommunen"] and r["art"] == "uebertragung" and not r["massnahme"]:
                r["massnahme"] = m["id"]
                break
        else:
            carrier = m["kommunen"][0]
            partner = min(ctx.net.partners[carrier])
            record = {"von": carrier, "nach": partner, "quelle": QUELLE, "zeitraum": PERIODS[-1],
                      "handlungsfelder": m["handlungsfelder"][0]}  # fmt: skip
            ctx.net.add({**_with_art(ctx, record, "uebertragung"), "massnahme": m["id"]})


def write(content: Path, seed: int = 1) -> Counter:
    """Rewrite content/verbindungen.csv; return the number of records by kind."""
    data = generate(content, seed)
    (content / "verbindungen.csv").write_bytes(data)
    kinds: Counter = Counter()
    for r in csv.DictReader(io.StringIO(data.decode("utf-8"))):
        kinds["illustrativ" if r["quelle"].startswith(ILLUSTRATIVE_PREFIX) else "belegt"] += 1
    return kinds
