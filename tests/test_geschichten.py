"""Geschichten (content/geschichten.yaml): loading, checking every step's view, the one
declaration of the dashboard's address (generator/content/ansicht.py) against state.js."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.build import load_network
from generator.content.ansicht import PARAMS, canonical, fragment
from generator.errors import ContentError
from tests.conftest import ROOT, TEMPLATES

STATE_JS = ROOT / "templates" / "assets" / "js" / "dashboard" / "state.js"

GOOD = """\
- id: probe
  titel: Probe
  schritte:
  - text: Ringelai und Bamberg.
    ansicht: "#bl=Bayern&hf=soziale-inklusion&k=ringelai"
  - text: Regensburg nimmt sich Wien zum Vorbild.
    ansicht: https://example.org/index.html#art=vorbild&k=regensburg&weg=wien
  - text: Aus einer Datei.
    ansicht: file:///home/redaktion/dist/index.html#bis=2023-H2&mpsc=1&belegt=1&q=Bad Belzig
"""


def write(content: Path, text: str) -> None:
    (content / "geschichten.yaml").write_text(text, "utf-8")


def problems_of(content: Path) -> list[str]:
    """The report's lines about geschichten.yaml (the build must refuse the content)."""
    with pytest.raises(ContentError) as info:
        load_network(content)
    return [str(p) for p in info.value.problems if p.file == "geschichten.yaml"]


def line_of(text: str, needle: str) -> int:
    """The line (from 1) of the first line of text containing needle."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- the shipped stories ------------------------------------------------------------------


def test_the_shipped_stories_tell_the_seed():
    net, _ = load_network(ROOT / "content")
    stories = {g.id: g for g in net.geschichten}
    assert list(stories) == ["inspiration-bayern", "transfer-brandenburg"]
    bayern = [s.ansicht for s in stories["inspiration-bayern"].schritte]
    assert bayern[0] == "hf=soziale-inklusion&bl=Bayern&k=ringelai"
    assert any("k=regensburg" in a and "art=vorbild" in a for a in bayern)
    texts = " ".join(s.text for s in stories["inspiration-bayern"].schritte)
    for fact in (
        "Bamberg",
        "Wien",
        "Ausland",
        "Bauen und Wohnen",
        "Energiezwilling",
        "Ilzer Land",
    ):
        assert fact in texts, fact
    brandenburg = " ".join(s.text for s in stories["transfer-brandenburg"].schritte)
    for fact in ("Bad Belzig-App", "Rostock", "Frankfurt (Oder)", "Cottbus", "Hagenow"):
        assert fact in brandenburg, fact
    for story in stories.values():
        for step in story.schritte:
            # German plain language: one to three sentences per step.
            assert 1 <= len(re.findall(r"[.!?](?:\s|$)", step.text)) <= 3, step.text


# --- whole links and the dashboard's own form ---------------------------------------------


def test_a_step_takes_the_part_after_hash_or_a_whole_link(content):
    write(content, GOOD)
    net, _ = load_network(content)
    (story,) = net.geschichten
    assert [s.ansicht for s in story.schritte] == [
        "hf=soziale-inklusion&bl=Bayern&k=ringelai",
        "art=vorbild&k=regensburg&weg=wien",
        "bis=2023-H2&mpsc=1&belegt=1&q=Bad+Belzig",
    ]


def test_the_form_is_the_one_hashOf_writes():
    assert fragment("#k=a") == "k=a"
    assert fragment("https://x.org/index.html#k=a") == "k=a"
    assert fragment("file:///tmp/dist/index.html#k=a") == "k=a"
    assert fragment("k=a") is None and fragment("https://x.org/index.html") is None
    every_art = "vorbild,wissensaustausch,entwicklungspartnerschaft,uebertragung"
    assert canonical({"art": every_art, "k": "a"}) == "k=a"  # all Arten: no art=
    # Arten in their order, the comma encoded as URLSearchParams encodes it.
    assert canonical({"art": "uebertragung,vorbild"}) == "art=vorbild%2Cuebertragung"
    assert canonical({"q": "Bad Belzig-App ä*~"}) == "q=Bad+Belzig-App+%C3%A4*%7E"


# --- refusals, at geschichten.yaml:LINE with the field ------------------------------------


def test_an_unknown_kommune_in_a_view_names_line_and_field(content):
    text = GOOD.replace("k=ringelai", "k=ringelei")
    write(content, text)
    (problem,) = problems_of(content)
    line = line_of(text, "k=ringelei")
    assert problem.startswith(f"geschichten.yaml:{line}: ansicht: Schritt 1: k=ringelei: ")
    assert "Kommune 'ringelei' ist unbekannt (meinten Sie: ringelai?)" in problem


def test_every_wrong_view_is_reported_at_once(content):
    text = """\
- id: alles-falsch
  titel: Alles falsch
  schritte:
  - text: Handlungsfeld.
    ansicht: "#hf=soziale-inklusio"
  - text: Bundesland.
    ansicht: "#bl=Bayernn"
  - text: Zeitraum.
    ansicht: "#bis=2031-H1"
  - text: Art.
    ansicht: "#art=vorbild,transfer"
  - text: Weg.
    ansicht: "#k=ringelai&weg=atlantis"
  - text: Weg ohne Kommune.
    ansicht: "#weg=bamberg"
  - text: Weg zu sich selbst.
    ansicht: "#k=bamberg&weg=bamberg"
  - text: Parameter.
    ansicht: "#kommune=bamberg"
  - text: Schalter.
    ansicht: "#mpsc=ja"
  - text: Kein Link.
    ansicht: "k=bamberg"
"""
    write(content, text)
    problems = problems_of(content)
    expected = [
        ("hf=soziale-inklusio", "Handlungsfeld 'soziale-inklusio' ist unbekannt"),
        ("bl=Bayernn", "Bundesland 'Bayernn' ist unbekannt"),
        ("bis=2031-H1", "Zeitraum '2031-H1' ist unbekannt"),
        ("art=vorbild,transfer", "Art 'transfer' ist unbekannt"),
        ("weg=atlantis", "Kommune 'atlantis' ist unbekannt"),
        ('"#weg=bamberg"', "weg= braucht eine ausgewählte Kommune"),
        ("k=bamberg&weg=bamberg", "führt zur ausgewählten Kommune selbst"),
        ("kommune=bamberg", "Parameter 'kommune' gibt es nicht"),
        ("mpsc=ja", "erwartet mpsc=1"),
        ('"k=bamberg"', "ist keine Adresse des Dashboards"),
    ]
    assert len(problems) == len(expected), problems
    for (needle, message), problem in zip(expected, problems, strict=True):
        assert problem.startswith(f"geschichten.yaml:{line_of(text, needle)}: ansicht: "), problem
        assert message in problem, (message, problem)


def test_structural_errors_name_line_and_field(content):
    text = """\
- id: doppelt
  titel: Erste
  schritte:
  - text: Eins.
    ansicht: "#k=bamberg"
- id: doppelt
  titel: Zweite
  schritte:
  - text: Zwei.
    ansicht: "#k=bamberg"
- titel: Ohne id
  schritte:
  - text: Drei.
    ansicht: "#k=bamberg"
- id: ohne-titel
  schritte:
  - text: Vier.
    ansicht: "#k=bamberg"
- id: ohne-schritte
  titel: Ohne Schritte
- id: leer
  titel: Leer
  schritte: []
- id: falsche-schluessel
  titel: Falsche Schlüssel
  titl: Tippfehler
  schritte:
  - txt: Fünf.
    ansicht: "#k=bamberg"
  - ansicht: "#k=bamberg"
  - text: Ohne Ansicht.
"""
    write(content, text)
    problems = problems_of(content)
    expected = [
        ("- id: doppelt", "- id: doppelt", "schon in Zeile"),  # the second one, see below
        ("- titel: Ohne id", "id", "Pflichtfeld fehlt"),
        ("- id: ohne-titel", "titel", "Pflichtfeld fehlt"),
        ("- id: ohne-schritte", "schritte", "mindestens einen Schritt"),
        ("schritte: []", "schritte", "mindestens einen Schritt"),
        ("titl: Tippfehler", "titl", "unbekannter Schlüssel 'titl' (meinten Sie: titel?)"),
        ("- txt: Fünf.", "txt", "Schritt 1: unbekannter Schlüssel 'txt'"),
        ("- txt: Fünf.", "text", "Pflichtfeld fehlt"),
        ('- ansicht: "#k=bamberg"', "text", "Pflichtfeld fehlt"),
        ("- text: Ohne Ansicht.", "ansicht", "Pflichtfeld fehlt"),
    ]
    second = [n for n, line in enumerate(text.splitlines(), 1) if line == "- id: doppelt"][1]
    assert (
        f"geschichten.yaml:{second}: id: id 'doppelt' steht doppelt (schon in Zeile 1)" in problems
    )
    for needle, field, message in expected[1:]:
        where = f"geschichten.yaml:{line_of(text, needle)}: {field}: "
        assert any(p.startswith(where) and message in p for p in problems), (
            where,
            message,
            problems,
        )
    assert len(problems) == len(expected), problems


def test_a_key_twice_in_a_step_is_refused(content):
    text = GOOD.replace(
        '    ansicht: "#bl=Bayern&hf=soziale-inklusion&k=ringelai"\n',
        '    ansicht: "#bl=Bayern&hf=soziale-inklusion&k=ringelai"\n    text: Noch einmal.\n',
    )
    write(content, text)
    (problem,) = problems_of(content)
    assert problem.startswith(f"geschichten.yaml:{line_of(text, 'Noch einmal')}: text: ")
    assert "Schlüssel doppelt (schon in Zeile 4)" in problem


@pytest.mark.parametrize(
    ("yaml_text", "needle", "message"),
    [
        ("- &a\n  id: x\n- *a\n", "*a", "Verweis *a (YAML-Alias) ist nicht erlaubt"),
        ("- id: !!python/object x\n", "!!python", "Typangabe !!python/object ist nicht erlaubt"),
        ("- id: x\n  schritte: " + "[" * 12 + "]" * 12 + "\n", "[[", "zu tief verschachtelt"),
        ("- id: x\n\ttitel: y\n", "\t", "Tabulator zum Einrücken"),
        ("id: x\n", "id: x", "erwartet: eine Liste von Einträgen"),
    ],
)
def test_the_yaml_hardening_holds_for_the_stories(content, yaml_text, needle, message):
    write(content, yaml_text)
    (problem,) = problems_of(content)
    assert problem.startswith(f"geschichten.yaml:{line_of(yaml_text, needle)}: "), problem
    assert message in problem


def test_the_build_refuses_a_bad_story_in_german_without_traceback(content, tmp_path, capsys):
    write(content, GOOD.replace("k=ringelai", "k=nirgendwo"))
    out = tmp_path / "dist"
    code = main(
        [
            "build",
            "--content",
            str(content),
            "--templates",
            str(TEMPLATES),
            "--out",
            str(out),
            "--quiet",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and not out.exists()
    assert re.search(
        r"^geschichten\.yaml:\d+: ansicht: Schritt 1: k=nirgendwo: Kommune", err, re.M
    ), err


# --- the site: optional, escaped ----------------------------------------------------------


def test_without_the_file_there_is_no_geschichten_control(built):
    html = (built / "index.html").read_text("utf-8")
    assert 'id="geschichten"' not in html and 'id="geschichte"' not in html


def test_the_stories_reach_the_dashboard_escaped(content, tmp_path):
    from generator.commands.build import build

    write(
        content,
        GOOD.replace("titel: Probe", 'titel: "<script>alert(1)</script> & Co"').replace(
            "Ringelai und Bamberg.", "Ringelai <b>und</b> Bamberg."
        ),
    )
    build(content, TEMPLATES, tmp_path / "dist")
    html = (tmp_path / "dist" / "index.html").read_text("utf-8")
    assert "<script>alert(1)" not in html and "<b>und</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert 'data-ansicht="hf=soziale-inklusion&amp;bl=Bayern&amp;k=ringelai"' in html
    assert html.count('{% include "_partials/geschichten.html" %}') == 0
    assert 'id="geschichten-toggle"' in html and ">Geschichten</button>" in html


# --- one declaration of the address -------------------------------------------------------


def _function(js: str, name: str) -> str:
    """The text of KTS.<name> = function … up to the next 'KTS.… = function'."""
    start = js.index(f"KTS.{name} = function")
    following = js.find("KTS.", js.index("};", start))
    return js[start:following]


def test_state_js_reads_and_writes_exactly_the_declared_parameters():
    js = STATE_JS.read_text("utf-8")
    written = re.findall(r'p\.set\("([a-z]+)"', _function(js, "hashOf"))
    read = re.findall(r'p\.get\("([a-z]+)"\)', _function(js, "readHash"))
    declared = [p.name for p in PARAMS]
    # hashOf writes them in the declared order: the build's form of a step's view is the
    # dashboard's own, so the address of a step is what the dashboard writes for it.
    assert written == declared
    assert set(read) == set(declared)


def test_the_declaration_test_fails_on_a_drifted_state_js(monkeypatch, tmp_path):
    drifted = tmp_path / "state.js"
    drifted.write_text(STATE_JS.read_text("utf-8").replace('p.set("bl"', 'p.set("land"'), "utf-8")
    monkeypatch.setattr(f"{__name__}.STATE_JS", drifted)
    with pytest.raises(AssertionError):
        test_state_js_reads_and_writes_exactly_the_declared_parameters()
