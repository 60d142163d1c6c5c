"""rewrite: unchanged records keep their bytes, changed ones change only their lines."""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.rewrite import write_csv, write_yaml_list
from generator.content.schema import KOMMUNEN, VERBINDUNGEN

CONTENT = Path(__file__).resolve().parent.parent / "content"


def _changed(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("table", [KOMMUNEN, VERBINDUNGEN], ids=lambda t: t.file)
def test_a_csv_file_written_from_its_own_rows_is_the_same(table):
    text = (CONTENT / table.file).read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert write_csv(table, text, rows) == text
    rows[3]["beschreibung"] = 'Mit "Anführungszeichen", Komma'
    changed = _changed(text, write_csv(table, text, rows))
    assert len(changed) == 2 and '"Mit ""Anführungszeichen"", Komma"' in changed[1]


def test_an_excel_saved_csv_is_written_in_canonical_form():
    text = (CONTENT / "verbindungen.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
        [VERBINDUNGEN.names, *([r[n] for n in VERBINDUNGEN.names] for r in rows)]
    )
    assert write_csv(VERBINDUNGEN, "\ufeff" + out.getvalue(), rows) == text


@pytest.mark.parametrize("name", ["massnahmen.yaml", "handlungsfelder.yaml", "geschichten.yaml"])
def test_a_yaml_file_written_from_its_own_records_is_the_same(name):
    text = (CONTENT / name).read_text("utf-8")
    assert write_yaml_list(name, text, yaml.safe_load(text)) == text


def test_yaml_edits_change_only_their_lines_and_keep_comments():
    text = (CONTENT / "massnahmen.yaml").read_text("utf-8")
    text = "# Kopf\n" + text.replace(
        "- id: mitfahrbank", "# vor der Mitfahrbank\n- id: mitfahrbank"
    )
    records = yaml.safe_load(text)
    records[0]["handlungsfelder"] = ["bildung"]  # a block list indented like its key
    records[1]["url"] = "https://example.org/app"  # a new key
    del records[2]["beschreibung"]  # a removed key
    new = write_yaml_list("massnahmen.yaml", text, records)
    assert yaml.safe_load(new) == records
    assert new.startswith("# Kopf\n") and "# vor der Mitfahrbank\n- id: mitfahrbank" in new
    assert _changed(text, new) == [
        "-  - bauen-und-wohnen",
        "-  - energie-und-klimaschutz",
        "+  - bildung",
        "+  url: https://example.org/app",
        "-  beschreibung: Beteiligungsmodell der Stadt Ulm; laut öffentlicher Darstellung der "
        "KTS von Madrid übernommen.",
    ]


def test_a_folded_story_text_stays_folded_and_others_keep_their_bytes():
    text = (CONTENT / "geschichten.yaml").read_text("utf-8")
    records = yaml.safe_load(text)
    records[0]["schritte"][1]["text"] = "Ein neuer, kurzer Text: mit Doppelpunkt."
    new = write_yaml_list("geschichten.yaml", text, records)
    assert yaml.safe_load(new) == records
    changed = _changed(text, new)
    assert changed[-1] == "+      Ein neuer, kurzer Text: mit Doppelpunkt."
    assert all(line.startswith("-      ") for line in changed[:-1])


def test_records_added_removed_and_reordered():
    text = (CONTENT / "handlungsfelder.yaml").read_text("utf-8")
    records = yaml.safe_load(text)
    records = [records[1], records[0], *records[3:]]
    records.append({"id": "neu", "name": "Neu: mit Doppelpunkt", "farbe": "#123456"})
    new = write_yaml_list("handlungsfelder.yaml", text, records)
    assert yaml.safe_load(new) == records


TEXT = st.lists(
    st.sampled_from([*"ab ÄüßŁ:#'\"-,;|\n", "ja", "2019", "null", "- ", "\t"]), max_size=12
).map("".join)


@settings(deadline=None)  # the first example compiles PyYAML's expressions
@given(TEXT, TEXT)
def test_any_text_survives_both_writers(beschreibung, titel):
    kommunen = (CONTENT / "kommunen.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(kommunen)))[:3]
    rows[1]["beschreibung"] = beschreibung
    again = list(csv.DictReader(io.StringIO(write_csv(KOMMUNEN, kommunen, rows))))
    assert again == rows
    text = (CONTENT / "massnahmen.yaml").read_text("utf-8")
    records = yaml.safe_load(text)[:3]
    records[0]["beschreibung"] = beschreibung.strip() or "x"
    records[1]["titel"] = titel.strip() or "y"
    new = write_yaml_list("massnahmen.yaml", text, records)
    assert yaml.safe_load(new) == records


# ---------------------------------------------------------------------------------------
# Minimal edits in the old style: one changed value is one changed line.

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "rewrite" / "massnahmen.yaml"


def _write(name: str, text: str, records: list) -> str:
    new = write_yaml_list(name, text, records)
    assert yaml.safe_load(new) == records
    return new


def test_a_changed_colour_is_one_line_and_keeps_its_quotes():
    text = (CONTENT / "handlungsfelder.yaml").read_text("utf-8")
    records = yaml.safe_load(text)
    records[2]["farbe"] = "#123456"
    assert _changed(text, _write("handlungsfelder.yaml", text, records)) == [
        "-  farbe: '#004b87'",
        "+  farbe: '#123456'",
    ]


def test_one_word_in_a_folded_story_text_is_one_line():
    text = (CONTENT / "geschichten.yaml").read_text("utf-8")
    records = yaml.safe_load(text)
    step = records[0]["schritte"][2]
    step["text"] = step["text"].replace("braunen", "dunkelbraunen")
    step["ansicht"] = "#bl=Hessen"
    assert _changed(text, _write("geschichten.yaml", text, records)) == [
        "-      München nach Utrecht. Die Kommunen im Ausland sind die braunen Punkte.",
        '-    ansicht: "#bl=Bayern"',
        "+      München nach Utrecht. Die Kommunen im Ausland sind die dunkelbraunen Punkte.",
        '+    ansicht: "#bl=Hessen"',
    ]


def test_a_folded_text_that_grows_too_long_passes_its_last_words_on():
    text = (CONTENT / "geschichten.yaml").read_text("utf-8")
    records = yaml.safe_load(text)
    step = records[1]["schritte"][0]
    step["text"] = step["text"].replace(
        "eigene App", "eigene, sehr viel gelobte und oft geteilte App"
    )
    new = _write("geschichten.yaml", text, records)
    assert max(len(line) for line in new.splitlines()) <= max(len(x) for x in text.splitlines())
    changed = _changed(text, new)  # the two lines of the text become three
    assert [line[0] for line in changed] == ["-", "-", "+", "+", "+"]
    assert changed[2].startswith("+      Bad Belzig in Brandenburg hat eine eigene, sehr viel")


def test_steps_added_and_removed_change_only_their_lines():
    text = (CONTENT / "geschichten.yaml").read_text("utf-8")
    records = yaml.safe_load(text)
    steps = records[1]["schritte"]
    del steps[1]
    steps.append({"text": "Ein neuer Schritt: mit Doppelpunkt.", "ansicht": "#k=cottbus"})
    changed = _changed(text, _write("geschichten.yaml", text, records))
    assert [line[0] for line in changed] == ["-"] * 4 + ["+"] * 3
    assert changed[-3:] == [  # the new step is written in the style of the others
        "+  - text: >-",
        "+      Ein neuer Schritt: mit Doppelpunkt.",
        '+    ansicht: "#k=cottbus"',
    ]


def test_the_fixture_keeps_its_comments_and_styles_through_edits():
    text = FIXTURE.read_text("utf-8")
    assert write_yaml_list("massnahmen.yaml", text, yaml.safe_load(text)) == text
    records = yaml.safe_load(text)
    first, second, third = records
    first["beschreibung"] = first["beschreibung"].replace("einzelnes", "einziges")
    first["handlungsfelder"].append("bildung-neu")  # a flow list stays flow
    first["kommunen"][1] = "berlin"  # the entry's trailing comment stays
    second["beschreibung"] = "Nur eine Zeile.\n"  # a literal text stays literal
    second["kommunen"].insert(0, "bonn")  # an indented list stays indented
    second["url"] = "https://example.org/zweite"  # a new key, after kommunen
    del third["kontakt"]
    new = _write("massnahmen.yaml", text, records)
    assert _changed(text, new) == [
        "-    erhalten bleiben, wenn sich ein einzelnes Wort in ihr ändert, und nur diese Zeile",
        "+    erhalten bleiben, wenn sich ein einziges Wort in ihr ändert, und nur diese Zeile",
        "-  handlungsfelder: [bildung, daten-und-plattformen]",
        "+  handlungsfelder: [bildung, daten-und-plattformen, bildung-neu]",
        "-  - bamberg  # a trailing comment",
        "+  - berlin  # a trailing comment",
        "-    Erste Zeile.",
        "-    Zweite Zeile.",
        "+    Nur eine Zeile.",
        "+    - bonn",
        "+  url: https://example.org/zweite",
        "-  kontakt: 'mailto:x@example.org'",
    ]


def test_items_move_and_go_with_their_comment_blocks():
    text = FIXTURE.read_text("utf-8")
    first, second, third = yaml.safe_load(text)
    new = _write("massnahmen.yaml", text, [third, second])
    assert new.startswith("# Maßnahmen: a fixture")  # the file's header stays on top
    assert "# About the first item." not in new and "- id: erste" not in new
    assert "# About the third item.\n- id: dritte" in new
    assert new.index("- id: dritte") < new.index("- id: zweite")
    assert new.endswith("# A footer comment.\n")


def test_a_new_item_is_written_as_the_file_writes_them():
    text = FIXTURE.read_text("utf-8")
    records = yaml.safe_load(text)
    new_item = {
        "id": "neu",
        "titel": "ja",
        "handlungsfelder": ["#x", "2019"],
        "kommunen": ["null", "a: b"],
        "url": "https://example.org/neu",
    }
    records.insert(1, new_item)
    new = _write("massnahmen.yaml", text, records)
    assert _changed(text, new) == [
        "+- id: neu",
        "+  titel: ja",
        "+  handlungsfelder: ['#x', '2019']",
        "+  kommunen:",
        "+  - 'null'",
        "+  - 'a: b'",
        "+  url: https://example.org/neu",
    ]


def test_empty_values_remove_their_keys_and_an_empty_list_reads_back():
    text = FIXTURE.read_text("utf-8")
    records = yaml.safe_load(text)
    records[0]["url"] = ""
    records[0]["beschreibung"] = None
    new = write_yaml_list("massnahmen.yaml", text, records)
    del records[0]["url"], records[0]["beschreibung"]
    assert yaml.safe_load(new) == records
    assert "# a comment inside the item" in new
    assert yaml.safe_load(write_yaml_list("massnahmen.yaml", text, [])) == []


def test_csv_multiline_cells_and_old_quoting_kept_where_the_row_did_not_change():
    text = (
        "id,name,typ,land,bundesland,lat,lon\n"
        '"a","A",kleinstadt,DE,Bayern,48.1,11.5\n'
        'b,"Zwei\nZeilen",kleinstadt,DE,Bayern,48.2,11.6\n'
        "c,C,kleinstadt,DE,Bayern,48.3,11.7\n"
    )
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert write_csv(KOMMUNEN, text, rows) == text
    rows[2]["name"] = "C\r\nmit CRLF"
    new = write_csv(KOMMUNEN, text, rows)
    assert list(csv.DictReader(io.StringIO(new, newline=""))) == rows
    assert new.startswith(text.rsplit("c,C", 1)[0])  # rows a and b keep their bytes
    assert write_csv(KOMMUNEN, text, rows[::-1]).index("c,") < write_csv(
        KOMMUNEN, text, rows[::-1]
    ).index('"a"')


def test_csv_columns_the_records_fill_are_added_in_schema_order():
    text = "id,name,typ,land,bundesland,lat,lon\na,A,kleinstadt,DE,Bayern,48.1,11.5\n"
    rows = [dict(next(csv.DictReader(io.StringIO(text))), ags="09162000", mpsc="nein")]
    new = write_csv(KOMMUNEN, text, rows)
    assert new.splitlines()[0] == "id,name,typ,land,bundesland,lat,lon,mpsc,ags"


# ---------------------------------------------------------------------------------------
# Any text survives every style of the fixture and the CSV writer.

ANY_TEXT = st.lists(
    st.one_of(
        st.sampled_from([*"aZ ü:#'\"-,;|>&*!%@`[]{}\n\t\r", "ja", "2019", "null", "~", "- "]),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=12,
).map("".join)


@settings(deadline=None)
@given(ANY_TEXT, ANY_TEXT, ANY_TEXT, ANY_TEXT, st.lists(ANY_TEXT, min_size=1, max_size=4))
def test_any_text_survives_every_style(titel, folded, literal, url, kommunen):
    text = FIXTURE.read_text("utf-8")
    records = yaml.safe_load(text)
    records[0].update(titel=titel, beschreibung=folded, url=url, handlungsfelder=kommunen)
    records[1].update(beschreibung=literal, kommunen=kommunen, kontakt=titel)
    records.append({"id": "neu", "titel": folded, "kommunen": kommunen})
    expected = [{k: v for k, v in r.items() if v not in ("", None, [])} for r in records]
    new = write_yaml_list("massnahmen.yaml", text, records)
    assert yaml.safe_load(new) == expected
    assert write_yaml_list("massnahmen.yaml", new, expected) == new


@settings(deadline=None)
@given(st.lists(st.tuples(ANY_TEXT, ANY_TEXT), min_size=1, max_size=5))
def test_any_text_survives_the_csv_writer(cells):
    rows = [
        {
            "von": f"k{i}",
            "nach": "x",
            "art": "vorbild",
            "zeitraum": "2023-H1",
            "beschreibung": a,
            "quelle": b,
        }
        for i, (a, b) in enumerate(cells)
    ]
    first = write_csv(VERBINDUNGEN, None, rows)
    full = [{n: r.get(n, "") for n in VERBINDUNGEN.names} for r in rows]
    assert list(csv.DictReader(io.StringIO(first, newline=""))) == full
    assert write_csv(VERBINDUNGEN, first, full) == first
