"""The site's icon: a PNG inside every page, /favicon.ico (PNGs inside an ICO container) and
/favicon.svg for those that ask the root, so no page logs a 404. Drawn here, byte for byte
reproducible: three white nodes joined by lines on the brand's dark blue."""

from __future__ import annotations

import base64
import math
import struct
import zlib
from functools import cache

BRAND = (0x12, 0x35, 0x5B)
NODES = ((0.30, 0.30), (0.72, 0.40), (0.42, 0.74))  # fractions of the side
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#12355b"/>
<g stroke="#fff" stroke-width="2"><path d="M9.6 9.6 23 12.8 13.4 23.7z" fill="none"/></g>
<g fill="#fff"><circle cx="9.6" cy="9.6" r="4"/><circle cx="23" cy="12.8" r="4"/>
<circle cx="13.4" cy="23.7" r="4"/></g>
</svg>
"""


def _segment_distance(px: float, py: float, a: tuple, b: tuple) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _pixels(size: int) -> list[bytes]:
    nodes = [(x * size, y * size) for x, y in NODES]
    edges = [(nodes[0], nodes[1]), (nodes[1], nodes[2]), (nodes[2], nodes[0])]
    radius, corner = size / 8, size / 5
    rows = []
    for y in range(size):
        row = bytearray([0])  # PNG filter: none
        for x in range(size):
            cx, cy = x + 0.5, y + 0.5
            # rounded square: outside the corner arcs is transparent
            qx = max(corner - cx, 0, cx - (size - corner))
            qy = max(corner - cy, 0, cy - (size - corner))
            if math.hypot(qx, qy) > corner:
                row += bytes((0, 0, 0, 0))
                continue
            white = any(math.hypot(cx - nx, cy - ny) <= radius for nx, ny in nodes) or any(
                _segment_distance(cx, cy, a, b) <= size / 32 for a, b in edges
            )
            row += bytes((255, 255, 255, 255)) if white else bytes((*BRAND, 255))
        rows.append(bytes(row))
    return rows


def _png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    raw = b"".join(_pixels(size))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


@cache
def favicon_data_uri(size: int = 64) -> str:
    """The icon as a PNG data: URI, for the pages' <link rel="icon">: a raster image, because
    an SVG icon is a document of its own, which took Chromium 20 ms of main-thread time to
    load and parse while the dashboard started."""
    return "data:image/png;base64," + base64.b64encode(_png(size)).decode("ascii")


@cache
def favicon_ico(sizes: tuple[int, ...] = (16, 32, 48)) -> bytes:
    """An ICO file holding one PNG per size."""
    images = [_png(s) for s in sizes]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in zip(sizes, images, strict=True):
        out += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(images)
