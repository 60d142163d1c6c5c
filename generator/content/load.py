"""Load phase: read content files into raw records that remember their line numbers."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.content.schema import TABLE_BY_NAME
from generator.errors import Problems, SheetPlaces

if TYPE_CHECKING:
    from _csv import Reader

SITE_FILE = "site.yaml"
GESCHICHTEN_FILE = "geschichten.yaml"
# The files of a content folder, declared once, in the order load_content reads them:
# site.yaml, the schema's tables (Handlungsfelder first: the others name them), and the
# optional stories. diff --seit and snapshot --seit copy exactly these from a git revision.
CONTENT_FILES: tuple[str, ...] = (
    SITE_FILE,
    *(TABLE_BY_NAME[t].file for t in ("handlungsfelder", "kommunen", "verbindungen", "massnahmen")),
    GESCHICHTEN_FILE,
)
# Files a content folder may lack (the others are required).
OPTIONAL_FILES = frozenset({GESCHICHTEN_FILE})


@dataclass
class Record:
    """One row of a CSV file or one mapping of a YAML file, with line numbers per field."""

    file: str
    line: int
    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        """The line of a field, or of the record when the field has no line of its own."""
        return self.lines.get(name, self.line)


@dataclass
class RawContent:
    """Everything read from a content folder (or a workbook), not yet checked."""

    site: Record | None
    handlungsfelder: list[Record]
    kommunen: list[Record]
    verbindungen: list[Record]
    massnahmen: list[Record]
    geschichten: list[Record] = field(default_factory=list)  # empty without geschichten.yaml
    # Read from a workbook: content file → its sheet; a record's line is its Excel row.
    sheets: dict[str, SheetPlaces] = field(default_factory=dict)


def load_content(content_dir: Path, problems: Problems) -> RawContent:
    """Read all content files; unreadable files become problems, not exceptions.

    What was detected in a file other than plain UTF-8 with commas goes to problems.notes.
    (A workbook is read by generator.workbook.read.load_source.)"""
    site = _load_yaml(content_dir, SITE_FILE, problems, expect="mapping")
    files = {t: TABLE_BY_NAME[t].file for t in TABLE_BY_NAME}
    return RawContent(
        site=site[0] if site else None,
        handlungsfelder=_load_yaml(content_dir, files["handlungsfelder"], problems, expect="list"),
        kommunen=_load_csv(content_dir, files["kommunen"], problems),
        verbindungen=_load_csv(content_dir, files["verbindungen"], problems),
        massnahmen=_load_yaml(content_dir, files["massnahmen"], problems, expect="list"),
        geschichten=(
            _load_yaml(content_dir, GESCHICHTEN_FILE, problems, expect="list")
            if (content_dir / GESCHICHTEN_FILE).exists()
            else []
        ),
    )


def load_site(content_dir: Path, problems: Problems) -> Record | None:
    """Read site.yaml alone (a workbook holds the other files)."""
    site = _load_yaml(content_dir, SITE_FILE, problems, expect="mapping")
    return site[0] if site else None


# Bytes that Windows-1252 leaves undefined; any other byte decodes, so these mark a file
# that is neither UTF-8 nor Windows-1252.
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
DECIMAL_COMMA_COLUMNS = ("lat", "lon")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")


def _line_at(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


# A content file larger than this is refused before it is read: the real ones hold a few
# hundred kilobytes, and a file of gigabytes would exhaust memory before any check.
MAX_FILE_BYTES = 50 * 1024 * 1024


def _read_text(path: Path, name: str, problems: Problems) -> tuple[str, str] | None:
    """The text of a file and the encoding it was in: UTF-8 (with or without BOM) or, as
    Excel saves "CSV (Trennzeichen-getrennt)" in Germany, Windows-1252."""
    if not path.is_file():
        problems.error(name, 0, "-", f"Datei fehlt (erwartet unter {path})")
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.error(
            name,
            0,
            "-",
            f"Datei ist zu groß ({size / 1024 / 1024:.0f} MB; erlaubt sind höchstens "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB)",
        )
        return None
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = _line_at(data, exc.start)
    else:
        return text, ("UTF-8 mit BOM" if data.startswith(b"\xef\xbb\xbf") else "UTF-8")
    if _UTF8_MULTIBYTE.search(data):
        # Partly UTF-8: reading it as Windows-1252 would garble every umlaut.
        problems.error(
            name,
            bad_line,
            "-",
            "Datei ist nicht einheitlich kodiert: diese Zeile ist kein UTF-8, andere Zeilen "
            "schon (bitte als 'CSV UTF-8' bzw. in UTF-8 speichern)",
        )
        return None
    undefined = _CP1252_UNDEFINED.search(data)
    if undefined:
        problems.error(
            name,
            _line_at(data, undefined.start()),
            "-",
            f"Datei ist weder UTF-8 noch Windows-1252 (Byte 0x{undefined.group()[0]:02X}); "
            "bitte in UTF-8 speichern",
        )
        return None
    return data.decode("cp1252"), "Windows-1252"


def delimiter(header: str) -> str:
    """The delimiter Excel or an editor used: whichever of , ; and tab the header line holds
    most often outside quotes (a comma on a tie)."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(counts, key=lambda d: (counts[d], d == ","))


_DELIMITER_NAMES = {",": "','", ";": "';'", "\t": "Tabulator"}


def _load_csv(content_dir: Path, name: str, problems: Problems) -> list[Record]:
    """Read a CSV file as records, one per row that is not empty, keyed by the header's names."""
    read = _read_text(content_dir / name, name, problems)
    if read is None:
        return []
    text, encoding = read
    found = delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=found)
    columns = _header(reader, name, problems)
    if columns is None:
        return []
    records, decimal_comma = _records(reader, columns, name, encoding, problems)
    _note_detected(name, found, encoding, decimal_comma, problems)
    return records


def _header(reader: Reader, name: str, problems: Problems) -> list[str] | None:
    """The column names of the header line, lower case; None when there is none."""
    try:
        header = next(reader)
    except StopIteration:
        problems.error(name, 1, "-", "Datei ist leer (erwartet: Kopfzeile mit Spaltennamen)")
        return None
    except csv.Error as exc:
        problems.error(name, 1, "-", f"CSV nicht lesbar: {exc}")
        return None
    columns = [h.strip().lower() for h in header]
    for i, col in enumerate(columns):
        if col and col in columns[:i]:
            problems.error(name, 1, col, f"Spalte '{col}' steht doppelt in der Kopfzeile")
    return columns


def _records(
    reader: Reader, columns: list[str], name: str, encoding: str, problems: Problems
) -> tuple[list[Record], bool]:
    """The records of the rows after the header, and whether a decimal comma was read."""
    # Excel exports formatted but empty columns with an empty header; those carry nothing.
    named = [(i, col) for i, col in enumerate(columns) if col]
    records: list[Record] = []
    decimal_comma = False
    for line, row in _numbered_rows(reader, name, problems):
        if not any(cell.strip() for cell in row):
            continue
        _check_row(name, line, row, columns, problems)
        values = {col: (row[i].strip() if i < len(row) else "") for i, col in named}
        decimal_comma = _decimal_points(values) or decimal_comma
        if encoding == "Windows-1252":
            _lost_characters(name, line, values, problems)
        records.append(Record(name, line, values))
    return records, decimal_comma


def _numbered_rows(
    reader: Reader, name: str, problems: Problems
) -> Iterator[tuple[int, list[str]]]:
    """Each further row with the line it starts on; a row the csv module cannot read ends it."""
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.error(name, reader.line_num, "-", f"CSV nicht lesbar: {exc}")
            return
        line, start = start, reader.line_num + 1
        yield line, row


def _check_row(
    name: str, line: int, row: list[str], columns: list[str], problems: Problems
) -> None:
    """Values beyond the header's columns or in a column without a name are errors."""
    if len(row) > len(columns) and any(c.strip() for c in row[len(columns) :]):
        problems.error(
            name,
            line,
            "-",
            f"{len(row)} Werte, aber nur {len(columns)} Spalten in der Kopfzeile",
        )
    for i, col in enumerate(columns[: len(row)]):
        if not col and row[i].strip():
            problems.error(name, line, "-", f"Wert '{row[i].strip()}' in Spalte {i + 1} ohne Namen")


def _decimal_points(values: dict[str, str]) -> bool:
    """Replace a decimal comma in the coordinates by a point; whether there was one."""
    found = False
    for col in DECIMAL_COMMA_COLUMNS:
        if _DECIMAL_COMMA.match(values.get(col, "")):
            values[col] = values[col].replace(",", ".")
            found = True
    return found


def _note_detected(
    name: str, delimiter: str, encoding: str, decimal_comma: bool, problems: Problems
) -> None:
    """Note what was read other than plain UTF-8 with commas and decimal points."""
    detected = []
    if delimiter != ",":
        detected.append(f"Trennzeichen {_DELIMITER_NAMES[delimiter]}")
    if encoding != "UTF-8":
        detected.append(f"Kodierung {encoding}")
    if decimal_comma:
        detected.append("Dezimalkomma")
    if detected:
        problems.note(name, f"erkannt: {', '.join(detected)}")


# Excel writes a character that Windows-1252 lacks (ł, ő, č …) as '?': "Wroc?aw".
_LOST = re.compile(r"[^\W\d_]\?[^\W\d_]")


def _lost_characters(name: str, line: int, values: dict[str, str], problems: Problems) -> None:
    for col, value in values.items():
        if _LOST.search(value):
            problems.warning(
                name,
                line,
                col,
                f"'?' mitten im Wort in '{value}': ein Zeichen, das Windows-1252 nicht kennt, "
                "ging beim Speichern verloren? In Excel als 'CSV UTF-8' speichern",
            )


def _load_yaml(content_dir: Path, name: str, problems: Problems, expect: str) -> list[Record]:
    """Read a YAML file as a list of records (a mapping file gives one record)."""
    read = _read_text(content_dir / name, name, problems)
    if read is None:
        return []
    text, encoding = read
    if encoding == "Windows-1252":
        problems.note(name, f"erkannt: Kodierung {encoding}")
    try:
        refused = _refused_yaml(text)
        node = None if refused else yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        problems.error(name, *_yaml_problem(exc, text))
        return []
    if refused:
        problems.error(name, *refused)
        return []
    if node is None:
        problems.error(name, 1, "-", f"Datei ist leer (erwartet: {_EXPECT[expect]})")
        return []
    if expect == "mapping":
        if not isinstance(node, yaml.MappingNode):
            problems.error(name, _line(node), "-", f"erwartet: {_EXPECT[expect]}")
            return []
        return [_mapping_record(name, node, problems)]
    if not isinstance(node, yaml.SequenceNode):
        problems.error(name, _line(node), "-", f"erwartet: {_EXPECT[expect]}")
        return []
    records = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            problems.error(name, _line(item), "-", "erwartet: ein Eintrag mit Schlüsseln (id: …)")
            continue
        records.append(_mapping_record(name, item, problems))
    return records


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed
_CONSTRUCTOR = yaml.SafeLoader("")
_EXPECT = {"mapping": "Schlüssel mit Werten", "list": "eine Liste von Einträgen (- id: …)"}


# The schema nests no deeper than three levels (a list of entries, an entry, its list of ids;
# site.yaml: tiles, einbetten.erlaubte_seiten); deeper nesting is a mistake, and hundreds of
# levels would exhaust the recursion of the conversion to Python.
MAX_DEPTH = 8
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


def _refused_yaml(text: str) -> tuple[int, str, str] | None:
    """Line, field and message of the first thing content may not use, before composing:
    an alias, an explicit tag or nesting deeper than MAX_DEPTH; None when there is none.

    Aliases are refused altogether rather than expanded up to a limit: the schema needs
    none, an editor who writes & or * means text, and nine levels of nine aliases ("billion
    laughs") blow a file of a kilobyte up to gigabytes; a recursive alias (&r [*r]) would
    never end. Explicit tags (!!bool maybe, !!python/…) are refused too: the schema's types
    come from the schema, and PyYAML's constructors fail on odd tagged values with tracebacks.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            return (
                line,
                "-",
                f"Verweis *{event.anchor} (YAML-Alias) ist nicht erlaubt; Text mit & oder * "
                "in Anführungszeichen setzen",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            shown = "!!" + tag[len(_YAML_TAG_PREFIX) :] if tag.startswith(_YAML_TAG_PREFIX) else tag
            return (
                line,
                "-",
                f"Typangabe {shown} ist nicht erlaubt; Text mit ! am Anfang in "
                "Anführungszeichen setzen",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return (
                    line,
                    "-",
                    f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen); Einrückung und "
                    "Klammern prüfen",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[int, str, str]:
    """Line, field and a German message for a YAML syntax error."""
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        line = mark.line + 1
    elif isinstance(position := getattr(exc, "position", None), int):  # ReaderError
        # libyaml counts bytes of UTF-8, PyYAML characters.
        if _LOADER is yaml.SafeLoader:
            line = text[:position].count("\n") + 1
        else:
            line = text.encode()[:position].count(b"\n") + 1
    else:
        line = 0
    problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip())] or "'\\t'" in problem:
        return line, "-", "Tabulator zum Einrücken; YAML erlaubt nur Leerzeichen"
    if isinstance(exc, yaml.reader.ReaderError):
        return line, "-", f"Zeichen U+{exc.character:04X} ist in YAML nicht erlaubt"
    if "found duplicate anchor" in problem or "found undefined alias" in problem:
        return line, "-", f"YAML nicht lesbar: {problem} (& und * nur in Anführungszeichen)"
    return line, "-", f"YAML nicht lesbar: {problem} (Einrückung und Doppelpunkte prüfen)"


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


MAX_KEY_LENGTH = 80  # the schema's longest key is barrierefreiheit's kontakt_anschrift


def _mapping_record(name: str, node: yaml.MappingNode, problems: Problems) -> Record:
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value).strip().lower()
        if len(key) > MAX_KEY_LENGTH:
            problems.error(
                name,
                _line(key_node),
                "-",
                f"Schlüssel ist zu lang ({len(key)} Zeichen; erlaubt sind höchstens "
                f"{MAX_KEY_LENGTH}); fehlt ein Doppelpunkt?",
            )
            continue
        if key in values:
            problems.error(
                name,
                _line(key_node),
                key,
                f"Schlüssel doppelt (schon in Zeile {lines[key]})",
            )
            continue
        try:
            values[key] = _to_python(value_node)
        except (yaml.YAMLError, ValueError, OverflowError, TypeError) as exc:
            # e.g. 2026-13-45 looks like a date to YAML but is none; or a !!python tag
            problems.error(
                name, _line(value_node), key, f"Wert nicht lesbar ({exc}); in Anführungszeichen?"
            )
            values[key] = None
        lines[key] = _line(value_node)
        if isinstance(value_node, yaml.MappingNode):  # "barrierefreiheit.kontakt_email"
            for sub_key, sub_value in value_node.value:
                lines[f"{key}.{str(sub_key.value).strip().lower()}"] = _line(sub_value)
        if isinstance(value_node, yaml.SequenceNode):  # "schritte.0", "schritte.0.text"
            _item_lines(name, key, value_node, lines, problems)
    return Record(name, _line(node), values, lines)


def _item_lines(
    name: str, key: str, node: yaml.SequenceNode, lines: dict[str, int], problems: Problems
) -> None:
    """The lines of a list's entries and of their keys (a key twice in one is an error)."""
    for i, item in enumerate(node.value):
        lines[f"{key}.{i}"] = _line(item)
        if not isinstance(item, yaml.MappingNode):
            continue
        for sub_key, sub_value in item.value:
            short = str(sub_key.value).strip().lower()
            sub = f"{key}.{i}.{short}"
            if sub in lines:
                problems.error(
                    name, _line(sub_key), short, f"Schlüssel doppelt (schon in Zeile {lines[sub]})"
                )
                continue
            lines[sub] = _line(sub_value)


def _to_python(node: yaml.Node) -> Any:
    """Construct plain Python values; nested mappings keep their line numbers via Record."""
    if isinstance(node, yaml.ScalarNode):
        return _CONSTRUCTOR.construct_object(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(k.value).strip().lower(): _to_python(v) for k, v in node.value}
    return None
