"""The programme's shape in figures: partners per MPSC, Übertragungen, communities, distance,
theme concentration. The illustrative generator aims at them and the tests assert them."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from generator.content.model import Network

# Published figures and the bounds the shipped content must meet (one source for both).
PARTNERS_PER_MPSC = (11.0, 13.0)  # "im Schnitt mit zwölf anderen Kommunen"
UEBERTRAGUNGEN = (250, 320)  # "knapp 300", KTS survey of December 2025
UEBERTRAGUNGEN_BIS = "2025-H2"
MODULARITY_ABOVE_RANDOM = 0.10
DISTANCE_RATIO_MAX = 0.6
THEME_GROUPS = 3  # a Handlungsfeld counts as concentrated when most of it lies in this many
THEME_SHARE_MIN = 0.6
LOUVAIN_SEEDS = (1, 2, 3)


@dataclass(frozen=True)
class Shape:
    """The figures of one network."""

    partners_per_mpsc: float
    uebertragungen: int  # up to UEBERTRAGUNGEN_BIS
    modularity: float  # Louvain, median of LOUVAIN_SEEDS
    modularity_random: float  # the same on a degree-preserving random graph
    distance_median_km: float  # German–German connections
    distance_random_km: float  # all pairs of German Kommunen in the file
    theme_share: dict[str, float]  # Handlungsfeld -> share in its THEME_GROUPS clusters

    @property
    def distance_ratio(self) -> float:
        """Median connection length over the median distance of any two German Kommunen."""
        return self.distance_median_km / self.distance_random_km

    @property
    def modularity_gain(self) -> float:
        """How much more community structure than chance."""
        return self.modularity - self.modularity_random


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def simple_graph(net: Network) -> nx.Graph:
    """Undirected, unweighted: one edge per pair of Kommunen that are connected at all."""
    graph = nx.Graph()
    graph.add_edges_from((v.von, v.nach) for v in net.verbindungen)
    return graph


def louvain_modularity(graph: nx.Graph) -> tuple[float, list[set[str]]]:
    """Median modularity over LOUVAIN_SEEDS, with the communities of the median run."""
    runs = []
    for seed in LOUVAIN_SEEDS:
        parts = nx.community.louvain_communities(graph, seed=seed)
        runs.append((nx.community.modularity(graph, parts), seed, parts))
    runs.sort(key=lambda r: (r[0], r[1]))
    value, _, parts = runs[len(runs) // 2]
    return value, parts


def random_counterpart(graph: nx.Graph, seed: int = 1) -> nx.Graph:
    """Configuration model with the same degrees, without self-loops and multi-edges."""
    nodes = sorted(graph.nodes)
    multi = nx.configuration_model([graph.degree(n) for n in nodes], seed=seed)
    simple = nx.Graph(multi)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    return simple


def measure(net: Network) -> Shape:
    """Every figure of the programme's shape for net."""
    kommune = net.kommune_by_id
    graph = simple_graph(net)
    mpsc = [k.id for k in net.kommunen if k.mpsc]
    partners = statistics.fmean(graph.degree(k) if k in graph else 0 for k in mpsc) if mpsc else 0
    uebertragungen = sum(
        1 for v in net.verbindungen if v.art == "uebertragung" and v.zeitraum <= UEBERTRAGUNGEN_BIS
    )
    modularity, parts = louvain_modularity(graph)
    modularity_random, _ = louvain_modularity(random_counterpart(graph))

    def point(kid: str) -> tuple[float, float]:
        return kommune[kid].lat, kommune[kid].lon

    german = [k.id for k in net.kommunen if k.land == "DE"]
    lengths = [
        km(point(v.von), point(v.nach))
        for v in net.verbindungen
        if kommune[v.von].land == "DE" and kommune[v.nach].land == "DE"
    ]
    pairs = [km(point(a), point(b)) for i, a in enumerate(german) for b in german[i + 1 :]]
    cluster_of = {kid: n for n, part in enumerate(parts) for kid in part}
    return Shape(
        partners_per_mpsc=partners,
        uebertragungen=uebertragungen,
        modularity=modularity,
        modularity_random=modularity_random,
        distance_median_km=statistics.median(lengths) if lengths else 0.0,
        distance_random_km=statistics.median(pairs) if pairs else 1.0,
        theme_share=theme_concentration(net, cluster_of),
    )


def theme_concentration(net: Network, cluster_of: dict[str, int]) -> dict[str, float]:
    """Per Handlungsfeld: the share of its connection ends in its THEME_GROUPS busiest clusters."""
    ends: dict[str, Counter] = {h.id: Counter() for h in net.handlungsfelder}
    for v in net.verbindungen:
        for h in v.handlungsfelder:
            ends[h][cluster_of[v.von]] += 1
            ends[h][cluster_of[v.nach]] += 1
    return {
        h: sum(n for _, n in c.most_common(THEME_GROUPS)) / total
        for h, c in ends.items()
        if (total := sum(c.values()))
    }


def hub_of(net: Network, handlungsfeld: str) -> str:
    """The Kommune with the most connections in one Handlungsfeld (ties: by id)."""
    counts: Counter = Counter()
    for v in net.verbindungen:
        if handlungsfeld in v.handlungsfelder:
            counts[v.von] += 1
            counts[v.nach] += 1
    return min(counts, key=lambda k: (-counts[k], k))


def report(shape: Shape) -> str:
    """The figures as German lines, with the bounds they must meet."""
    lo, hi = PARTNERS_PER_MPSC
    ulo, uhi = UEBERTRAGUNGEN
    themes = ", ".join(f"{v:.2f}" for v in sorted(shape.theme_share.values()))
    return "\n".join(
        [
            f"Partner je Modellprojekt: {shape.partners_per_mpsc:.1f} (Ziel {lo:g}–{hi:g})",
            f"Übertragungen bis {UEBERTRAGUNGEN_BIS}: {shape.uebertragungen} (Ziel {ulo}–{uhi})",
            f"Modularität: {shape.modularity:.3f}, Zufallsnetz: {shape.modularity_random:.3f} "
            f"(Abstand {shape.modularity_gain:.3f}, Ziel ≥ {MODULARITY_ABOVE_RANDOM:.2f})",
            f"Entfernung: Median {shape.distance_median_km:.0f} km gegen "
            f"{shape.distance_random_km:.0f} km zufälliger Paare "
            f"(Verhältnis {shape.distance_ratio:.2f}, Ziel ≤ {DISTANCE_RATIO_MAX})",
            f"Handlungsfelder in ihren {THEME_GROUPS} stärksten Gruppen: {themes} "
            f"(Ziel je ≥ {THEME_SHARE_MIN})",
        ]
    )
