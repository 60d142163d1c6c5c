"""Data downloads: complete, readable by the usual tools, and valid content again."""

from __future__ import annotations

import csv
import io
import json
import shutil

import networkx as nx

from generator.analyse import analyse
from generator.build import load_network
from generator.export import data_files
from generator.metrics import compute_metrics


def files_of(content):
    net, _ = load_network(content)
    clusters = compute_metrics(net).cluster_of
    files = data_files(net, analyse(net, clusters).positions, clusters)
    return net, {path.removeprefix("daten/"): data for path, data in files}


def test_csv_downloads_are_valid_content_again(content, tmp_path):
    net, files = files_of(content)
    again = tmp_path / "again"
    again.mkdir()
    for name in ("kommunen.csv", "verbindungen.csv"):
        (again / name).write_bytes(files[name])
    for name in ("site.yaml", "handlungsfelder.yaml", "massnahmen.yaml"):
        shutil.copy(content / name, again / name)
    net2, warnings = load_network(again)
    assert net2.kommunen == net.kommunen and net2.verbindungen == net.verbindungen
    assert warnings == load_network(content)[1]


def test_json_geojson_and_graphml_hold_everything(content):
    net, files = files_of(content)
    whole = json.loads(files["netzwerk.json"])
    assert len(whole["kommunen"]) == 7 and len(whole["verbindungen"]) == 6
    geo = json.loads(files["netzwerk.geojson"])
    kinds = [f["geometry"]["type"] for f in geo["features"]]
    assert kinds.count("Point") == 7 and kinds.count("LineString") == 6
    wien = next(f for f in geo["features"] if f["properties"].get("id") == "wien")
    assert wien["geometry"]["coordinates"] == [16.3721, 48.2085]
    graph = nx.read_graphml(io.BytesIO(files["netzwerk.graphml"]))
    assert graph.number_of_nodes() == 7 and graph.number_of_edges() == 6
    assert graph.nodes["ringelai"]["name"] == "Gemeinde Ringelai und Ilzer Land"


def test_graphml_attributes_are_typed(content):
    net, _ = load_network(content)
    clusters = {"bamberg": 1, "muenster": 1, "regensburg": 1}  # the mini site has none of 3
    positions = analyse(net, clusters).positions
    files = dict(data_files(net, positions, clusters))
    graph = nx.read_graphml(io.BytesIO(files["daten/netzwerk.graphml"]))
    bamberg = graph.nodes["bamberg"]
    assert isinstance(bamberg["lat"], float) and isinstance(bamberg["lon"], float)
    assert (bamberg["x"], bamberg["y"]) == positions["bamberg"]
    assert isinstance(bamberg["x"], float)
    assert bamberg["cluster"] == clusters["bamberg"] and isinstance(bamberg["cluster"], int)
    assert bamberg["mpsc"] is True and isinstance(bamberg["staffel"], int)
    wien = graph.nodes["wien"]
    assert wien["mpsc"] is False and "staffel" not in wien
    assert "cluster" not in graph.nodes["ohne"]
    directed = {d["art"]: d["gerichtet"] for _, _, d in graph.edges(data=True)}
    assert directed == {
        "vorbild": True,
        "uebertragung": True,
        "wissensaustausch": False,
        "entwicklungspartnerschaft": False,
    }


def test_massnahmen_table_links_to_the_database(content):
    _, files = files_of(content)
    rows = list(csv.DictReader(io.StringIO(files["massnahmen.csv"].decode())))
    assert rows[0]["url"] == "https://example.org/massnahmen/energiezwilling"


def test_downloads_are_deterministic(content):
    assert files_of(content)[1] == files_of(content)[1]
