"""Write content files anew so that only what changed changes: unchanged records keep their
bytes, order and comments (for `import` and `format`). Text in, text out; no file access."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from generator.content.schema import Table, record_id

Edit = tuple[int, int, list[str]]  # replace lines [start, end) by these lines


def _canonical_csv(text: str) -> bool:
    """Whether a CSV text is already in canonical form (UTF-8 without BOM, LF, commas)."""
    first = text.split("\n", 1)[0]
    return not text.startswith("\ufeff") and "\r" not in text and "," in first and ";" not in first


def _csv_line(values: Sequence[str]) -> str:
    """One row with minimal quoting and LF."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(values)
    return out.getvalue()


def _csv_rows(text: str) -> tuple[list[str], list[tuple[dict[str, str], str]]]:
    """The header and each row of a CSV text with the exact text it was read from."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    rows = []
    start = reader.line_num
    for row in reader:
        end = reader.line_num
        if any(cell.strip() for cell in row):
            values = {h: (row[i] if i < len(row) else "") for i, h in enumerate(header) if h}
            text = "".join(lines[start:end])
            rows.append((values, text if text.endswith("\n") else text + "\n"))
        start = end
    return header, rows


def _csv_header(table: Table, old: list[str], records: Sequence[Mapping[str, str]]) -> list[str]:
    """The old header when it names only known columns (its order kept), else the schema's;
    columns the records fill that it lacks come after, in the schema's order."""
    known = all(h in table.by_name or h in table.derived for h in old)
    header = list(old) if old and known else list(table.names)
    return header + [n for n in table.names if n not in header and any(n in r for r in records)]


def write_csv(table: Table, old_text: str | None, records: Sequence[Mapping[str, str]]) -> str:
    """The CSV text of the records; a record equal to an old row keeps that row's text
    (when the old text is canonical: otherwise every row is written anew)."""
    old_header, rows = _csv_rows(old_text) if old_text else ([], [])
    header = _csv_header(table, old_header, records)
    canonical = old_text is not None and _canonical_csv(old_text)
    kept = {record_id(table.name, v): (v, raw) for v, raw in rows if _has_key(table, v)}
    out = [_csv_line(header)]
    for rec in records:
        values = [str(rec.get(h, "") or "") for h in header]
        old = kept.get(record_id(table.name, dict(rec))) if canonical else None
        same = old is not None and [old[0].get(h, "") for h in header] == values
        out.append(old[1] if old is not None and same else _csv_line(values))
    return "".join(out)


def _has_key(table: Table, values: Mapping[str, str]) -> bool:
    """Whether a row has the columns of its table's key."""
    return all(k in values for k in table.key)


class _Folded(str):
    """A text that was written folded (>-) and is written so again."""


class _Dumper(yaml.SafeDumper):
    """YAML as the content files write it: block style, unicode, keys in the given order."""


_Dumper.add_representer(
    _Folded, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", str(s), style=">")
)


def _dump(value: Any) -> list[str]:
    """Lines of YAML for a value (a mapping of one key, or a list of records)."""
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=90)
    return text.splitlines(keepends=True)


def _end(node: yaml.Node, lines: list[str]) -> int:
    """The line after a node: its end mark stands after it on its last line, or at the start
    (only indentation before it) of the next line, as after a block list or folded text."""
    mark = node.end_mark
    if mark.line >= len(lines) or not lines[mark.line][: mark.column].strip():
        return mark.line
    return mark.line + 1


def _styled(value: Any, old: yaml.Node | None) -> Any:
    """A new value in the style of the old node (a folded text stays folded)."""
    if isinstance(value, str) and isinstance(old, yaml.ScalarNode) and old.style == ">":
        return _Folded(value)
    return value


def _key_lines(key: str, value: Any, old: yaml.Node | None, indent: str, lead: str) -> list[str]:
    """A key with its value as lines at an indent; the first line starts with lead."""
    lines = _dump({key: _styled(value, old)})
    return [(lead if i == 0 else indent) + line for i, line in enumerate(lines)]


def _mapping_edits(
    node: yaml.MappingNode, old: dict, new: Mapping[str, Any], lines: list[str]
) -> list[Edit]:
    """The line edits that turn one YAML mapping into another, key by key."""
    edits: list[Edit] = []
    indent = " " * node.start_mark.column
    first_line = node.start_mark.line
    for key_node, value_node in node.value:
        key = str(key_node.value)
        start, end = key_node.start_mark.line, _end(value_node, lines)
        lead = indent if start != first_line else indent[:-2] + "- "
        if key not in new or new[key] in (None, "", []):
            if key in old and start != first_line:
                edits.append((start, end, []))
        elif new[key] != old.get(key):
            edits += _value_edits(
                key, value_node, (old[key], new[key]), (start, end), indent, lead, lines
            )
    missing = [k for k in new if k not in old and new[k] not in (None, "", [])]
    if missing:
        at = _end(node, lines)
        added = [ln for k in missing for ln in _key_lines(k, new[k], None, indent, indent)]
        edits.append((at, at, added))
    return edits


def _value_edits(
    key: str,
    node: yaml.Node,
    values: tuple[Any, Any],
    span: tuple[int, int],
    indent: str,
    lead: str,
    lines: list[str],
) -> list[Edit]:
    """Edits of one key: list entries of mappings one by one, any other value at once."""
    old, new = values
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(old, list)
        and isinstance(new, list)
        and len(old) == len(new)
        and all(isinstance(n, yaml.MappingNode) for n in node.value)
        and all(isinstance(v, dict) for v in new)
    ):
        edits: list[Edit] = []
        for item, before, after in zip(node.value, old, new, strict=True):
            if before != after:
                edits += _mapping_edits(item, before, after, lines)
        return edits
    return [(span[0], span[1], _key_lines(key, new, node, indent, lead))]


def _apply(lines: list[str], edits: list[Edit]) -> list[str]:
    """The lines with the edits applied (from the last to the first)."""
    out = list(lines)
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out[start:end] = new
    return out


def _blocks(text: str) -> tuple[list[str], list[tuple[yaml.MappingNode | None, list[str]]]]:
    """The head of a YAML list file (comments before the first item) and each item's lines,
    with the comments directly above it."""
    lines = text.splitlines(keepends=True)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    items = root.value if isinstance(root, yaml.SequenceNode) else []
    starts = [_lead(lines, item.start_mark.line) for item in items]
    head = lines[: starts[0]] if starts else lines
    blocks = []
    for i, item in enumerate(items):
        end = starts[i + 1] if i + 1 < len(items) else len(lines)
        mapping = item if isinstance(item, yaml.MappingNode) else None
        blocks.append((mapping, lines[starts[i] : end]))
    return head, blocks


def _lead(lines: list[str], line: int) -> int:
    """The first line of the comment block directly above a line."""
    while line > 0 and lines[line - 1].lstrip().startswith("#"):
        line -= 1
    return line


def write_yaml_list(file: str, old_text: str | None, records: Sequence[Mapping[str, Any]]) -> str:
    """The YAML text of a list of records; an unchanged record keeps its text and comments,
    a changed one is edited key by key."""
    if not old_text:
        return "".join(_dump([dict(r) for r in records]))
    text = old_text.lstrip("\ufeff").replace("\r\n", "\n")
    head, blocks = _blocks(text)
    lines = text.splitlines(keepends=True)
    old_values = yaml.safe_load(text) or []
    by_id = {
        str(v.get("id")): (v, node, block)
        for v, (node, block) in zip(old_values, blocks, strict=True)
        if isinstance(v, dict)
    }
    out = list(head)
    for rec in records:
        found = by_id.get(str(rec.get("id")))
        out += _record_lines(found, dict(rec), lines)
    return "".join(out)


_Found = tuple[dict, yaml.MappingNode | None, list[str]]


def _record_lines(found: _Found | None, rec: dict, lines: list[str]) -> list[str]:
    """The lines of one record: its old lines, edited, or new ones."""
    if found is None or found[1] is None:
        return _dump([{k: v for k, v in rec.items() if v not in (None, "", [])}])
    old, node, block = found
    assert node is not None  # checked above
    if old == {k: v for k, v in rec.items() if v not in (None, "", [])}:
        return block
    offset = _first_line(node, block)
    edits = [(s - offset, e - offset, n) for s, e, n in _mapping_edits(node, old, rec, lines)]
    return _apply(block, edits)


def _first_line(node: yaml.MappingNode, block: list[str]) -> int:
    """The file line of the block's first line (the block may start with comments)."""
    comments = 0
    while comments < len(block) and block[comments].lstrip().startswith("#"):
        comments += 1
    return node.start_mark.line - comments
