"""Loading: records keep the lines they came from."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.build import load_network
from generator.content.load import load_content
from generator.errors import ContentError, Problems
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


def test_yaml_records_know_the_line_of_each_value(content):
    raw = load_content(content, Problems())
    first, second = raw.handlungsfelder[:2]
    assert (first.line, first.line_of("farbe")) == (1, 3)
    assert (second.line, second.line_of("name")) == (5, 6)
    assert raw.site.line_of("massnahmen_url") == 9


def excel(path: Path, delimiter: str = ";", encoding: str = "utf-8", crlf: bool = False) -> None:
    """Rewrite a CSV file the way Excel saves it: another delimiter, encoding or line end."""
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def same_model_as_plain(content: Path, baseline: Path) -> list[str]:
    """Assert the edited content gives the model of the untouched fixture; return the notes."""
    problems = Problems()
    net, warnings = load_network(content, problems)
    plain, _ = load_network(baseline)
    assert net.kommunen == plain.kommunen and net.verbindungen == plain.verbindungen
    assert [str(w) for w in warnings] == [str(w) for w in load_network(baseline)[1]]
    return problems.notes


@pytest.fixture
def baseline(tmp_path: Path) -> Path:
    """A second, untouched copy of the mini fixture."""
    import shutil

    from tests.conftest import FIXTURES

    target = tmp_path / "baseline"
    shutil.copytree(FIXTURES / "mini", target)
    return target


# --- Excel variants: each one is accepted and gives the same model ----------------------


def test_excel_semicolon_delimiter(content, baseline):
    excel(content / "kommunen.csv")
    excel(content / "verbindungen.csv")
    assert same_model_as_plain(content, baseline) == [
        "kommunen.csv: erkannt: Trennzeichen ';'",
        "verbindungen.csv: erkannt: Trennzeichen ';'",
    ]


def test_tab_delimiter(content, baseline):
    excel(content / "kommunen.csv", delimiter="\t")
    assert same_model_as_plain(content, baseline) == [
        "kommunen.csv: erkannt: Trennzeichen Tabulator"
    ]


def test_delimiter_is_decided_by_the_header_outside_quotes(content, baseline):
    # A quoted header name with semicolons does not make ';' the delimiter.
    edit(content / "verbindungen.csv", "beschreibung,quelle", '"beschreibung;;;",quelle')
    problems = Problems()
    raw = load_content(content, problems)
    assert "beschreibung;;;" in raw.verbindungen[0].values and problems.notes == []


def test_excel_utf8_with_bom(content, baseline):
    path = content / "kommunen.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert same_model_as_plain(content, baseline) == [
        "kommunen.csv: erkannt: Kodierung UTF-8 mit BOM"
    ]
    raw = load_content(content, Problems())
    assert "id" in raw.kommunen[0].values


def test_excel_windows_1252_without_bom(content, baseline):
    excel(content / "kommunen.csv", delimiter=",", encoding="cp1252")
    assert b"M\xfcnster" in (content / "kommunen.csv").read_bytes()
    assert same_model_as_plain(content, baseline) == [
        "kommunen.csv: erkannt: Kodierung Windows-1252"
    ]


def test_excel_decimal_comma_with_semicolons(content, baseline):
    excel(content / "kommunen.csv")
    edit(content / "kommunen.csv", "49.8917;10.8917", "49,8917;10,8917")
    edit(content / "kommunen.csv", "48.8134", "48,8134")
    assert same_model_as_plain(content, baseline) == [
        "kommunen.csv: erkannt: Trennzeichen ';', Dezimalkomma"
    ]


def test_decimal_comma_quoted_with_comma_delimiter(content, baseline):
    edit(content / "kommunen.csv", "49.8917,10.8917", '"49,8917","10,8917"')
    assert same_model_as_plain(content, baseline) == ["kommunen.csv: erkannt: Dezimalkomma"]


def test_decimal_comma_only_in_coordinates(content):
    excel(content / "kommunen.csv")
    edit(content / "kommunen.csv", ";09461000;", ";09461,000;")
    with pytest.raises(ContentError) as info:
        load_network(content)
    assert [str(p) for p in info.value.problems if p.severity == "error"] == [
        "kommunen.csv:2: ags: erwartet: 8 Ziffern, erhalten: '09461,000'"
    ]


def test_excel_crlf_line_ends(content, baseline):
    excel(content / "kommunen.csv", delimiter=",", crlf=True)
    excel(content / "verbindungen.csv", delimiter=",", crlf=True)
    assert same_model_as_plain(content, baseline) == []
    raw = load_content(content, Problems())
    assert [r.line for r in raw.kommunen] == [2, 3, 4, 5, 6, 7, 8]
    assert not any(v.endswith("\r") for r in raw.kommunen for v in r.values.values())


def test_excel_trailing_empty_rows(content, baseline):
    path = content / "kommunen.csv"
    path.write_bytes(path.read_bytes() + b",,,,,,,,,,\n\n,,,,,,,,,,\n")
    problems = Problems()
    raw = load_content(content, problems)
    assert len(raw.kommunen) == 7 and not problems.items
    assert same_model_as_plain(content, baseline) == []


def test_excel_trailing_empty_columns(content, baseline):
    path = content / "kommunen.csv"
    lines = path.read_text("utf-8").splitlines()
    path.write_text("\n".join(line + ",," for line in lines) + "\n")
    assert same_model_as_plain(content, baseline) == []
    assert "" not in load_content(content, Problems()).kommunen[0].values


def test_header_names_in_other_case_and_with_spaces(content, baseline):
    edit(content / "kommunen.csv", "id,name,typ,", " ID , Name,TYP ,")
    edit(content / "verbindungen.csv", "von,nach,art", "Von,NACH , Art")
    assert same_model_as_plain(content, baseline) == []


def test_full_excel_export_and_what_validate_says(content, baseline, capsys):
    edit(content / "kommunen.csv", "48.8134,13.4828", '"48,8134","13,4828"')
    for name in ("kommunen.csv", "verbindungen.csv"):
        excel(content / name, encoding="cp1252", crlf=True)
    path = content / "kommunen.csv"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b";;\r\n") + b";;;;;;;;;;;;\r\n")
    same_model_as_plain(content, baseline)
    assert main(["validate", "--content", str(content)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "kommunen.csv: erkannt: Trennzeichen ';', Kodierung Windows-1252, Dezimalkomma",
        "verbindungen.csv: erkannt: Trennzeichen ';'",  # ASCII only: reads as UTF-8
    ]


def test_excel_round_trip_without_leading_zeros_builds(content, baseline, tmp_path, capsys):
    """German Excel: 'CSV UTF-8' with BOM, ';', decimal comma, CRLF, and the AGS as numbers."""
    for folder in (content, baseline):
        edit(folder / "kommunen.csv", "7.6257,ja,2021,,", "7.6257,ja,2021,05515000,")
    rows = list(csv.reader(io.StringIO((content / "kommunen.csv").read_text("utf-8"))))
    for row in rows[1:]:
        row[5], row[6] = row[5].replace(".", ","), row[6].replace(".", ",")
        row[9] = row[9].lstrip("0")
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    (content / "kommunen.csv").write_bytes(buffer.getvalue().encode("utf-8-sig"))
    assert b";9461000;" in (content / "kommunen.csv").read_bytes()
    notes = same_model_as_plain(content, baseline)
    assert load_network(content)[0].kommune_by_id["muenster"].ags == "05515000"
    assert notes == [
        "kommunen.csv: erkannt: Trennzeichen ';', Kodierung UTF-8 mit BOM, Dezimalkomma",
        "kommunen.csv: ags: 2 Werte mit 7 Ziffern als 8-stelliger AGS mit führender 0 gelesen "
        "(Excel entfernt führende Nullen; beim Öffnen 'Daten › Aus Text/CSV' wählen und die "
        "Spalte ags als Text festlegen)",
    ]
    assert main(["build", "--content", str(content), "--out", str(tmp_path / "d")]) == 0
    assert main(["validate", "--content", str(content)]) == 0
    assert capsys.readouterr().out.count("führender 0") == 1


def test_a_seven_digit_ags_of_another_land_is_still_an_error(content):
    edit(content / "kommunen.csv", "09461000", "8461000")
    with pytest.raises(ContentError) as info:
        load_network(content)
    assert [str(p) for p in info.value.problems if p.severity == "error"] == [
        "kommunen.csv:2: ags: beginnt mit 08, aber Bayern hat den Schlüssel 09"
    ]


# --- what cannot be read is a problem with a line, never a traceback --------------------


def test_bytes_undefined_in_windows_1252_are_an_error_with_line(content):
    (content / "kommunen.csv").write_bytes(b"id,name\nx,Gro\xdf\ny,Bad \x81\n")
    problems = Problems()
    load_content(content, problems)
    assert [str(p) for p in problems.errors] == [
        "kommunen.csv:3: -: Datei ist weder UTF-8 noch Windows-1252 (Byte 0x81); "
        "bitte in UTF-8 speichern"
    ]


def test_mixed_utf8_and_windows_1252_is_an_error_with_line(content):
    (content / "kommunen.csv").write_bytes("id,name\nx,Groß\n".encode() + b"y,M\xfcnster\n")
    problems = Problems()
    load_content(content, problems)
    assert [str(p) for p in problems.errors] == [
        "kommunen.csv:3: -: Datei ist nicht einheitlich kodiert: diese Zeile ist kein UTF-8, "
        "andere Zeilen schon (bitte als 'CSV UTF-8' bzw. in UTF-8 speichern)"
    ]


def test_duplicate_and_unnamed_columns(content):
    edit(content / "kommunen.csv", "ags,website", "ags,name,")
    edit(content / "kommunen.csv", "09461000,https://www.bamberg.de", "09461000,Bamberg,Wert")
    problems = Problems()
    load_content(content, problems)
    assert [str(p) for p in problems.errors] == [
        "kommunen.csv:1: name: Spalte 'name' steht doppelt in der Kopfzeile",
        "kommunen.csv:2: -: Wert 'Wert' in Spalte 12 ohne Namen",
    ]


def test_yaml_value_that_looks_like_a_date_but_is_none(content):
    edit(content / "site.yaml", "datenstand: 2024-12-31", "datenstand: 2024-13-45")
    problems = Problems()
    load_content(content, problems)
    assert [str(p) for p in problems.errors] == [
        "site.yaml:4: datenstand: Wert nicht lesbar (month must be in 1..12); in Anführungszeichen?"
    ]


def test_yaml_tabs_are_named(content):
    edit(content / "massnahmen.yaml", "  titel: Energiezwilling", "\ttitel: Energiezwilling")
    problems = Problems()
    load_content(content, problems)
    assert [str(p) for p in problems.errors] == [
        "massnahmen.yaml:2: -: Tabulator zum Einrücken; YAML erlaubt nur Leerzeichen"
    ]


def test_yaml_forbidden_character_is_named(content):
    path = content / "handlungsfelder.yaml"
    path.write_text(path.read_text("utf-8").replace("Wege und Verkehr.", "Wege\x07"), "utf-8")
    problems = Problems()
    load_content(content, problems)
    assert [str(p) for p in problems.errors] == [
        "handlungsfelder.yaml:12: -: Zeichen U+0007 ist in YAML nicht erlaubt"
    ]


def test_characters_lost_in_windows_1252_are_a_warning_with_line(content):
    # What Excel writes for "Wrocław" when saving "CSV (Trennzeichen-getrennt)".
    data = "id;name\r\ngross;Groß\r\nwroclaw;Wroc?aw\r\nfrage;Wer? Wie\r\n".encode("cp1252")
    (content / "kommunen.csv").write_bytes(data)
    problems = Problems()
    load_content(content, problems)
    assert [str(p) for p in problems.warnings] == [
        "kommunen.csv:3: name: Warnung: '?' mitten im Wort in 'Wroc?aw': ein Zeichen, das "
        "Windows-1252 nicht kennt, ging beim Speichern verloren? In Excel als 'CSV UTF-8' "
        "speichern"
    ]


# Issue 28: what fuzzing found. Each case ends in one German error at its line, not in a
# traceback, a RecursionError or a MemoryError.


def load_errors(content: Path) -> list[str]:
    problems = Problems()
    load_content(content, problems)
    return [str(p) for p in problems.errors]


DEEP = "[" * 600 + "]" * 600
DEPTH_MESSAGE = "zu tief verschachtelt (mehr als 8 Ebenen); Einrückung und Klammern prüfen"


@pytest.mark.parametrize(
    ("file", "added", "expected"),
    [
        ("site.yaml", f"extra: {DEEP}\n", f"site.yaml:15: -: {DEPTH_MESSAGE}"),
        (
            "massnahmen.yaml",
            "- id: tief\n  titel: " + "{a: " * 500 + "b" + "}" * 500 + "\n",
            f"massnahmen.yaml:12: -: {DEPTH_MESSAGE}",
        ),
        (
            "handlungsfelder.yaml",
            "- id: tief\n  name:\n" + "".join("  " * (i + 2) + "- \n" for i in range(400)),
            f"handlungsfelder.yaml:21: -: {DEPTH_MESSAGE}",
        ),
    ],
    ids=["site-sequence", "massnahmen-mapping", "handlungsfelder-block"],
)
def test_deep_nesting_is_refused(content, file, added, expected):
    path = content / file
    path.write_text(path.read_text("utf-8") + added, "utf-8")
    assert load_errors(content) == [expected]


def test_the_nesting_the_schema_needs_is_allowed(content):
    edit(content / "site.yaml", "title: Testnetz", "title: Testnetz\nx: [[[[[[[a]]]]]]]")
    assert load_errors(content) == []


ALIAS_MESSAGE = "(YAML-Alias) ist nicht erlaubt; Text mit & oder * in Anführungszeichen setzen"


@pytest.mark.parametrize(
    ("file", "added", "expected"),
    [
        ("site.yaml", "extra: &r {k: *r}\n", f"site.yaml:15: -: Verweis *r {ALIAS_MESSAGE}"),
        (
            "handlungsfelder.yaml",
            "- &r [a, [b, {c: *r}]]\n",
            f"handlungsfelder.yaml:13: -: Verweis *r {ALIAS_MESSAGE}",
        ),
        (
            "massnahmen.yaml",
            "- id: &i neu\n  titel: *i\n",
            f"massnahmen.yaml:12: -: Verweis *i {ALIAS_MESSAGE}",
        ),
    ],
    ids=["recursive-mapping", "recursive-sequence", "plain-alias"],
)
def test_aliases_are_refused(content, file, added, expected):
    path = content / file
    path.write_text(path.read_text("utf-8") + added, "utf-8")
    assert load_errors(content) == [expected]


@pytest.mark.parametrize("file", ["site.yaml", "handlungsfelder.yaml", "massnahmen.yaml"])
def test_an_alias_bomb_is_refused_at_its_first_alias(content, file):
    # "Billion laughs": ten levels of nine aliases would expand to 9^10 strings.
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 11)]
    if file == "site.yaml":
        text = (content / file).read_text("utf-8") + "\n".join(lines) + "\n"
        first = 16
    else:
        text = "- id: bombe\n" + "".join(f"  {line}\n" for line in lines)
        first = 3
    (content / file).write_text(text, "utf-8")
    assert load_errors(content) == [f"{file}:{first}: -: Verweis *a0 {ALIAS_MESSAGE}"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [("!!bool maybe", "!!bool"), ("!!python/object:os.system x", "!!python/object:os.system")],
)
def test_explicit_tags_are_refused(content, value, shown):
    # !!bool maybe ended in KeyError: 'maybe' inside PyYAML's constructor.
    edit(content / "site.yaml", "max_zoom: 18", f"max_zoom: {value}")
    assert load_errors(content) == [
        f"site.yaml:8: -: Typangabe {shown} ist nicht erlaubt; Text mit ! am Anfang in "
        "Anführungszeichen setzen"
    ]


def test_a_file_over_the_size_limit_is_refused_before_reading(content, monkeypatch):
    from generator.content import load

    monkeypatch.setattr(load, "MAX_FILE_BYTES", 1000)
    path = content / "verbindungen.csv"
    path.write_bytes(path.read_bytes() + b"x" * 1000)
    monkeypatch.setattr(Path, "read_bytes", _refuse_to_read(path, Path.read_bytes))
    assert load_errors(content) == [
        "verbindungen.csv: -: Datei ist zu groß (0 MB; erlaubt sind höchstens 0 MB)"
    ]


def _refuse_to_read(path: Path, read):  # type: ignore[no-untyped-def]
    def read_bytes(self: Path) -> bytes:
        assert self != path, "the file was read although it is too large"
        return read(self)

    return read_bytes


def test_a_key_longer_than_any_of_the_schema_is_refused(content):
    edit(content / "site.yaml", "title: Testnetz", "title: Testnetz\n" + "k" * 81 + ": 1")
    assert load_errors(content) == [
        "site.yaml:2: -: Schlüssel ist zu lang (81 Zeichen; erlaubt sind höchstens 80); "
        "fehlt ein Doppelpunkt?"
    ]
