"""Load phase: read content files into raw records that remember their line numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problems

CONTENT_FILES = (
    "site.yaml",
    "handlungsfelder.yaml",
    "kommunen.csv",
    "verbindungen.csv",
    "massnahmen.yaml",
)


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
    """Everything read from a content folder, not yet checked."""

    site: Record | None
    handlungsfelder: list[Record]
    kommunen: list[Record]
    verbindungen: list[Record]
    massnahmen: list[Record]


def load_content(content_dir: Path, problems: Problems) -> RawContent:
    """Read all content files; unreadable files become problems, not exceptions."""
    site = _load_yaml(content_dir, "site.yaml", problems, expect="mapping")
    return RawContent(
        site=site[0] if site else None,
        handlungsfelder=_load_yaml(content_dir, "handlungsfelder.yaml", problems, expect="list"),
        kommunen=_load_csv(content_dir, "kommunen.csv", problems),
        verbindungen=_load_csv(content_dir, "verbindungen.csv", problems),
        massnahmen=_load_yaml(content_dir, "massnahmen.yaml", problems, expect="list"),
    )


def _read_text(path: Path, name: str, problems: Problems) -> str | None:
    if not path.is_file():
        problems.error(name, 0, "-", f"Datei fehlt (erwartet unter {path})")
        return None
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        problems.error(name, line, "-", "Datei ist nicht in UTF-8 kodiert")
        return None


def _load_csv(content_dir: Path, name: str, problems: Problems) -> list[Record]:
    text = _read_text(content_dir / name, name, problems)
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.error(name, 1, "-", "Datei ist leer (erwartet: Kopfzeile mit Spaltennamen)")
        return []
    except csv.Error as exc:
        problems.error(name, 1, "-", f"CSV nicht lesbar: {exc}")
        return []
    columns = [h.strip().lower() for h in header]
    records: list[Record] = []
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.error(name, reader.line_num, "-", f"CSV nicht lesbar: {exc}")
            break
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns) and any(c.strip() for c in row[len(columns) :]):
            problems.error(
                name,
                line,
                "-",
                f"{len(row)} Werte, aber nur {len(columns)} Spalten in der Kopfzeile",
            )
        values = {col: (row[i].strip() if i < len(row) else "") for i, col in enumerate(columns)}
        records.append(Record(name, line, values))
    return records


def _load_yaml(content_dir: Path, name: str, problems: Problems, expect: str) -> list[Record]:
    """Read a YAML file as a list of records (a mapping file gives one record)."""
    text = _read_text(content_dir / name, name, problems)
    if text is None:
        return []
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        problem = getattr(exc, "problem", None) or str(exc)
        problems.error(name, line, "-", f"YAML nicht lesbar: {problem}")
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


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping_record(name: str, node: yaml.MappingNode, problems: Problems) -> Record:
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value).strip().lower()
        if key in values:
            problems.error(
                name,
                _line(key_node),
                key,
                f"Schlüssel doppelt (schon in Zeile {lines[key]})",
            )
            continue
        values[key] = _to_python(value_node)
        lines[key] = _line(value_node)
    return Record(name, _line(node), values, lines)


def _to_python(node: yaml.Node) -> Any:
    """Construct plain Python values; nested mappings keep their line numbers via Record."""
    if isinstance(node, yaml.ScalarNode):
        return _CONSTRUCTOR.construct_object(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(k.value).strip().lower(): _to_python(v) for k, v in node.value}
    return None
