"""Analyse phase, for the site pages: lookups by Kommune, Maßnahme and Handlungsfeld, hubs,
similar Kommunen, clusters, regional and international distribution, growth."""

from __future__ import annotations

import hashlib
import heapq
import multiprocessing as mp
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from generator.content.model import Network, Verbindung
from generator.content.vocab import ART_BY_ID, ARTEN, BUNDESLAENDER

if TYPE_CHECKING:
    import networkx as nx

SIMILAR = 6  # "ähnliche Kommunen" per page
# Entries of every ranking: the hubs of the dashboard, of each Handlungsfeld and of the
# Analyse page, and the Vorbilder (the browser gets it as D.hubs).
RANKING = 10
EXACT_BETWEENNESS_LIMIT = 1000  # above this many Kommunen, betweenness is sampled
BETWEENNESS_WORK = 1_000_000  # sampled pivots × edges, a few seconds
HUB_LIMIT = 80  # partners of partners are not walked through bigger hubs
CANDIDATES = 30  # similar-Kommune candidates scored per Kommune, through shared partners
FIELD_CANDIDATES = 15  # and the busiest Kommunen of each of its two main fields


@dataclass(frozen=True)
class Similar:
    """A Kommune like another one, and why."""

    kommune: str
    shared_partners: int
    shared_felder: tuple[str, ...]


@dataclass(frozen=True)
class Cluster:
    """A community of the network, named by its dominant Handlungsfelder and biggest Kommunen."""

    number: int
    members: tuple[str, ...]  # most partners first
    felder: tuple[str, ...]  # dominant Handlungsfelder, most frequent first
    internal: int  # connections inside the cluster


@dataclass(frozen=True)
class Metrics:
    """Everything the site pages show beyond a single record."""

    by_kommune: dict[str, tuple[int, ...]]  # indices into net.verbindungen
    by_massnahme: dict[str, tuple[int, ...]]
    by_feld: dict[str, tuple[int, ...]]
    partners: dict[str, frozenset[str]]
    massnahmen_of: dict[str, tuple[str, ...]]  # carried or named in a connection
    felder_of: dict[str, Counter]  # Handlungsfeld -> connections, per Kommune
    similar: dict[str, tuple[Similar, ...]]
    feld_hubs: dict[str, tuple[tuple[str, int], ...]]
    feld_partner_counts: dict[str, dict[str, int]]  # Handlungsfeld -> Kommune -> partners
    feld_bundeslaender: dict[str, dict[str, int]]
    degree_ranking: tuple[tuple[str, int], ...]
    model_ranking: tuple[tuple[str, int], ...]  # taken as a model or origin of an Übertragung
    learner_ranking: tuple[tuple[str, int], ...]  # takes a model or adopts an Übertragung
    betweenness_ranking: tuple[tuple[str, float], ...]
    betweenness_sampled: int  # pivots used for the estimate; 0 when exact
    betweenness: dict[str, float]  # every Kommune's score (normalized), of which the ranking
    clusters: tuple[Cluster, ...]
    cluster_of: dict[str, int]
    international: tuple[tuple[str, tuple[int, ...]], ...]  # country code -> connections
    growth: tuple[tuple[str, tuple[int, ...]], ...]  # zeitraum -> new connections per Art


def flow(v: Verbindung) -> tuple[str, str]:
    """The direction knowledge flows: from the role model, from the origin."""
    return (v.nach, v.von) if ART_BY_ID[v.art].source == "nach" else (v.von, v.nach)


def compute_metrics(net: Network) -> Metrics:
    """All lookups and network measures, computed once per build."""
    look = _lookups(net.verbindungen)
    ids = [k.id for k in net.kommunen]
    frozen_partners = {k: frozenset(look.partners.get(k, ())) for k in ids}
    # The graph measures take seconds on big networks: they run in two more processes meanwhile;
    # they are kept for the next build while the network's structure stays (serve).
    key = _structure_key(net)
    scores, communities = _start_graph_measures(net, key)
    similar = _similar(net, frozen_partners, look.felder_of, look.feld_partners)
    measured = _remember(key, scores(), communities())
    massnahmen_of = _massnahmen_of(net)
    return Metrics(
        by_kommune={k: tuple(look.by_kommune.get(k, ())) for k in ids},
        by_massnahme={m.id: tuple(look.by_massnahme.get(m.id, ())) for m in net.massnahmen},
        by_feld={h.id: tuple(look.by_feld.get(h.id, ())) for h in net.handlungsfelder},
        partners=frozen_partners,
        massnahmen_of={k: tuple(sorted(massnahmen_of.get(k, ()))) for k in ids},
        felder_of={k: look.felder_of.get(k, Counter()) for k in ids},
        similar=similar,
        **_feld_measures(net, look.feld_partners),
        degree_ranking=_ranking({k: len(p) for k, p in frozen_partners.items() if p}, net),
        model_ranking=_ranking(dict(look.models), net),
        learner_ranking=_ranking(dict(look.learners), net),
        **_betweenness(measured[0], net),
        **_clusters(measured[1], net, frozen_partners),
        international=_international(net),
        growth=_growth(net),
    )


@dataclass
class _Lookups:
    """What one pass over the connections collects."""

    by_kommune: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_massnahme: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_feld: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    partners: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    felder_of: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    feld_partners: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    models: Counter = field(default_factory=Counter)
    learners: Counter = field(default_factory=Counter)


def _lookups(vs: tuple[Verbindung, ...]) -> _Lookups:
    """Connections by Kommune, Maßnahme and Handlungsfeld, partners, fields, models, learners."""
    look = _Lookups()
    for i, v in enumerate(vs):
        if ART_BY_ID[v.art].directed:
            model, learner = flow(v)
            look.models[model] += 1
            look.learners[learner] += 1
        for end, other in ((v.von, v.nach), (v.nach, v.von)):
            look.by_kommune[end].append(i)
            look.partners[end].add(other)
            look.felder_of[end].update(v.handlungsfelder)
            for h in v.handlungsfelder:
                look.feld_partners[h][end].add(other)
        if v.massnahme:
            look.by_massnahme[v.massnahme].append(i)
        for h in v.handlungsfelder:
            look.by_feld[h].append(i)
    return look


def _massnahmen_of(net: Network) -> dict[str, set[str]]:
    """The Maßnahmen each Kommune carries or is connected by."""
    massnahmen_of: dict[str, set[str]] = defaultdict(set)
    for m in net.massnahmen:
        for k in m.kommunen:
            massnahmen_of[k].add(m.id)
    for v in net.verbindungen:
        if v.massnahme:
            massnahmen_of[v.von].add(v.massnahme)
            massnahmen_of[v.nach].add(v.massnahme)
    return massnahmen_of


def _feld_measures(net: Network, feld_partners: dict[str, dict[str, set[str]]]) -> dict:
    """Hubs, partner counts and Bundesländer per Handlungsfeld."""
    counts = {
        h.id: {k: len(p) for k, p in feld_partners[h.id].items()} for h in net.handlungsfelder
    }
    return {
        "feld_hubs": {h: _ranking(dict(c), net) for h, c in counts.items()},
        "feld_partner_counts": counts,
        "feld_bundeslaender": _feld_bundeslaender(net),
    }


def _start_graph_measures(
    net: Network, key: bytes
) -> tuple[Callable[[], Scores], Callable[[], Communities]]:
    """Getters for betweenness and communities: those of the last build if the structure is
    the same, else computed (in the background on big networks)."""
    known = _GRAPH_MEASURES.get(key)
    if known is not None:
        return (lambda: known[0]), (lambda: known[1])
    graph = _graph(net)
    return _in_background(_betweenness_scores, graph), _in_background(_communities, graph)


# The graph's own measures of the last builds (betweenness scores and pivots, communities), by
# the structure they were computed from; names, fields and texts are applied to them each build.
Scores = tuple[dict[str, float], int]  # betweenness by Kommune, pivots sampled (0: exact)
Communities = list[frozenset[str]]
_GRAPH_MEASURES: dict[bytes, tuple[Scores, Communities]] = {}


def _structure_key(net: Network) -> bytes:
    """What the graph's measures depend on: the Kommunen in order, every connection's ends
    (not its fields, text, source or Zeitraum), and the limits that choose exact or sampled
    betweenness. Names are not part of it: renaming a Kommune in serve recomputes nothing."""
    parts = (
        (EXACT_BETWEENNESS_LIMIT, BETWEENNESS_WORK),  # how they are computed
        [k.id for k in net.kommunen],
        [(v.von, v.nach) for v in net.verbindungen],
    )
    return hashlib.sha256(repr(parts).encode("utf-8")).digest()


# A build measures two networks (all connections and the documented ones): serve keeps both.
REMEMBERED_NETWORKS = 2


def _remember(key: bytes, scores: Scores, communities: Communities) -> tuple[Scores, Communities]:
    _GRAPH_MEASURES.pop(key, None)
    _GRAPH_MEASURES[key] = (scores, communities)
    while len(_GRAPH_MEASURES) > REMEMBERED_NETWORKS:
        del _GRAPH_MEASURES[next(iter(_GRAPH_MEASURES))]
    return _GRAPH_MEASURES[key]


def _in_background(func, *args):
    """Run func in a forked process when the network is big; returns a getter for its result."""
    graph = args[0]
    if (
        graph.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT
        or "fork" not in mp.get_all_start_methods()
    ):
        result = func(*args)
        return lambda: result
    pool = mp.get_context("fork").Pool(1)
    pending = pool.apply_async(func, args)

    def get():
        try:
            return pending.get()
        finally:
            pool.close()
            pool.join()

    return get


def _graph(net: Network) -> nx.Graph:
    import networkx as nx  # here, not at the top: a tenth of a second that most commands skip

    graph = nx.Graph()
    graph.add_nodes_from(k.id for k in net.kommunen)
    for v in net.verbindungen:
        if graph.has_edge(v.von, v.nach):
            graph[v.von][v.nach]["weight"] += 1
        else:
            graph.add_edge(v.von, v.nach, weight=1)
    return graph


def _ranking(scores: dict[str, float], net: Network) -> tuple:
    """Highest score first, ties by name, at most RANKING entries."""
    name = {k.id: k.name for k in net.kommunen}
    ranked = sorted(scores.items(), key=lambda item: (-item[1], name[item[0]]))
    return tuple(ranked[:RANKING])


def _similar(
    net: Network,
    partners: dict[str, frozenset[str]],
    felder_of: dict[str, Counter],
    feld_partners: dict[str, dict[str, set[str]]],
) -> dict[str, tuple[Similar, ...]]:
    """Kommunen that share partners or Handlungsfelder; candidates stay local (two steps away,
    or among the busiest Kommunen of the own main fields) so this scales with the network."""
    busiest = _busiest(feld_partners)
    ids = [k.id for k in net.kommunen]
    index = {k: i for i, k in enumerate(ids)}
    name = {k.id: k.name for k in net.kommunen}
    profile = _field_profiles(net, felder_of, index)
    out: dict[str, tuple[Similar, ...]] = {}
    for k in ids:
        fields = felder_of.get(k, Counter())
        candidates = _candidates(k, partners, fields, busiest)
        if not candidates:
            out[k] = ()
            continue
        listed = sorted(candidates)
        cosine = profile[[index[c] for c in listed]] @ profile[index[k]]
        best = _most_similar(listed, cosine.tolist(), partners[k], partners, name)
        out[k] = tuple(
            Similar(c, shared_p, _common_felder(fields, felder_of.get(c, Counter())))
            for c, shared_p in best
        )
    return out


def _busiest(feld_partners: dict[str, dict[str, set[str]]]) -> dict[str, list[str]]:
    """The Kommunen with the most partners in each Handlungsfeld (ties by id)."""
    return {
        h: [
            k for k, _ in sorted(ks.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:FIELD_CANDIDATES]
        ]
        for h, ks in feld_partners.items()
    }


def _field_profiles(
    net: Network, felder_of: dict[str, Counter], index: dict[str, int]
) -> np.ndarray:
    """Each Kommune's connections per Handlungsfeld as a unit vector (a row of zeros without)."""
    # As unit vectors, one matrix product gives a Kommune's cosine similarity to all its
    # candidates (counts are never negative, so 0 means no field in common).
    column = {h.id: j for j, h in enumerate(net.handlungsfelder)}
    profile = np.zeros((len(net.kommunen), len(column)))
    for k, counts in felder_of.items():
        for h, x in counts.items():
            profile[index[k], column[h]] = x
    length = np.linalg.norm(profile, axis=1)
    profile /= np.where(length > 0, length, 1.0)[:, None]
    return profile


def _candidates(
    k: str, partners: dict[str, frozenset[str]], fields: Counter, busiest: dict[str, list[str]]
) -> set[str]:
    """The Kommunen scored as similar to k: those sharing the most partners with it, and if
    they are few, the busiest of its two main fields."""
    shared = _partners_of_partners(k, partners)
    candidates = {c for _, c in heapq.nsmallest(CANDIDATES, ((-n, c) for c, n in shared.items()))}
    if len(candidates) < 3 * SIMILAR:
        for h, _ in sorted(fields.items(), key=lambda kv: (-kv[1], kv[0]))[:2]:
            candidates.update(busiest.get(h, ()))
    candidates.discard(k)
    return candidates


def _partners_of_partners(k: str, partners: dict[str, frozenset[str]]) -> Counter[str]:
    """How many partners k shares with each Kommune two steps away (not k itself)."""
    # A hub's partners are everyone's, so partners with more than HUB_LIMIT partners of their
    # own are not walked.
    shared: Counter[str] = Counter()
    for p in partners[k]:
        theirs_p = partners[p]
        if len(theirs_p) <= HUB_LIMIT:
            shared.update(theirs_p)  # counted in C
    shared.pop(k, None)
    return shared


def _most_similar(
    listed: list[str],
    cosines: list[float],
    mine: frozenset[str],
    partners: dict[str, frozenset[str]],
    name: dict[str, str],
) -> list[tuple[str, int]]:
    """The SIMILAR best candidates with their shared partners: two points per shared partner
    plus three times the cosine of the field profiles; ties by name."""
    scored = []
    for c, cos in zip(listed, cosines, strict=True):
        shared_p = len(mine & partners[c])
        if shared_p or cos > 0:
            scored.append((-(2 * shared_p + 3 * cos), name[c], c, shared_p))
    scored.sort()
    return [(c, shared_p) for _, _, c, shared_p in scored[:SIMILAR]]


def _common_felder(fields: Counter, theirs: Counter) -> tuple[str, ...]:
    """Up to three Handlungsfelder both have, the most frequent of the own first."""
    common = sorted((h for h in fields if h in theirs), key=lambda h: (-fields[h], h))
    return tuple(common[:3])


def _feld_bundeslaender(net: Network) -> dict[str, dict[str, int]]:
    """Connections per Handlungsfeld and Bundesland (a connection counts once per Land)."""
    land = {k.id: k.bundesland for k in net.kommunen}
    table: dict[str, dict[str, int]] = {
        h.id: dict.fromkeys(BUNDESLAENDER, 0) for h in net.handlungsfelder
    }
    for v in net.verbindungen:
        lands = {land[v.von], land[v.nach]} - {""}
        for h in v.handlungsfelder:
            for bl in lands:
                table[h][bl] += 1
    return table


def _betweenness_scores(graph: nx.Graph) -> Scores:
    """Betweenness of every Kommune, and the pivots it was sampled from (0: exact)."""
    sampled = graph.number_of_nodes() > EXACT_BETWEENNESS_LIMIT
    pivots = min(max(20, BETWEENNESS_WORK // max(graph.number_of_edges(), 1)), len(graph))
    scores = betweenness_centrality(graph, pivots if sampled else None)
    return scores, pivots if sampled else 0


def betweenness_centrality(graph: nx.Graph, k: int | None) -> dict[str, float]:
    """networkx's betweenness_centrality(graph, k, seed=7, normalized=True), the same numbers,
    with each source's search over the Kommunen that have a connection: networkx sets up
    every node for every source, which took 150 s at 11,000 Kommunen and no connection (the
    documented network of synthetic content). An isolated source adds nothing there either."""
    import random

    from networkx.algorithms.centrality.betweenness import (
        _accumulate_basic,
        _rescale,
        _single_source_shortest_path_basic,
    )

    betweenness = dict.fromkeys(graph, 0.0)
    if k == len(graph):
        k = None  # as networkx does: all sources, in the graph's order
    sources = list(graph) if k is None else random.Random(7).sample(list(graph.nodes()), k)
    # The graph's own neighbour maps, in its order, without the isolated Kommunen: all that
    # networkx's search reads (a copy of the graph would reorder the neighbours, and the sums'
    # order decides their last bits).
    linked = {n: graph[n] for n in graph if graph[n]}
    for s in sources:
        if s in linked:
            found, paths, sigma, _ = _single_source_shortest_path_basic(linked, s)
            betweenness, _ = _accumulate_basic(betweenness, found, paths, sigma, s)
    return _rescale(
        betweenness,
        len(graph),
        normalized=True,
        directed=False,
        endpoints=False,
        sampled_nodes=None if k is None else sources,
    )


def _betweenness(measured: Scores, net: Network) -> dict:
    scores, pivots = measured
    ranked = _ranking({k: round(s, 4) for k, s in scores.items() if s > 0}, net)
    return {"betweenness_ranking": ranked, "betweenness_sampled": pivots, "betweenness": scores}


def _communities(graph: nx.Graph) -> Communities:
    """Louvain communities (in a content-stable order) of the Kommunen with a connection."""
    weights = {
        n: {m: float(d["weight"]) for m, d in graph[n].items() if m != n}
        for n in graph
        if graph.degree(n)
    }
    if not weights:
        return []
    # A coarser threshold on big networks stops after the passes that matter.
    big = len(weights) > EXACT_BETWEENNESS_LIMIT
    return louvain(weights, threshold=1e-4 if big else 1e-7, max_level=2 if big else None)


def stable_key(kommune: str) -> str:
    """A Kommune's place in the order Louvain visits: a hash of its id, so that a Kommune
    added or removed does not shift the others' order (as a seeded shuffle of all does)."""
    return hashlib.sha256(kommune.encode("utf-8")).hexdigest()


def louvain(
    weights: dict[str, dict[str, float]], threshold: float = 1e-7, max_level: int | None = None
) -> Communities:
    """Louvain communities (Blondel et al. 2008) of a weighted graph given as symmetric
    neighbour weights. Nodes are visited, and ties between equally good communities broken,
    in the order of stable_key: the result depends on the graph only, and a small change
    to it changes the communities near it, not the order everything else is tried in."""
    order = sorted(weights, key=stable_key)
    index = {n: i for i, n in enumerate(order)}
    graph = [{index[m]: w for m, w in weights[n].items()} for n in order]
    members = [[n] for n in order]
    total = sum(sum(row.values()) for row in graph)  # twice the weight of all edges
    if total == 0:
        return [frozenset(m) for m in members]
    quality = _modularity(graph, list(range(len(graph))), total)
    for _ in range(max_level or len(order)):
        community = _one_level(graph, total)
        gained = _modularity(graph, community, total) - quality
        if gained <= 0:
            break
        label = _labels(community)
        members = _merged(members, community, label)
        if gained <= threshold or len(label) == len(graph):
            break
        graph = _aggregate(graph, community, label)
        quality += gained
    return [frozenset(m) for m in members]


def _one_level(graph: list[dict[int, float]], total: float) -> list[int]:
    """Louvain's first phase: each node, in index order, moves to the neighbouring community
    that gains most modularity (ties: the lowest label), until no node moves."""
    community = list(range(len(graph)))
    degree = [sum(row.values()) for row in graph]
    volume = degree[:]  # the degrees summed per community
    moved = True
    while moved:
        moved = False
        for i, row in enumerate(graph):
            links: dict[int, float] = defaultdict(float)
            for j, w in row.items():
                if j != i:
                    links[community[j]] += w
            own = community[i]
            volume[own] -= degree[i]
            best = own
            best_gain = links.get(own, 0.0) - volume[own] * degree[i] / total
            for c in sorted(links):
                gain = links[c] - volume[c] * degree[i] / total
                if gain > best_gain + 1e-12:
                    best, best_gain = c, gain
            volume[best] += degree[i]
            if best != own:
                community[i], moved = best, True
    return community


def _modularity(graph: list[dict[int, float]], community: list[int], total: float) -> float:
    """Newman's modularity of a partition of the level graph (self-loops count twice)."""
    inside: dict[int, float] = defaultdict(float)
    volume: dict[int, float] = defaultdict(float)
    for i, row in enumerate(graph):
        for j, w in row.items():
            volume[community[i]] += w
            if community[j] == community[i]:
                inside[community[i]] += w
    return sum(inside[c] / total - (volume[c] / total) ** 2 for c in volume)


def _labels(community: list[int]) -> dict[int, int]:
    """The communities renumbered from 0 in the order of their first node (nodes are in
    stable_key order at every level, so this is the order of their lowest key)."""
    label: dict[int, int] = {}
    for c in community:
        label.setdefault(c, len(label))
    return label


def _merged(
    members: list[list[str]], community: list[int], label: dict[int, int]
) -> list[list[str]]:
    """The Kommunen of every community of the level."""
    merged: list[list[str]] = [[] for _ in label]
    for i, c in enumerate(community):
        merged[label[c]].extend(members[i])
    return merged


def _aggregate(
    graph: list[dict[int, float]], community: list[int], label: dict[int, int]
) -> list[dict[int, float]]:
    """Louvain's second phase: the communities as the nodes of the next level."""
    merged: list[dict[int, float]] = [defaultdict(float) for _ in label]
    for i, row in enumerate(graph):
        a = label[community[i]]
        for j, w in row.items():
            merged[a][label[community[j]]] += w
    return [dict(row) for row in merged]


def _clusters(communities: Communities, net: Network, partners: dict[str, frozenset[str]]) -> dict:
    """The communities as clusters, numbered in the order of their anchors (not by size: a
    cluster that grows past another keeps its number and colour); those of fewer than three
    Kommunen are left out."""
    name = {k.id: k.name for k in net.kommunen}
    ordered = sorted(
        (c for c in communities if len(c) >= 3), key=lambda c: cluster_anchor(c, partners)
    )
    cluster_of = {k: number for number, members in enumerate(ordered, start=1) for k in members}
    # One pass over the connections for every cluster's internal links and fields.
    felder: dict[int, Counter] = defaultdict(Counter)
    internal: Counter = Counter()
    for v in net.verbindungen:
        c = cluster_of.get(v.von)
        if c is not None and c == cluster_of.get(v.nach):
            internal[c] += 1
            felder[c].update(v.handlungsfelder)
    clusters = [
        Cluster(
            number,
            tuple(sorted(members, key=lambda k: (-len(partners[k]), name[k], k))),
            tuple(h for h, _ in sorted(felder[number].items(), key=lambda x: (-x[1], x[0]))[:3]),
            internal[number],
        )
        for number, members in enumerate(ordered, start=1)
    ]
    return {"clusters": tuple(clusters), "cluster_of": cluster_of}


CORE = 3  # partners inside its cluster that make a Kommune one of the cluster's core


def cluster_anchor(members: frozenset[str], partners: dict[str, frozenset[str]]) -> str:
    """What a cluster's number follows: the lowest-sorting id among its core Kommunen (CORE
    partners inside it; all members if none is). A new Kommune with a connection or two, or
    one on the cluster's edge that leaves, does not change it."""
    core = [k for k in members if len(partners[k] & members) >= CORE]
    return min(core or members)


def _international(net: Network) -> tuple[tuple[str, tuple[int, ...]], ...]:
    land = {k.id: k.land for k in net.kommunen}
    by_country: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(net.verbindungen):
        for country in sorted({land[v.von], land[v.nach]} - {"DE"}):
            by_country[country].append(i)
    return tuple(
        sorted(((c, tuple(ix)) for c, ix in by_country.items()), key=lambda x: (-len(x[1]), x[0]))
    )


def _growth(net: Network) -> tuple[tuple[str, tuple[int, ...]], ...]:
    counts: dict[str, list[int]] = {}
    order = {a.id: n for n, a in enumerate(ARTEN)}
    for v in net.verbindungen:
        counts.setdefault(v.zeitraum, [0] * len(ARTEN))[order[v.art]] += 1
    return tuple((z, tuple(counts.get(z, [0] * len(ARTEN)))) for z in net.zeitraeume)
