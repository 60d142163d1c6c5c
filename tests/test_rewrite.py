"""rewrite: unchanged records keep their bytes, changed ones change only their lines."""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

import pytest
import yaml
from hypothesis import given
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
