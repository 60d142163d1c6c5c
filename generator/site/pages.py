"""Render phase, page by page: which pages exist, their paths, titles and template context."""

from __future__ import annotations

import functools
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
    ArtInfo,
    arten_in,
)
from generator.i18n import N_, SOURCE, Msg, country, lazy, lazy_n, translations
from generator.i18n import text as translated
from generator.site import deps
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
    """One page to render: template, output path, title, description and context. A page is
    built once for all languages: its texts are messages (Msg), translated when rendered."""

    template: str
    path: str
    title: str | Msg
    description: str | Msg
    crumbs: tuple[tuple[str | Msg, str], ...] = ()  # (label, path) above the page
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PerLanguage(Msg):
    """A value made for each language when the page is rendered: render.py translates a page's
    title, description and top-level context values that are messages by calling text(code),
    and this one calls make(code) (a page's view with its texts, a name with an English form)."""

    make: Callable[[str], Any] | None = None

    def text(self, code: str) -> Any:
        return self.make(code) if self.make is not None else self.singular


@dataclass(frozen=True)
class Lazy:
    """A page made when it is rendered (there may be tens of thousands), its path known
    before: serve makes again only the pages an edit reaches (deps.py)."""

    path: str
    make: Callable[[], PageSpec]

    def __call__(self) -> PageSpec:
        return self.make()


def per_language(make: Callable[[str], Any]) -> PerLanguage:
    """A value that make(code) gives for each language of the site."""
    return PerLanguage("", make=make)


def _title(kind: str) -> Msg:
    """A route's title (marked in routes.py) as a message."""
    return Msg(ROUTE[kind].title)


def _crumb(kind: str) -> tuple[Msg, str]:
    """A route's breadcrumb with its label as a message."""
    return (_title(kind), ROUTE[kind].path)


def _gettext(text: str, code: str) -> str:
    """A string marked with N_() where it is declared, in a language of the site."""
    return translations(code).gettext(text)


def phrase(v: Verbindung, name: dict[str, str], art: ArtInfo | None = None) -> str:
    """'Ulm überträgt an Madrid', 'Regensburg nimmt sich Wien zum Vorbild', 'A – B
    (Wissensaustausch)'; art: the connection's Art in the page's language (vocab.art_in)."""
    art = art or ART_BY_ID[v.art]
    said = art.says(name[v.von], name[v.nach])
    return said if art.directed else f"{said} ({art.label})"


ART_INDEX = {a.id: n for n, a in enumerate(ARTEN)}


def page_arten(code: str) -> list[dict[str, Any]]:
    """What the pages' scripts know of the Arten, in a language (the dashboard's data carry
    more, ArtInfo.client)."""
    return [
        {"id": a.id, "label": a.label, "directed": a.directed, "colour": a.colour}
        for a in arten_in(code)
    ]


class ViewBuilder:
    """The data a page's map and graph draw: nodes and edges in compact columns."""

    def __init__(self, net: Network, analysis: Analysis) -> None:
        self.net = net
        self.partners = analysis.partners
        self.positions = analysis.positions
        self.name = deps.watch({k.id: k.name for k in net.kommunen}, "pages.name")
        self.felder = net.handlungsfeld_by_id
        self.massnahmen = net.massnahme_by_id

    def edge_title(self, v: Verbindung, code: str = SOURCE.code) -> str:
        """A line's tooltip: 'Ulm überträgt an Madrid: Mobilität und Erreichbarkeit;
        Maßnahme: …; 1. Halbjahr 2023', in a language of the site."""
        arten, massnahme = _edge_words(code)
        text = (
            phrase(v, self.name, arten[v.art])
            + ": "
            + ", ".join(self.felder[h].name_in(code) for h in v.handlungsfelder)
        )
        if v.massnahme:
            text += f"; {massnahme} {self.massnahmen[v.massnahme].titel_in(code)}"
        return f"{text}; {zeitraum_label(v.zeitraum, code)}"

    def build(
        self,
        root: str,
        kommunen: list[str],
        verbindungen: list[Verbindung],
        focus: tuple[str, ...] = (),
        positions: dict[str, tuple[int, int]] | None = None,
        levels: dict[str, int] | None = None,
        colours: dict[str, str] | None = None,
    ) -> PerLanguage:
        """Columns for page.js, their texts (Arten, the lines' titles) in the page's language;
        positions default to the global layout."""
        index = {k: i for i, k in enumerate(kommunen)}
        where = positions if positions is not None else self.positions
        view: dict[str, Any] = {
            "nodes": self._nodes(root, [self.net.kommune_by_id[k] for k in kommunen], where),
            "edges": self._edges(index, verbindungen),
            "focus": [index[k] for k in focus if k in index],
            "nodeColours": NODE_COLOURS,
        }
        if levels is not None:
            view["level"] = [levels.get(k, 1) for k in kommunen]
        if colours is not None:
            view["nodes"]["colour"] = [colours.get(k, "#b8c2cc") for k in kommunen]

        def in_language(code: str) -> dict[str, Any]:
            titles = [self.edge_title(v, code) for v in verbindungen]
            return {**view, "edges": {**view["edges"], "title": titles}, "arten": page_arten(code)}

        return per_language(in_language)

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
        }


@functools.lru_cache(maxsize=8)
def _edge_words(code: str) -> tuple[dict[str, ArtInfo], str]:
    """The Arten and the label of a line's Maßnahme in one language."""
    return {a.id: a for a in arten_in(code)}, _gettext(N_("Maßnahme:"), code)


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


def kommune_page(site: SiteContext, kid: str) -> PageSpec:
    """The page of one Kommune."""
    net, analysis, metrics, views, name = (
        site.net,
        site.analysis,
        site.metrics,
        site.views,
        site.name,
    )
    k = net.kommune_by_id[kid]
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
        crumbs=(_crumb("kommunen"),),
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


def site_pages(net: Network, analysis: Analysis, metrics: Metrics) -> Iterator[Lazy | PageSpec]:
    """Every page of the site except the dashboard, in a stable order, each made when it is
    rendered (in parallel, and in serve only when an edit reaches it)."""
    views = ViewBuilder(net, analysis)
    yield from _kommune_pages(net, analysis, metrics, views)
    yield from _massnahme_pages(net, metrics, views)
    yield from _feld_pages(net, analysis, metrics, views)
    yield Lazy(ROUTE["analyse"].path, partial(_analyse_page, net, analysis, metrics, views))
    yield from _static_pages(net)


def _kommunen_index(net: Network) -> PageSpec:
    """Kommunen A–Z."""
    return PageSpec(
        ROUTE["kommunen"].template,
        ROUTE["kommunen"].path,
        _title("kommunen"),
        lazy(
            "Alle %(n)s Kommunen des Netzwerks, filterbar nach Bundesland, Typ und Modellprojekt.",
            n=len(net.kommunen),
        ),
        context={
            "letters": _by_letter(net.kommunen),
            "typen": TYPEN,
            "bundeslaender": sorted(BUNDESLAENDER),
        },
    )


def _kommune_pages(
    net: Network, analysis: Analysis, metrics: Metrics, views: ViewBuilder
) -> Iterator[Lazy]:
    """Kommunen A–Z and each Kommune's page."""
    yield Lazy(ROUTE["kommunen"].path, partial(_kommunen_index, net))
    top_by_land = deps.watch(_top_by_bundesland(net, analysis), "pages.top_by_land")
    pair_connections: dict[tuple[str, str], list[int]] = {}
    for i, v in enumerate(net.verbindungen):
        pair_connections.setdefault((min(v.von, v.nach), max(v.von, v.nach)), []).append(i)
    small = frozenset(k for k, ix in metrics.by_kommune.items() if len(ix) <= HUB_WALK)
    site = SiteContext(
        net,
        analysis,
        metrics,
        views,
        views.name,
        top_by_land,
        deps.watch(pair_connections, "pages.pair_connections"),
        deps.watch(small, "pages.small"),
    )
    for k in net.kommunen:
        yield Lazy(kommune_path(k.id), partial(kommune_page, site, k.id))


def _massnahme_pages(net: Network, metrics: Metrics, views: ViewBuilder) -> Iterator[Lazy]:
    """The Maßnahmen's index and a page for each."""
    yield Lazy(ROUTE["massnahmen"].path, partial(_massnahmen_index, net, metrics))
    for m in net.massnahmen:
        yield Lazy(massnahme_path(m.id), partial(_massnahme_page, net, metrics, views, m.id))


def _massnahmen_index(net: Network, metrics: Metrics) -> PageSpec:
    """The Maßnahmen A–Z."""
    return PageSpec(
        ROUTE["massnahmen"].template,
        ROUTE["massnahmen"].path,
        _title("massnahmen"),
        lazy("Alle %(n)s Maßnahmen mit ihren Trägern und Übertragungen.", n=len(net.massnahmen)),
        context={"counts": {m.id: len(metrics.by_massnahme[m.id]) for m in net.massnahmen}},
    )


def _massnahme_page(net: Network, metrics: Metrics, views: ViewBuilder, mid: str) -> PageSpec:
    """The page of one Maßnahme."""
    m = net.massnahme_by_id[mid]
    connections = net.connections(metrics.by_massnahme[m.id])
    chain = _chain(m, connections)
    name = views.name
    members = sorted(
        {*m.kommunen, *(x for v in connections for x in (v.von, v.nach))},
        key=lambda x: (name[x], x),
    )
    return PageSpec(
        ROUTE["massnahme"].template,
        massnahme_path(m.id),
        per_language(m.titel_in),
        per_language(partial(_massnahme_description, m)),
        crumbs=(_crumb("massnahmen"),),
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


def _massnahme_description(m: Massnahme, code: str) -> str:
    return lazy(
        "Maßnahme „%(titel)s“: wer sie trägt, wer sie gemeinsam entwickelt hat "
        "und wohin sie übertragen wurde.",
        titel=m.titel_in(code),
    ).text(code)


def _kontakte(net: Network, m: Massnahme) -> list[tuple[str, str]]:
    """Whom to contact about a Maßnahme, as (whose, link): its own kontakt ('' as whose),
    else that of each carrying Kommune that has one."""
    if m.kontakt:
        return [("", m.kontakt_href)]
    carriers = (net.kommune_by_id[k] for k in m.kommunen)
    return [(k.name, k.kontakt_href) for k in carriers if k.kontakt]


def _feld_pages(
    net: Network, analysis: Analysis, metrics: Metrics, views: ViewBuilder
) -> Iterator[Lazy]:
    """The Handlungsfelder's index and a page for each."""
    yield Lazy(ROUTE["handlungsfelder"].path, partial(_felder_index, analysis, metrics))
    for h in net.handlungsfelder:
        yield Lazy(feld_path(h.id), partial(_feld_page, net, metrics, views, h.id))


def _felder_index(analysis: Analysis, metrics: Metrics) -> PageSpec:
    """The Handlungsfelder with their counts and first hubs."""
    return PageSpec(
        ROUTE["handlungsfelder"].template,
        ROUTE["handlungsfelder"].path,
        _title("handlungsfelder"),
        lazy("Die Handlungsfelder, in denen sich die Kommunen vernetzen."),
        context={
            "counts": {f.value: f.count for f in analysis.handlungsfelder},
            "hubs": {h: metrics.feld_hubs[h][:3] for h in metrics.feld_hubs},
        },
    )


def _feld_page(net: Network, metrics: Metrics, views: ViewBuilder, hid: str) -> PageSpec:
    """The page of one Handlungsfeld."""
    h = net.handlungsfeld_by_id[hid]
    name = views.name
    connections = net.connections(metrics.by_feld[h.id])
    members = sorted({x for v in connections for x in (v.von, v.nach)}, key=lambda x: (name[x], x))
    field_partners = metrics.feld_partner_counts[h.id]
    shown, shown_connections, cut = backbone(members, connections, field_partners)
    regional = metrics.feld_bundeslaender[h.id]
    return PageSpec(
        ROUTE["handlungsfeld"].template,
        feld_path(h.id),
        per_language(h.name_in),
        per_language(partial(_feld_description, h.name_in, len(connections))),
        crumbs=(_crumb("handlungsfelder"),),
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


def _feld_description(name: Callable[[str], str], connections: int, code: str) -> str:
    return lazy_n(
        "Handlungsfeld %(name)s: %(n)s Verbindung, die Knoten und die regionale Verteilung.",
        "Handlungsfeld %(name)s: %(n)s Verbindungen, die Knoten und die regionale Verteilung.",
        connections,
        name=name(code),
    ).text(code)


def _analyse_page(
    net: Network, analysis: Analysis, metrics: Metrics, views: ViewBuilder
) -> PageSpec:
    """The Analyse page: rankings, clusters, regions, abroad, growth and the whole graph."""
    colours = {
        k: CLUSTER_COLOURS[(c - 1) % len(CLUSTER_COLOURS)] for k, c in metrics.cluster_of.items()
    }
    connected = [k.id for k in net.kommunen if metrics.partners[k.id]]
    shown, shown_connections, cut = backbone(connected, list(net.verbindungen), analysis.partners)
    international = [
        (code, net.connections(ix), _abroad_partners(net, code, ix))
        for code, ix in metrics.international
    ]
    cut_caption = _cut_caption(cut, len(shown), len(shown_connections))

    def caption(code: str) -> str:
        colours = lazy("Farbe der Punkte: Cluster wie in der Liste oben; Linien nach Art.")
        return colours.text(code) + " " + translated(cut_caption, code)

    return PageSpec(
        ROUTE["analyse"].template,
        ROUTE["analyse"].path,
        _title("analyse"),
        lazy(
            "Knoten, Cluster, regionale Schwerpunkte, internationale Verbindungen "
            "und Wachstum des Netzwerks."
        ),
        context={
            "degree": metrics.degree_ranking,
            "models": metrics.model_ranking,
            "learners": metrics.learner_ranking,
            "betweenness": metrics.betweenness_ranking,
            "sampled": metrics.betweenness_sampled,
            "clusters": metrics.clusters,
            "cluster_colours": CLUSTER_COLOURS,
            "page": analysis.page,  # every figure for all and for the belegt connections
            "matrix": per_language(partial(_matrix, net, metrics)),
            # (code, the country's name, its connections, its partners)
            "international": per_language(
                lambda lang: [
                    (c, country(c, lang, LAENDER.get(c, c)), cs, ps) for c, cs, ps in international
                ]
            ),
            "growth": per_language(partial(growth_chart, metrics.growth)),
            "view": views.build(
                "../",
                shown,
                shown_connections,
                colours=colours,
            ),
            "caption": per_language(caption),
        },
    )


def _static_pages(net: Network) -> Iterator[PageSpec]:
    """Daten, the Erklärung zur Barrierefreiheit, Leichte Sprache and the Suche."""
    yield PageSpec(
        ROUTE["daten"].template,
        ROUTE["daten"].path,
        _title("daten"),
        lazy(
            "Quellen, Methode, Lizenz und Downloads der Netzwerkdaten (CSV, JSON, GeoJSON, "
            "GraphML)."
        ),
        context={},
    )
    yield PageSpec(
        ROUTE["barrierefreiheit"].template,
        ROUTE["barrierefreiheit"].path,
        _title("barrierefreiheit"),
        "Wie barrierefrei das Netzwerk-Dashboard ist, was noch nicht barrierefrei ist und "
        "wo Sie Barrieren melden können (BITV 2.0).",
        context={"erklaerung": net.site.barrierefreiheit},
    )
    yield PageSpec(
        ROUTE["leichte_sprache"].template,
        ROUTE["leichte_sprache"].path,
        _title("leichte_sprache"),
        "Das Netzwerk-Dashboard in Leichter Sprache: was es zeigt und wie Sie es benutzen.",
        context={},
    )
    yield PageSpec(
        ROUTE["suche"].template,
        ROUTE["suche"].path,
        _title("suche"),
        lazy(
            "Suche in den Namen und Beschreibungen der Kommunen, Maßnahmen, Handlungsfelder "
            "und Verbindungen."
        ),
        context={
            "listen": per_language(
                lambda code: [(_gettext(ROUTE[k].title, code), ROUTE[k].path) for k in LISTS]
            )
        },
    )


def _cut_caption(cut: bool, nodes: int, edges: int) -> Msg | str:
    """The note under a view that shows only the best-connected part ("" for a whole one)."""
    if not cut:
        return ""
    return lazy(
        "Ausschnitt: die %(nodes)s Kommunen mit den meisten Partnern und die %(edges)s "
        "Verbindungen zwischen ihnen; alle Verbindungen stehen im Dashboard und in der Liste.",
        nodes=nodes,
        edges=edges,
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


def _kommune_description(k: Kommune, partners: int) -> PerLanguage:
    def in_language(code: str) -> str:
        if k.mpsc:
            kind = lazy("Modellprojekt Smart Cities (Staffel %(staffel)s)", staffel=str(k.staffel))
            what = kind.text(code)
        else:
            what = _gettext(TYPEN[k.typ], code)
        return lazy_n(
            "%(name)s (%(region)s), %(art)s: %(n)s Partnerkommune im Netzwerk, "
            "Verbindungen und Maßnahmen.",
            "%(name)s (%(region)s), %(art)s: %(n)s Partnerkommunen im Netzwerk, "
            "Verbindungen und Maßnahmen.",
            partners,
            name=k.name,
            region=k.region_in(code),
            art=what,
        ).text(code)

    return per_language(in_language)


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


def _matrix(net: Network, metrics: Metrics, code: str = SOURCE.code) -> dict[str, Any]:
    """Handlungsfeld × Bundesland counts with a 0–5 heat class per cell, the fields in the
    order of their names in a language of the site."""
    lands = sorted(BUNDESLAENDER)
    rows = []
    peak = (
        max((n for table in metrics.feld_bundeslaender.values() for n in table.values()), default=0)
        or 1
    )
    for h in sorted(net.handlungsfelder, key=lambda h: h.name_in(code)):
        table = metrics.feld_bundeslaender[h.id]
        rows.append((h, [(table[bl], math.ceil(5 * table[bl] / peak)) for bl in lands]))
    return {"lands": lands, "rows": rows, "short": {bl: _short(bl) for bl in lands}}


def _short(bundesland: str) -> str:
    return SHORT_NAMES[bundesland]


def growth_chart(
    growth: tuple[tuple[str, tuple[int, ...]], ...], code: str = SOURCE.code
) -> dict[str, Any]:
    """Geometry of a stacked bar chart (new connections per half-year by Art) as inline SVG;
    the half-years' names in a language of the site."""
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
                "title": zeitraum_label(zeitraum, code),
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
