"""Render phase, data downloads: the whole network as CSV, JSON, GeoJSON, GraphML and GEXF,
and the connections as arcs for Kepler.gl."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from generator.analysis.analyse import sort_key
from generator.content.model import Network, Verbindung
from generator.content.schema import (
    HANDLUNGSFELDER,
    MASSNAHMEN,
    RECORD_ORDER,
    TABLE_BY_NAME,
    VERBINDUNGEN,
    Column,
    Table,
    verbindung_id,
)
from generator.content.schema import TABLES as SCHEMA_TABLES
from generator.content.vocab import ART_BY_ID, NODE_COLOURS
from generator.i18n import N_
from generator.workbook.write import workbook_bytes

XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = (
    ("kommunen.csv", N_("Kommunen als Tabelle (CSV, UTF-8, Komma)")),
    ("verbindungen.csv", N_("Verbindungen als Tabelle (CSV, UTF-8, Komma)")),
    ("massnahmen.csv", N_("Maßnahmen als Tabelle (CSV, UTF-8, Komma)")),
    ("handlungsfelder.csv", N_("Handlungsfelder als Tabelle (CSV, UTF-8, Komma)")),
    (
        "kommunen-excel.csv",
        N_("Kommunen für Excel (Semikolon, UTF-8 mit BOM, Dezimalkomma): öffnet per Doppelklick"),
    ),
    ("verbindungen-excel.csv", N_("Verbindungen für Excel (Semikolon, UTF-8 mit BOM)")),
    ("massnahmen-excel.csv", N_("Maßnahmen für Excel (Semikolon, UTF-8 mit BOM)")),
    ("handlungsfelder-excel.csv", N_("Handlungsfelder für Excel (Semikolon, UTF-8 mit BOM)")),
    ("netzwerk.json", N_("Alles in einer JSON-Datei (Listen als Arrays, fehlende Werte als null)")),
    (
        "netzwerk.geojson",
        N_(
            "GeoJSON für Kepler.gl, QGIS oder geojson.io: Kommunen als Punkte, Verbindungen als "
            "Linien, jeweils mit id und flachen Eigenschaften (Listen mit | getrennt und ihre "
            "Anzahl)"
        ),
    ),
    (
        "netzwerk.graphml",
        N_(
            "GraphML für Gephi, yEd, networkx oder igraph, mit Typen, Positionen (x, y) wie im "
            "Graph des Dashboards und Cluster wie auf der Analyse-Seite"
        ),
    ),
    (
        "netzwerk.gexf",
        N_(
            "GEXF 1.3 für Gephi und Gephi Lite: Positionen wie im Graph des Dashboards, Cluster, "
            "Farben und je Verbindung ihr Zeitraum für die Zeitleiste"
        ),
    ),
    (
        "boegen.csv",
        N_(
            "Bögen für Kepler.gl (CSV, UTF-8, Komma): je Verbindung Koordinaten von und nach, "
            "Art, Handlungsfelder und Beginn des Zeitraums als Datum"
        ),
    ),
    (
        "cluster.csv",
        N_(
            "Mitglieder der Cluster wie auf der Analyse-Seite (alle Verbindungen; CSV, UTF-8, "
            "Komma): Nummer des Clusters, id und Name der Kommune"
        ),
    ),
    (
        "netzwerk.xlsx",
        N_(
            "Excel-Arbeitsmappe mit allen Tabellen (Kommunen, Verbindungen, Maßnahmen, "
            "Handlungsfelder, Geschichten) und einem Blatt mit Erläuterungen zu jeder Spalte"
        ),
    ),
    ("datapackage.json", N_("Beschreibung aller Dateien als Frictionless Data Package")),
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
    N_(
        "ja, wenn eine öffentliche Quelle oder die KTS die Verbindung belegt; nein bei "
        "Beispieldatensätzen (illustrativ)"
    ),
)
# Fields that exist only in the GraphML (and, for gerichtet, the JSON and GeoJSON).
GERICHTET = _f(
    "gerichtet", "boolean", N_("true bei Vorbild und Übertragung, false bei den anderen Arten")
)
EXTRA_FIELDS = (
    BELEGT,
    GERICHTET,
    _f(
        "x",
        "number",
        N_("waagerechte Position im Graph des Dashboards (GraphML; in der GEXF als viz:position)"),
    ),
    _f(
        "y",
        "number",
        N_(
            "senkrechte Position im Graph des Dashboards, nach unten wachsend (GraphML; in der "
            "GEXF als viz:position mit umgekehrtem Vorzeichen, da Gephi nach oben zählt)"
        ),
    ),
    _f(
        "cluster", "integer", N_("Nummer des Clusters wie auf der Analyse-Seite (GraphML und GEXF)")
    ),
    _f(
        "handlungsfelder_anzahl",
        "integer",
        N_(
            "Zahl der Handlungsfelder einer Verbindung (nur GeoJSON, deren Listen mit | "
            "getrennt sind)"
        ),
    ),
    _f(
        "datum",
        "date",
        N_(
            "erster Tag des Zeitraums, etwa 2025-07-01 für 2025-H2 (GeoJSON und boegen.csv, für "
            "den Zeitfilter von Kepler.gl; in der GEXF als Beginn der Zeitspanne)"
        ),
    ),
)
# The columns of cluster.csv (its header and its datapackage schema).
CLUSTER_FIELDS = (
    _f(
        "cluster",
        "integer",
        N_(
            "Nummer des Clusters wie auf der Analyse-Seite und in der GraphML (Cluster über alle "
            "Verbindungen)"
        ),
        required=True,
    ),
    _f("kommune", "string", N_("id der Kommune (Spalte id in kommunen.csv)"), required=True),
    _f("name", "string", N_("Name der Kommune"), required=True),
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


def _verbindung_record(v: Verbindung) -> dict[str, str]:
    """A Verbindung as the downloads' rows hold it, in the schema's column order."""
    return {c.name: _cell(getattr(v, c.name)) for c in VERBINDUNGEN.columns}


def _schema_record(record: object, table: Table) -> dict[str, str]:
    """A record as the downloads' rows hold it: the schema's columns, in its order."""
    return {c.name: _cell(getattr(record, c.name)) for c in table.columns}


def _cell(value: object) -> str:
    """A model value as a CSV cell: lists joined with |, None empty."""
    if isinstance(value, tuple):
        return "|".join(value)
    return "" if value is None else str(value)


def network_records(net: Network) -> dict[str, list[dict]]:
    """The records of every download: Handlungsfelder, Kommunen, Verbindungen, Maßnahmen."""
    kommunen = [_kommune_record(k) for k in net.kommunen]
    verbindungen = [_verbindung_record(v) for v in net.verbindungen]
    massnahmen = [
        {**_schema_record(m, MASSNAHMEN), "url": net.site.massnahme_link(m)} for m in net.massnahmen
    ]
    felder = [_schema_record(h, HANDLUNGSFELDER) for h in net.handlungsfelder]
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
        ("netzwerk.geojson", _json(geojson(net, typed["kommunen"], typed["verbindungen"]))),
        (
            "netzwerk.graphml",
            _graphml(net, records["kommunen"], records["verbindungen"], positions, clusters),
        ),
    ]
    files += analysts_files(net, positions, clusters)
    files.append(("cluster.csv", cluster_table(net, clusters)))
    files.append(("netzwerk.xlsx", workbook_bytes(net)))
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
    resources.append(boegen_resource())
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
    resources.append(gexf_resource())
    resources.append(
        {
            "name": "netzwerk-xlsx",
            "path": "netzwerk.xlsx",
            "title": labels["netzwerk.xlsx"],
            "profile": "tabular-data-resource",
            "format": "xlsx",
            "mediatype": XLSX_MEDIATYPE,
            # frictionless reads one sheet: the first, Kommunen, with that table's schema
            "dialect": {"excel": {"sheet": "Kommunen"}},
            "schema": _schema("kommunen"),
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


def geojson(net: Network, kommunen: list[dict], verbindungen: list[dict]) -> dict:
    """Points and lines with ids (the Kommune's id; von|nach|art|zeitraum for a line) and flat
    properties, as Kepler.gl reads them: lists joined by | with their count, no arrays."""
    where = {k.id: k for k in net.kommunen}
    features = [
        {
            "type": "Feature",
            "id": k["id"],
            "geometry": {"type": "Point", "coordinates": [where[k["id"]].lon, where[k["id"]].lat]},
            "properties": flat_properties(k),
        }
        for k in kommunen
    ]
    for v in verbindungen:
        von, nach = where[v["von"]], where[v["nach"]]
        ident = verbindung_id(v)
        properties = {
            "id": ident,
            **v,
            "von_name": von.name,
            "nach_name": nach.name,
            "datum": zeitraum_start(v["zeitraum"]).isoformat(),
        }
        features.append(
            {
                "type": "Feature",
                "id": ident,
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[von.lon, von.lat], [nach.lon, nach.lat]],
                },
                "properties": flat_properties(properties),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def flat_properties(record: dict[str, Any]) -> dict[str, Any]:
    """A record with no nested values: a list becomes its items joined by | and, beside it,
    <name>_anzahl with their count."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, list | tuple):
            out[key] = "|".join(str(v) for v in value)
            out[f"{key}_anzahl"] = len(value)
        else:
            out[key] = value
    return out


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


# == Downloads for analysts' tools: boegen.csv (Kepler.gl) and netzwerk.gexf (Gephi) ==


def zeitraum_start(zeitraum: str) -> dt.date:
    """'2025-H2' -> 2025-07-01: the first day of the half-year."""
    year, half = zeitraum.split("-H")
    return dt.date(int(year), 1 if half == "1" else 7, 1)


def _column_field(name: str) -> Field:
    return _field(TABLE_BY_NAME["verbindungen"].by_name[name])


# The columns of boegen.csv, its header and its datapackage schema: Kepler.gl's arc layer pairs
# the columns <prefix>_lat and <prefix>_lon, its time filter takes the ISO date of datum.
BOEGEN_FIELDS = (
    _column_field("von"),
    _column_field("nach"),
    _f("von_name", "string", N_("Name der Kommune von"), required=True),
    _f("nach_name", "string", N_("Name der Kommune nach"), required=True),
    _f("von_lat", "number", N_("geographische Breite der Kommune von (WGS84)"), required=True),
    _f("von_lon", "number", N_("geographische Länge der Kommune von (WGS84)"), required=True),
    _f("nach_lat", "number", N_("geographische Breite der Kommune nach (WGS84)"), required=True),
    _f("nach_lon", "number", N_("geographische Länge der Kommune nach (WGS84)"), required=True),
    _column_field("art"),
    _column_field("handlungsfelder"),
    _column_field("zeitraum"),
    _f(
        "datum",
        "date",
        N_("erster Tag des Zeitraums (ISO 8601, etwa 2025-07-01 für 2025-H2)"),
        required=True,
    ),
    _f(
        "belegt",
        "boolean",
        N_(
            "true, wenn eine öffentliche Quelle oder die KTS die Verbindung belegt; false bei "
            "Beispieldatensätzen (illustrativ)"
        ),
        required=True,
    ),
)


def boegen_table(net: Network) -> bytes:
    """boegen.csv: one row per Verbindung (in the order of verbindungen.csv) with the
    coordinates of both ends, for Kepler.gl's arc layer and its time filter."""
    where = {k.id: k for k in net.kommunen}
    rows: list[list[object]] = []
    for v in net.verbindungen:
        von, nach = where[v.von], where[v.nach]
        row: dict[str, object] = {
            "von": v.von,
            "nach": v.nach,
            "von_name": von.name,
            "nach_name": nach.name,
            "von_lat": von.lat,
            "von_lon": von.lon,
            "nach_lat": nach.lat,
            "nach_lon": nach.lon,
            "art": v.art,
            "handlungsfelder": "|".join(v.handlungsfelder),
            "zeitraum": v.zeitraum,
            "datum": zeitraum_start(v.zeitraum).isoformat(),
            "belegt": "true" if v.belegt else "false",
        }
        rows.append([row[f.name] for f in BOEGEN_FIELDS])
    return csv_bytes([f.name for f in BOEGEN_FIELDS], rows)


def boegen_resource() -> dict[str, Any]:
    """boegen.csv in datapackage.json: its fields from BOEGEN_FIELDS, its ends as Kommunen."""
    fields = []
    for f in BOEGEN_FIELDS:
        entry: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
        if f.type == "boolean":
            entry.update(trueValues=["true"], falseValues=["false"])
        if f.constraints:
            entry["constraints"] = dict(f.constraints)
        fields.append(entry)
    ends = [
        {"fields": [end], "reference": {"resource": "kommunen", "fields": ["id"]}}
        for end in ("von", "nach")
    ]
    return {
        "name": "boegen",
        "path": "boegen.csv",
        "title": dict(DOWNLOADS)["boegen.csv"],
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": fields,
            "primaryKey": list(TABLE_BY_NAME["verbindungen"].key),
            "foreignKeys": ends,
            "missingValues": [""],
        },
    }


@dataclass(frozen=True)
class GexfAttribute:
    """An attribute of the GEXF's nodes or edges: its id (= title), GEXF type and meaning."""

    name: str
    type: str  # GEXF: string, integer, double, boolean
    description: str


# The GEXF's attributes, declared once (the file's <attributes> and its datapackage entry).
GEXF_NODE_ATTRIBUTES = (
    GexfAttribute("typ", "string", "Typ der Kommune (wie in kommunen.csv)"),
    GexfAttribute("land", "string", "Staat als Ländercode nach ISO 3166-1"),
    GexfAttribute("bundesland", "string", "Bundesland, bei Kommunen im Ausland fehlend"),
    GexfAttribute("mpsc", "boolean", "Modellprojekt Smart Cities"),
    GexfAttribute("staffel", "integer", "Staffel des Modellprojekts, sonst fehlend"),
    GexfAttribute("cluster", "integer", "Nummer des Clusters wie auf der Analyse-Seite"),
    GexfAttribute("lat", "double", "geographische Breite (WGS84)"),
    GexfAttribute("lon", "double", "geographische Länge (WGS84)"),
)
GEXF_EDGE_ATTRIBUTES = (
    GexfAttribute("art", "string", "Art der Verbindung (auch als kind und label der Kante)"),
    GexfAttribute("handlungsfelder", "string", "ids der Handlungsfelder, mit | getrennt"),
    GexfAttribute("zeitraum", "string", "Berichtshalbjahr wie 2023-H1"),
    GexfAttribute("massnahme", "string", "id der Maßnahme, sonst fehlend"),
    GexfAttribute("gerichtet", "boolean", GERICHTET.description),
    GexfAttribute("belegt", "boolean", BELEGT.description.replace("ja,", "true,", 1)),
)


def _rgb(colour: str) -> str:
    """'#08009e' -> 'r="8" g="0" b="158"'."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f'r="{r}" g="{g}" b="{b}"'


def _attvalues(values: dict[str, object]) -> str:
    """The <attvalues> of a node or an edge; missing values ("" or None) are left out."""
    inner = "".join(
        f'<attvalue for="{key}" value="{_graphml_value(value)}"/>'
        for key, value in values.items()
        if value not in ("", None)
    )
    return f"<attvalues>{inner}</attvalues>"


def _gexf_nodes(
    net: Network,
    positions: dict[str, tuple[int, int]],
    clusters: dict[str, int],
    first: dict[str, dt.date],
) -> list[str]:
    """A <node> per Kommune: attributes, its spell from its first connection, colour as in
    the dashboard, position as in its graph (y upwards, as Gephi counts)."""
    end = net.site.datenstand.isoformat()
    lines = []
    for k in net.kommunen:
        values: dict[str, object] = {
            "typ": k.typ,
            "land": k.land,
            "bundesland": k.bundesland,
            "mpsc": k.mpsc,
            "staffel": k.staffel,
            "cluster": clusters.get(k.id),
            "lat": k.lat,
            "lon": k.lon,
        }
        kind = "mpsc" if k.mpsc else "other" if k.bundesland else "abroad"
        spell = (
            f'<spells><spell start="{first[k.id].isoformat()}" end="{end}"/></spells>'
            if k.id in first
            else ""
        )
        x, y = positions[k.id]
        lines.append(
            f'      <node id="{_xml(k.id)}" label="{_xml(k.name)}">{_attvalues(values)}{spell}'
            f"<viz:color {_rgb(NODE_COLOURS[kind])}/>"
            f'<viz:position x="{float(x)}" y="{float(-y)}" z="0.0"/></node>'
        )
    return lines


def _gexf_edges(net: Network) -> list[str]:
    """An <edge> per Verbindung, from the first day of its Zeitraum to the Datenstand: in
    Gephi's timeline a connection stays once it is reported, the network grows."""
    end = net.site.datenstand.isoformat()
    lines = []
    for v in net.verbindungen:
        art = ART_BY_ID[v.art]
        values: dict[str, object] = {
            "art": v.art,
            "handlungsfelder": "|".join(v.handlungsfelder),
            "zeitraum": v.zeitraum,
            "massnahme": v.massnahme,
            "gerichtet": art.directed,
            "belegt": v.belegt,
        }
        ident = verbindung_id({"von": v.von, "nach": v.nach, "art": v.art, "zeitraum": v.zeitraum})
        lines.append(
            f'      <edge id="{_xml(ident)}" source="{_xml(v.von)}" target="{_xml(v.nach)}" '
            f'kind="{v.art}" label="{_xml(art.label)}">{_attvalues(values)}'
            f'<spells><spell start="{zeitraum_start(v.zeitraum).isoformat()}" end="{end}"/>'
            f"</spells><viz:color {_rgb(art.colour)}/></edge>"
        )
    return lines


def _gexf_attributes(kind: str, attributes: tuple[GexfAttribute, ...]) -> list[str]:
    lines = [f'    <attributes class="{kind}" mode="static">']
    lines += [
        f'      <attribute id="{a.name}" title="{a.name}" type="{a.type}"/>' for a in attributes
    ]
    return [*lines, "    </attributes>"]


def gexf(net: Network, positions: dict[str, tuple[int, int]], clusters: dict[str, int]) -> bytes:
    """netzwerk.gexf (GEXF 1.3, dynamic, dates): written directly, in the content's order, so
    the same input gives the same bytes; the only date in it is the Datenstand."""
    first: dict[str, dt.date] = {}
    for v in net.verbindungen:
        start = zeitraum_start(v.zeitraum)
        for end in (v.von, v.nach):
            first[end] = min(first.get(end, start), start)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
        f'  <meta lastmodifieddate="{net.site.datenstand.isoformat()}">',
        f"    <creator>{_xml(net.site.title)}</creator>",
        f"    <description>{_xml(net.site.description)}</description>",
        "  </meta>",
        '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" '
        'timerepresentation="interval">',
        *_gexf_attributes("node", GEXF_NODE_ATTRIBUTES),
        *_gexf_attributes("edge", GEXF_EDGE_ATTRIBUTES),
        "    <nodes>",
        *_gexf_nodes(net, positions, clusters, first),
        "    </nodes>",
        "    <edges>",
        *_gexf_edges(net),
        "    </edges>",
        "  </graph>",
        "</gexf>",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def gexf_resource() -> dict[str, Any]:
    """netzwerk.gexf in datapackage.json, with the attributes of its nodes and edges."""
    return {
        "name": "netzwerk-gexf",
        "path": "netzwerk.gexf",
        "title": dict(DOWNLOADS)["netzwerk.gexf"],
        "format": "gexf",
        "mediatype": "application/gexf+xml",
        "description": "Knoten: "
        + "; ".join(f"{a.name} ({a.type}): {a.description}" for a in GEXF_NODE_ATTRIBUTES)
        + ". Kanten: "
        + "; ".join(f"{a.name} ({a.type}): {a.description}" for a in GEXF_EDGE_ATTRIBUTES)
        + ".",
    }


def analysts_files(
    net: Network, positions: dict[str, tuple[int, int]], clusters: dict[str, int]
) -> list[tuple[str, bytes]]:
    """The downloads for Gephi and Kepler.gl: netzwerk.gexf and boegen.csv."""
    return [("netzwerk.gexf", gexf(net, positions, clusters)), ("boegen.csv", boegen_table(net))]
