"""netzwerk.gexf (GEXF 1.3) for Gephi and Gephi Lite, read back by networkx: nodes with their
positions and attributes, edges with their Art and Zeitraum as a spell."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx

from generator.analysis.analyse import analyse
from generator.commands.build import load_network
from generator.content.schema import verbindung_id
from generator.content.vocab import ART_BY_ID
from generator.site.downloads import data_files, gexf, zeitraum_start

NS = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}


def built_gexf(content, clusters=None):
    net, _ = load_network(content)
    clusters = clusters or {"bamberg": 1, "muenster": 1, "regensburg": 1}
    positions = analyse(net, clusters).positions
    files = dict(data_files(net, positions, clusters))
    return net, positions, clusters, files["daten/netzwerk.gexf"]


def test_networkx_reads_nodes_positions_and_typed_attributes(content):
    net, positions, clusters, data = built_gexf(content)
    graph = nx.read_gexf(io.BytesIO(data))
    assert graph.is_directed() and graph.graph["mode"] == "dynamic"
    assert graph.number_of_nodes() == len(net.kommunen) == 7
    assert graph.number_of_edges() == len(net.verbindungen) == 6
    bamberg = graph.nodes["bamberg"]
    assert bamberg["label"] == "Bamberg" and bamberg["bundesland"] == "Bayern"
    assert bamberg["mpsc"] is True and bamberg["staffel"] == 2020
    assert bamberg["cluster"] == clusters["bamberg"] and isinstance(bamberg["cluster"], int)
    x, y = positions["bamberg"]
    # Gephi's y axis points up, the dashboard's graph down: the same picture in both.
    assert bamberg["viz"]["position"] == {"x": float(x), "y": float(-y), "z": 0.0}
    assert bamberg["viz"]["color"] == {"r": 8, "g": 0, "b": 158, "a": 1.0}
    assert isinstance(bamberg["lat"], float) and bamberg["lat"] == 49.8917
    wien = graph.nodes["wien"]
    assert wien["mpsc"] is False and "staffel" not in wien and "bundesland" not in wien
    assert wien["land"] == "AT" and "cluster" not in wien
    assert "cluster" not in graph.nodes["ohne"] and "spells" not in graph.nodes["ohne"]


def test_edges_carry_art_fields_direction_belegt_and_the_zeitraum_as_a_spell(content):
    net, _, _, data = built_gexf(content)
    graph = nx.read_gexf(io.BytesIO(data))
    end = net.site.datenstand.isoformat()
    edges = list(graph.edges(data=True))
    assert len(edges) == len(net.verbindungen)
    by_id = {d["id"]: d for _, _, d in edges}
    for v in net.verbindungen:
        d = by_id[
            verbindung_id({"von": v.von, "nach": v.nach, "art": v.art, "zeitraum": v.zeitraum})
        ]
        assert d["art"] == v.art and d["zeitraum"] == v.zeitraum
        assert d["handlungsfelder"] == "|".join(v.handlungsfelder)
        assert d["gerichtet"] is ART_BY_ID[v.art].directed
        assert d["belegt"] is v.belegt
        assert d["label"] == ART_BY_ID[v.art].label
        assert d["spells"] == [(zeitraum_start(v.zeitraum).isoformat(), end)]
        assert d.get("massnahme") == v.massnahme
    # A Kommune appears with its first connection, and stays.
    first = min(
        zeitraum_start(v.zeitraum) for v in net.verbindungen if "bamberg" in (v.von, v.nach)
    )
    assert graph.nodes["bamberg"]["spells"] == [(first.isoformat(), end)]


def test_the_file_is_gexf_1_3_with_dates_and_edge_kinds(content):
    net, _, _, data = built_gexf(content)
    root = ET.fromstring(data)
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    assert root.find("g:meta", NS).get("lastmodifieddate") == net.site.datenstand.isoformat()
    graph = root.find("g:graph", NS)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    assert graph.get("defaultedgetype") == "directed"
    edges = graph.findall("g:edges/g:edge", NS)
    # No per-edge "undirected": networkx refuses it in a directed graph (gerichtet says it).
    assert all(e.get("type") is None for e in edges)
    assert {e.get("kind") for e in edges} == {v.art for v in net.verbindungen}
    assert all(e.find("viz:color", NS) is not None for e in edges)
    starts = {s.get("start") for s in graph.iter("{http://gexf.net/1.3}spell")}
    assert starts and all(len(s) == 10 and s[4] == "-" and s[-2:] == "01" for s in starts)


def test_same_input_same_bytes_and_markup_escaped(content):
    (content / "kommunen.csv").write_text(
        (content / "kommunen.csv")
        .read_text("utf-8")
        .replace("Bamberg,", '"Bamberg <&> ""Ost""",', 1),
        "utf-8",
    )
    net, positions, clusters, data = built_gexf(content)
    assert data == gexf(net, positions, clusters)
    graph = nx.read_gexf(io.BytesIO(data))
    assert graph.nodes["bamberg"]["label"] == 'Bamberg <&> "Ost"'
