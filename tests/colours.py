"""Colour science for the palette tests: CIEDE2000, deuteranopia and WCAG contrast."""

from __future__ import annotations

import numpy as np

# Machado, Oliveira and Fernandes (2009), deuteranopia at severity 1.0, on linear RGB.
DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)
SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
WHITE_D65 = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(hex_colours: list[str]) -> np.ndarray:
    """'#rrggbb' to linear RGB in [0, 1], one row per colour."""
    srgb = np.array([[int(h[i : i + 2], 16) / 255 for i in (1, 3, 5)] for h in hex_colours])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def deuteranope(linear: np.ndarray) -> np.ndarray:
    """What a deuteranope sees, in linear RGB (clipped to the gamut)."""
    return np.clip(linear @ DEUTERANOPIA.T, 0, 1)


def lab(linear: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of linear RGB colours."""
    xyz = linear @ SRGB_TO_XYZ.T / WHITE_D65
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.column_stack(
        [116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])]
    )


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal 2005), element-wise over rows."""
    l1, a1, b1 = lab1.T
    l2, a2, b2 = lab2.T
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(c1p * c2p == 0, 0, dh)
    dhh = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    lp, cp = (l1 + l2) / 2, (c1p + c2p) / 2
    hp = np.where(
        np.abs(h1p - h2p) <= 180,
        (h1p + h2p) / 2,
        np.where(h1p + h2p < 360, (h1p + h2p + 360) / 2, (h1p + h2p - 360) / 2),
    )
    hp = np.where(c1p * c2p == 0, h1p + h2p, hp)
    t = (
        1
        - 0.17 * np.cos(np.radians(hp - 30))
        + 0.24 * np.cos(np.radians(2 * hp))
        + 0.32 * np.cos(np.radians(3 * hp + 6))
        - 0.20 * np.cos(np.radians(4 * hp - 63))
    )
    sl = 1 + 0.015 * (lp - 50) ** 2 / np.sqrt(20 + (lp - 50) ** 2)
    sc = 1 + 0.045 * cp
    sh = 1 + 0.015 * cp * t
    rt = (
        -2
        * np.sqrt(cp**7 / (cp**7 + 25.0**7))
        * np.sin(np.radians(60 * np.exp(-(((hp - 275) / 25) ** 2))))
    )
    return np.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


def min_difference(hex_colours: list[str], simulate: bool = False) -> float:
    """The smallest CIEDE2000 between two of the colours, optionally as a deuteranope sees."""
    linear = linear_rgb(hex_colours)
    points = lab(deuteranope(linear) if simulate else linear)
    i, j = np.triu_indices(len(points), k=1)
    return float(ciede2000(points[i], points[j]).min())


def contrast_with_white(hex_colour: str) -> float:
    """WCAG 2 contrast ratio of the colour against white."""
    r, g, b = linear_rgb([hex_colour])[0]
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)
