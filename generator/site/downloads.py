"""Render phase, data downloads: the whole network as CSV, JSON, GeoJSON and GraphML."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from generator.analysis.analyse import sort_key
from generator.content.model import Network
from generator.content.schema import RECORD_ORDER, TABLE_BY_NAME, Column, verbindung_id
from generator.content.schema import TABLES as SCHEMA_TABLES
from generator.content.vocab import ART_BY_ID

DOWNLOADS = (
    ("kommunen.csv", "Kommunen als Tabelle (CSV, UTF-8, Komma)"),
    ("verbindungen.csv", "Verbindungen als Tabelle (CSV, UTF-8, Komma)"),
    ("massnahmen.csv", "Maßnahmen als Tabelle (CSV, UTF-8, Komma)"),
    ("handlungsfelder.csv", "Handlungsfelder als Tabelle (CSV, UTF-8, Komma)"),
    (
        "kommunen-excel.csv",
        "Kommunen für Excel (Semikolon, UTF-8 mit BOM, Dezimalkomma): öffnet per Doppelklick",
    ),
    ("verbindungen-excel.csv", "Verbindungen für Excel (Semikolon, UTF-8 mit BOM)"),
    ("massnahmen-excel.csv", "Maßnahmen für Excel (Semikolon, UTF-8 mit BOM)"),
    ("handlungsfelder-excel.csv", "Handlungsfelder für Excel (Semikolon, UTF-8 mit BOM)"),
    ("netzwerk.json", "Alles in einer JSON-Datei (Listen als Arrays, fehlende Werte als null)"),
    ("netzwerk.geojson", "GeoJSON: Kommunen als Punkte, Verbindungen als Linien, jeweils mit id"),
    (
        "netzwerk.graphml",
        "GraphML für Gephi, yEd, networkx oder igraph, mit Typen, Positionen (x, y) wie im "
        "Graph des Dashboards und Cluster wie auf der Analyse-Seite",
    ),
    (
        "cluster.csv",
        "Mitglieder der Cluster wie auf der Analyse-Seite (alle Verbindungen; CSV, UTF-8, Komma): "
        "Nummer des Clusters, id und Name der Kommune",
    ),
    ("datapackage.json", "Beschreibung aller Dateien als Frictionless Data Package"),
)


@dataclass(frozen=True)
class Field:
    """A column of a download: name, Frictionless type and what it means, in German."""

    name: str
    type: str
    description: str
    constraints: tuple[tuple[str, object], ...] = ()
    is_list: bool = False


def _f(name: str, type_: str, description: str, **constraints: object) -> Field:
    return Field(name, type_, description, tuple(constraints.items()))


def _field(c: Column) -> Field:
    """A download's field from the schema's column: required and enum exactly as validation
    decides (a column required only under a condition is not required in the file)."""
    constraints: dict[str, object] = {}
    if c.required:
        constraints["required"] = True
    if c.enum:
        constraints["enum"] = list(c.enum)
    if c.pattern:
        constraints["pattern"] = c.pattern
    if c.type == "string" and not c.is_list:
        constraints["maxLength"] = c.max_length
    return Field(c.name, c.type, c.description, tuple(constraints.items()), c.is_list)


SCHEMAS: dict[str, tuple[Field, ...]] = {
    t.name: tuple(_field(c) for c in t.columns) for t in SCHEMA_TABLES
}
TABLES = tuple(SCHEMAS)
# Derived from the record, in every download of the Verbindungen (CSV, JSON, GeoJSON, GraphML).
BELEGT = _f(
    "belegt",
    "boolean",
    "ja, wenn eine öffentliche Quelle oder die KTS die Verbindung belegt; nein bei "
    "Beispieldatensätzen (illustrativ)",
)
# Fields that exist only in the GraphML (and, for gerichtet, the JSON and GeoJSON).
EXTRA_FIELDS = (
    BELEGT,
    _f("gerichtet", "boolean", "true bei Vorbild und Übertragung, false bei den anderen Arten"),
    _f("x", "number", "waagerechte Position im Graph des Dashboards (nur GraphML)"),
    _f("y", "number", "senkrechte Position im Graph des Dashboards (nur GraphML)"),
    _f("cluster", "integer", "Nummer des Clusters wie auf der Analyse-Seite (nur GraphML)"),
)
# The columns of cluster.csv (its header and its datapackage schema).
CLUSTER_FIELDS = (
    _f(
        "cluster",
        "integer",
        "Nummer des Clusters wie auf der Analyse-Seite und in der GraphML (Cluster über alle "
        "Verbindungen)",
        required=True,
    ),
    _f("kommune", "string", "id der Kommune (Spalte id in kommunen.csv)", required=True),
    _f("name", "string", "Name der Kommune", required=True),
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
    "belegt": "boolean",
}


def csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    """A CSV file as the content schema expects it: UTF-8, comma, LF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def excel_csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    """A CSV file as German Excel opens it on a double-click: ';', UTF-8 with BOM, CRLF,
    decimal comma. The build reads it back as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(
        [[str(v).replace(".", ",") if isinstance(v, float) else v for v in row] for row in rows]
    )
    return buffer.getvalue().encode("utf-8-sig")


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
        "kontakt": k.kontakt,
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
            "kontakt": m.kontakt,
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


def typed_record(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """A record with its types: lists as lists, ja/nein as booleans, missing values as None."""
    fields = {f.name: f for f in SCHEMAS[kind]}
    out: dict[str, Any] = {}
    for key, value in record.items():
        field = fields.get(key)
        if field is not None and field.is_list:
            out[key] = [v for v in str(value).split("|") if v]
        elif field is not None and field.type == "boolean":
            out[key] = value == "ja"
        else:
            out[key] = None if value == "" else value
    return out


def flat_record(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """The inverse of typed_record: the record as its CSV row holds it (also takes flat ones);
    fields that are not columns (gerichtet) are left out."""
    fields = {f.name: f for f in SCHEMAS[kind]}
    out: dict[str, Any] = {}
    for key, value in record.items():
        field = fields.get(key)
        if field is None:
            continue
        if isinstance(value, list):
            out[key] = "|".join(str(v) for v in value)
        elif field.type == "boolean" and isinstance(value, bool):
            out[key] = "ja" if value else "nein"
        else:
            out[key] = "" if value is None else value
    return out


def data_files(
    net: Network, positions: dict[str, tuple[int, int]], clusters: dict[str, int]
) -> list[tuple[str, bytes]]:
    """Every download, as (path under daten/, bytes); the GraphML also holds the dashboard
    graph's positions and the analysis page's clusters. Same input, same bytes."""
    records = network_records(net)
    typed = {kind: [typed_record(kind, r) for r in records[kind]] for kind in TABLES}
    for record, v in zip(typed["verbindungen"], net.verbindungen, strict=True):
        record["gerichtet"] = ART_BY_ID[v.art].directed
        record["belegt"] = v.belegt
    tables = {**records, "verbindungen": _with_belegt(net, records["verbindungen"])}
    files = [(f"{kind}.csv", _table(tables[kind])) for kind in TABLES]
    files += [(f"{kind}-excel.csv", _table(tables[kind], excel=True)) for kind in TABLES]
    files += [
        (
            "netzwerk.json",
            _json(
                {
                    "titel": net.site.title,
                    "datenstand": net.site.datenstand.isoformat(),
                    **{kind: typed[kind] for kind in REPORT_KINDS},
                }
            ),
        ),
        ("netzwerk.geojson", _json(_geojson(net, typed["kommunen"], typed["verbindungen"]))),
        (
            "netzwerk.graphml",
            _graphml(net, records["kommunen"], records["verbindungen"], positions, clusters),
        ),
    ]
    files.append(("cluster.csv", cluster_table(net, clusters)))
    files.append(("datapackage.json", _json(datapackage(net), indent=1)))
    return [(f"daten/{name}", data) for name, data in files]


# The order of the kinds in netzwerk.json (as before typed values: readers may rely on it).
REPORT_KINDS = RECORD_ORDER


def _table(records: list[dict], excel: bool = False) -> bytes:
    header = list(records[0]) if records else []
    rows = [list(r.values()) for r in records]
    return excel_csv_bytes(header, rows) if excel else csv_bytes(header, rows)


def _json(value: object, indent: int | None = None) -> bytes:
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(value, ensure_ascii=False, separators=separators, indent=indent)
    return (text + "\n").encode("utf-8")


def _with_belegt(net: Network, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The Verbindungen's rows as the CSV downloads hold them: with belegt (ja or nein)."""
    return [
        {**r, "belegt": "ja" if v.belegt else "nein"}
        for r, v in zip(records, net.verbindungen, strict=True)
    ]


def cluster_table(net: Network, clusters: dict[str, int]) -> bytes:
    """cluster.csv: every Kommune of a cluster, by cluster number, then by name."""
    rows = sorted(
        ([n, k.id, k.name] for k in net.kommunen if (n := clusters.get(k.id)) is not None),
        key=lambda row: (row[0], sort_key(str(row[2])), row[1]),
    )
    return csv_bytes([f.name for f in CLUSTER_FIELDS], rows)


def _schema(kind: str) -> dict[str, Any]:
    fields = []
    for f in (*SCHEMAS[kind], *((BELEGT,) if kind == "verbindungen" else ())):
        entry: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
        if f.type == "boolean":
            entry.update(trueValues=["ja"], falseValues=["nein"])
        if f.constraints:
            entry["constraints"] = dict(f.constraints)
        fields.append(entry)
    key = list(TABLE_BY_NAME[kind].key)
    return {"fields": fields, "primaryKey": key, "missingValues": [""]}


def datapackage(net: Network) -> dict[str, Any]:
    """A Frictionless Data Package describing every download: fields, types, licence."""
    labels = dict(DOWNLOADS)
    resources: list[dict[str, Any]] = []
    for kind in TABLES:
        resources.append(
            {
                "name": kind,
                "path": f"{kind}.csv",
                "title": labels[f"{kind}.csv"],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(kind),
            }
        )
    for kind in TABLES:
        schema = _schema(kind)
        for entry in schema["fields"]:
            if entry["type"] == "number":
                entry["decimalChar"] = ","
        resources.append(
            {
                "name": f"{kind}-excel",
                "path": f"{kind}-excel.csv",
                "title": labels[f"{kind}-excel.csv"],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ";"},
                "schema": schema,
            }
        )
    resources.append(
        {
            "name": "cluster",
            "path": "cluster.csv",
            "title": labels["cluster.csv"],
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [
                    {"name": f.name, "type": f.type, "description": f.description}
                    | ({"constraints": dict(f.constraints)} if f.constraints else {})
                    for f in CLUSTER_FIELDS
                ],
                "primaryKey": ["kommune"],
                "foreignKeys": [
                    {"fields": ["kommune"], "reference": {"resource": "kommunen", "fields": ["id"]}}
                ],
                "missingValues": [""],
            },
        }
    )
    for name, mediatype in (
        ("netzwerk.json", "application/json"),
        ("netzwerk.geojson", "application/geo+json"),
        ("netzwerk.graphml", "application/graphml+xml"),
    ):
        resources.append(
            {
                "name": name.replace(".", "-"),
                "path": name,
                "title": labels[name],
                "format": name.rsplit(".", 1)[1],
                "mediatype": mediatype,
            }
        )
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": "netzwerk-modellprojekte-smart-cities",
        "title": net.site.title,
        "description": net.site.description,
        "homepage": net.site.base_url,
        "version": net.site.datenstand.isoformat(),
        "resources": resources,
    }
    if net.site.licence_name:
        licence = {"title": net.site.licence_name}
        if net.site.licence_url:
            licence["path"] = net.site.licence_url
        licence["name"] = "dl-de-by-2.0" if "dl-de/by-2-0" in net.site.licence_url else "other"
        package["licenses"] = [licence]
    return package


def _geojson(net: Network, kommunen: list[dict], verbindungen: list[dict]) -> dict:
    """Points and lines with ids (the Kommune's id; von|nach|art|zeitraum for a line)."""
    where = {k.id: [k.lon, k.lat] for k in net.kommunen}
    features = [
        {
            "type": "Feature",
            "id": k["id"],
            "geometry": {"type": "Point", "coordinates": where[k["id"]]},
            "properties": k,
        }
        for k in kommunen
    ]
    features += [
        {
            "type": "Feature",
            "id": verbindung_id(v),
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
        {**record, "gerichtet": ART_BY_ID[v.art].directed, "belegt": v.belegt}
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
