"""Data downloads: complete, readable by the usual tools, and valid content again."""

from __future__ import annotations

import csv
import io
import json
import shutil

import networkx as nx

from generator.analysis.analyse import analyse
from generator.analysis.metrics import compute_metrics
from generator.commands.build import load_network
from generator.site.downloads import data_files


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


def test_json_has_arrays_booleans_and_null(content):
    _, files = files_of(content)
    whole = json.loads(files["netzwerk.json"])
    wien = next(k for k in whole["kommunen"] if k["id"] == "wien")
    assert wien["mpsc"] is False and wien["staffel"] is None and wien["bundesland"] is None
    bamberg = next(k for k in whole["kommunen"] if k["id"] == "bamberg")
    assert bamberg["staffel"] == 2020 and bamberg["ags"] == "09461000" and bamberg["mpsc"] is True
    v = next(v for v in whole["verbindungen"] if v["massnahme"] == "energiezwilling")
    assert v["handlungsfelder"] == ["bauen-und-wohnen", "soziale-inklusion"]
    assert v["gerichtet"] is False and v["beschreibung"] is None
    assert whole["massnahmen"][0]["kommunen"] == ["regensburg"]
    assert '""' not in files["netzwerk.json"].decode()


def test_geojson_features_have_unique_ids_and_null(content):
    _, files = files_of(content)
    features = json.loads(files["netzwerk.geojson"])["features"]
    ids = [f["id"] for f in features]
    assert len(set(ids)) == len(ids) == 13
    assert "wien" in ids and "regensburg|wien|vorbild|2023-H2" in ids
    wien = next(f for f in features if f["id"] == "wien")["properties"]
    assert wien["staffel"] is None and wien["mpsc"] is False
    line = next(f for f in features if f["id"] == "regensburg|wien|vorbild|2023-H2")
    assert line["properties"]["handlungsfelder"] == "bauen-und-wohnen"
    assert line["properties"]["handlungsfelder_anzahl"] == 1
    assert line["properties"]["gerichtet"] is True


def test_excel_csv_opens_in_german_excel_and_reads_back_as_content(content, tmp_path):
    net, files = files_of(content)
    data = files["kommunen-excel.csv"]
    assert data.startswith(b"\xef\xbb\xbfid;name;typ;")
    assert b";49,8917;10,8917;ja;2020;09461000;" in data and b"\r\n" in data
    again = tmp_path / "again"
    shutil.copytree(content, again)
    for kind in ("kommunen", "verbindungen"):
        (again / f"{kind}.csv").write_bytes(files[f"{kind}-excel.csv"])
    net2, _ = load_network(again)
    assert net2.kommunen == net.kommunen and net2.verbindungen == net.verbindungen


def test_graphml_is_read_with_types_by_igraph(content):
    import igraph

    net, files = files_of(content)
    path = content.parent / "netzwerk.graphml"
    path.write_bytes(files["netzwerk.graphml"])
    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.vcount() == 7 and graph.ecount() == 6
    bamberg = graph.vs.find(id="bamberg")
    assert isinstance(bamberg["lat"], float) and bamberg["lat"] == 49.8917
    assert bamberg["mpsc"] is True and bamberg["staffel"] == 2020
    assert graph.vs.find(id="wien")["mpsc"] is False
    directed = {e["art"]: e["gerichtet"] for e in graph.es}
    assert directed["vorbild"] is True and directed["wissensaustausch"] is False


def test_datapackage_is_valid_for_frictionless(shipped_site):
    from frictionless import validate

    report = validate(str(shipped_site / "daten" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((shipped_site / "daten" / "datapackage.json").read_text("utf-8"))
    paths = {r["path"] for r in package["resources"]}
    listed = {p.name for p in (shipped_site / "daten").iterdir() if p.suffix != ".html"}
    assert paths == listed - {"datapackage.json"}
    assert package["licenses"][0]["path"] == "https://www.govdata.de/dl-de/by-2-0"
    rows = {r["name"]: r for r in package["resources"]}
    kommunen = {f["name"]: f for f in rows["kommunen"]["schema"]["fields"]}
    assert kommunen["lat"]["type"] == "number" and kommunen["mpsc"]["type"] == "boolean"
    fields = [f for r in rows.values() for f in r.get("schema", {}).get("fields", [])]
    assert len(fields) > 40 and all(f["description"] for f in fields)


def test_frictionless_reads_types_and_catches_a_wrong_value(content, tmp_path):
    from frictionless import Package, validate

    out = tmp_path / "daten"
    out.mkdir()
    for path, data in files_of(content)[1].items():
        (out / path).write_bytes(data)
    package = Package(str(out / "datapackage.json"))
    rows = package.get_resource("kommunen-excel").read_rows()
    bamberg = next(r for r in rows if r["id"] == "bamberg")
    assert float(bamberg["lat"]) == 49.8917 and bamberg["mpsc"] is True
    assert bamberg["staffel"] == 2020 and bamberg["ags"] == "09461000"
    edit_bytes = (out / "kommunen.csv").read_bytes().replace(b",49.8917,", b",nord,")
    (out / "kommunen.csv").write_bytes(edit_bytes)
    assert not validate(str(out / "datapackage.json")).valid


def test_cluster_csv_lists_every_member_of_every_cluster(content):
    from generator.site.downloads import CLUSTER_FIELDS, DOWNLOADS, datapackage

    with (content / "verbindungen.csv").open("a", encoding="utf-8") as f:
        f.write(
            "bamberg,regensburg,entwicklungspartnerschaft,bauen-und-wohnen,,2024-H1,,KTS\n"
            "regensburg,ringelai,vorbild,soziale-inklusion,,2024-H1,,KTS\n"
            "muenster,grossposna,uebertragung,mobilitaet-und-erreichbarkeit,,2024-H2,,KTS\n"
        )
    net, files = files_of(content)
    metrics = compute_metrics(net)
    rows = list(csv.DictReader(io.StringIO(files["cluster.csv"].decode("utf-8"))))
    header = [f.name for f in CLUSTER_FIELDS]
    assert rows and list(rows[0]) == header == ["cluster", "kommune", "name"]
    assert {r["kommune"]: int(r["cluster"]) for r in rows} == metrics.cluster_of
    assert len(rows) == sum(len(c.members) for c in metrics.clusters)
    name = {k.id: k.name for k in net.kommunen}
    assert all(r["name"] == name[r["kommune"]] for r in rows)
    assert [int(r["cluster"]) for r in rows] == sorted(int(r["cluster"]) for r in rows)
    # One declaration: listed on the Daten page (DOWNLOADS) and described in datapackage.json.
    assert "cluster.csv" in dict(DOWNLOADS)
    resource = next(r for r in datapackage(net)["resources"] if r["path"] == "cluster.csv")
    assert [f["name"] for f in resource["schema"]["fields"]] == ["cluster", "kommune", "name"]


def test_the_dashboard_data_carry_the_clusters_and_betweenness_of_the_build(shipped_site):
    """The dashboard's cluster numbers are the GraphML's; each cluster named as on the Analyse
    page (number, dominant fields, biggest members); betweenness the build's scores."""
    from generator.analysis.analyse import BETWEENNESS_SCALE, CLUSTER_NAMED
    from tests.conftest import ROOT, dashboard_data

    data = dashboard_data(shipped_site)
    ks = data["kommunen"]
    graph = nx.read_graphml(shipped_site / "daten" / "netzwerk.graphml")
    graphml = {k: graph.nodes[k].get("cluster", 0) for k in graph}
    assert dict(zip(ks["id"], ks["cluster"], strict=True)) == graphml
    assert len(set(graphml.values()) - {0}) >= 3
    metrics = compute_metrics(load_network(ROOT / "content")[0])
    hf = [h["id"] for h in data["handlungsfelder"]]
    shipped = [
        (c["n"], [hf[h] for h in c["felder"]], [ks["id"][k] for k in c["members"]], c["size"])
        for c in data["clusters"]
    ]
    assert shipped == [
        (c.number, list(c.felder), list(c.members[:CLUSTER_NAMED]), len(c.members))
        for c in metrics.clusters
    ]
    scores = dict(zip(ks["id"], ks["betweenness"], strict=True))
    assert scores == {k: round(s * BETWEENNESS_SCALE) for k, s in metrics.betweenness.items()}
    # The biggest is the Analyse page's first.
    assert max(scores, key=lambda k: scores[k]) == metrics.betweenness_ranking[0][0]


def test_the_daten_pages_networkx_lines_give_the_undirected_view(shipped_site, monkeypatch):
    """The lines the Daten page shows, run as they are against the built GraphML."""
    import html
    import re

    from generator.content.vocab import ART_BY_ID
    from tests.conftest import ROOT

    page = (shipped_site / "daten" / "index.html").read_text("utf-8")
    (code,) = re.findall(
        r'<pre class="snippet" id="networkx-ungerichtet"><code>(.*?)</code>', page, re.S
    )
    lines = html.unescape(code).splitlines()
    assert lines[0] == "import networkx as nx" and len(lines) == 3  # and two lines of work
    monkeypatch.chdir(shipped_site / "daten")
    scope: dict = {}
    exec("\n".join(lines), scope)  # noqa: S102 - the page's own example
    net, _ = load_network(ROOT / "content")
    undirected = [v for v in net.verbindungen if not ART_BY_ID[v.art].directed]
    assert {v.art for v in undirected} == {"wissensaustausch", "entwicklungspartnerschaft"}
    graph, view = scope["G"], scope["U"]
    assert not view.is_directed() and view.number_of_edges() == len(undirected)
    assert graph.number_of_edges() == len(net.verbindungen)
    assert {d["art"] for _, _, d in view.edges(data=True)} == {v.art for v in undirected}


def test_graphml_stays_directed_with_a_typed_gerichtet_on_every_edge(content):
    import xml.etree.ElementTree as ET

    _, files = files_of(content)
    root = ET.fromstring(files["netzwerk.graphml"])
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    (graph,) = root.findall("g:graph", ns)
    assert graph.get("edgedefault") == "directed"
    key = next(k for k in root.findall("g:key", ns) if k.get("attr.name") == "gerichtet")
    assert key.get("for") == "edge" and key.get("attr.type") == "boolean"
    edges = graph.findall("g:edge", ns)
    assert edges and all(e.get("directed") is None for e in edges)
    for e in edges:
        values = [d.text for d in e.findall("g:data", ns) if d.get("key") == key.get("id")]
        assert values in (["true"], ["false"])


def test_the_daten_page_links_every_download_and_names_keplers_columns(shipped_site):
    from generator.site.downloads import BOEGEN_FIELDS, DOWNLOADS

    page = (shipped_site / "daten" / "index.html").read_text("utf-8")
    for name, _ in DOWNLOADS:
        assert f'<a href="{name}" download>{name}</a>' in page
        assert (shipped_site / "daten" / name).is_file()
    assert {"netzwerk.gexf", "boegen.csv"} <= dict(DOWNLOADS).keys()
    columns = {f.name for f in BOEGEN_FIELDS}
    for name in ("von_lat", "von_lon", "nach_lat", "nach_lon", "datum", "art", "belegt"):
        assert f"<code>{name}</code>" in page and name in columns
    assert "Datei › Öffnen" in page and "Daten hinzufügen" in page
