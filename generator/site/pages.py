"""Render phase, page by page: which pages exist, their paths, titles and template context."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from generator.analysis.analyse import Analysis, sort_key
from generator.analysis.metrics import Metrics, flow
from generator.content.model import Kommune, Massnahme, Network, Verbindung, zeitraum_label
from generator.content.vocab import (
    ART_BY_ID,
    ARTEN,
    BUNDESLAENDER,
    LAENDER,
    LAENDER_DE,
    NODE_COLOURS,
    TYPEN,
)
from generator.site.routes import ROUTE, feld_path, kommune_path, massnahme_path

CLUSTER_COLOURS = (
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
    "#a6761d", "#1f78b4", "#b2182b", "#4d9221", "#542788", "#8c510a",
)  # fmt: skip
SHORT_NAMES = {b.name: b.code for b in LAENDER_DE}
HUB_WALK = 300  # connections of a partner walked to find the links among an ego network
LIST_LIMIT = 200  # connections listed on a Handlungsfeld page; the dashboard has them all
# Map and graph of a page show at most this much; beyond it, the best-connected part. The
# shipped network (some 260 Kommunen with the documented partners) stays whole.
VIEW_NODES = 300
VIEW_EDGES = 1200
LISTS = ("kommunen", "massnahmen", "handlungsfelder")  # the A–Z lists the Suche points to


def backbone(
    members: list[str], connections: list[Verbindung], weight: dict[str, int]
) -> tuple[list[str], list[Verbindung], bool]:
    """The best-connected members and the connections among them, when there are too many."""
    if len(members) <= VIEW_NODES and len(connections) <= VIEW_EDGES:
        return members, connections, False
    keep = set(sorted(members, key=lambda k: (-weight.get(k, 0), k))[:VIEW_NODES])
    kept = [v for v in connections if v.von in keep and v.nach in keep][:VIEW_EDGES]
    used = {x for v in kept for x in (v.von, v.nach)} | (keep if not kept else set())
    return [k for k in members if k in used], kept, True


@dataclass(frozen=True)
class PageSpec:
    """One page to render: template, output path, title, description and context."""

    template: str
    path: str
    title: str
    description: str
    crumbs: tuple[tuple[str, str], ...] = ()  # (label, path) above the page
    context: dict[str, Any] = field(default_factory=dict)


def phrase(v: Verbindung, name: dict[str, str]) -> str:
    """'Ulm überträgt an Madrid', 'Regensburg nimmt sich Wien zum Vorbild', 'A – B'."""
    art = ART_BY_ID[v.art]
    said = art.says(name[v.von], name[v.nach])
    return said if art.directed else f"{said} ({art.label})"


# What the pages' scripts know of the Arten (the dashboard's data carry more, ArtInfo.client).
PAGE_ARTEN = [
    {"id": a.id, "label": a.label, "directed": a.directed, "colour": a.colour} for a in ARTEN
]
ART_INDEX = {a.id: n for n, a in enumerate(ARTEN)}


class ViewBuilder:
    """The data a page's map and graph draw: nodes and edges in compact columns."""

    def __init__(self, net: Network, analysis: Analysis) -> None:
        self.net = net
        self.partners = analysis.partners
        self.positions = analysis.positions
        self.name = {k.id: k.name for k in net.kommunen}
        self.felder = net.handlungsfeld_by_id
        self.massnahmen = net.massnahme_by_id

    def edge_title(self, v: Verbindung) -> str:
        text = (
            phrase(v, self.name) + ": " + ", ".join(self.felder[h].name for h in v.handlungsfelder)
        )
        if v.massnahme:
            text += f"; Maßnahme: {self.massnahmen[v.massnahme].titel}"
        return f"{text}; {zeitraum_label(v.zeitraum)}"

    def build(
        self,
        root: str,
        kommunen: list[str],
        verbindungen: list[Verbindung],
        focus: tuple[str, ...] = (),
        positions: dict[str, tuple[int, int]] | None = None,
        levels: dict[str, int] | None = None,
        colours: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """Columns for page.js; positions default to the global layout."""
        index = {k: i for i, k in enumerate(kommunen)}
        where = positions if positions is not None else self.positions
        view: dict[str, Any] = {
            "nodes": self._nodes(root, [self.net.kommune_by_id[k] for k in kommunen], where),
            "edges": self._edges(index, verbindungen),
            "arten": PAGE_ARTEN,
            "focus": [index[k] for k in focus if k in index],
            "nodeColours": NODE_COLOURS,
        }
        if levels is not None:
            view["level"] = [levels.get(k, 1) for k in kommunen]
        if colours is not None:
            view["nodes"]["colour"] = [colours.get(k, "#b8c2cc") for k in kommunen]
        return view

    def _nodes(
        self, root: str, ks: list[Kommune], where: dict[str, tuple[int, int]]
    ) -> dict[str, list[Any]]:
        """The view's points: names, places on map and graph, kinds, partners and pages."""
        return {
            "name": [k.name for k in ks],
            "lat": [round(k.lat, 4) for k in ks],
            "lon": [round(k.lon, 4) for k in ks],
            "x": [where[k.id][0] for k in ks],
            "y": [where[k.id][1] for k in ks],
            "kind": [0 if k.mpsc else 1 if k.land == "DE" else 2 for k in ks],
            "partners": [self.partners[k.id] for k in ks],
            "url": [root + kommune_path(k.id) for k in ks],
        }

    def _edges(self, index: dict[str, int], verbindungen: list[Verbindung]) -> dict[str, list]:
        """The view's lines, in the direction knowledge flows."""
        ends = [flow(v) for v in verbindungen]
        return {
            "from": [index[a] for a, _ in ends],
            "to": [index[b] for _, b in ends],
            "art": [ART_INDEX[v.art] for v in verbindungen],
            "title": [self.edge_title(v) for v in verbindungen],
        }


def ego_positions(focus: Kommune, others: list[Kommune]) -> dict[str, tuple[int, int]]:
    """The Kommune in the middle, its partners around it in the direction they lie on the map."""
    out = {focus.id: (0, 0)}
    if not others:
        return out
    k = math.cos(math.radians(focus.lat))

    def bearing(other: Kommune) -> float:
        return math.atan2(other.lat - focus.lat, (other.lon - focus.lon) * k)

    ordered = sorted(others, key=lambda o: (bearing(o), o.id))
    radius = 220 + 18 * len(ordered)
    start = bearing(ordered[0])
    for n, other in enumerate(ordered):
        angle = start + 2 * math.pi * n / len(ordered)
        out[other.id] = (round(radius * math.cos(angle)), round(-radius * math.sin(angle)))
    return out


def grouped(verbindungen: list[Verbindung]) -> list[tuple[Any, list[Verbindung]]]:
    """Connections grouped by Art, in the order of ARTEN, empty groups left out."""
    return [
        (a, [v for v in verbindungen if v.art == a.id])
        for a in ARTEN
        if any(v.art == a.id for v in verbindungen)
    ]


@dataclass(frozen=True)
class SiteContext:
    """What every page builder reads."""

    net: Network
    analysis: Analysis
    metrics: Metrics
    views: ViewBuilder
    name: dict[str, str]
    top_by_land: dict[str, list[tuple[str, int]]]
    pair_connections: dict[tuple[str, str], list[int]]  # (a, b) with a < b -> indices
    small: frozenset[str]  # Kommunen with at most HUB_WALK connections


def kommune_page(site: SiteContext, k: Kommune) -> PageSpec:
    """The page of one Kommune (built lazily: there may be eleven thousand of them)."""
    net, analysis, metrics, views, name = (
        site.net,
        site.analysis,
        site.metrics,
        site.views,
        site.name,
    )
    top_by_land = site.top_by_land
    path = kommune_path(k.id)
    root = "../../"
    connections = net.connections(metrics.by_kommune[k.id])
    partner_ids = sorted(metrics.partners[k.id], key=lambda p: (name[p], p))
    if len(partner_ids) > VIEW_NODES:
        top = set(sorted(partner_ids, key=lambda p: (-analysis.partners[p], p))[:VIEW_NODES])
        partner_ids = [p for p in partner_ids if p in top]
    ego = [k.id, *partner_ids]
    ego_set = set(ego)
    # Links among the partners: the connections of the Kommune and of each partner with at
    # most HUB_WALK connections (a hub's thousands need not be walked: its links to other
    # partners show up in those partners' lists). Pairs are found by set intersection.
    small = site.small
    found: list[int] = []
    for p in ego:
        for q in metrics.partners[p] & ego_set:
            if p < q and (p == k.id or q == k.id or p in small or q in small):
                found.extend(site.pair_connections[p, q])
    found.sort()
    among = [net.verbindungen[i] for i in found[:VIEW_EDGES]]
    others = [net.kommune_by_id[p] for p in partner_ids]
    return PageSpec(
        ROUTE["kommune"].template,
        path,
        k.name,
        _kommune_description(k, len(metrics.partners[k.id])),
        crumbs=(ROUTE["kommunen"].crumb,),
        context={
            "kommune": k,
            "groups": grouped(connections),
            "connection_count": len(connections),
            "partner_count": len(metrics.partners[k.id]),
            "massnahmen": [net.massnahme_by_id[m] for m in metrics.massnahmen_of[k.id]],
            "similar": metrics.similar[k.id],
            "felder": metrics.felder_of[k.id].most_common(),
            "nearby": [x for x in top_by_land.get(k.bundesland or k.land, ()) if x[0] != k.id][:5],
            "suggestions": analysis.suggestions[k.id],
            "view": views.build(
                root, ego, among, focus=(k.id,), positions=ego_positions(k, others)
            ),
        },
    )


def site_pages(
    net: Network, analysis: Analysis, metrics: Metrics
) -> Iterator[PageSpec | Callable[[], PageSpec]]:
    """Every page of the site except the dashboard, in a stable order; the many Kommune
    pages come as builders, so that they can be built in parallel."""
    views = ViewBuilder(net, analysis)
    yield from _kommune_pages(net, analysis, metrics, views)
    yield from _massnahme_pages(net, metrics, views)
    yield from _feld_pages(net, analysis, metrics, views)
    yield _analyse_page(net, analysis, metrics, views)
    yield from _static_pages(net)


def _kommune_pages(
    net: Network, analysis: Analysis, metrics: Metrics, views: ViewBuilder
) -> Iterator[PageSpec | Callable[[], PageSpec]]:
    """Kommunen A–Z and a builder for each Kommune's page."""
    name = views.name
    top_by_land = _top_by_bundesland(net, analysis)
    yield PageSpec(
        ROUTE["kommunen"].template,
        ROUTE["kommunen"].path,
        ROUTE["kommunen"].title,
        f"Alle {len(net.kommunen)} Kommunen des Netzwerks, "
        "filterbar nach Bundesland, Typ und Modellprojekt.",
        context={
            "letters": _by_letter(net.kommunen),
            "typen": TYPEN,
            "bundeslaender": sorted(BUNDESLAENDER),
        },
    )
    pair_connections: dict[tuple[str, str], list[int]] = {}
    for i, v in enumerate(net.verbindungen):
        pair_connections.setdefault((min(v.von, v.nach), max(v.von, v.nach)), []).append(i)
    small = frozenset(k for k, ix in metrics.by_kommune.items() if len(ix) <= HUB_WALK)
    site = SiteContext(net, analysis, metrics, views, name, top_by_land, pair_connections, small)
    for k in net.kommunen:
        yield partial(kommune_page, site, k)


def _massnahme_pages(net: Network, metrics: Metrics, views: ViewBuilder) -> Iterator[PageSpec]:
    """The Maßnahmen's index and a page for each."""
    name = views.name
    yield PageSpec(
        ROUTE["massnahmen"].template,
        ROUTE["massnahmen"].path,
        ROUTE["massnahmen"].title,
        f"Alle {len(net.massnahmen)} Maßnahmen mit ihren Trägern und Übertragungen.",
        context={"counts": {m.id: len(metrics.by_massnahme[m.id]) for m in net.massnahmen}},
    )
    for m in net.massnahmen:
        connections = net.connections(metrics.by_massnahme[m.id])
        chain = _chain(m, connections)
        members = sorted(
            {*m.kommunen, *(x for v in connections for x in (v.von, v.nach))},
            key=lambda x: (name[x], x),
        )
        yield PageSpec(
            ROUTE["massnahme"].template,
            massnahme_path(m.id),
            m.titel,
            f"Maßnahme „{m.titel}“: wer sie trägt, wer sie gemeinsam entwickelt hat "
            "und wohin sie übertragen wurde.",
            crumbs=(ROUTE["massnahmen"].crumb,),
            context={
                "massnahme": m,
                "link": net.site.massnahme_link(m),
                "kontakte": _kontakte(net, m),
                "chain": chain,
                "groups": grouped(connections),
                "view": views.build(
                    "../../", members, connections, focus=m.kommunen, levels=chain["levels"]
                ),
            },
        )


def _kontakte(net: Network, m: Massnahme) -> list[tuple[str, str]]:
    """Whom to contact about a Maßnahme, as (whose, link): its own kontakt ('' as whose),
    else that of each carrying Kommune that has one."""
    if m.kontakt:
        return [("", m.kontakt_href)]
    carriers = (net.kommune_by_id[k] for k in m.kommunen)
    return [(k.name, k.kontakt_href) for k in carriers if k.kontakt]


def _feld_pages(
    net: Network, analysis: Analysis, metrics: Metrics, views: ViewBuilder
) -> Iterator[PageSpec]:
    """The Handlungsfelder's index and a page for each."""
    name = views.name
    yield PageSpec(
        ROUTE["handlungsfelder"].template,
        ROUTE["handlungsfelder"].path,
        ROUTE["handlungsfelder"].title,
        "Die Handlungsfelder, in denen sich die Kommunen vernetzen.",
        context={
            "counts": {f.value: f.count for f in analysis.handlungsfelder},
            "hubs": {h: metrics.feld_hubs[h][:3] for h in metrics.feld_hubs},
        },
    )
    for h in net.handlungsfelder:
        connections = net.connections(metrics.by_feld[h.id])
        members = sorted(
            {x for v in connections for x in (v.von, v.nach)}, key=lambda x: (name[x], x)
        )
        field_partners = metrics.feld_partner_counts[h.id]
        shown, shown_connections, cut = backbone(members, connections, field_partners)
        regional = metrics.feld_bundeslaender[h.id]
        yield PageSpec(
            ROUTE["handlungsfeld"].template,
            feld_path(h.id),
            h.name,
            f"Handlungsfeld {h.name}: {len(connections)} Verbindungen, "
            "die Knoten und die regionale Verteilung.",
            crumbs=(ROUTE["handlungsfelder"].crumb,),
            context={
                "feld": h,
                "connections": connections[:LIST_LIMIT],
                "total": len(connections),
                "kommunen_count": len(members),
                "hubs": metrics.feld_hubs[h.id],
                "regional": sorted(regional.items(), key=lambda x: (-x[1], x[0])),
                "regional_max": max(regional.values(), default=0) or 1,
                "massnahmen": [m for m in net.massnahmen if h.id in m.handlungsfelder],
                "view": views.build("../../", shown, shown_connections),
                "caption": _cut_caption(cut, len(shown), len(shown_connections)),
            },
        )


def _analyse_page(
    net: Network, analysis: Analysis, metrics: Metrics, views: ViewBuilder
) -> PageSpec:
    """The Analyse page: rankings, clusters, regions, abroad, growth and the whole graph."""
    colours = {
        k: CLUSTER_COLOURS[(c - 1) % len(CLUSTER_COLOURS)] for k, c in metrics.cluster_of.items()
    }
    connected = [k.id for k in net.kommunen if metrics.partners[k.id]]
    shown, shown_connections, cut = backbone(connected, list(net.verbindungen), analysis.partners)
    return PageSpec(
        ROUTE["analyse"].template,
        ROUTE["analyse"].path,
        ROUTE["analyse"].title,
        "Knoten, Cluster, regionale Schwerpunkte, internationale Verbindungen "
        "und Wachstum des Netzwerks.",
        context={
            "degree": metrics.degree_ranking,
            "models": metrics.model_ranking,
            "learners": metrics.learner_ranking,
            "betweenness": metrics.betweenness_ranking,
            "sampled": metrics.betweenness_sampled,
            "clusters": metrics.clusters,
            "cluster_colours": CLUSTER_COLOURS,
            "page": analysis.page,  # every figure for all and for the belegt connections
            "matrix": _matrix(net, metrics),
            "international": [
                (
                    code,
                    LAENDER.get(code, code),
                    net.connections(ix),
                    _abroad_partners(net, code, ix),
                )
                for code, ix in metrics.international
            ],
            "growth": growth_chart(metrics.growth),
            "view": views.build(
                "../",
                shown,
                shown_connections,
                colours=colours,
            ),
            "caption": "Farbe der Punkte: Cluster wie in der Liste oben; Linien nach Art. "
            + _cut_caption(cut, len(shown), len(shown_connections)),
        },
    )


def _static_pages(net: Network) -> Iterator[PageSpec]:
    """Daten, the Erklärung zur Barrierefreiheit, Leichte Sprache and the Suche."""
    yield PageSpec(
        ROUTE["daten"].template,
        ROUTE["daten"].path,
        ROUTE["daten"].title,
        "Quellen, Methode, Lizenz und Downloads der Netzwerkdaten (CSV, JSON, GeoJSON, GraphML).",
        context={},
    )
    yield PageSpec(
        ROUTE["barrierefreiheit"].template,
        ROUTE["barrierefreiheit"].path,
        ROUTE["barrierefreiheit"].title,
        "Wie barrierefrei das Netzwerk-Dashboard ist, was noch nicht barrierefrei ist und "
        "wo Sie Barrieren melden können (BITV 2.0).",
        context={"erklaerung": net.site.barrierefreiheit},
    )
    yield PageSpec(
        ROUTE["leichte_sprache"].template,
        ROUTE["leichte_sprache"].path,
        ROUTE["leichte_sprache"].title,
        "Das Netzwerk-Dashboard in Leichter Sprache: was es zeigt und wie Sie es benutzen.",
        context={},
    )
    yield PageSpec(
        ROUTE["suche"].template,
        ROUTE["suche"].path,
        ROUTE["suche"].title,
        "Suche in den Namen und Beschreibungen der Kommunen, Maßnahmen, Handlungsfelder "
        "und Verbindungen.",
        context={"listen": [ROUTE[kind].crumb for kind in LISTS]},
    )


def _cut_caption(cut: bool, nodes: int, edges: int) -> str:
    if not cut:
        return ""
    return (
        f"Ausschnitt: die {nodes} Kommunen mit den meisten Partnern und die {edges} Verbindungen "
        "zwischen ihnen; alle Verbindungen stehen im Dashboard und in der Liste."
    )


def _abroad_partners(net: Network, code: str, indices: tuple[int, ...]) -> list[tuple[str, int]]:
    """The partner cities in one country with their number of connections."""
    counts: dict[str, int] = {}
    for i in indices:
        v = net.verbindungen[i]
        for end in (v.von, v.nach):
            if net.kommune_by_id[end].land == code:
                counts[end] = counts.get(end, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], net.kommune_by_id[kv[0]].name, kv[0]))


def _kommune_description(k: Kommune, partners: int) -> str:
    where = k.bundesland if k.land == "DE" else LAENDER.get(k.land, k.land)
    mpsc = f"Modellprojekt Smart Cities (Staffel {k.staffel})" if k.mpsc else TYPEN[k.typ]
    return (
        f"{k.name} ({where}), {mpsc}: "
        f"{partners} {'Partnerkommune' if partners == 1 else 'Partnerkommunen'} im Netzwerk, "
        "Verbindungen und Maßnahmen."
    )


def _by_letter(kommunen: tuple[Kommune, ...]) -> list[tuple[str, list[Kommune]]]:
    letters: dict[str, list[Kommune]] = {}
    for k in sorted(kommunen, key=lambda k: (sort_key(k.name), k.id)):
        first = sort_key(k.name)[:1].upper()
        letters.setdefault(first if first.isalpha() else "#", []).append(k)
    return sorted(letters.items())


def _top_by_bundesland(net: Network, analysis: Analysis) -> dict[str, list[tuple[str, int]]]:
    """The Kommunen with most partners per Bundesland (per country abroad)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for k in sorted(net.kommunen, key=lambda k: (-analysis.partners[k.id], k.name, k.id)):
        if analysis.partners[k.id]:
            bucket = out.setdefault(k.bundesland or k.land, [])
            if len(bucket) < 6:
                bucket.append((k.id, analysis.partners[k.id]))
    return out


def _chain(m, connections: list[Verbindung]) -> dict[str, Any]:
    """Who developed a Maßnahme, where it went, who took it as a model; graph levels by role."""
    developers = sorted(
        {x for v in connections if v.art == "entwicklungspartnerschaft" for x in (v.von, v.nach)}
    )
    transfers = [v for v in connections if v.art == "uebertragung"]
    models = [v for v in connections if v.art == "vorbild"]
    exchange = [v for v in connections if v.art == "wissensaustausch"]
    levels: dict[str, int] = {}
    for k in (*m.kommunen, *developers, *(v.von for v in transfers), *(v.nach for v in models)):
        levels[k] = 0
    for v in transfers:
        levels.setdefault(v.nach, 1)
    for v in models:
        levels.setdefault(v.von, 1)
    for v in exchange:
        levels.setdefault(v.von, 1)
        levels.setdefault(v.nach, 1)
    adopters = sorted({v.nach for v in transfers})
    return {
        "developers": developers,
        "carriers": list(m.kommunen),
        "transfers": transfers,
        "adopters": adopters,
        "models": models,
        "exchange": exchange,
        "levels": levels,
    }


def _matrix(net: Network, metrics: Metrics) -> dict[str, Any]:
    """Handlungsfeld × Bundesland counts with a 0–5 heat class per cell."""
    lands = sorted(BUNDESLAENDER)
    rows = []
    peak = (
        max((n for table in metrics.feld_bundeslaender.values() for n in table.values()), default=0)
        or 1
    )
    for h in sorted(net.handlungsfelder, key=lambda h: h.name):
        table = metrics.feld_bundeslaender[h.id]
        rows.append((h, [(table[bl], math.ceil(5 * table[bl] / peak)) for bl in lands]))
    return {"lands": lands, "rows": rows, "short": {bl: _short(bl) for bl in lands}}


def _short(bundesland: str) -> str:
    return SHORT_NAMES[bundesland]


def growth_chart(growth: tuple[tuple[str, tuple[int, ...]], ...]) -> dict[str, Any]:
    """Geometry of a stacked bar chart (new connections per half-year by Art) as inline SVG."""
    width, height, top, bottom = 720, 220, 22, 26
    n = max(len(growth), 1)
    gap = 10
    bar = (width - gap * (n + 1)) / n
    peak = max((sum(c) for _, c in growth), default=0) or 1
    bars = []
    cumulative = 0
    for i, (zeitraum, counts) in enumerate(growth):
        x = gap + i * (bar + gap)
        y: float = height - bottom
        segments = []
        for art, count in zip(ARTEN, counts, strict=True):
            if count:
                h = count / peak * (height - top - bottom)
                y -= h
                segments.append(
                    {
                        "x": round(x, 1),
                        "y": round(y, 1),
                        "h": round(h, 1),
                        "art": art,
                        "count": count,
                    }
                )
        cumulative += sum(counts)
        bars.append(
            {
                "label": zeitraum.replace("-", " "),
                "title": zeitraum_label(zeitraum),
                "total": sum(counts),
                "cumulative": cumulative,
                "x": round(x, 1),
                "mid": round(x + bar / 2, 1),
                "top": round(y, 1),
                "segments": segments,
            }
        )
    return {
        "width": width,
        "height": height,
        "bar": round(bar, 1),
        "base": height - bottom,
        "bars": bars,
    }
