"""Loading: records keep the lines they came from."""

from __future__ import annotations

from generator.errors import Problems
from generator.load import load_content
from tests.conftest import edit


def test_csv_records_carry_their_line_numbers(content):
    raw = load_content(content, Problems())
    assert [r.line for r in raw.kommunen] == [2, 3, 4, 5, 6, 7, 8]
    assert raw.kommunen[1].values["name"] == "Gemeinde Ringelai und Ilzer Land"


def test_quoted_multiline_field_keeps_following_line_numbers(content):
    edit(content / "verbindungen.csv", "Gemeinsam entwickelt.", '"Gemeinsam\nentwickelt."')
    raw = load_content(content, Problems())
    assert [r.line for r in raw.verbindungen] == [2, 4, 5, 6, 7, 8]
    assert raw.verbindungen[0].values["beschreibung"] == "Gemeinsam\nentwickelt."


def test_blank_rows_are_skipped_and_utf8_bom_is_accepted(content):
    path = content / "kommunen.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes() + b",,,,,,,,,,\n\n")
    problems = Problems()
    raw = load_content(content, problems)
    assert len(raw.kommunen) == 7 and not problems.items
    assert "id" in raw.kommunen[0].values


def test_yaml_records_know_the_line_of_each_value(content):
    raw = load_content(content, Problems())
    first, second = raw.handlungsfelder[:2]
    assert (first.line, first.line_of("farbe")) == (1, 3)
    assert (second.line, second.line_of("name")) == (5, 6)
    assert raw.site.line_of("massnahmen_url") == 9


def test_unreadable_encoding_is_a_problem_not_a_traceback(content):
    (content / "kommunen.csv").write_bytes("id,name\nx,Gro\xdf\n".encode("latin-1"))
    problems = Problems()
    load_content(content, problems)
    assert [str(p) for p in problems.errors] == [
        "kommunen.csv:2: -: Datei ist nicht in UTF-8 kodiert"
    ]
