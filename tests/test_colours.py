"""Palettes: distinct for normal vision and deuteranopia, and readable on a light map."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from generator.content.vocab import ARTEN, HANDLUNGSFELD_PALETTE, NODE_COLOURS
from tests.colours import ciede2000, contrast_with_white, lab, min_difference

SHIPPED = Path(__file__).resolve().parent.parent / "content" / "handlungsfelder.yaml"


def shipped_felder() -> list[str]:
    return [h["farbe"].lower() for h in yaml.safe_load(SHIPPED.read_text("utf-8"))]


def test_ciede2000_matches_sharma_test_data():
    pairs = [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ]
    first, second, expected = (np.array(x) for x in zip(*pairs, strict=True))
    assert np.allclose(ciede2000(first, second), expected, atol=1e-4)
    assert round(float(lab(np.array([[1.0, 1.0, 1.0]]))[0, 0]), 3) == 100.0


def test_shipped_handlungsfelder_use_the_palette():
    assert shipped_felder() == list(HANDLUNGSFELD_PALETTE)


@pytest.mark.parametrize("deuteranopia", [False, True])
def test_handlungsfeld_colours_are_distinct(deuteranopia):
    assert len(set(shipped_felder())) == 12
    assert min_difference(shipped_felder(), simulate=deuteranopia) >= 15


def test_handlungsfeld_colours_are_lines_on_a_light_map():
    assert min(contrast_with_white(c) for c in shipped_felder()) >= 3


@pytest.mark.parametrize("deuteranopia", [False, True])
def test_art_and_node_colours_are_distinct(deuteranopia):
    colours = [a.colour for a in ARTEN] + list(NODE_COLOURS.values())
    assert min_difference(colours, simulate=deuteranopia) >= 15


def test_art_colours_carry_white_text():
    assert min(contrast_with_white(a.colour) for a in ARTEN) >= 4.5
    assert contrast_with_white(NODE_COLOURS["mpsc"]) >= 4.5
    assert min(contrast_with_white(c) for c in NODE_COLOURS.values()) >= 3
