"""Render phase, data downloads: the whole network as CSV, JSON, GeoJSON and GraphML."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape as xml_escape

from generator.model import Network
from generator.vocab import ART_BY_ID

DOWNLOADS = (
    ("kommunen.csv", "Kommunen als Tabelle (CSV, UTF-8, Komma)"),
    ("verbindungen.csv", "Verbindungen als Tabelle (CSV, UTF-8, Komma)"),
    ("massnahmen.csv", "Maßnahmen als Tabelle (CSV, UTF-8, Komma)"),
    ("handlungsfelder.csv", "Handlungsfelder als Tabelle (CSV, UTF-8, Komma)"),
    ("netzwerk.json", "Alles in einer JSON-Datei"),
    ("netzwerk.geojson", "GeoJSON: Kommunen als Punkte, Verbindungen als Linien"),
    (
        "netzwerk.graphml",
        "GraphML für Gephi, yEd oder networkx, mit Positionen (x, y) wie im Graph des "
        "Dashboards und Cluster wie auf der Analyse-Seite",
    ),
)
# GraphML attribute types other than string; x, y and cluster exist in GraphML only.
GRAPHML_TYPES = {
    "lat": "double",
    "lon": "double",
    "x": "double",
    "y": "double",
    "staffel": "int",
    "cluster": "int",
    "mpsc": "boolean",
    "gerichtet": "boolean",
}


def csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    """A CSV file as the content schema expects it: UTF-8, comma, LF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _kommune_record(k) -> dict:
    return {
        "id": k.id,
        "name": k.name,
        "typ": k.typ,
        "land": k.land,
        "bundesland": k.bundesland,
        "lat": k.lat,
        "lon": k.lon,
        "mpsc": "ja" if k.mpsc else "nein",
        "staffel": k.staffel or "",
        "ags": k.ags,
        "website": k.website,
        "beschreibung": k.beschreibung,
    }


def _verbindung_record(v) -> dict:
    return {
        "von": v.von,
        "nach": v.nach,
        "art": v.art,
        "handlungsfelder": "|".join(v.handlungsfelder),
        "massnahme": v.massnahme or "",
        "zeitraum": v.zeitraum,
        "beschreibung": v.beschreibung,
        "quelle": v.quelle,
        "quelle_url": v.quelle_url,
    }


def network_records(net: Network) -> dict[str, list[dict]]:
    """The records of every download: Handlungsfelder, Kommunen, Verbindungen, Maßnahmen."""
    kommunen = [_kommune_record(k) for k in net.kommunen]
    verbindungen = [_verbindung_record(v) for v in net.verbindungen]
    massnahmen = [
        {
            "id": m.id,
            "titel": m.titel,
            "beschreibung": m.beschreibung,
            "handlungsfelder": "|".join(m.handlungsfelder),
            "kommunen": "|".join(m.kommunen),
            "url": net.site.massnahme_link(m),
        }
        for m in net.massnahmen
    ]
    felder = [
        {"id": h.id, "name": h.name, "farbe": h.farbe, "beschreibung": h.beschreibung}
        for h in net.handlungsfelder
    ]
    return {
        "handlungsfelder": felder,
        "kommunen": kommunen,
        "verbindungen": verbindungen,
        "massnahmen": massnahmen,
    }


def data_files(
    net: Network, positions: dict[str, tuple[int, int]], clusters: dict[str, int]
) -> list[tuple[str, bytes]]:
    """Every download, as (path under daten/, bytes); the GraphML also holds the dashboard
    graph's positions and the analysis page's clusters. Same input, same bytes."""
    records = network_records(net)
    felder, kommunen = records["handlungsfelder"], records["kommunen"]
    verbindungen, massnahmen = records["verbindungen"], records["massnahmen"]
    files = [
        ("kommunen.csv", _table(kommunen)),
        ("verbindungen.csv", _table(verbindungen)),
        ("massnahmen.csv", _table(massnahmen)),
        ("handlungsfelder.csv", _table(felder)),
        (
            "netzwerk.json",
            _json(
                {
                    "titel": net.site.title,
                    "datenstand": net.site.datenstand.isoformat(),
                    "handlungsfelder": felder,
                    "kommunen": kommunen,
                    "verbindungen": verbindungen,
                    "massnahmen": massnahmen,
                }
            ),
        ),
        ("netzwerk.geojson", _json(_geojson(net, kommunen, verbindungen))),
        ("netzwerk.graphml", _graphml(net, kommunen, verbindungen, positions, clusters)),
    ]
    return [(f"daten/{name}", data) for name, data in files]


def _table(records: list[dict]) -> bytes:
    header = list(records[0]) if records else []
    return csv_bytes(header, [list(r.values()) for r in records])


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _geojson(net: Network, kommunen: list[dict], verbindungen: list[dict]) -> dict:
    where = {k.id: [k.lon, k.lat] for k in net.kommunen}
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": where[k["id"]]},
            "properties": k,
        }
        for k in kommunen
    ]
    features += [
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [where[v["von"]], where[v["nach"]]]},
            "properties": v,
        }
        for v in verbindungen
    ]
    return {"type": "FeatureCollection", "features": features}


def _graphml(
    net: Network,
    kommunen: list[dict],
    verbindungen: list[dict],
    positions: dict[str, tuple[int, int]],
    clusters: dict[str, int],
) -> bytes:
    """GraphML written directly: the networkx writer takes seconds per 10,000 edges."""
    nodes = [
        {
            **record,
            "mpsc": k.mpsc,
            "x": positions[k.id][0],
            "y": positions[k.id][1],
            "cluster": clusters.get(k.id, ""),
        }
        for k, record in zip(net.kommunen, kommunen, strict=True)
    ]
    edges = [
        {**record, "gerichtet": ART_BY_ID[v.art].directed}
        for v, record in zip(net.verbindungen, verbindungen, strict=True)
    ]
    node_keys = [key for key in (nodes[0] if nodes else {}) if key != "id"]
    edge_keys = list(edges[0]) if edges else []
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ]
    lines += [
        f'  <key id="n_{key}" for="node" attr.name="{key}" '
        f'attr.type="{GRAPHML_TYPES.get(key, "string")}"/>'
        for key in node_keys
    ]
    lines += [
        f'  <key id="e_{key}" for="edge" attr.name="{key}" '
        f'attr.type="{GRAPHML_TYPES.get(key, "string")}"/>'
        for key in edge_keys
    ]
    lines.append(f'  <graph id="{_xml(net.site.title)}" edgedefault="directed">')
    for k in nodes:
        data = "".join(
            f'<data key="n_{key}">{_graphml_value(k[key])}</data>'
            for key in node_keys
            if k[key] != ""
        )
        lines.append(f'    <node id="{_xml(k["id"])}">{data}</node>')
    for n, v in enumerate(edges):
        data = "".join(
            f'<data key="e_{key}">{_graphml_value(v[key])}</data>'
            for key in edge_keys
            if v[key] != ""
        )
        ends = f'source="{_xml(v["von"])}" target="{_xml(v["nach"])}"'
        lines.append(f'    <edge id="v{n}" {ends}>{data}</edge>')
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines).encode("utf-8")


def _graphml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _xml(str(value))


def _xml(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})
