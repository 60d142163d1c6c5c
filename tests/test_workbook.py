"""The editors' workbook: sheets from the schema, dropdowns from its vocabularies, types kept,
the same bytes for the same content, and read back to the same network."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.commands.build import load_network
from generator.content.schema import KOMMUNEN, VERBINDUNGEN
from generator.content.vocab import ARTEN, BUNDESLAENDER, STAFFELN
from generator.errors import ContentError
from generator.workbook.sheets import EXPLANATIONS, SHEETS
from generator.workbook.write import half_years, workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def net():
    return load_network(CONTENT)[0]


@pytest.fixture(scope="module")
def book_path(net, tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "daten.xlsx"
    path.write_bytes(workbook_bytes(net))
    return path


@pytest.fixture(scope="module")
def book(book_path):
    return openpyxl.load_workbook(book_path)


def _choices(book, ws, column_name):
    """The values a column's dropdown offers, its range resolved."""
    letter = next(c.column_letter for c in ws[1] if c.value == column_name)
    for dv in ws.data_validations.dataValidation:
        if any(str(r).startswith(f"{letter}2:") for r in dv.sqref.ranges):
            sheet, cells = dv.formula1.lstrip("=").split("!")
            source = book[sheet.strip("'")]
            first, last = cells.replace("$", "").split(":")
            col = "".join(ch for ch in first if ch.isalpha())
            stop = min(int(last[len(col) :]), source.max_row)
            values = [source[f"{col}{r}"].value for r in range(2, stop + 1)]
            return dv, [str(v) for v in values if v is not None]
    raise AssertionError(f"no dropdown on {ws.title}.{column_name}")


def test_the_sheets_are_the_content_files_and_the_explanations(book):
    assert book.sheetnames[: len(SHEETS) + 1] == [s.title for s in SHEETS] + [EXPLANATIONS]
    assert book["Listen"].sheet_state == "hidden"


def test_each_sheet_has_a_bold_frozen_header_a_filter_and_fitting_widths(book):
    for sheet in SHEETS:
        ws = book[sheet.title]
        assert [c.value for c in ws[1]] == list(sheet.table.names)
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(len(n) + 2 <= w <= 62 for n, w in zip(sheet.table.names, widths, strict=True))


def test_ids_and_ags_are_text_coordinates_numbers(book):
    ws = book["Kommunen"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    with_ags = [r for r in rows if r[header.index("ags")]]
    assert with_ags and all(isinstance(r[header.index("ags")], str) for r in with_ags)
    assert any(r[header.index("ags")].startswith("0") for r in with_ags)
    assert all(isinstance(r[header.index("lat")], float) for r in rows)
    zeitraum = VERBINDUNGEN.names.index("zeitraum")
    assert all(
        isinstance(r[zeitraum], str)
        for r in book["Verbindungen"].iter_rows(min_row=2, values_only=True)
    )
    assert ws.cell(row=2, column=1).number_format == "@"


def test_the_dropdowns_list_the_schemas_values(book, net):
    verbindungen, kommunen = book["Verbindungen"], book["Kommunen"]
    assert _choices(book, verbindungen, "art")[1] == [a.id for a in ARTEN]
    assert _choices(book, kommunen, "bundesland")[1] == list(BUNDESLAENDER)
    assert _choices(book, kommunen, "staffel")[1] == [str(s) for s in STAFFELN]
    assert _choices(book, kommunen, "mpsc")[1] == ["ja", "nein"]
    assert _choices(book, kommunen, "typ")[1] == [str(v) for v in KOMMUNEN.by_name["typ"].enum]
    zeitraeume = _choices(book, verbindungen, "zeitraum")[1]
    assert zeitraeume[0] == "2026-H1" and zeitraeume[-1] == "2019-H1"
    assert set(net.zeitraeume) <= set(zeitraeume)


def test_ids_come_from_the_other_sheets_so_a_new_row_is_offered_at_once(book, net):
    verbindungen = book["Verbindungen"]
    for column, ids in (
        ("von", [k.id for k in net.kommunen]),
        ("nach", [k.id for k in net.kommunen]),
        ("massnahme", [m.id for m in net.massnahmen]),
    ):
        dv, offered = _choices(book, verbindungen, column)
        assert offered == ids
        assert dv.formula1.endswith("$1048576")  # every row below the header
    dv, offered = _choices(book, verbindungen, "handlungsfelder")
    assert offered == [h.id for h in net.handlungsfelder]
    assert dv.errorStyle == "warning" and "|" in dv.prompt  # a list: the first, then | …


def test_the_explanations_have_one_row_per_column_from_the_schema(book):
    rows = list(book[EXPLANATIONS].iter_rows(min_row=2, values_only=True))
    expected = [(s.title, c.name) for s in SHEETS for c in s.table.columns]
    assert [(r[0], r[1]) for r in rows] == expected
    art = next(r for r in rows if r[:2] == ("Verbindungen", "art"))
    assert art[2] == "ja" and art[3] == VERBINDUNGEN.by_name["art"].description
    bundesland = next(r for r in rows if r[:2] == ("Kommunen", "bundesland"))
    assert "land DE" in bundesland[2]


def test_the_same_content_gives_the_same_bytes(net, book_path):
    assert workbook_bytes(net) == workbook_bytes(net)
    with zipfile.ZipFile(book_path) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    stamp = net.site.datenstand.isoformat() + "T00:00:00Z"
    assert core.count(stamp) == 2  # created and modified: the Datenstand, not today


def test_the_workbook_reads_back_to_the_same_network(book_path, net):
    assert load_network(book_path)[0] == net


def test_half_years_run_from_the_programme_to_the_date():
    import datetime as dt

    assert half_years(dt.date(2020, 7, 1)) == ("2020-H2", "2020-H1", "2019-H2", "2019-H1")


def _edited(book_path, tmp_path, edits):
    book = openpyxl.load_workbook(book_path)
    for sheet, cell, value in edits:
        book[sheet][cell] = value
    path = tmp_path / "bearbeitet.xlsx"
    book.save(path)
    return path


def test_errors_name_sheet_cell_and_field_all_at_once(book_path, tmp_path):
    path = _edited(
        book_path,
        tmp_path,
        [
            ("Verbindungen", "C17", "vorbildd"),
            ("Kommunen", "F5", "nördlich"),
            ("Geschichten", "D3", "#k=nirgendwo"),
            ("Verbindungen", "L4", "Notiz ohne Spalte"),
        ],
    )
    with pytest.raises(ContentError) as err:
        load_network(path)
    report = err.value.report()
    assert "Verbindungen!C17 (art): unbekannte Art 'vorbildd'" in report
    assert "Kommunen!F5 (lat): erwartet: Dezimalzahl" in report
    assert "Geschichten!D3 (ansicht):" in report
    assert "Verbindungen!L4 (Spalte L): Wert 'Notiz ohne Spalte' ohne Namen" in report
    assert report.endswith("4 Fehler gefunden.")


def test_forgiving_values_in_cells_are_readings_at_their_cell(book_path, tmp_path, capsys):
    path = _edited(book_path, tmp_path, [("Verbindungen", "C2", "Wissensaustausch")])
    assert main(["validate", "--content", str(path)]) == 0
    out = capsys.readouterr().out
    assert 'Verbindungen!C2 (art): "Wissensaustausch" verstanden als "wissensaustausch"' in out


def test_a_missing_sheet_or_a_file_that_is_no_workbook_is_a_message(book_path, tmp_path, capsys):
    book = openpyxl.load_workbook(book_path)
    del book["Verbindungen"]
    path = tmp_path / "ohne.xlsx"
    book.save(path)
    assert main(["validate", "--content", str(path)]) == 1
    assert "Blatt „Verbindungen“ fehlt" in capsys.readouterr().err
    broken = tmp_path / "kaputt.xlsx"
    broken.write_text("kein zip", encoding="utf-8")
    assert main(["validate", "--content", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "keine lesbare Excel-Arbeitsmappe" in err and "Traceback" not in err


def test_the_workbook_command_writes_the_file(tmp_path, capsys):
    out = tmp_path / "daten.xlsx"
    assert main(["workbook", "--content", str(CONTENT), "--out", str(out)]) == 0
    assert "geschrieben" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).sheetnames[0] == "Kommunen"


def test_build_reads_a_workbook(book_path, tmp_path):
    out = tmp_path / "dist"
    assert main(["build", "--content", str(book_path), "--out", str(out), "--quiet"]) == 0
    assert (out / "index.html").is_file()
    # the visitors' download is the editors' workbook of the same content
    assert (out / "daten" / "netzwerk.xlsx").read_bytes() == book_path.read_bytes()
    package = json.loads((out / "daten" / "datapackage.json").read_text("utf-8"))
    assert "netzwerk.xlsx" in {r["path"] for r in package["resources"]}
    assert 'href="netzwerk.xlsx"' in (out / "daten" / "index.html").read_text("utf-8")


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (libreoffice-calc) not installed")
def test_a_workbook_libreoffice_saved_reads_back_the_same(book_path, tmp_path, net):
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--calc",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "lo"),
            str(book_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    saved = tmp_path / "lo" / book_path.name
    assert load_network(saved)[0] == net
