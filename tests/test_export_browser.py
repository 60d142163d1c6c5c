"""Export from the dashboard: the listed connections as CSV, map and graph as PNG, offline."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_selection_downloads_as_csv_with_the_columns_of_the_download(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    view.open(shipped_site / "index.html", "#art=uebertragung&k=regensburg")
    with page.expect_download() as info:
        page.get_by_role("button", name="Auswahl herunterladen").click()
    download = info.value
    assert download.suggested_filename == "verbindungen-auswahl.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text("utf-8"))))
    full = (shipped_site / "daten" / "verbindungen.csv").read_text("utf-8").splitlines()[0]
    assert list(rows[0]) == full.split(",")
    listed = page.locator("#result-list > li").count()
    assert len(rows) == listed > 0  # what the list shows: Regensburg's Übertragungen
    assert all(r["art"] == "uebertragung" and "regensburg" in (r["von"], r["nach"]) for r in rows)
    shipped = {
        tuple(r.values())
        for r in csv.DictReader(
            io.StringIO(
                "\n".join(
                    (shipped_site / "daten" / "verbindungen.csv").read_text("utf-8").splitlines()
                )
            )
        )
    }
    assert all(tuple(r.values()) in shipped for r in rows)  # the same values as the download
    assert all("tile.openstreetmap.org" in url for url in view.external)  # only map tiles


def test_map_and_graph_save_as_one_png(shipped_site, offline_page):
    view = offline_page()
    page = view.page
    view.open(shipped_site / "index.html", "#k=ulm")
    with page.expect_download() as info:
        page.get_by_role("button", name="Bild speichern").click()
    data = Path(info.value.path()).read_bytes()
    assert info.value.suggested_filename == "netzwerk-auswahl.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    width = int.from_bytes(data[16:20], "big")
    assert width > page.locator("#graph").bounding_box()["width"] * 1.5  # both views side by side
