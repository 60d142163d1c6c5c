"""boegen.csv and netzwerk.geojson as Kepler.gl reads them: _lat/_lon pairs, numbers, ISO
dates, flat properties; described in datapackage.json and checked by frictionless."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from generator.analysis.analyse import analyse
from generator.commands.build import load_network
from generator.site.downloads import BOEGEN_FIELDS, data_files, datapackage


def files_of(content):
    net, _ = load_network(content)
    files = data_files(net, analyse(net, {}).positions, {})
    return net, {path.removeprefix("daten/"): data for path, data in files}


def test_boegen_has_lat_lon_pairs_numbers_and_iso_dates(content):
    net, files = files_of(content)
    rows = list(csv.DictReader(io.StringIO(files["boegen.csv"].decode("utf-8"))))
    header = list(rows[0])
    assert header == [f.name for f in BOEGEN_FIELDS]
    # Kepler.gl's arc layer: every *_lat has its *_lon with the same prefix, and back.
    lats = {c.removesuffix("_lat") for c in header if c.endswith("_lat")}
    lons = {c.removesuffix("_lon") for c in header if c.endswith("_lon")}
    assert lats == lons == {"von", "nach"}
    where = {k.id: k for k in net.kommunen}
    assert len(rows) == len(net.verbindungen)
    for row, v in zip(rows, net.verbindungen, strict=True):
        assert (row["von"], row["nach"], row["art"]) == (v.von, v.nach, v.art)
        assert (float(row["von_lat"]), float(row["von_lon"])) == (
            where[v.von].lat,
            where[v.von].lon,
        )
        assert float(row["nach_lat"]) == where[v.nach].lat and -180 <= float(row["nach_lon"]) <= 180
        assert row["von_name"] == where[v.von].name and row["nach_name"] == where[v.nach].name
        year, half = v.zeitraum.split("-H")
        assert dt.date.fromisoformat(row["datum"]) == dt.date(int(year), 6 * int(half) - 5, 1)
        assert row["handlungsfelder"].split("|") == list(v.handlungsfelder)
        assert row["belegt"] == ("true" if v.belegt else "false")


def test_geojson_properties_are_flat_with_counts_names_and_dates(content):
    net, files = files_of(content)
    features = json.loads(files["netzwerk.geojson"])["features"]
    for f in features:
        assert f["id"] and f["properties"]
        assert all(not isinstance(v, list | dict) for v in f["properties"].values()), f["id"]
    lines = [f for f in features if f["geometry"]["type"] == "LineString"]
    assert len(lines) == len(net.verbindungen)
    v = next(v for v in net.verbindungen if len(v.handlungsfelder) > 1)
    line = next(
        f for f in lines if f["properties"]["von"] == v.von and f["properties"]["nach"] == v.nach
    )
    props = line["properties"]
    assert props["handlungsfelder"] == "|".join(v.handlungsfelder)
    assert props["handlungsfelder_anzahl"] == len(v.handlungsfelder) == 2
    assert props["id"] == line["id"] and props["art"] == v.art and props["zeitraum"] == v.zeitraum
    assert props["belegt"] is v.belegt and dt.date.fromisoformat(props["datum"])
    where = {k.id: k for k in net.kommunen}
    assert props["von_name"] == where[v.von].name
    assert line["geometry"]["coordinates"][1] == [where[v.nach].lon, where[v.nach].lat]


def test_datapackage_describes_boegen_and_gexf_and_frictionless_checks_them(content, tmp_path):
    from frictionless import validate

    net, files = files_of(content)
    resources = {r["path"]: r for r in datapackage(net)["resources"]}
    fields = resources["boegen.csv"]["schema"]["fields"]
    assert [f["name"] for f in fields] == [f.name for f in BOEGEN_FIELDS]
    types = {f["name"]: f["type"] for f in fields}
    assert types["von_lat"] == types["nach_lon"] == "number" and types["datum"] == "date"
    assert all(f["description"] for f in fields)
    gexf = resources["netzwerk.gexf"]
    assert gexf["format"] == "gexf" and "cluster (integer)" in gexf["description"]
    out = tmp_path / "daten"
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data)
    assert validate(str(out / "datapackage.json")).valid
    good = files["boegen.csv"]
    row = good.decode().splitlines()[1].split(",")
    for bad in (
        good.replace(f",{row[11]},".encode(), b",2. Halbjahr 2023,", 1),  # datum not a date
        good.replace(f",{row[4]},".encode(), b",nord,", 1),  # a latitude not a number
        good.replace(f"\n{row[0]},".encode(), b"\nnirgendwo,", 1),  # von not a Kommune
    ):
        assert bad != good
        (out / "boegen.csv").write_bytes(bad)
        assert not validate(str(out / "datapackage.json")).valid
