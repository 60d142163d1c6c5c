"""`import`: the workbook back into the content files, only what was edited changing."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FILES = (
    "kommunen.csv",
    "verbindungen.csv",
    "massnahmen.yaml",
    "handlungsfelder.yaml",
    "geschichten.yaml",
)


@pytest.fixture
def site(tmp_path):
    """A copy of the shipped content and its workbook."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    book = tmp_path / "daten.xlsx"
    assert main(["workbook", "--content", str(content), "--out", str(book)]) == 0
    return content, book


def _diff(content: Path, name: str) -> list[str]:
    old = (CONTENT / name).read_text(encoding="utf-8").splitlines()
    new = (content / name).read_text(encoding="utf-8").splitlines()
    return [
        line
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _edit(book: Path, *edits, append=None) -> None:
    wb = openpyxl.load_workbook(book)
    for sheet, cell, value in edits:
        wb[sheet][cell] = value
    for sheet, row in append or ():
        wb[sheet].append(row)
    wb.save(book)


def test_the_round_trip_gives_the_same_bytes(site, capsys):
    content, book = site
    assert main(["import", str(book), "--content", str(content)]) == 0
    assert "Nichts geändert" in capsys.readouterr().out
    for name in FILES:
        assert (content / name).read_bytes() == (CONTENT / name).read_bytes(), name


def test_one_edited_cell_is_a_one_line_diff(site):
    content, book = site
    _edit(book, ("Verbindungen", "G10", "Eine neue Beschreibung, mit Komma."))
    assert main(["import", str(book), "--content", str(content)]) == 0
    diff = _diff(content, "verbindungen.csv")
    assert len(diff) == 2 and diff[1].count("Eine neue Beschreibung, mit Komma.") == 1
    assert all(_diff(content, n) == [] for n in FILES if n != "verbindungen.csv")


def test_an_edited_story_step_and_a_title_change_only_their_lines(site):
    content, book = site
    _edit(book, ("Geschichten", "C4", "Ein neuer Text."), ("Maßnahmen", "B2", "Neuer Titel"))
    assert main(["import", str(book), "--content", str(content)]) == 0
    story = _diff(content, "geschichten.yaml")
    assert story[-1] == "+      Ein neuer Text." and all(s.startswith("-") for s in story[:-1])
    assert [d[:9] for d in _diff(content, "massnahmen.yaml")] == ["-  titel:", "+  titel:"]
    text = (content / "geschichten.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Geschichten:")  # the comments stay


def test_new_rows_are_added_in_canonical_form_with_readings(site, capsys):
    content, book = site
    row = ["regensburg", "Frankfurt (Oder)", "Übertragung", "Bauen und Wohnen", None,
           "2. Halbjahr 2025", "Neu.", "KTS, Bericht", None]  # fmt: skip
    _edit(book, append=[("Verbindungen", row)])
    assert main(["import", str(book), "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert '(art): "Übertragung" verstanden als "uebertragung"' in out
    assert "verbindungen.csv: 0 geändert, 1 neu, 0 entfernt" in out
    assert _diff(content, "verbindungen.csv") == [
        '+regensburg,frankfurt-oder,uebertragung,bauen-und-wohnen,,2025-H2,Neu.,"KTS, Bericht",,'
    ]


def test_a_deleted_row_is_removed(site):
    content, book = site
    wb = openpyxl.load_workbook(book)
    wb["Verbindungen"].delete_rows(5)
    wb.save(book)
    assert main(["import", str(book), "--content", str(content)]) == 0
    diff = _diff(content, "verbindungen.csv")
    assert len(diff) == 1 and diff[0].startswith("-")


def test_errors_name_the_cells_and_nothing_is_written(site, capsys):
    content, book = site
    _edit(
        book,
        ("Verbindungen", "C7", "kooperation"),
        ("Kommunen", "A3", ""),
        ("Verbindungen", "G9", "geändert"),
    )
    before = {n: (content / n).read_bytes() for n in FILES}
    assert main(["import", str(book), "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "Verbindungen!C7 (art): unbekannte Art 'kooperation'" in err
    assert "Kommunen!A3 (id): Pflichtfeld fehlt oder ist leer" in err
    assert "Nichts geschrieben; import abgebrochen." in err
    assert {n: (content / n).read_bytes() for n in FILES} == before
    assert not list(content.glob(".*.tmp"))


def test_a_workbook_saved_again_with_empty_rows_reads_the_same(site):
    content, book = site
    wb = openpyxl.load_workbook(book)
    ws = wb["Kommunen"]
    ws.cell(row=ws.max_row + 5, column=1, value=None).number_format = "@"  # formatted, empty
    for cell in ws["I"][1:]:  # staffel as LibreOffice may give it back: 2019.0
        if cell.value is not None:
            cell.value = float(cell.value)
    wb.save(book)
    assert main(["import", str(book), "--content", str(content)]) == 0
    assert all(_diff(content, n) == [] for n in FILES)


def test_a_missing_workbook_is_a_usage_error(tmp_path, capsys):
    assert main(["import", str(tmp_path / "fehlt.xlsx"), "--content", str(CONTENT)]) == 2
    assert "Arbeitsmappe" in capsys.readouterr().err
