"""Snippets: a pair's sentence from the Art's declaration, links relative to the page, all text
escaped."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from generator.content.model import Handlungsfeld, Kommune, Massnahme, Network, Site, Verbindung
from generator.site.snippets import Snippets

HOSTILE = '<script>alert("x")</script>'


def kommune(kid: str, name: str) -> Kommune:
    return Kommune(kid, name, "grossstadt", "DE", "Bayern", 49.0, 12.1, False, None, "", "")


def verbindung(art: str, **fields) -> Verbindung:
    values = dict(
        von="rgb", nach="boese", art=art, handlungsfelder=("mob", "hostile"), massnahme=None,
        zeitraum="2023-H2", beschreibung="", quelle="Amtsblatt", quelle_url="",
    )  # fmt: skip
    return Verbindung(**{**values, **fields})


NET = Network(
    Site("Probe", "", "https://example.org/", dt.date(2025, 1, 1), "", "", 18, "{id}"),
    (Handlungsfeld("mob", "Mobilität", "#000", ""), Handlungsfeld("hostile", HOSTILE, "#000", "")),
    (kommune("rgb", "Regensburg"), kommune("boese", HOSTILE)),
    (),
    (Massnahme("m-7", f"Parken {HOSTILE}", "", ("mob",), ("rgb",), ""),),
)


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_a_pairs_sentence_comes_from_its_arts_declaration():
    wien = replace(NET.kommunen[1], name="Wien")
    snip = Snippets(Network(NET.site, NET.handlungsfelder, (NET.kommunen[0], wien), (), ()))
    sentences = {art: text(snip.pair(verbindung(art), "")) for art in ("vorbild", "uebertragung")}
    assert sentences == {
        "vorbild": "Regensburg nimmt sich Wien zum Vorbild",
        "uebertragung": "Regensburg überträgt an Wien",
    }
    assert text(snip.pair(verbindung("wissensaustausch"), "")) == "Regensburg – Wien"


def test_a_pair_links_both_kommunen_relative_to_the_page_and_escapes_their_names():
    html = str(Snippets(NET).pair(verbindung("vorbild"), "../../"))
    assert '<a href="../../kommunen/rgb/index.html">Regensburg</a> nimmt sich ' in html
    assert '<a href="../../kommunen/boese/index.html">' in html
    assert "<script" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_a_connection_shows_art_felder_massnahme_zeitraum_and_source_escaped():
    v = verbindung(
        "uebertragung",
        massnahme="m-7",
        beschreibung=f"Idee {HOSTILE}",
        quelle=f"Blatt {HOSTILE}",
        quelle_url='https://amt.example/?a=1&b="2"',
    )
    html = str(Snippets(NET).connection(v, "", True))
    assert "<script" not in html and html.count("&lt;script&gt;") == 5
    assert '<span class="art art-uebertragung">Übertragung</span>' in html
    assert '<a href="handlungsfelder/mob/index.html">Mobilität</a>, ' in html
    assert 'Maßnahme: <a href="massnahmen/m-7/index.html">Parken &lt;script&gt;' in html
    assert "2. Halbjahr 2023" in html
    assert 'href="https://amt.example/?a=1&amp;b=&#34;2&#34;" rel="noopener"' in html
    assert 'class="badge"' not in html  # a reported record, not an example


def test_an_example_connection_says_so_and_names_its_source_without_a_link():
    v = verbindung("wissensaustausch", quelle="Beispiel (synthetisch)")
    html = str(Snippets(NET).connection(v, "", False))
    assert '<span class="badge">Beispiel</span> Quelle: Beispiel (synthetisch)' in html
    assert 'class="art ' not in html and "Maßnahme:" not in html
