"""Read the editors' workbook back into raw records, as if from the content files: each
record's line is its Excel row, and problems name the sheet's cell (RawContent.placed)."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from generator.content.load import (
    SITE_FILE,
    RawContent,
    Record,
    _decimal_points,
    load_content,
    load_site,
)
from generator.content.schema import Column
from generator.errors import Problems, SheetPlaces
from generator.workbook.sheets import SHEETS, Sheet

NOT_A_WORKBOOK = (
    "keine lesbare Excel-Arbeitsmappe (.xlsx){detail}; in Excel oder LibreOffice "
    "„Speichern unter › Excel-Arbeitsmappe (.xlsx)“ wählen"
)


def load_source(content: Path, problems: Problems) -> RawContent:
    """The raw content of a folder, or of a workbook (.xlsx) with site.yaml beside it."""
    if content.suffix.lower() == ".xlsx":
        return read_workbook(content, site_dir(content), problems)
    return load_content(content, problems)


def site_dir(workbook: Path) -> Path:
    """Where a workbook's site.yaml is read from: its own folder, else ./content."""
    return workbook.parent if (workbook.parent / SITE_FILE).is_file() else Path("content")


def read_workbook(path: Path, site_dir: Path, problems: Problems) -> RawContent:
    """The content of a workbook (site.yaml from site_dir); problems name sheet and cell."""
    book = _open(path, problems)
    site = load_site(site_dir, problems)
    tables: dict[str, list[Record]] = {s.file: [] for s in SHEETS}
    places: dict[str, SheetPlaces] = {}
    if book is not None:
        found = {name.strip().lower(): name for name in book.sheetnames}
        for sheet in SHEETS:
            ws = _sheet(book, found, sheet, path, problems)
            if ws is None:
                continue
            rows = ws.iter_rows(values_only=True)
            first = next(rows, ())
            problems.sheets[sheet.file] = SheetPlaces(ws.title, {})
            header = _header(first, sheet, problems)
            places[sheet.file] = SheetPlaces(
                ws.title, {n: get_column_letter(i + 1) for i, n in enumerate(header) if n}
            )
            problems.sheets[sheet.file] = places[sheet.file]
            tables[sheet.file] = _records(sheet, header, rows, problems)
        book.close()
    return RawContent(
        site=site,
        handlungsfelder=tables["handlungsfelder.yaml"],
        kommunen=tables["kommunen.csv"],
        verbindungen=tables["verbindungen.csv"],
        massnahmen=tables["massnahmen.yaml"],
        geschichten=_stories(tables["geschichten.yaml"], problems),
        sheets=places,
    )


def _open(path: Path, problems: Problems) -> Any:
    """The workbook, or None after its problem is recorded."""
    if path.suffix.lower() in (".xls", ".ods"):
        problems.error(path.name, 0, "-", NOT_A_WORKBOOK.format(detail=f" ({path.suffix})"))
        return None
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        problems.error(path.name, 0, "-", f"Arbeitsmappe nicht gefunden: {path.resolve()}")
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        problems.error(path.name, 0, "-", NOT_A_WORKBOOK.format(detail=f": {exc}"))
    return None


def _sheet(book: Any, found: dict[str, str], sheet: Sheet, path: Path, problems: Problems) -> Any:
    """The worksheet of a sheet by any of its names; a missing required sheet is an error."""
    for name in sheet.names():
        if name in found:
            return book[found[name]]
    if sheet.table.name != "geschichten":
        problems.error(
            path.name,
            0,
            "-",
            f"Blatt „{sheet.title}“ fehlt (vorhanden: {', '.join(book.sheetnames)})",
        )
    return None


def _header(cells: Sequence[Any], sheet: Sheet, problems: Problems) -> list[str]:
    """The column names of the first row, lower case ("" for an empty cell)."""
    names = [str(c).strip().lower() if c is not None else "" for c in cells]
    for i, name in enumerate(names):
        if name and name in names[:i]:
            problems.error(sheet.file, 1, name, f"Spalte '{name}' steht doppelt in der Kopfzeile")
    return names


def _records(
    sheet: Sheet, header: list[str], rows: Iterator[tuple[Any, ...]], problems: Problems
) -> list[Record]:
    """One record per row that is not empty; a CSV sheet's records carry every column."""
    named = [(i, n) for i, n in enumerate(header) if n]
    out = []
    for number, row in enumerate(rows, start=2):
        cells = {
            n: _text(row[i] if i < len(row) else None, sheet.table.by_name.get(n)) for i, n in named
        }
        if not any(cells.values()):
            continue
        _unnamed(sheet, header, row, number, problems)
        values: dict[str, Any] = dict(cells)
        if sheet.is_csv:
            _decimal_points(values)
        else:
            values = _yaml_values(sheet, cells)
        out.append(Record(sheet.file, number, values))
    return out


def _unnamed(
    sheet: Sheet, header: list[str], row: tuple[Any, ...], number: int, problems: Problems
) -> None:
    """A value in a column without a name in the header row is an error (it would be lost)."""
    for i, value in enumerate(row):
        if (i >= len(header) or not header[i]) and value not in (None, ""):
            letter = get_column_letter(i + 1)
            place = f"Spalte {letter}"
            if sheet.file in problems.sheets:  # the message names the cell itself
                problems.sheets[sheet.file].columns[place] = letter
            problems.error(
                sheet.file,
                number,
                place,
                f"Wert '{str(value)[:40]}' ohne Namen in der Kopfzeile (Zeile 1); Spalte "
                "benennen oder den Wert entfernen",
            )


def _text(value: Any, col: Column | None) -> str:
    """A cell's value as the text a content file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer() and (col is None or col.type != "number"):
        return str(int(value))  # a number that Excel or LibreOffice made of a Staffel or AGS
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _yaml_values(sheet: Sheet, cells: dict[str, str]) -> dict[str, Any]:
    """A row as a YAML record would be read: lists as lists, empty cells absent."""
    values: dict[str, Any] = {}
    for name, text in cells.items():
        if not text:
            continue
        col = sheet.table.by_name.get(name)
        values[name] = [v.strip() for v in text.split("|")] if col and col.is_list else text
    return values


def _stories(rows: list[Record], problems: Problems) -> list[Record]:
    """The Geschichten sheet's rows (one per step) as story records; a row without id
    continues the story above it."""
    stories: list[Record] = []
    for row in rows:
        gid = row.values.get("id", "")
        if stories and (not gid or gid == stories[-1].values["id"]):
            story = stories[-1]
            titel = row.values.get("titel", "")
            if titel and titel != story.values.get("titel"):
                problems.error(
                    row.file,
                    row.line,
                    "titel",
                    f"zweiter Titel für die Geschichte '{story.values['id']}' (der Titel steht "
                    "nur in ihrer ersten Zeile)",
                )
        else:
            story = Record(row.file, row.line, {"id": gid}, {"id": row.line})
            if "titel" in row.values:
                story.values["titel"] = row.values["titel"]
                story.lines["titel"] = row.line
            story.values["schritte"] = []
            story.lines["schritte"] = row.line
            stories.append(story)
        _add_step(story, row)
    return stories


def _add_step(story: Record, row: Record) -> None:
    """A row's text and ansicht as the story's next step, with the row as its lines."""
    steps = story.values["schritte"]
    i = len(steps)
    steps.append({k: row.values[k] for k in ("text", "ansicht") if k in row.values})
    story.lines[f"schritte.{i}"] = row.line
    for k in ("text", "ansicht"):
        story.lines[f"schritte.{i}.{k}"] = row.line
