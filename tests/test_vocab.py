"""Vocabularies: each Art declared once and consistent, the Länder complete, Germany's frame.

The palettes' colours are checked in test_colours.py."""

from __future__ import annotations

import re

import pytest

from generator.content.vocab import (
    ART_BY_ID,
    ARTEN,
    BUNDESLAENDER,
    GERMANY,
    GERMANY_MARGIN,
    LAENDER,
    LAENDER_DE,
    germany_with_margin,
)


def test_each_art_says_its_sentence_with_both_names():
    says = {a.id: a.says("Regensburg", "Wien") for a in ARTEN}
    assert says == {
        "vorbild": "Regensburg nimmt sich Wien zum Vorbild",
        "wissensaustausch": "Regensburg – Wien",
        "entwicklungspartnerschaft": "Regensburg – Wien",
        "uebertragung": "Regensburg überträgt an Wien",
    }


def test_origin_is_the_end_the_knowledge_comes_from():
    assert ART_BY_ID["vorbild"].origin("a", "b") == "b"  # the model
    assert ART_BY_ID["uebertragung"].origin("a", "b") == "a"  # who hands it on
    assert ART_BY_ID["wissensaustausch"].origin("a", "b") is None


@pytest.mark.parametrize("art", ARTEN, ids=lambda a: a.id)
def test_an_art_is_directed_exactly_when_it_has_a_source_end(art):
    assert art.directed == (art.source in ("von", "nach"))
    assert art.directed == bool(art.seen_from_von and art.seen_from_nach)
    if not art.directed:
        assert art.source == ""
    assert "{von}" in art.sentence and "{nach}" in art.sentence


def test_arten_have_unique_ids_and_labels():
    assert list(ART_BY_ID) == [a.id for a in ARTEN]
    assert len({a.label for a in ARTEN}) == len(ARTEN)


def test_breakable_labels_only_add_soft_hyphens():
    for art in ARTEN:
        assert art.label_breakable.replace("\u00ad", "") == art.label
    assert "\u00ad" in ART_BY_ID["entwicklungspartnerschaft"].label_breakable


def test_the_browser_gets_the_arts_declaration():
    vorbild = ART_BY_ID["vorbild"]
    client = vorbild.client()
    assert client["sentence"] == vorbild.sentence and client["directed"] is True
    assert (client["fromVon"], client["fromNach"]) == (
        vorbild.seen_from_von,
        vorbild.seen_from_nach,
    )
    assert client["source"] == "nach" and client["colour"] == vorbild.colour


def test_germany_with_margin_contains_germany():
    la0, la1, lo0, lo1 = germany_with_margin()
    g_la0, g_la1, g_lo0, g_lo1 = GERMANY
    assert la0 < g_la0 < g_la1 < la1 and lo0 < g_lo0 < g_lo1 < lo1
    widened = (g_la0 - la0, la1 - g_la1, g_lo0 - lo0, lo1 - g_lo1)
    assert all(abs(w - GERMANY_MARGIN) < 0.006 for w in widened)


def test_the_sixteen_laender_have_unique_keys_01_to_16_and_codes():
    assert len(LAENDER_DE) == 16
    assert [b.key for b in LAENDER_DE] == [f"{n:02d}" for n in range(1, 17)]
    assert len({b.code for b in LAENDER_DE}) == 16
    assert all(re.fullmatch(r"[A-Z]{2}", b.code) for b in LAENDER_DE)
    assert len({b.name for b in LAENDER_DE}) == 16
    assert {b.name: b.key for b in LAENDER_DE} == BUNDESLAENDER
    assert BUNDESLAENDER["Bayern"] == "09" and BUNDESLAENDER["Thüringen"] == "16"


def test_the_seats_of_government_lie_in_germany():
    la0, la1, lo0, lo1 = GERMANY
    for land in LAENDER_DE:
        lat, lon = land.seat
        assert la0 < lat < la1 and lo0 < lon < lo1, land.name


def test_country_names_are_keyed_by_two_letter_codes():
    assert LAENDER["DE"] == "Deutschland" and LAENDER["AT"] == "Österreich"
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in LAENDER)
