"""A small change to the content moves the graph little and keeps the clusters' numbers
(issue 25): a visitor who knows where "their" cluster is finds it after the next report."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from generator.commands.build import build
from generator.content.schema import KOMMUNEN, VERBINDUNGEN
from generator.site.pages import CLUSTER_COLOURS
from tests.conftest import ROOT, TEMPLATES, dashboard_data

GRAPHML = Path("daten") / "netzwerk.graphml"  # generator/site/downloads.py: daten/netzwerk.graphml

# A plausible new Modellprojekt-Partner: a small town in Brandenburg with two connections to
# Kommunen near it that are in the shipped content.
NEW_KOMMUNE = {
    "id": "lychen",
    "name": "Lychen",
    "typ": "kleinstadt",
    "land": "DE",
    "bundesland": "Brandenburg",
    "lat": "53.2130",
    "lon": "13.3130",
    "mpsc": "nein",
}
NEW_VERBINDUNGEN = [
    {
        "von": "lychen",
        "nach": "templin",
        "art": "wissensaustausch",
        "handlungsfelder": "mobilitaet-und-erreichbarkeit",
        "zeitraum": "2026-H1",
        "beschreibung": "Lychen und Templin tauschen sich zu Rufbussen aus.",
        "quelle": "Beispieldatensatz (illustrativ)",
    },
    {
        "von": "neuruppin",
        "nach": "lychen",
        "art": "uebertragung",
        "handlungsfelder": "daten-und-plattformen",
        "zeitraum": "2026-H1",
        "beschreibung": "Lychen übernimmt die Datenplattform von Neuruppin.",
        "quelle": "Beispieldatensatz (illustrativ)",
    },
]
MAX_MEDIAN_MOVE = 3.0  # % of the layout's bounding-box diagonal
MIN_SAME_CLUSTER = 95.0  # % of the Kommunen in both builds


def _append_rows(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    """Append records to a content CSV, in the schema's column order, empty where not given."""
    with path.open(encoding="utf-8", newline="") as f:
        assert tuple(next(csv.reader(f))) == columns
    with path.open("a", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writerows({c: row.get(c, "") for c in columns} for row in rows)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The shipped content built as it is, and with one Kommune and two connections more."""
    sites = []
    for name, grow in (("before", False), ("after", True)):
        root = tmp_path_factory.mktemp(name)
        shutil.copytree(ROOT / "content", root / "content")
        if grow:
            _append_rows(root / "content" / "kommunen.csv", KOMMUNEN.names, [NEW_KOMMUNE])
            _append_rows(
                root / "content" / "verbindungen.csv", VERBINDUNGEN.names, NEW_VERBINDUNGEN
            )
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
            build(root / "content", TEMPLATES, root / "dist")
        sites.append(root / "dist")
    return sites[0], sites[1]


def _nodes(site: Path) -> dict[str, dict]:
    """The GraphML's Kommunen with their attributes."""
    graph = nx.read_graphml(site / GRAPHML)
    return {n: dict(graph.nodes[n]) for n in graph}


def test_one_kommune_more_moves_the_graph_little_and_keeps_the_clusters(two_builds):
    before, after = (_nodes(site) for site in two_builds)
    assert "lychen" in after and "lychen" not in before
    assert "lychen" in {n for n, d in after.items() if "cluster" in d}  # it joined one
    shared = sorted(set(before) & set(after))
    assert len(shared) == len(before)
    old = np.array([[before[n]["x"], before[n]["y"]] for n in shared], float)
    new = np.array([[after[n]["x"], after[n]["y"]] for n in shared], float)
    diagonal = float(np.linalg.norm(np.ptp(old, axis=0)))
    move = float(np.median(np.linalg.norm(new - old, axis=1))) / diagonal * 100
    same = sum(before[n].get("cluster") == after[n].get("cluster") for n in shared)
    assert move <= MAX_MEDIAN_MOVE, f"median Kommune moved {move:.1f} % of the diagonal"
    assert same / len(shared) * 100 >= MIN_SAME_CLUSTER, f"{same} of {len(shared)} kept theirs"


def _analyse_view(site: Path) -> dict:
    """The graph the Analyse page draws (its kts-view JSON)."""
    html = (site / "analyse" / "index.html").read_text("utf-8")
    found = re.search(r'<script type="application/json" id="kts-view">(.*?)</script>', html, re.S)
    assert found, "no kts-view on the Analyse page"
    return json.loads(found.group(1))


def test_graphml_holds_the_positions_and_clusters_the_pages_show(two_builds):
    site = two_builds[0]
    nodes = _nodes(site)
    kommunen = dashboard_data(site)["kommunen"]
    columns = (kommunen["id"], kommunen["x"], kommunen["y"])
    shown = {k: (x, y) for k, x, y in zip(*columns, strict=True)}
    assert shown == {n: (d["x"], d["y"]) for n, d in nodes.items()}
    view = _analyse_view(site)["nodes"]
    ids = [url.split("/")[-2] for url in view["url"]]
    assert {k: (x, y) for k, x, y in zip(ids, view["x"], view["y"], strict=True)} == {
        k: shown[k] for k in ids
    }
    colour = dict(zip(ids, view["colour"], strict=True))
    clustered = {n: d["cluster"] for n, d in nodes.items() if "cluster" in d}
    assert clustered and set(clustered) <= set(colour)
    assert all(
        colour[n] == CLUSTER_COLOURS[(c - 1) % len(CLUSTER_COLOURS)] for n, c in clustered.items()
    )
