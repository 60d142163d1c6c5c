"""Write the editors' workbook: one sheet per content file, dropdowns from the schema's
vocabularies, the schema's explanations, and the same bytes for the same content."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any
from xml.etree.ElementTree import _escape_cdata  # type: ignore[attr-defined]

from openpyxl import Workbook
from openpyxl.cell._writer import write_cell
from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer import excel

from generator.content.model import Network
from generator.content.schema import Column
from generator.content.validate import FIRST_ZEITRAUM
from generator.workbook.sheets import EXPLANATIONS, ID_CHOICES, LISTS, SHEETS, Sheet

Value = str | int | float
LAST_ROW = 1048576  # Excel's last row: an id typed anywhere below the header is offered
MAX_WIDTH = 60  # characters; longer texts wrap in the cell instead
BOLD = Font(bold=True)
TEXT = "@"  # the number format that keeps AGS and ids as text (leading zeros stay)
YES_NO = ("ja", "nein")


def _cell(value: Any) -> Value:
    """A model value as a cell value: lists joined by |, ja/nein, numbers as numbers."""
    if isinstance(value, bool):
        return YES_NO[0] if value else YES_NO[1]
    if isinstance(value, tuple):
        return "|".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def rows_of(net: Network) -> dict[str, list[list[Value]]]:
    """The rows of every sheet (without header), from the validated content."""
    rows: dict[str, list[list[Value]]] = {}
    for sheet, records in (
        (SHEETS[0], net.kommunen),
        (SHEETS[1], net.verbindungen),
        (SHEETS[2], net.massnahmen),
        (SHEETS[3], net.handlungsfelder),
    ):
        names = sheet.table.names
        rows[sheet.table.name] = [[_cell(getattr(r, n)) for n in names] for r in records]
    rows[SHEETS[4].table.name] = [
        [g.id, g.titel if i == 0 else "", s.text, "#" + s.ansicht]
        for g in net.geschichten
        for i, s in enumerate(g.schritte)
    ]
    return rows


def half_years(until: dt.date) -> tuple[str, ...]:
    """Every half-year from the programme's first to the one of the date, newest first."""
    year, half = FIRST_ZEITRAUM
    out = []
    while (year, half) <= (until.year, 1 if until.month <= 6 else 2):
        out.append(f"{year}-H{half}")
        year, half = (year, 2) if half == 1 else (year + 1, 1)
    return tuple(reversed(out))


def vocabularies(net: Network) -> dict[tuple[str, str], tuple[str, ...]]:
    """(table, column) → the values its dropdown offers, from the schema and site.yaml."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for sheet in SHEETS:
        for col in sheet.table.columns:
            if col.enum:
                out[(sheet.table.name, col.name)] = tuple(str(v) for v in col.enum)
            elif col.type == "boolean":
                out[(sheet.table.name, col.name)] = YES_NO
    out[("verbindungen", "zeitraum")] = half_years(net.site.datenstand)
    return out


class _RowsWriter(WorksheetWriter):
    """openpyxl's worksheet writer, its rows of plain cells (text and numbers) written as one
    string: the same bytes as its element-by-element writing, in a third of the time (an
    L-size workbook took 13 s). Any other cell or row is written as openpyxl writes it."""

    def write_rows(self) -> None:
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            for row_idx, row in self.rows():
                if dict(self.ws.row_dimensions.get(row_idx, {})):
                    self.write_row(xf, row, row_idx)
                    continue
                parts = [f'<row r="{row_idx}">']
                for cell in row:
                    if cell._value is None and not cell.has_style and not cell._comment:
                        continue
                    text = _cell_xml(cell)
                    if text is None:  # written by openpyxl, after what came before it
                        xf._file("".join(parts))
                        parts = []
                        write_cell(xf, self.ws, cell, cell.has_style)
                    else:
                        parts.append(text)
                parts.append("</row>")
                xf._file("".join(parts))
        self.xf.send(None)


def _cell_xml(cell: Cell) -> str | None:
    """A text or number cell's XML as openpyxl writes it; None for any other cell."""
    kind = cell.data_type
    if kind not in ("s", "n") or cell.hyperlink or cell._comment is not None:
        return None
    value = cell._value
    style = f' s="{cell.style_id}"' if cell.has_style else ""
    head = f'<c r="{cell.coordinate}"{style} t="{"inlineStr" if kind == "s" else "n"}"'
    if value is None or value == "":
        return head + " />"
    if kind == "n":
        return f"{head}><v>{safe_string(value)}</v></c>"
    if not isinstance(value, str):
        return None
    stripped = value.strip()
    space = ' xml:space="preserve"' if stripped and value != stripped else ""
    return f"{head}><is><t{space}>{_escape_cdata(value)}</t></is></c>"


def _stored(file: Any, mode: str, compression: int, allowZip64: bool) -> zipfile.ZipFile:  # noqa: N803
    """openpyxl's archive (always written, mode "w"), uncompressed: _reproducible_zip
    compresses every entry anew."""
    return zipfile.ZipFile(file, "w", zipfile.ZIP_STORED, allowZip64=allowZip64)


@contextlib.contextmanager
def _quick_save() -> Iterator[None]:
    """openpyxl's save with _RowsWriter for its worksheets, into an uncompressed archive."""
    saved = excel.WorksheetWriter, excel.ZipFile
    excel.WorksheetWriter, excel.ZipFile = _RowsWriter, _stored  # type: ignore[misc, assignment]
    try:
        yield
    finally:
        excel.WorksheetWriter, excel.ZipFile = saved  # type: ignore[misc]


def workbook_bytes(net: Network) -> bytes:
    """The workbook of the content as .xlsx bytes (the same content gives the same bytes)."""
    book = Workbook()
    book.remove(book.active)
    rows = rows_of(net)
    lists = _lists_sheet(book, vocabularies(net))
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.title)
        _fill(ws, sheet, rows[sheet.table.name])
        _dropdowns(ws, sheet, lists, len(rows[sheet.table.name]))
    _explanations(book.create_sheet(EXPLANATIONS), net)
    book.move_sheet(LISTS, offset=len(book.sheetnames))
    stamp = dt.datetime.combine(net.site.datenstand, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = "kts-dashboard"
    buffer = io.BytesIO()
    with _quick_save():
        book.save(buffer)
    return _reproducible_zip(buffer.getvalue(), stamp)


MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _reproducible_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same archive with fixed entry times and the Datenstand as its modified date
    (openpyxl stamps the current time on both when it saves)."""
    out = io.BytesIO()
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", body)
            dst.writestr(fixed, body)
    return out.getvalue()


def _header(ws: Worksheet, names: Sequence[str]) -> None:
    """A bold, frozen header row."""
    ws.append(list(names))
    for cell in ws[1]:
        cell.font = BOLD
    ws.freeze_panes = "A2"


def _fill(ws: Worksheet, sheet: Sheet, rows: list[list[Value]]) -> None:
    """The sheet's header and rows, typed per column, with fitting widths and a filter."""
    columns = sheet.table.columns
    _header(ws, [c.name for c in columns])
    for row in rows:
        ws.append([None if v == "" else v for v in row])
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        if col.type not in ("number", "integer"):
            ws.column_dimensions[letter].number_format = TEXT  # rows the editor adds
            _as_text_column(ws, i)
        if col.name == "farbe":
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                _swatch(cell)
        ws.column_dimensions[letter].width = _width(col, [r[i - 1] for r in rows])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"


def _as_text_column(ws: Worksheet, column: int) -> None:
    """Every cell of a column below the header as text (_as_text): the styles of the first
    cell of each kind copied to the others, as openpyxl's style setters would set them."""
    made: dict[tuple, StyleArray] = {}  # (style before, wrapped) -> style after
    for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
        now = None if cell._style is None else tuple(cell._style)
        key = (now, isinstance(cell.value, str) and len(cell.value) > MAX_WIDTH)
        style = made.get(key)
        if style is None:
            _as_text(cell)
            made[key] = copy.copy(cell._style)
        else:
            cell._style = copy.copy(style)


def _as_text(cell: Cell) -> None:
    """A text cell: stored and shown as text, long texts wrapped."""
    cell.number_format = TEXT
    if isinstance(cell.value, str) and len(cell.value) > MAX_WIDTH:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _swatch(cell: Cell) -> None:
    """A colour's cell filled with the colour it names (a visual check while editing)."""
    value = str(cell.value or "")
    if len(value) == 7 and value.startswith("#"):
        cell.fill = PatternFill("solid", fgColor=value[1:].upper())
        dark = sum(int(value[i : i + 2], 16) for i in (1, 3, 5)) < 3 * 150
        cell.font = Font(color="FFFFFF" if dark else "000000")


NUMBER_WIDTH = 11  # characters: "-179.123456" in the default font without cutting digits


def _width(col: Column, values: list[Value]) -> float:
    """A column width that fits the header and the values, at most MAX_WIDTH."""
    longest = max([len(col.name), *(len(str(v)) for v in values)])
    if col.type in ("number", "integer"):
        longest = max(longest, NUMBER_WIDTH)
    return float(min(longest, MAX_WIDTH) + 2)


def _lists_sheet(
    book: Workbook, vocab: dict[tuple[str, str], tuple[str, ...]]
) -> dict[tuple[str, str], str]:
    """The hidden sheet of the vocabularies; (table, column) → the range its dropdown names."""
    ws = book.create_sheet(LISTS)
    ws.sheet_state = "hidden"
    ranges: dict[tuple[str, str], str] = {}
    for i, (key, values) in enumerate(vocab.items(), start=1):
        letter = get_column_letter(i)
        ws.cell(row=1, column=i, value=f"{key[0]}.{key[1]}").font = BOLD
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=i, value=value).number_format = TEXT
        ranges[key] = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _dropdowns(ws: Worksheet, sheet: Sheet, lists: dict[tuple[str, str], str], n: int) -> None:
    """Data validation lists on the sheet's columns with a vocabulary or another sheet's ids."""
    for i, col in enumerate(sheet.table.columns, start=1):
        key = (sheet.table.name, col.name)
        source = lists.get(key)
        if key in ID_CHOICES:
            other = next(s for s in SHEETS if s.table.name == ID_CHOICES[key])
            source = f"{quote_sheetname(other.title)}!$A$2:$A${LAST_ROW}"
        if source is None:
            continue
        dv = _validation(source, col, other_sheet=key in ID_CHOICES)
        letter = get_column_letter(i)
        dv.add(f"{letter}2:{letter}{LAST_ROW}")
        ws.add_data_validation(dv)


def _validation(source: str, col: Column, other_sheet: bool) -> DataValidation:
    """A dropdown: a list column warns only (ids joined by |), the others refuse."""
    dv = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
    dv.showErrorMessage = dv.showInputMessage = True
    dv.promptTitle = col.name
    dv.prompt = _prompt(col, other_sheet)[:255]
    dv.errorTitle = "Wert nicht in der Liste"
    if col.is_list:
        dv.errorStyle = "warning"
        dv.error = "Mehrere Werte mit | trennen (ohne Leerzeichen); jeder muss in der Liste stehen."
    else:
        dv.errorStyle = "stop"
        dv.error = f"Bitte einen Wert aus der Liste wählen ({col.description})."[:255]
    return dv


def _prompt(col: Column, other_sheet: bool) -> str:
    """The note a dropdown shows when its cell is selected."""
    text = col.description
    if col.is_list:
        text += ". Aus der Liste den ersten wählen; weitere mit | anhängen, z. B. a|b"
    elif other_sheet:
        text += ". Neue Einträge erst auf ihrem Blatt anlegen, dann sind sie hier wählbar"
    return text


def _explanations(ws: Worksheet, net: Network) -> None:
    """One row per column of every sheet: what it holds, whether it is required, an example."""
    names = ("Blatt", "Spalte", "Pflicht", "Beschreibung", "Beispiel", "Werte")
    _header(ws, names)
    vocab = vocabularies(net)
    for sheet in SHEETS:
        for col in sheet.table.columns:
            values = vocab.get((sheet.table.name, col.name), ())
            ws.append(
                [
                    sheet.title,
                    col.name,
                    _required(col),
                    col.description,
                    col.example,
                    ", ".join(values) if len(values) <= 16 else f"{values[-1]} bis {values[0]}",
                ]
            )
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            _as_text(cell)
    for letter, width in zip("ABCDEF", (16, 18, 24, MAX_WIDTH, 30, 40), strict=True):
        ws.column_dimensions[letter].width = width
    ws.auto_filter.ref = f"A1:F{ws.max_row}"


def _required(col: Column) -> str:
    """The 'Pflicht' cell in German."""
    if col.required:
        return "ja"
    return col.when.message if col.when else "nein"
