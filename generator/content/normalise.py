"""Normalise phase: values with exactly one meaning, read in their canonical form.

Between load and validate: `Wissensaustausch`, `Übertragung`, "2. Halbjahr 2025", `BY` or a
Kommune's name are what an editor types; each has one meaning, so it is read as the id, the
half-year or the official name the schema declares, and recorded as a reading
(`problems.understood`), never an error. An ambiguous value stays as it was given: validate
then refuses it with its suggestions. `kts-dashboard format` writes what was read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from generator.content.load import RawContent, Record
from generator.content.schema import TABLE_BY_NAME, Column, Table
from generator.content.validate import NO, YES
from generator.content.vocab import ARTEN, LAENDER, LAENDER_DE, TYPEN
from generator.errors import Problems


def fold(text: str) -> str:
    """A spelling's key: lower case, umlauts as ae/oe/ue/ss, accents dropped, each run of
    other characters one hyphen ('Frankfurt (Oder)' → 'frankfurt-oder')."""
    text = text.casefold()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


@dataclass(frozen=True)
class Choices:
    """The canonical values of a vocabulary and the spellings each is known by."""

    canonical: frozenset[str]
    by_key: Mapping[str, frozenset[str]]  # fold(spelling) → the canonical values it names

    def read(self, value: str) -> str | None:
        """The one canonical value a spelling names; None when it names none or several."""
        if value in self.canonical:
            return value
        hits = self.by_key.get(fold(value), frozenset())
        return next(iter(hits)) if len(hits) == 1 else None


def choices(spellings: Iterable[tuple[str, str]]) -> Choices:
    """The vocabulary of (spelling, canonical value) pairs."""
    pairs = list(spellings)
    by_key: dict[str, set[str]] = {}
    for spelling, canonical in pairs:
        by_key.setdefault(fold(spelling), set()).add(canonical)
    return Choices(
        frozenset(c for _, c in pairs), {k: frozenset(v) for k, v in by_key.items() if k}
    )


@dataclass(frozen=True)
class Vocabulary:
    """What the content itself declares: each table's records by their ids and names."""

    records: Mapping[str, Choices]


# A reader gives the canonical form of a value, or None when the value has no one meaning.
Reader = Callable[[str, Vocabulary], "str | None"]

# The column that names a record of a table, besides its id (references may use either).
NAME_COLUMNS = {"kommunen": "name", "handlungsfelder": "name", "massnahmen": "titel"}


def _enum(spellings: Iterable[tuple[str, str]]) -> Reader:
    """A reader of a closed vocabulary: its values and their labels, in any case."""
    known = choices(spellings)
    return lambda value, _vocabulary: known.read(value)


_LAND = re.compile(r"^[A-Za-z]{2}$")
_COUNTRIES = choices([(code, code) for code in LAENDER] + [(n, c) for c, n in LAENDER.items()])


def _land(value: str, _vocabulary: Vocabulary) -> str | None:
    """An ISO code in upper case; a German country name ('Österreich') as its code."""
    return value.upper() if _LAND.match(value) else _COUNTRIES.read(value)


def _yes_no(value: str, _vocabulary: Vocabulary) -> str | None:
    """ja or nein, as validate understands them (x, TRUE, wahr …; empty is nein)."""
    key = value.strip().casefold()
    return "ja" if key in YES else "nein" if key in NO else None


_INTEGER_WITH_ZEROS = re.compile(r"^([+-]?\d+)[.,]0+$")  # LibreOffice's "2019.0"


def _integer(value: str, _vocabulary: Vocabulary) -> str | None:
    """A whole number that a spreadsheet wrote with decimals."""
    match = _INTEGER_WITH_ZEROS.match(value)
    return str(int(match.group(1))) if match else None


# Excel reads 08421000 as the number 8421000 unless the column is imported as text.
_AGS_AS_NUMBER = re.compile(r"^(\d{7,8})(?:[.,]0+)?$")


def _ags(value: str, _vocabulary: Vocabulary) -> str | None:
    """An AGS that lost its leading zero (or gained decimals) as a spreadsheet's number."""
    match = _AGS_AS_NUMBER.match(value)
    return match.group(1).zfill(8) if match else None


_H = r"(?:h|hj\.?|halbjahr)"
# The German ways of writing a half-year; each names the groups y (year) and h (half).
_HALF_YEARS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^(?P<y>\d{{4}})\s*[-/]?\s*{_H}\s*(?P<h>[12])$",  # 2025-H2, 2025 H2, 2025-h2
        r"^(?P<y>\d{4})\s*/\s*(?P<h>[12])$",  # 2025/2
        rf"^(?P<y>\d{{4}})[\s,-]*(?P<h>[12])\.\s*{_H}$",  # 2025, 2. Halbjahr
        r"^(?:h|hj\.?)\s*(?P<h>[12])[\s/,-]*(?P<y>\d{4})$",  # H2 2025, HJ2/2025
        rf"^(?P<h>[12])\.?\s*{_H}[\s,/]*(?P<y>\d{{4}})$",  # 2. Halbjahr 2025, 1. Hj. 2024
        r"^(?P<h>erstes|zweites)\s+halbjahr[\s,]*(?P<y>\d{4})$",  # zweites Halbjahr 2025
    )
)
_HALF = {"1": "1", "2": "2", "erstes": "1", "zweites": "2"}


def _half_year(value: str, _vocabulary: Vocabulary) -> str | None:
    """A half-year as the schema writes it: 2025-H2."""
    text = " ".join(value.split())
    for pattern in _HALF_YEARS:
        match = pattern.match(text)
        if match:
            return f"{match.group('y')}-H{_HALF[match.group('h').lower()]}"
    return None


def _reference(table: str) -> Reader:
    """A reader of the ids of a table's records: an id in any case, or a record's name."""
    return lambda value, vocabulary: vocabulary.records[table].read(value)


# Which column is read how, declared once: the columns with a vocabulary or a form that
# editors write in several ways. A column that names records of another table
# (Column.references) reads those records' ids and names (see reader).
VALUE_READERS: dict[tuple[str, str], Reader] = {
    ("kommunen", "typ"): _enum([*((t, t) for t in TYPEN), *((n, t) for t, n in TYPEN.items())]),
    ("kommunen", "land"): _land,
    ("kommunen", "bundesland"): _enum(
        [*((b.name, b.name) for b in LAENDER_DE), *((b.code, b.name) for b in LAENDER_DE)]
    ),
    ("kommunen", "mpsc"): _yes_no,
    ("kommunen", "staffel"): _integer,
    ("kommunen", "ags"): _ags,
    ("verbindungen", "art"): _enum(
        [*((a.id, a.id) for a in ARTEN), *((a.label, a.id) for a in ARTEN)]
    ),
    ("verbindungen", "zeitraum"): _half_year,
}


def reader(table: Table, col: Column) -> Reader | None:
    """How a column's values are read, or None when they are taken as given."""
    if col.references:
        return _reference(col.references)
    return VALUE_READERS.get((table.name, col.name))


def vocabulary(raw: RawContent) -> Vocabulary:
    """The ids and names of the records of raw, as references may spell them."""
    records: dict[str, Choices] = {}
    for table, name_column in NAME_COLUMNS.items():
        pairs: list[tuple[str, str]] = []
        for rec in getattr(raw, table):
            rid, name = rec.values.get("id"), rec.values.get(name_column)
            if isinstance(rid, str) and rid.strip():
                pairs.append((rid.strip(), rid.strip()))
                if isinstance(name, str) and name.strip():
                    pairs.append((name.strip(), rid.strip()))
        records[table] = choices(pairs)
    return Vocabulary(records)


def _item(value: str, read: Reader, known: Vocabulary) -> str:
    """One value in its canonical form, or as given (trimmed) when it has no one meaning."""
    return read(value.strip(), known) or value.strip()


def _cell(value: str, col: Column, read: Reader, known: Vocabulary) -> str:
    """A CSV cell in its canonical form; a list's entries joined by | (also when they were
    separated by ; or ,)."""
    if not col.is_list:
        return read(value, known) or value
    if "|" not in value and ";" not in value and read(value.strip(), known):
        return _item(value, read, known)  # one entry, perhaps a name with a comma
    parts = value.split("|") if "|" in value else re.split(r"[;,]", value)
    return "|".join(_item(part, read, known) for part in parts)


def _list(
    rec: Record, col: Column, items: list[Any], read: Reader, known: Vocabulary, problems: Problems
) -> list[Any]:
    """A YAML list's entries in their canonical form, each reading at its entry's line."""
    out: list[Any] = []
    for i, item in enumerate(items):
        new = _item(item, read, known) if isinstance(item, str) else item
        if new != item:
            line = rec.line_of(f"{col.name}.{i}")
            problems.understood(rec.file, line, col.name, item, new)
        out.append(new)
    return out


def _record(rec: Record, table: Table, known: Vocabulary, problems: Problems) -> Record:
    """A copy of the record with each value that has one meaning in its canonical form."""
    values = dict(rec.values)
    for col in table.columns:
        read = reader(table, col)
        value = values.get(col.name)
        if read is None or col.name not in values:
            continue
        if isinstance(value, str) and not (col.is_list and rec.file.endswith(".yaml")):
            new = _cell(value, col, read, known)
            if new != value:
                problems.understood(rec.file, rec.line_of(col.name), col.name, value, new)
                values[col.name] = new
        elif isinstance(value, list) and col.is_list:
            values[col.name] = _list(rec, col, value, read, known, problems)
    return replace(rec, values=values, lines=dict(rec.lines))


AGS_NOTE = (
    "ags: {n} {werte} mit 7 Ziffern als 8-stelliger AGS mit führender 0 gelesen (Excel "
    "entfernt führende Nullen; beim Öffnen 'Daten › Aus Text/CSV' wählen und die Spalte ags "
    "als Text festlegen)"
)


def _restored(old: Record, new: Record) -> bool:
    """Whether the record's AGS was read with the leading zero that a spreadsheet dropped."""
    given, read = str(old.values.get("ags", "")), str(new.values.get("ags", ""))
    return given != read and read.startswith("0") and not given.startswith("0")


def normalise(raw: RawContent, problems: Problems) -> RawContent:
    """A copy of raw with every value that has exactly one meaning in its canonical form;
    each such value is recorded in problems.readings."""
    known = vocabulary(raw)
    tables = {
        name: [_record(rec, TABLE_BY_NAME[name], known, problems) for rec in getattr(raw, name)]
        for name in ("handlungsfelder", "kommunen", "verbindungen", "massnahmen")
    }
    pairs = zip(raw.kommunen, tables["kommunen"], strict=True)
    restored = sum(1 for old, new in pairs if _restored(old, new))
    if restored:
        werte = "Werte" if restored != 1 else "Wert"
        problems.note(TABLE_BY_NAME["kommunen"].file, AGS_NOTE.format(n=restored, werte=werte))
    return RawContent(
        site=replace(raw.site) if raw.site else None,
        handlungsfelder=tables["handlungsfelder"],
        kommunen=tables["kommunen"],
        verbindungen=tables["verbindungen"],
        massnahmen=tables["massnahmen"],
        geschichten=[replace(rec) for rec in raw.geschichten],
        sheets=raw.sheets,
    )
