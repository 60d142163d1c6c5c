"""Export from the dashboard: the listed connections as CSV, map and graph as PNG, offline."""

from __future__ import annotations

import csv
import io
import struct
import zlib
from pathlib import Path

import pytest

from tests.conftest import dashboard_data

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
    view = offline_page(width=1900, height=1000)  # wide enough for both views side by side
    page = view.page
    view.open(shipped_site / "index.html", "#k=ulm")
    with page.expect_download() as info:
        page.get_by_role("button", name="Bild speichern").click()
    data = Path(info.value.path()).read_bytes()
    assert info.value.suggested_filename == "netzwerk-auswahl.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    width = int.from_bytes(data[16:20], "big")
    views = [page.locator(s).bounding_box()["width"] for s in (".map-frame", "#graph")]
    assert width > sum(views)  # both views side by side


def test_picture_stacks_the_views_where_the_page_does(shipped_site, offline_page):
    view = offline_page(width=1000, height=800)  # map above graph
    page = view.page
    view.open(shipped_site / "index.html", "#k=ulm")
    texts, width, _, rows = _png(_saved_picture(page))
    boxes = [page.locator(s).bounding_box() for s in (".map-frame .leaflet-container", "#graph")]
    assert boxes[1]["y"] > boxes[0]["y"] + boxes[0]["height"]  # stacked on the page
    assert abs(width - max(b["width"] for b in boxes) - 32) < 4
    frame = _frame_rows(rows, width)  # the top and bottom of each view
    assert len(frame) == 4 and frame[2] - frame[1] == 16 - 1
    count = page.locator("#result-count").inner_text()
    assert count.startswith(tuple("123456789")) and "Verbindungen von Ulm in der Auswahl" in count
    assert f"{count}; die Karte zeigt blass" in texts["Description"]


def _png(data: bytes) -> tuple[dict[str, str], int, int, list[bytes]]:
    """The tEXt chunks, width, height and RGB rows of a PNG (8 bits, RGB or RGBA), read with
    the standard library; every chunk's CRC is checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    texts: dict[str, str] = {}
    idat = b""
    pos = 8
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        (crc,) = struct.unpack(">I", data[pos + 8 + n : pos + 12 + n])
        assert zlib.crc32(kind + body) == crc, kind
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 4 if colour == 6 else 3
        elif kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            texts[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows = zlib.decompress(idat), width * channels, []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind_byte, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = prev[x], prev[x - channels] if x >= channels else 0
            if kind_byte == 1:
                line[x] = (line[x] + a) & 255
            elif kind_byte == 2:
                line[x] = (line[x] + b) & 255
            elif kind_byte == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind_byte == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(v for i, v in enumerate(line) if i % channels < 3))
        prev = line
    return texts, width, height, rows


def _rgb(colour: str) -> bytes:
    return bytes.fromhex(colour.lstrip("#"))


def _count(row: bytes, rgb: bytes) -> int:
    """How many pixels of the RGB row have exactly the colour rgb."""
    return sum(1 for x in range(0, len(row), 3) if row[x : x + 3] == rgb)


def _saved_picture(page) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name="Bild speichern").click()
    assert info.value.suggested_filename == "netzwerk-auswahl.png"
    return Path(info.value.path()).read_bytes()


def _frame_rows(rows: list[bytes], width: int) -> list[int]:
    """The rows with the views' frame (#9aa7b3) across most of a view: its top and bottom."""
    frame = _rgb("#9aa7b3")
    return [y for y, row in enumerate(rows) if _count(row, frame) > width // 3]


def test_saved_picture_explains_itself(shipped_site, offline_page):
    view = offline_page(width=1400, height=900)
    page = view.page
    view.open(shipped_site / "index.html", "#k=ulm")
    data = _saved_picture(page)
    texts, width, height, rows = _png(data)
    said = "\n".join(texts.values())
    title = page.locator(".dash-head h1").inner_text()
    assert texts["Title"] == title
    description = texts["Description"]
    assert "Keine Filter: alle Verbindungen. Ausgewählt: Ulm." in description  # KTS.filterText
    assert page.locator("#result-count").inner_text() in description
    assert "Datenstand: " + page.locator(".site-header .stand time").inner_text() in said
    arten = dashboard_data(shipped_site)["arten"]
    assert all(a["label"] in description for a in arten)
    assert "Legende - Art der Verbindung: Vorbild ->" in description  # Latin-1, as tEXt is
    assert 'Quelle "Beispieldatensatz (illustrativ)"' in description
    assert "OpenStreetMap-Mitwirkende" in texts["Copyright"]
    assert "Landesumrisse" in description and "#k=ulm" in texts["Source"]
    # Pixels: the map framed, and below it the legend in the Arten's own colours and the notice.
    map_box = page.locator(".map-frame .leaflet-container").bounding_box()
    frame = _frame_rows(rows, width)
    assert frame and frame[-1] - frame[0] == round(map_box["height"]) + 1
    assert height > map_box["height"] + 200  # the map and its words
    below = rows[frame[-1] + 1 :]
    for art in arten:
        assert sum(_count(row, _rgb(art["colour"])) for row in below) >= 100, art["id"]
    assert sum(_count(row, _rgb("#fff1cc")) for row in below) > 1000  # the notice's band
    assert _saved_picture(page) == data  # the same view, the same bytes


def test_picture_of_documented_connections_has_no_notice(shipped_site, offline_page):
    view = offline_page(width=1400, height=900)
    page = view.page
    view.open(shipped_site / "index.html", "#belegt=1&farbe=hf")  # only documented ones
    with (shipped_site / "daten" / "verbindungen.csv").open(encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    documented, total = sum(1 for r in records if r["belegt"] == "ja"), len(records)
    shown = page.locator("#result-count").inner_text()
    assert shown.startswith(f"{documented} von {total} Verbindungen")
    texts, _, _, rows = _png(_saved_picture(page))
    description = texts["Description"]
    assert "Filter: nur belegte Verbindungen." in description
    assert "Beispiel" not in description and "Hinweis" not in description
    assert not any(_count(row, _rgb("#fff1cc")) for row in rows)
    felder = dashboard_data(shipped_site)["handlungsfelder"]
    assert "Legende - Handlungsfeld: " + ", ".join(h["name"] for h in felder) in description


def test_picture_on_a_phone_wraps_its_words(shipped_site, offline_page):
    view = offline_page(width=390, height=844)
    page = view.page
    view.open(shipped_site / "index.html", "#art=uebertragung")
    texts, width, height, rows = _png(_saved_picture(page))
    assert width <= 400
    assert texts["Title"] == page.locator(".dash-head h1").inner_text()
    assert "Filter: Art: Übertragung." in texts["Description"]
    top = _frame_rows(rows, width)[0]
    white = b"\xff\xff\xff" * 12
    # Title and filters wrapped, never cut: the picture's right margin stays white above the map.
    assert top > 100 and all(row[-len(white) :] == white for row in rows[:top])
    assert all(row[-len(white) :] == white for row in rows[_frame_rows(rows, width)[-1] + 2 :])


def test_the_embedded_dashboards_picture_names_the_datenstand(shipped_site, offline_page):
    """The embed page has no header with the Datenstand: the picture takes it from the data."""
    view = offline_page(width=1000, height=800)
    view.open(shipped_site / "einbetten" / "index.html")
    assert view.page.locator(".site-header").count() == 0
    texts, _, _, _ = _png(_saved_picture(view.page))
    assert "Datenstand: 30.06.2026" in texts["Description"]
    assert view.errors == []
