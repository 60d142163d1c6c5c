"""Favicon: a well-formed ICO of PNGs, a PNG data: URI and an SVG that parses as XML."""

from __future__ import annotations

import base64
import struct
import xml.etree.ElementTree as ET
import zlib

from generator.site.favicon import BRAND, NODES, SVG, favicon_data_uri, favicon_ico

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered RGBA rows of an 8-bit RGBA PNG; checks every CRC."""
    assert data[:8] == SIGNATURE
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        pos += 12 + length
    assert pos == len(data)
    kinds = [k for k, _ in chunks]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour) == (8, 6)
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = 1 + 4 * width
    assert len(raw) == stride * height
    rows = [raw[y * stride : (y + 1) * stride] for y in range(height)]
    assert all(row[0] == 0 for row in rows)  # filter "none" on every row
    return width, height, [row[1:] for row in rows]


def pixel(rows: list[bytes], x: int, y: int) -> tuple[int, ...]:
    return tuple(rows[y][4 * x : 4 * x + 4])


def test_the_ico_holds_one_png_per_size_where_its_directory_says():
    ico = favicon_ico()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 3)
    end = 6 + 16 * count
    for i, size in enumerate((16, 32, 48)):
        entry = struct.unpack("<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i])
        w, h, colours, zero, planes, bits, length, offset = entry
        assert (w, h, colours, zero, planes, bits) == (size, size, 0, 0, 1, 32)
        assert offset == end  # the images follow each other without gaps
        assert read_png(ico[offset : offset + length])[:2] == (size, size)
        end += length
    assert end == len(ico)


def test_the_data_uri_is_a_64_pixel_icon_drawn_in_the_brand_colours():
    prefix = "data:image/png;base64,"
    uri = favicon_data_uri()
    assert uri.startswith(prefix)
    width, height, rows = read_png(base64.b64decode(uri[len(prefix) :], validate=True))
    assert (width, height) == (64, 64)
    assert pixel(rows, 0, 0)[3] == 0  # the rounded corner is transparent
    x, y = (int(f * 64) for f in NODES[0])
    assert pixel(rows, x, y) == (255, 255, 255, 255)  # a node
    assert pixel(rows, 60, 32) == (*BRAND, 255)  # the background beside the nodes


def test_the_svg_is_xml_with_three_nodes_on_the_brand_colour():
    root = ET.fromstring(SVG)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.get("viewBox") == "0 0 32 32"
    (rect,) = root.iter(f"{ns}rect")
    assert rect.get("fill") == "#{:02x}{:02x}{:02x}".format(*BRAND)
    assert len(list(root.iter(f"{ns}circle"))) == len(NODES)
