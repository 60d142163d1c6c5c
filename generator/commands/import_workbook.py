"""`kts-dashboard import daten.xlsx`: the workbook back into the content files, changing only
what was edited (unchanged records keep their bytes, order and comments)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.commands.build import check_raw
from generator.content.load import RawContent, Record, load_content
from generator.content.model import Network
from generator.content.normalise import normalise
from generator.content.rewrite import write_csv, write_yaml_list
from generator.content.save import read_text, write_content_files
from generator.content.schema import Column, Table, record_id
from generator.errors import ContentError, Problems
from generator.workbook.read import read_workbook
from generator.workbook.sheets import SHEETS, Sheet


@dataclass(frozen=True)
class FileChange:
    """What an import does to one content file."""

    file: str
    changed: int
    added: int
    removed: int
    text: str  # the file's new text
    old: str | None  # its text before (None: the file is new)

    @property
    def touched(self) -> bool:
        """Whether the file's bytes change."""
        return self.text != self.old

    def summary(self) -> str:
        """'verbindungen.csv: 1 geändert, 2 neu, 0 entfernt'."""
        return f"{self.file}: {self.changed} geändert, {self.added} neu, {self.removed} entfernt"


def run_import(workbook: Path, content: Path) -> int:
    """Import the workbook into content/; print what changed. ContentError on any problem
    (then nothing is written)."""
    problems = Problems()
    changes = import_changes(workbook, content, problems)
    for reading in problems.readings:
        print(reading)
    touched = [c for c in changes if c.touched]
    write_content_files(content, {c.file: c.text for c in touched})
    for change in touched:
        print(change.summary())
    if not touched:
        print(f"Nichts geändert: {workbook.name} stimmt mit {content} überein.")
    return 0


def import_changes(workbook: Path, content: Path, problems: Problems) -> list[FileChange]:
    """The new text of every content file the workbook holds (ContentError on problems)."""
    raw_new = read_workbook(workbook, content, problems)
    net_new, _ = check_raw(raw_new, problems)
    read = raw_new.sheets
    raw_new = normalise(raw_new, Problems())
    raw_old, net_old = _old_content(content)
    changes = []
    for sheet in SHEETS:
        if sheet.file not in read:  # a workbook without Geschichten leaves them be
            continue
        old_text = read_text(content / sheet.file)
        if old_text is None and not _records(raw_new, sheet):
            continue
        changes.append(
            _change(sheet, _records(raw_old, sheet), _records(raw_new, sheet), old_text,
                    _Models(_models(net_old, sheet), _models(net_new, sheet)))
        )  # fmt: skip
    return changes


@dataclass(frozen=True)
class _Models:
    """The validated records of a sheet before and after, by key: equal means unchanged."""

    old: dict[str, Any]
    new: dict[str, Any]


def _old_content(content: Path) -> tuple[RawContent, Network | None]:
    """The content folder as it is, normalised, and its model (None if it has errors)."""
    problems = Problems()
    raw = normalise(load_content(content, problems), Problems())
    try:
        return raw, check_raw(load_content(content, Problems()), Problems())[0]
    except ContentError:
        return raw, None


def _records(raw: RawContent, sheet: Sheet) -> list[Record]:
    """The raw records of a sheet's content file."""
    records: list[Record] = getattr(raw, sheet.table.name)
    return records


def _key(sheet: Sheet, values: dict[str, Any]) -> str:
    """The key a record is matched by (id, or the Verbindung's von|nach|art|zeitraum)."""
    try:
        return record_id(sheet.table.name, values)
    except KeyError:
        return repr(sorted(values.items()))


def _models(net: Network | None, sheet: Sheet) -> dict[str, Any]:
    """The model's records of a sheet by key."""
    if net is None:
        return {}
    records = getattr(net, sheet.table.name)
    if sheet.table.name == "verbindungen":
        return {_key(sheet, vars(v)): v for v in records}
    return {r.id: r for r in records}


def _change(
    sheet: Sheet, old: list[Record], new: list[Record], old_text: str | None, models: _Models
) -> FileChange:
    """The new records of a file: the old order, edited records merged, new ones at the end."""
    pending = {_key(sheet, r.values): r for r in new}
    out: list[dict[str, Any]] = []
    changed = removed = 0
    for rec in old:
        key = _key(sheet, rec.values)
        incoming = pending.pop(key, None)
        if incoming is None:
            removed += 1
        elif key in models.old and models.old[key] == models.new.get(key):
            out.append(rec.values)
        else:
            out.append(_merge(sheet.table, rec.values, incoming.values, models, key))
            changed += 1
    out += [_clean(sheet, r.values) for r in pending.values()]
    text = (
        write_csv(sheet.table, old_text, out)
        if sheet.is_csv
        else write_yaml_list(sheet.file, old_text, out)
    )
    return FileChange(sheet.file, changed, len(pending), removed, text, old_text)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _same(col: Column, a: Any, b: Any) -> bool:
    """Whether two values of a column mean the same (51.0290 and 51.029; "" and absent)."""
    if _empty(a) or _empty(b):
        return _empty(a) and _empty(b)
    if col.type == "number":
        try:
            return float(a) == float(b)
        except (TypeError, ValueError):
            return False
    if isinstance(a, list) or isinstance(b, list):
        return list(a) == list(b)
    return str(a).strip() == str(b).strip()


def _merge(
    table: Table, old: dict[str, Any], new: dict[str, Any], models: _Models, key: str
) -> dict[str, Any]:
    """An edited record: the old values where the meaning is the same, else the new ones."""
    out = dict(old)
    for col in table.columns:
        if col.name not in ("schritte",) and not _same(col, old.get(col.name), new.get(col.name)):
            value = new.get(col.name)
            if _empty(value) and not table.file.endswith(".csv"):
                out.pop(col.name, None)
            else:
                out[col.name] = "" if value is None else value
    if "schritte" in new:
        out["schritte"] = _steps(old.get("schritte"), new["schritte"], models, key)
    return out


def _steps(old: Any, new: list[dict[str, Any]], models: _Models, key: str) -> list[dict[str, Any]]:
    """A story's steps: an old step where its model is unchanged (its ansicht as written)."""
    before = models.old.get(key)
    after = models.new.get(key)
    old_steps = old if isinstance(old, list) else []
    out = []
    for i, step in enumerate(new):
        same = (
            before is not None
            and after is not None
            and i < len(before.schritte)
            and i < len(after.schritte)
            and before.schritte[i] == after.schritte[i]
            and i < len(old_steps)
        )
        out.append(old_steps[i] if same else step)
    return out


def _clean(sheet: Sheet, values: dict[str, Any]) -> dict[str, Any]:
    """A new record: CSV records carry every column, YAML records their non-empty keys."""
    if sheet.is_csv:
        return {c.name: str(values.get(c.name, "") or "") for c in sheet.table.columns}
    return {k: v for k, v in values.items() if not _empty(v)}
