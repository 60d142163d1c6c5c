"""Analyse phase: key figures, filter facets with counts, degrees and the client-side data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from generator.analysis.layout import compute_layout
from generator.content.model import Kommune, Network, zeitraum_label
from generator.content.vocab import (
    ART_BY_ID,
    ARTEN,
    BUNDESLAENDER,
    ILLUSTRATIVE_PREFIX,
    LAENDER,
    NODE_COLOURS,
    TYPEN,
)

HUBS = 10  # how many Kommunen the hub list shows (as the analysis's rankings)
VORBILDER = 10  # how many Kommunen the "Vorbilder" ranking shows


@dataclass(frozen=True)
class Figures:
    """Key figures of the whole network."""

    kommunen: int
    mpsc: int
    verbindungen: int
    by_art: tuple[tuple[str, int], ...]  # (art id, count) in the order of ARTEN
    international: int
    partners_per_mpsc: float

    def count_of(self, art: str) -> int:
        """Verbindungen of one Art."""
        return dict(self.by_art)[art]


@dataclass(frozen=True)
class Facet:
    """One value of a filter with the number of Verbindungen that carry it."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Analysis:
    """Everything the render phase needs beyond the model."""

    figures: Figures
    arten: tuple[Facet, ...]
    handlungsfelder: tuple[Facet, ...]
    bundeslaender: tuple[Facet, ...]
    zeitraeume: tuple[Facet, ...]
    partners: dict[str, int]
    positions: dict[str, tuple[int, int]]  # graph layout, vis-network pixels
    hubs: tuple[tuple[Kommune, int], ...]  # most partners first
    client_data: dict[str, Any]


def partner_counts(net: Network) -> dict[str, int]:
    """Number of distinct partners per Kommune (0 for Kommunen without connections)."""
    partners: dict[str, set[str]] = {k.id: set() for k in net.kommunen}
    for v in net.verbindungen:
        partners[v.von].add(v.nach)
        partners[v.nach].add(v.von)
    return {kid: len(others) for kid, others in partners.items()}


def analyse(net: Network, clusters: dict[str, int] | None = None) -> Analysis:
    """Compute figures, facets and the compact client-side data of the network; the graph
    layout keeps each cluster (metrics.cluster_of) together."""
    vs = net.verbindungen
    kommunen = net.kommunen
    land = {k.id: k.land for k in kommunen}
    bundesland = {k.id: k.bundesland for k in kommunen}
    partners = partner_counts(net)

    art_counts = Counter(v.art for v in vs)
    arten = tuple(Facet(a.id, a.label, art_counts[a.id]) for a in ARTEN)

    hf_counts = Counter(h for v in vs for h in v.handlungsfelder)
    handlungsfelder = tuple(
        Facet(h.id, h.name, hf_counts[h.id])
        for h in sorted(net.handlungsfelder, key=lambda h: h.name)
    )

    # A connection counts once for each Bundesland it touches (abroad has none).
    bl_counts = Counter(bl for v in vs for bl in {bundesland[v.von], bundesland[v.nach]} if bl)
    bundeslaender = tuple(Facet(name, name, bl_counts[name]) for name in sorted(BUNDESLAENDER))

    # The network as reported up to and including each half-year.
    z_counts = Counter(v.zeitraum for v in vs)
    periods = net.zeitraeume
    reported = accumulate(z_counts[z] for z in periods)
    zeitraeume = tuple(
        Facet(z, zeitraum_label(z), n) for z, n in zip(periods, reported, strict=True)
    )

    international = sum(1 for v in vs if land[v.von] != "DE" or land[v.nach] != "DE")
    mpsc = [k.id for k in kommunen if k.mpsc]
    positions = compute_layout(net, clusters)
    figures = Figures(
        kommunen=len(kommunen),
        mpsc=len(mpsc),
        verbindungen=len(vs),
        by_art=tuple((f.value, f.count) for f in arten),
        international=international,
        partners_per_mpsc=round(sum(partners[m] for m in mpsc) / len(mpsc), 1) if mpsc else 0.0,
    )
    return Analysis(
        figures=figures,
        arten=arten,
        handlungsfelder=handlungsfelder,
        bundeslaender=bundeslaender,
        zeitraeume=zeitraeume,
        partners=partners,
        positions=positions,
        hubs=tuple(
            (k, partners[k.id])
            for k in sorted(kommunen, key=lambda k: (-partners[k.id], k.name))[:HUBS]
            if partners[k.id]
        ),
        client_data=client_data(
            net, partners, positions, arten, handlungsfelder, bundeslaender, zeitraeume
        ),
    )


def vorbild_ranking(net: Network, top: int = VORBILDER) -> tuple[tuple[Kommune, int], ...]:
    """Kommunen most often taken as a model: the nach side of a Vorbild, the von side of an
    Übertragung; ties by name (the order of the browser's K.rank)."""
    counts: dict[str, int] = {}
    for v in net.verbindungen:
        model = ART_BY_ID[v.art].origin(v.von, v.nach)
        if model is not None:
            counts[model] = counts.get(model, 0) + 1
    by_id = net.kommune_by_id
    ranked = sorted(counts, key=lambda k: (-counts[k], sort_key(by_id[k].name), k))
    return tuple((by_id[k], counts[k]) for k in ranked[:top])


def sort_key(text: str) -> str:
    """Alphabetical order as German readers expect it (Ä with A, ß as ss)."""
    return text.casefold().replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss")


# The keys of client_data that are tables: columns of equal length (the data's parts split
# them by column, see render.data_assets).
TABLES = ("kommunen", "verbindungen", "massnahmen")


def client_data(
    net: Network,
    partners: dict[str, int],
    positions: dict[str, tuple[int, int]],
    arten: tuple[Facet, ...],
    handlungsfelder: tuple[Facet, ...],
    bundeslaender: tuple[Facet, ...],
    zeitraeume: tuple[Facet, ...],
) -> dict[str, Any]:
    """Columnar JSON for the browser: small integers index into short lists of strings."""
    k_index = {k.id: i for i, k in enumerate(net.kommunen)}
    hf_ids = [f.value for f in handlungsfelder]
    hf_index = {h: i for i, h in enumerate(hf_ids)}
    bl_names = [f.value for f in bundeslaender]
    bl_index = {b: i for i, b in enumerate(bl_names)}
    laender = sorted({k.land for k in net.kommunen})
    land_index = {code: i for i, code in enumerate(laender)}
    typen = list(TYPEN)
    periods = list(net.zeitraeume)
    z_index = {z: i for i, z in enumerate(periods)}
    quellen = sorted({(v.quelle, v.quelle_url) for v in net.verbindungen})
    q_index = {q: i for i, q in enumerate(quellen)}
    m_index = {m.id: i for i, m in enumerate(net.massnahmen)}
    art_index = {a.id: i for i, a in enumerate(ARTEN)}
    hf_by_id = net.handlungsfeld_by_id
    ks = net.kommunen
    # In the order of the result list (newest first, then by names), so the browser need not sort.
    name = {k.id: sort_key(k.name) for k in ks}
    vs = sorted(net.verbindungen, key=lambda v: (name[v.von], name[v.nach], v.art))
    vs.sort(key=lambda v: v.zeitraum, reverse=True)
    # Alphabetical ranks, so the browser sorts by number (localeCompare costs ICU lookups).
    k_rank = {k.id: r for r, k in enumerate(sorted(ks, key=lambda k: (name[k.id], k.id)))}
    # A number per pair of Kommunen (either way), in order of first appearance: the browser
    # counts partners and bends parallel lines by it (a map of 50,000 keys took 15 ms there).
    pairs: dict[tuple[int, int], int] = {}
    pair_of = []
    for v in vs:
        a, b = k_index[v.von], k_index[v.nach]
        pair_of.append(pairs.setdefault((min(a, b), max(a, b)), len(pairs)))
    ms = net.massnahmen
    m_rank = {m.id: r for r, m in enumerate(sorted(ms, key=lambda m: (sort_key(m.titel), m.id)))}
    return {
        "arten": [a.client() for a in ARTEN],
        "handlungsfelder": [
            {"id": h, "name": hf_by_id[h].name, "colour": hf_by_id[h].farbe} for h in hf_ids
        ],
        "nodeColours": NODE_COLOURS,
        "bundeslaender": bl_names,
        "laender": [{"code": c, "name": LAENDER.get(c, c)} for c in laender],
        "typen": [TYPEN[t] for t in typen],
        "zeitraeume": [{"id": z, "label": zeitraum_label(z)} for z in periods],
        "quellen": [q for q, _ in quellen],
        "quellenUrl": [url for _, url in quellen],
        "quellenBeispiel": [q.startswith(ILLUSTRATIVE_PREFIX) for q, _ in quellen],
        "massnahmenUrl": net.site.massnahmen_url,
        "hubs": HUBS,
        # Facet counts of the whole network, in the order of the lists above.
        "counts": {
            "art": [f.count for f in arten],
            "hf": [f.count for f in handlungsfelder],
            "bl": [f.count for f in bundeslaender],
            "z": [f.count for f in zeitraeume],
        },
        "pairs": len(pairs),  # the numbers of verbindungen.pair
        "kommunen": {
            "id": [k.id for k in ks],
            "name": [k.name for k in ks],
            "typ": [typen.index(k.typ) for k in ks],
            "land": [land_index[k.land] for k in ks],
            "bl": [bl_index.get(k.bundesland, -1) for k in ks],
            "mpsc": [1 if k.mpsc else 0 for k in ks],
            "staffel": [k.staffel or 0 for k in ks],
            "lat": [round(k.lat, 4) for k in ks],
            "lon": [round(k.lon, 4) for k in ks],
            "x": [positions[k.id][0] for k in ks],
            "y": [positions[k.id][1] for k in ks],
            "partners": [partners[k.id] for k in ks],
            "rank": [k_rank[k.id] for k in ks],
            "web": [k.website for k in ks],
            "text": [k.beschreibung for k in ks],
        },
        "verbindungen": {
            "von": [k_index[v.von] for v in vs],
            "nach": [k_index[v.nach] for v in vs],
            "art": [art_index[v.art] for v in vs],
            "hf": [[hf_index[h] for h in v.handlungsfelder] for v in vs],
            "m": [m_index[v.massnahme] if v.massnahme else -1 for v in vs],
            "z": [z_index[v.zeitraum] for v in vs],
            "text": [v.beschreibung for v in vs],
            "q": [q_index[(v.quelle, v.quelle_url)] for v in vs],
            "pair": pair_of,
        },
        "massnahmen": {
            "id": [m.id for m in net.massnahmen],
            "titel": [m.titel for m in net.massnahmen],
            "rank": [m_rank[m.id] for m in net.massnahmen],
            "url": [net.site.massnahme_link(m) for m in net.massnahmen],
            "kommunen": [[k_index[k] for k in m.kommunen] for m in net.massnahmen],
        },
    }
