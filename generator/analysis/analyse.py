"""Analyse phase: key figures, filter facets with counts, degrees and the client-side data."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Any, TypeVar

from generator.analysis.layout import compute_layout
from generator.analysis.metrics import (
    BETWEENNESS_WORK,
    CORE,
    EXACT_BETWEENNESS_LIMIT,
    RANKING,
    Cluster,
    Metrics,
    compute_metrics,
    flow,
)
from generator.analysis.partners import Suggestion, suggest_partners
from generator.content.model import Kommune, Network, Verbindung, zeitraum_label
from generator.content.schema import VERBINDUNGEN
from generator.content.vocab import (
    ART_BY_ID,
    ARTEN,
    BUNDESLAENDER,
    ILLUSTRATIVE_PREFIX,
    LAENDER,
    NODE_COLOURS,
    TYPEN,
)
from generator.i18n import N_

T = TypeVar("T")


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
    vorbilder: tuple[tuple[Kommune, int], ...]  # most often the model or origin first
    client_data: dict[str, Any]
    suggestions: dict[str, tuple[Suggestion, ...]]  # "Passende Partner" per Kommune
    page: AnalysePage  # the Analyse page: all connections and the belegt ones


def partner_counts(net: Network) -> dict[str, int]:
    """Number of distinct partners per Kommune (0 for Kommunen without connections)."""
    partners: dict[str, set[str]] = {k.id: set() for k in net.kommunen}
    for v in net.verbindungen:
        partners[v.von].add(v.nach)
        partners[v.nach].add(v.von)
    return {kid: len(others) for kid, others in partners.items()}


def analyse(
    net: Network, clusters: dict[str, int] | None = None, metrics: Metrics | None = None
) -> Analysis:
    """Compute figures, facets and the compact client-side data of the network; the graph
    layout keeps each cluster (metrics.cluster_of) together; the Analyse page's figures use
    metrics (computed here when not given)."""
    partners = partner_counts(net)
    arten = _art_facets(net)
    handlungsfelder = _feld_facets(net)
    bundeslaender = _bundesland_facets(net)
    zeitraeume = _zeitraum_facets(net)
    positions = compute_layout(net, clusters)
    measured = compute_metrics(net) if metrics is None else metrics
    return Analysis(
        figures=_figures(net, partners, arten),
        arten=arten,
        handlungsfelder=handlungsfelder,
        bundeslaender=bundeslaender,
        zeitraeume=zeitraeume,
        partners=partners,
        positions=positions,
        hubs=_hubs(net, partners),
        vorbilder=vorbild_ranking(net),
        client_data=client_data(
            net, partners, positions, arten, handlungsfelder, bundeslaender, zeitraeume, measured
        ),
        suggestions=suggest_partners(net, sort_key),
        page=analyse_page(net, measured),
    )


def _art_facets(net: Network) -> tuple[Facet, ...]:
    """Verbindungen per Art, in the order of ARTEN."""
    counts = Counter(v.art for v in net.verbindungen)
    return tuple(Facet(a.id, a.label, counts[a.id]) for a in ARTEN)


def _feld_facets(net: Network) -> tuple[Facet, ...]:
    """Verbindungen per Handlungsfeld, by the field's name."""
    counts = Counter(h for v in net.verbindungen for h in v.handlungsfelder)
    return tuple(
        Facet(h.id, h.name, counts[h.id]) for h in sorted(net.handlungsfelder, key=lambda h: h.name)
    )


def _bundesland_facets(net: Network) -> tuple[Facet, ...]:
    """Verbindungen per Bundesland, by name."""
    bundesland = {k.id: k.bundesland for k in net.kommunen}
    # A connection counts once for each Bundesland it touches (abroad has none).
    counts = Counter(
        bl for v in net.verbindungen for bl in {bundesland[v.von], bundesland[v.nach]} if bl
    )
    return tuple(Facet(name, name, counts[name]) for name in sorted(BUNDESLAENDER))


def _zeitraum_facets(net: Network) -> tuple[Facet, ...]:
    """Verbindungen reported up to and including each half-year."""
    counts = Counter(v.zeitraum for v in net.verbindungen)
    periods = net.zeitraeume
    reported = accumulate(counts[z] for z in periods)
    return tuple(Facet(z, zeitraum_label(z), n) for z, n in zip(periods, reported, strict=True))


def _figures(net: Network, partners: dict[str, int], arten: tuple[Facet, ...]) -> Figures:
    """The key figures of the whole network."""
    land = {k.id: k.land for k in net.kommunen}
    vs = net.verbindungen
    international = sum(1 for v in vs if land[v.von] != "DE" or land[v.nach] != "DE")
    mpsc = [k.id for k in net.kommunen if k.mpsc]
    return Figures(
        kommunen=len(net.kommunen),
        mpsc=len(mpsc),
        verbindungen=len(vs),
        by_art=tuple((f.value, f.count) for f in arten),
        international=international,
        partners_per_mpsc=round(sum(partners[m] for m in mpsc) / len(mpsc), 1) if mpsc else 0.0,
    )


def _hubs(net: Network, partners: dict[str, int]) -> tuple[tuple[Kommune, int], ...]:
    """The Kommunen with the most partners (ties by name), at most RANKING of them."""
    ranked = sorted(net.kommunen, key=lambda k: (-partners[k.id], k.name))[:RANKING]
    return tuple((k, partners[k.id]) for k in ranked if partners[k.id])


def vorbild_ranking(net: Network, top: int = RANKING) -> tuple[tuple[Kommune, int], ...]:
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


# == The Analyse page: every figure for all connections and for the documented (belegt) ones ==

# What metrics.py passes to its louvain for the clusters and what this module passes to
# networkx for the Analyse page's betweenness; the page's method text is written from these,
# and tests/test_analyse.py checks them against what metrics.py computes.
LOUVAIN_THRESHOLD = 1e-7  # 1e-4 above EXACT_BETWEENNESS_LIMIT Kommunen, in at most two levels
CLUSTER_MIN = 3  # smaller communities are not shown as clusters
BETWEENNESS_NORMALIZED = True
BETWEENNESS_DIGITS = 4  # scores are ranked rounded to this many digits (ties at that precision)


@dataclass(frozen=True)
class Ranking:
    """A top list: the first RANKING Kommunen and every Kommune tied with the last of them."""

    entries: tuple[tuple[int, str, float], ...]  # (place, Kommune id, value), best first
    tied: int = 0  # Kommunen sharing the last place when the list runs past RANKING for them
    estimated: bool = False  # betweenness sampled: the list is metrics' cut, ties not looked for

    @property
    def last_place(self) -> int:
        """The place of the last entry (several Kommunen share it when tied)."""
        return self.entries[-1][0] if self.entries else 0


@dataclass(frozen=True)
class Basis:
    """The Analyse page's figures over one set of connections: all of them, or the belegt."""

    key: str  # "alle" or "belegt", also the HTML ids' suffix
    label: str  # marked with N_(): the template translates it
    figures: Figures
    connected: int  # Kommunen with at least one connection
    degree: Ranking
    betweenness: Ranking
    betweenness_sampled: int  # pivots of the estimate; 0 when exact
    models: Ranking
    learners: Ranking
    clusters: tuple[Cluster, ...]
    growth: tuple[tuple[str, int, int], ...]  # zeitraum of the whole network, new, up to then
    feld_bundeslaender: dict[str, dict[str, int]]
    international: dict[str, int]  # country code -> connections with a side there


@dataclass(frozen=True)
class Method:
    """The parameters of the Analyse page's measures, as its method text states them."""

    louvain_threshold: float = LOUVAIN_THRESHOLD
    cluster_min: int = CLUSTER_MIN
    cluster_core: int = CORE  # partners inside the cluster that make a Kommune its core
    betweenness_normalized: bool = BETWEENNESS_NORMALIZED
    betweenness_digits: int = BETWEENNESS_DIGITS
    exact_limit: int = EXACT_BETWEENNESS_LIMIT
    sample_work: int = BETWEENNESS_WORK
    ranking: int = RANKING

    @property
    def threshold_exponent(self) -> str:
        """The Louvain threshold's power of ten, as the page writes it (−7 for 1e-7)."""
        return f"{math.log10(self.louvain_threshold):.0f}".replace("-", "−")


@dataclass(frozen=True)
class AnalysePage:
    """Both bases of the Analyse page (all connections, the documented ones) and the method."""

    alle: Basis
    belegt: Basis
    method: Method = Method()

    @property
    def bases(self) -> tuple[Basis, Basis]:
        """All first, then the documented ones."""
        return (self.alle, self.belegt)


def belegt_network(net: Network) -> Network:
    """The same Kommunen, Maßnahmen and fields with only the documented (belegt) connections."""
    return replace(net, verbindungen=tuple(v for v in net.verbindungen if v.belegt))


def ranking(scores: Mapping[str, float], net: Network, top: int = RANKING) -> Ranking:
    """The Kommunen with the highest scores above 0, ties by name; all tied with the top-th."""
    name = {k.id: sort_key(k.name) for k in net.kommunen}
    order = sorted((k for k, s in scores.items() if s > 0), key=lambda k: (-scores[k], name[k], k))
    shown = order[:top]
    if len(order) > top:
        last = scores[order[top - 1]]
        shown += [k for k in order[top:] if scores[k] == last]
    entries: list[tuple[int, str, float]] = []
    for i, k in enumerate(shown):
        place = entries[-1][0] if entries and scores[k] == entries[-1][2] else i + 1
        entries.append((place, k, scores[k]))
    tied = sum(1 for _, k, _ in entries if scores[k] == scores[shown[-1]]) if shown else 0
    return Ranking(tuple(entries), tied if len(shown) > top else 0)


def flow_counts(net: Network) -> tuple[dict[str, float], dict[str, float]]:
    """How often each Kommune is the model (or origin) and the learner of a directed connection."""
    models: Counter[str] = Counter()
    learners: Counter[str] = Counter()
    for v in net.verbindungen:
        if ART_BY_ID[v.art].directed:
            model, learner = flow(v)
            models[model] += 1
            learners[learner] += 1
    return dict(models), dict(learners)


def _betweenness_ranking(net: Network, m: Metrics) -> Ranking:
    """Ties included when exact; a sampled estimate (big networks) keeps metrics' list."""
    if m.betweenness_sampled:
        entries = tuple((i, k, s) for i, (k, s) in enumerate(m.betweenness_ranking, start=1))
        return Ranking(entries, estimated=True)
    # metrics' scores are exact here (same graph, unweighted, normalized): ranked with ties.
    return ranking({k: round(s, BETWEENNESS_DIGITS) for k, s in m.betweenness.items()}, net)


def basis(key: str, label: str, net: Network, m: Metrics, timeline: tuple[str, ...]) -> Basis:
    """The Analyse page's figures of net (all connections or the belegt ones) and its metrics."""
    partners = partner_counts(net)
    models, learners = flow_counts(net)
    new = {z: sum(counts) for z, counts in m.growth}
    return Basis(
        key=key,
        label=label,
        figures=_figures(net, partners, _art_facets(net)),
        connected=sum(1 for n in partners.values() if n),
        degree=ranking(dict(partners), net),
        betweenness=_betweenness_ranking(net, m),
        betweenness_sampled=m.betweenness_sampled,
        models=ranking(models, net),
        learners=ranking(learners, net),
        clusters=m.clusters,
        growth=tuple(
            (z, new.get(z, 0), n)
            for z, n in zip(timeline, accumulate(new.get(z, 0) for z in timeline), strict=True)
        ),
        feld_bundeslaender=m.feld_bundeslaender,
        international={code: len(ix) for code, ix in m.international},
    )


def analyse_page(net: Network, metrics: Metrics) -> AnalysePage:
    """Both bases of the Analyse page; the documented one measured on belegt_network(net)."""
    documented = belegt_network(net)
    timeline = net.zeitraeume
    return AnalysePage(
        alle=basis("alle", N_("Alle Verbindungen"), net, metrics, timeline),
        belegt=basis(
            "belegt", N_("Nur belegte"), documented, compute_metrics(documented), timeline
        ),
    )


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
    metrics: Metrics,
) -> dict[str, Any]:
    """Columnar JSON for the browser: small integers index into short lists of strings."""
    hf_ids = [f.value for f in handlungsfelder]
    bl_names = [f.value for f in bundeslaender]
    laender = sorted({k.land for k in net.kommunen})
    quellen = sorted({(v.quelle, v.quelle_url) for v in net.verbindungen})
    vs = _in_result_order(net)
    pairs, pair_of = _pair_numbers(net, vs)
    # The order of the keys is the order of the data the browser gets.
    return {
        **_vocabularies(net, hf_ids, bl_names, laender, quellen),
        "massnahmenUrl": net.site.massnahmen_url,
        "datenstand": net.site.datenstand.strftime("%d.%m.%Y"),  # for the embed page's picture
        "hubs": RANKING,
        # Facet counts of the whole network, in the order of the lists above.
        "counts": {
            "art": [f.count for f in arten],
            "hf": [f.count for f in handlungsfelder],
            "bl": [f.count for f in bundeslaender],
            "z": [f.count for f in zeitraeume],
            "belegt": sum(v.belegt for v in net.verbindungen),
        },
        "pairs": pairs,  # the numbers of verbindungen.pair
        "clusters": _clusters(net, metrics.clusters, hf_ids),
        "kommunen": {
            **_kommunen_table(net, partners, positions, bl_names, laender),
            **_graph_measures(net, metrics),
        },
        "verbindungen": _verbindungen_table(net, vs, hf_ids, quellen, pair_of),
        "massnahmen": _massnahmen_table(net),
    }


def _index(items: Iterable[T]) -> dict[T, int]:
    """Each item's position in items."""
    return {x: i for i, x in enumerate(items)}


def _vocabularies(
    net: Network,
    hf_ids: list[str],
    bl_names: list[str],
    laender: list[str],
    quellen: list[tuple[str, str]],
) -> dict[str, Any]:
    """The short lists of strings the tables' small integers index into."""
    hf_by_id = net.handlungsfeld_by_id
    return {
        "arten": [a.client() for a in ARTEN],
        "handlungsfelder": [
            {"id": h, "name": hf_by_id[h].name, "colour": hf_by_id[h].farbe} for h in hf_ids
        ],
        "nodeColours": NODE_COLOURS,
        "bundeslaender": bl_names,
        "laender": [{"code": c, "name": LAENDER.get(c, c)} for c in laender],
        "typen": [TYPEN[t] for t in TYPEN],
        "zeitraeume": [{"id": z, "label": zeitraum_label(z)} for z in net.zeitraeume],
        "quellen": [q for q, _ in quellen],
        "quellenUrl": [url for _, url in quellen],
        "quellenBeispiel": [q.startswith(ILLUSTRATIVE_PREFIX) for q, _ in quellen],
        # The columns of daten/verbindungen.csv, from the schema: the dashboard's export
        # writes the same.
        "verbindungenSpalten": [*VERBINDUNGEN.names, *VERBINDUNGEN.derived],
    }


def _in_result_order(net: Network) -> list[Verbindung]:
    """The Verbindungen in the order of the result list, so the browser need not sort: the
    documented ones first (the stories a visitor looks for), each part newest first, then by
    names."""
    name = {k.id: sort_key(k.name) for k in net.kommunen}
    vs = sorted(net.verbindungen, key=lambda v: (name[v.von], name[v.nach], v.art))
    vs.sort(key=lambda v: v.zeitraum, reverse=True)
    vs.sort(key=lambda v: v.illustrative)
    return vs


def _pair_numbers(net: Network, vs: list[Verbindung]) -> tuple[int, list[int]]:
    """How many pairs of Kommunen are linked, and each connection's pair number."""
    # A number per pair of Kommunen (either way), in order of first appearance: the browser
    # counts partners and bends parallel lines by it (a map of 50,000 keys took 15 ms there).
    k_index = _index(k.id for k in net.kommunen)
    pairs: dict[tuple[int, int], int] = {}
    pair_of = []
    for v in vs:
        a, b = k_index[v.von], k_index[v.nach]
        pair_of.append(pairs.setdefault((min(a, b), max(a, b)), len(pairs)))
    return len(pairs), pair_of


def _kommunen_table(
    net: Network,
    partners: dict[str, int],
    positions: dict[str, tuple[int, int]],
    bl_names: list[str],
    laender: list[str],
) -> dict[str, list[Any]]:
    """The Kommunen's columns."""
    ks = net.kommunen
    typen = list(TYPEN)
    land_index = _index(laender)
    bl_index = _index(bl_names)
    # Alphabetical ranks, so the browser sorts by number (localeCompare costs ICU lookups).
    name = {k.id: sort_key(k.name) for k in ks}
    k_rank = _index(k.id for k in sorted(ks, key=lambda k: (name[k.id], k.id)))
    return {
        "id": [k.id for k in ks],
        "name": [k.name for k in ks],
        "typ": [typen.index(k.typ) for k in ks],
        "land": [land_index[k.land] for k in ks],
        "bl": [bl_index.get(k.bundesland, -1) for k in ks],
        "mpsc": [1 if k.mpsc else 0 for k in ks],
        "staffel": [k.staffel or 0 for k in ks],
        **_coordinates(ks, positions),
        "partners": [partners[k.id] for k in ks],
        "rank": [k_rank[k.id] for k in ks],
        "web": [k.website for k in ks],
        "kontakt": [k.kontakt_href for k in ks],  # mailto: or http(s), else ""
        "text": [k.beschreibung for k in ks],
    }


# Members that name a cluster, as the Analyse page lists them (templates/analyse.html).
CLUSTER_NAMED = 4


def _clusters(net: Network, clusters: tuple[Cluster, ...], hf_ids: list[str]) -> list[Any]:
    """Each cluster as the Analyse page names it: its number, its dominant Handlungsfelder
    (indices into handlungsfelder) and its biggest members (indices into the Kommunen)."""
    k_index = _index(k.id for k in net.kommunen)
    hf_index = _index(hf_ids)
    return [
        {
            "n": c.number,
            "felder": [hf_index[h] for h in c.felder],
            "members": [k_index[k] for k in c.members[:CLUSTER_NAMED]],
            "size": len(c.members),
        }
        for c in clusters
    ]


# Betweenness goes to the browser in millionths of the normalized score (whole numbers: short).
BETWEENNESS_SCALE = 1_000_000


def _graph_measures(net: Network, metrics: Metrics) -> dict[str, list[int]]:
    """Per Kommune its cluster's number (0: none) and its betweenness, as metrics has them."""
    ks = net.kommunen
    return {
        "cluster": [metrics.cluster_of.get(k.id, 0) for k in ks],
        "betweenness": [round(metrics.betweenness.get(k.id, 0.0) * BETWEENNESS_SCALE) for k in ks],
    }


def _coordinates(
    ks: tuple[Kommune, ...], positions: dict[str, tuple[int, int]]
) -> dict[str, list[Any]]:
    """The Kommunen's places on the map and in the graph."""
    return {
        "lat": [round(k.lat, 4) for k in ks],
        "lon": [round(k.lon, 4) for k in ks],
        "x": [positions[k.id][0] for k in ks],
        "y": [positions[k.id][1] for k in ks],
    }


def _verbindungen_table(
    net: Network,
    vs: list[Verbindung],
    hf_ids: list[str],
    quellen: list[tuple[str, str]],
    pair_of: list[int],
) -> dict[str, list[Any]]:
    """The Verbindungen's columns, in the order of vs."""
    k_index = _index(k.id for k in net.kommunen)
    art_index = _index(a.id for a in ARTEN)
    hf_index = _index(hf_ids)
    m_index = _index(m.id for m in net.massnahmen)
    z_index = _index(net.zeitraeume)
    q_index = _index(quellen)
    return {
        "von": [k_index[v.von] for v in vs],
        "nach": [k_index[v.nach] for v in vs],
        "art": [art_index[v.art] for v in vs],
        "hf": [[hf_index[h] for h in v.handlungsfelder] for v in vs],
        "m": [m_index[v.massnahme] if v.massnahme else -1 for v in vs],
        "z": [z_index[v.zeitraum] for v in vs],
        "text": [v.beschreibung for v in vs],
        "q": [q_index[(v.quelle, v.quelle_url)] for v in vs],
        "beleg": [v.beleg for v in vs],
        "pair": pair_of,
    }


def _massnahmen_table(net: Network) -> dict[str, list[Any]]:
    """The Maßnahmen's columns."""
    ms = net.massnahmen
    k_index = _index(k.id for k in net.kommunen)
    m_rank = _index(m.id for m in sorted(ms, key=lambda m: (sort_key(m.titel), m.id)))
    return {
        "id": [m.id for m in ms],
        "titel": [m.titel for m in ms],
        "rank": [m_rank[m.id] for m in ms],
        "url": [net.site.massnahme_link(m) for m in ms],
        "kommunen": [[k_index[k] for k in m.kommunen] for m in ms],
    }
