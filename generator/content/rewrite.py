"""Rewrite content files so that unchanged records keep their bytes, order and comments.

The writers of `import` and `format` (issue 26): pure functions from the old text of a file
and the new records to the new text; the callers read and write the files (atomically).

CSV: canonical form is UTF-8, LF, `,` and minimal quoting; a row whose values did not change
keeps its old line when the old file is itself canonical (commas, LF, no BOM).

YAML lists: an unchanged item keeps its exact text, with the comment block before it; a changed
item is edited in place, value by value (a scalar keeps its style: plain, quoted, folded `>-`
wrapped as before, literal; a list its block or flow style), so a changed value is a small
diff. New items follow the style of the file's other items. Every result is parsed back and
compared with the records; an edit that would not read back is replaced by a fresh rendering.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import yaml
from yaml.emitter import Emitter, ScalarAnalysis
from yaml.resolver import Resolver

from generator.content.load import delimiter as csv_delimiter
from generator.content.schema import TABLE_BY_FILE, Table

FOLD_WIDTH = 90  # columns of a new folded text (`>-`) or of one that was a single line
_WIDE = 10**9  # no wrapping by PyYAML's emitter
_LINE_BREAKS = "\n\r\x85\u2028\u2029"
_STR_TAG = "tag:yaml.org,2002:str"
_CHECK_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# ---------------------------------------------------------------------------------------
# CSV


@dataclass(frozen=True)
class _OldRow:
    """A row of the old CSV file: its values by column and its exact text."""

    values: tuple[str, ...]
    raw: str


@dataclass(frozen=True)
class _OldCsv:
    """What the old CSV text holds: header, rows by key and whether it is canonical."""

    header: tuple[str, ...]
    header_raw: str
    rows: dict[tuple[str, ...], list[_OldRow]]
    canonical: bool


def write_csv(
    table: Table,
    old_text: str | None,
    records: Sequence[Mapping[str, Any]],
    *,
    canonical: bool = False,
) -> str:
    """The new text of a CSV content file; unchanged rows keep their old lines.

    With canonical=True every line is written anew in canonical form (for `format`)."""
    old = _read_old_csv(table, old_text)
    header = _csv_header(table, old.header, records)
    keep = old.canonical and not canonical and header == old.header
    pool = {key: list(rows) for key, rows in old.rows.items()}
    out = io.StringIO()
    out.write(old.header_raw if keep and old.header_raw else _csv_line(header))
    index = {name: i for i, name in enumerate(header)}
    for record in records:
        values = tuple(_cell(record.get(name)) for name in header)
        key = tuple(values[index[k]] if k in index else "" for k in table.key)
        raw = _take_row(pool, key, values) if keep else None
        out.write(_csv_line(values) if raw is None else raw)
    return out.getvalue()


def _csv_line(values: Sequence[str]) -> str:
    """One row with minimal quoting and LF; a lone CR is quoted too (csv's writer quotes
    only the line terminator's characters, and a bare CR would end the row when read)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    if not any("\r" in v for v in values):
        return out.getvalue()
    return ",".join(_csv_field(v) for v in values) + "\n"


def _csv_field(value: str) -> str:
    """One cell with minimal quoting (and quoted when it holds a CR)."""
    if "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    if not value:
        return ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([value])
    return out.getvalue()[:-1]


def _cell(value: Any) -> str:
    """The text of a CSV cell (None is empty)."""
    return "" if value is None else str(value)


def _take_row(
    pool: dict[tuple[str, ...], list[_OldRow]], key: tuple[str, ...], values: tuple[str, ...]
) -> str | None:
    """The old line of the first unused old row with this key and these values."""
    rows = pool.get(key, [])
    for i, row in enumerate(rows):
        if row.values == values:
            del rows[i]
            return row.raw
    return None


def _read_old_csv(table: Table, text: str | None) -> _OldCsv:
    """Parse the old text of a CSV file, remembering each row's exact lines."""
    if not text:
        return _OldCsv((), "", {}, True)
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    delimiter = csv_delimiter(body.split("\n", 1)[0])
    lines: list[str] = []

    def feed() -> Iterator[str]:
        for line in io.StringIO(body, newline=""):
            lines.append(line)
            yield line

    reader = csv.reader(feed(), delimiter=delimiter)
    try:
        header = tuple(h.strip().lower() for h in next(reader, []))
        header_raw = _raw(lines, 0)
        rows = _old_rows(table, reader, header, lines)
    except csv.Error as exc:
        raise ValueError(f"{table.file}: CSV nicht lesbar: {exc}") from exc
    canonical = not bom and delimiter == "," and "\r" not in body
    return _OldCsv(header, header_raw, rows, canonical)


def _old_rows(
    table: Table, reader: Iterator[list[str]], header: tuple[str, ...], lines: list[str]
) -> dict[tuple[str, ...], list[_OldRow]]:
    """The old rows by key (rows without any value are left out, as load does)."""
    rows: dict[tuple[str, ...], list[_OldRow]] = {}
    start = len(lines)
    index = {name: i for i, name in enumerate(header)}
    for row in reader:
        raw = _raw(lines, start)
        start = len(lines)
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):  # never kept: its line is not what the header says
            raw = ""
        values = tuple(row[i] if i < len(row) else "" for i in range(len(header)))
        key = tuple(values[index[k]] if k in index else "" for k in table.key)
        rows.setdefault(key, []).append(_OldRow(values, raw))
    for found in rows.values():
        found[:] = [r for r in found if r.raw]
    return rows


def _raw(lines: list[str], start: int) -> str:
    """The text of the lines read since start, ending in a line break."""
    raw = "".join(lines[start:])
    return raw if not raw or raw.endswith("\n") else raw + "\n"


def _csv_header(
    table: Table, old: tuple[str, ...], records: Sequence[Mapping[str, Any]]
) -> tuple[str, ...]:
    """The old header when it names only known columns (its order kept), else the schema's;
    then the schema's columns that records fill and it lacks, in the schema's order."""
    known = all(name in table.by_name or name in table.derived for name in old)
    usable = old and known and len(set(old)) == len(old)
    header = list(old) if usable else list(table.names)
    filled = {name for record in records for name, value in record.items() if _cell(value)}
    return tuple(header + [c for c in table.names if c not in header and c in filled])


# ---------------------------------------------------------------------------------------
# YAML: values and scalars


def _empty(value: Any) -> bool:
    """Whether a value counts as absent: None, '' or an empty list or mapping."""
    return value is None or (isinstance(value, (str, list, dict, tuple)) and len(value) == 0)


def _clean(value: Any) -> Any:
    """The value with empty mapping entries left out, at every depth."""
    if isinstance(value, Mapping):
        cleaned = {str(k): _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if not _empty(v)}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types (1, True and '1' differ)."""
    if isinstance(a, dict) or isinstance(b, dict):
        return (
            isinstance(a, dict)
            and isinstance(b, dict)
            and a.keys() == b.keys()
            and all(_same(a[k], b[k]) for k in a)
        )
    if isinstance(a, list) or isinstance(b, list):
        return (
            isinstance(a, list)
            and isinstance(b, list)
            and len(a) == len(b)
            and all(_same(x, y) for x, y in zip(a, b, strict=True))
        )
    return type(a) is type(b) and bool(a == b)


def _signature(value: Any) -> str:
    """A text that is equal exactly for _same values (for matching list entries)."""

    def canon(v: Any) -> Any:
        if isinstance(v, dict):
            return ("dict", tuple(sorted((str(k), canon(x)) for k, x in v.items())))
        if isinstance(v, list):
            return ("list", tuple(canon(x) for x in v))
        return (type(v).__name__, v)

    return repr(canon(value))


def _is_scalar(value: Any) -> bool:
    """Whether a value is written as one YAML scalar."""
    return not isinstance(value, (list, dict, tuple))


_EMITTER = Emitter(io.StringIO(), allow_unicode=True)
_RESOLVER = Resolver()


def _analysis(text: str) -> ScalarAnalysis:
    """PyYAML's own analysis of a string: which styles can hold it."""
    return _EMITTER.analyze_scalar(text)


def _plain_ok(text: str, flow: bool = False) -> bool:
    """Whether a string can be written plain and reads back as that string."""
    if not text:
        return False
    a = _analysis(text)
    if a.multiline or a.empty or not (a.allow_flow_plain if flow else a.allow_block_plain):
        return False
    return bool(_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG)


def _single_ok(text: str) -> bool:
    """Whether a string can be written on one line in single quotes."""
    a = _analysis(text)
    return bool(a.allow_single_quoted and not a.multiline)


def _single(text: str) -> str:
    """A string in single quotes."""
    return "'" + text.replace("'", "''") + "'"


def _double(text: str) -> str:
    """A string in double quotes, with escapes where YAML needs them, on one line."""
    dumped = yaml.safe_dump(text, default_style='"', width=_WIDE, allow_unicode=True)
    return dumped.rstrip("\n")


def _emit_plain(value: Any) -> str:
    """A number, boolean or date as YAML writes it."""
    dumped = yaml.safe_dump(value, width=_WIDE, allow_unicode=True, default_flow_style=True)
    return dumped.split("\n", 1)[0]


def _scalar(
    value: Any, style: str, indent: int, old_lines: list[str] | None = None, flow: bool = False
) -> str:
    """A scalar in the given style where it can hold the value, else plain or quoted.

    indent is the column of a block scalar's content; old_lines its old lines (folded)."""
    if not isinstance(value, str):
        return _emit_plain(value)
    if style == ">" and not flow:
        folded = _folded(value, indent, old_lines or [])
        if folded is not None:
            return folded
    if style == "|" and not flow:
        literal = _literal(value, indent)
        if literal is not None:
            return literal
    if style == '"':
        return _double(value)
    if style != "'" and _plain_ok(value, flow):
        return value
    return _single(value) if _single_ok(value) else _double(value)


def _foldable(text: str) -> bool:
    """Whether a string can be a folded scalar broken at its spaces."""
    if not text or text != text.strip() or "  " in text or "\t" in text:
        return False
    if any(c in text for c in _LINE_BREAKS):
        return False
    return bool(_analysis(text).allow_block)


def _folded(text: str, indent: int, old_lines: list[str]) -> str | None:
    """A folded scalar (`>-`) whose lines break where the old ones did, within the width."""
    if not _foldable(text):
        return None
    words = text.split(" ")
    old_lines = [line.strip() for line in old_lines]
    usable = bool(old_lines) and all(old_lines)
    breaks = _kept_breaks(old_lines, words) if usable else set()
    longest = max((indent + len(line) for line in old_lines), default=0) if usable else 0
    width = longest if len(old_lines) > 1 and usable else max(FOLD_WIDTH, longest)
    lines: list[list[str]] = [[]]
    for j, word in enumerate(words):
        lines[-1].append(word)
        if j in breaks:
            lines.append([])
    k = 0
    while k < len(lines):  # a line too long gives its last words to the next one
        while len(lines[k]) > 1 and indent + len(" ".join(lines[k])) > width:
            if k + 1 == len(lines):
                lines.append([])
            lines[k + 1].insert(0, lines[k].pop())
        k += 1
    body = "\n".join(" " * indent + " ".join(line) for line in lines if line)
    return ">-\n" + body


def _kept_breaks(old_lines: list[str], words: list[str]) -> set[int]:
    """The words of the new text after which the old text broke its line."""
    old_words: list[str] = []
    old_breaks: set[int] = set()
    for line in old_lines:
        old_words += line.split(" ")
        old_breaks.add(len(old_words) - 1)
    old_breaks.discard(len(old_words) - 1)
    breaks: set[int] = set()
    matcher = SequenceMatcher(None, old_words, words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i in range(i1, i2):
            if i not in old_breaks:
                continue
            if tag == "equal":
                j = j1 + i - i1
            elif tag == "replace":  # a line that ended in rewritten words ends after them
                if i != i2 - 1:
                    continue
                j = j2 - 1
            else:  # delete
                j = j1 - 1
            if 0 <= j < len(words) - 1:
                breaks.add(j)
    return breaks


def _literal(text: str, indent: int) -> str | None:
    """A literal scalar (`|` or `|-`) of the text's lines, where one can hold it."""
    body = text[:-1] if text.endswith("\n") else text
    if not body or body.endswith("\n") or body[0] in " \t":
        return None
    if any(c in body for c in "\r\x85\u2028\u2029") or not _analysis(body).allow_block:
        return None
    lines = body.split("\n")
    if any(line and not line.strip() for line in lines):
        return None
    indicator = "|" if text.endswith("\n") else "|-"
    return indicator + "\n" + "\n".join(" " * indent + line if line else "" for line in lines)


# ---------------------------------------------------------------------------------------
# YAML: rendering anew, in the style of the file

# The style of each path of keys in the old items ("-" for a list's entries): a scalar's
# style ("" plain, "'", '"', ">", "|"), "[" for a flow list or a block list's indentation
# relative to its key.
Profile = dict[tuple[str, ...], str | int]


def _key(name: str) -> str:
    """A mapping key, quoted only where needed."""
    return name if _plain_ok(name) else (_single(name) if _single_ok(name) else _double(name))


def _render_mapping(
    value: Mapping[str, Any], col: int, profile: Profile, path: tuple[str, ...]
) -> str:
    """A block mapping whose first key starts where the text is put, the others at col."""
    pairs = [(k, v) for k, v in value.items() if not _empty(v)]
    if not pairs:
        return "{}"
    sep = "\n" + " " * col
    return sep.join(_key(k) + _render_value(v, col, profile, (*path, k)) for k, v in pairs)


def _render_value(value: Any, col: int, profile: Profile, path: tuple[str, ...]) -> str:
    """The text after a key at column col: ': scalar', or ':' and a block below."""
    style = profile.get(path, "")
    if isinstance(value, (list, tuple)):
        if style == "[" and all(_is_scalar(v) for v in value):
            inner = ", ".join(_scalar(v, "", 0, flow=True) for v in value)
            return ": [" + inner + "]"
        dash = col + (style if isinstance(style, int) else 0)
        entries = (
            "\n" + " " * dash + "- " + _render_entry(v, dash + 2, profile, (*path, "-"))
            for v in value
        )
        return ":" + "".join(entries)
    if isinstance(value, Mapping):
        return ":\n" + " " * (col + 2) + _render_mapping(value, col + 2, profile, path)
    return ": " + _scalar(value, _fresh_style(value, style), col + 2)


def _fresh_style(value: Any, style: str | int) -> str:
    """The style of a new scalar: the file's block style, quotes only where they are needed
    (then the file's kind of quotes)."""
    if not isinstance(style, str) or style in (">", "|"):
        return style if isinstance(style, str) else ""
    return "" if isinstance(value, str) and _plain_ok(value) else style


def _render_entry(value: Any, col: int, profile: Profile, path: tuple[str, ...]) -> str:
    """A list entry's text after its '- '; its further lines at column col."""
    if isinstance(value, Mapping):
        return _render_mapping(value, col, profile, path)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        sep = "\n" + " " * col
        return sep.join("- " + _render_entry(v, col + 2, profile, (*path, "-")) for v in value)
    style = profile.get(path, "")
    return _scalar(value, _fresh_style(value, style), col)


def _fresh_item(record: Mapping[str, Any], dash: int, profile: Profile) -> str:
    """A new item at column dash, in the file's style (PyYAML's when that does not read back)."""
    text = " " * dash + "- " + _render_mapping(record, dash + 2, profile, ())
    if _reads_back(text, record):
        return text
    dumped = yaml.safe_dump(
        [dict(record)], allow_unicode=True, sort_keys=False, width=_WIDE, default_flow_style=False
    )
    return "\n".join(" " * dash + line if line else "" for line in dumped.rstrip("\n").split("\n"))


def _reads_back(text: str, record: Mapping[str, Any]) -> bool:
    """Whether the text of one item parses to exactly the record."""
    try:
        data = yaml.load(text, Loader=_CHECK_LOADER)
    except yaml.YAMLError:
        return False
    return isinstance(data, list) and len(data) == 1 and _same(data[0], dict(record))


# ---------------------------------------------------------------------------------------
# YAML: the old text, its items and the spans of their values


@dataclass(frozen=True)
class _Edit:
    """Replace text[start:end] by text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Item:
    """An item of the old list: its node, its value and its text with the comments around."""

    id: str | None
    node: yaml.MappingNode
    value: dict[str, Any]
    start: int  # the start of the line of its '-'
    end: int  # the end of its last line (the index of its line break)
    lead: str  # the comment lines directly before it
    trail: str  # the lines after it that are not the next item's comments


@dataclass(frozen=True)
class _OldList:
    """The old text of a YAML list file, in parts."""

    text: str
    header: str
    items: tuple[_Item, ...]
    footer: str
    dash: int  # the column of the items' '-'


def _line_start(text: str, i: int) -> int:
    """The index where the line holding index i starts."""
    return text.rfind("\n", 0, i) + 1


def _line_end(text: str, i: int) -> int:
    """The index of the line break that ends the line holding index i (or the text's end)."""
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _end(text: str, node: yaml.Node) -> int:
    """The index after the last character of a node's own text."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        key, value = node.value[-1]
        return max(_end(text, key), _end(text, value))
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _end(text, node.value[-1])
    i = int(node.end_mark.index)
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        while i > node.start_mark.index and text[i - 1] in " \n":
            i -= 1
    return i


def _dash(text: str, i: int) -> int:
    """The index of the '-' that opens the list entry starting at index i."""
    j = i - 1
    while j >= 0 and text[j] in " \n":
        j -= 1
    return j if j >= 0 and text[j] == "-" else i


def _split_lead(gap: str, dash: int) -> tuple[str, str]:
    """A gap between items as (what stays with the item before, the next item's comments)."""
    lines = gap.splitlines(keepends=True)
    n = len(lines)
    while n > 0:
        line = lines[n - 1]
        stripped = line.lstrip(" ")
        if not stripped.startswith("#") or len(line) - len(stripped) > dash:
            break
        n -= 1
    return "".join(lines[:n]), "".join(lines[n:])


def _construct(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """The Python value of a node."""
    return loader.construct_object(node, deep=True)


def _read_old_list(text: str) -> _OldList:
    """Split the old text of a YAML list into header, items with their comments, footer."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ValueError(f"YAML nicht lesbar: {exc}") from exc
    if root is None:
        return _OldList(text, text, (), "", 0)
    if not isinstance(root, yaml.SequenceNode) or not all(
        isinstance(n, yaml.MappingNode) for n in root.value
    ):
        raise ValueError("erwartet: eine Liste von Einträgen (- id: …)")
    if root.flow_style or not root.value:
        start = _line_start(text, root.start_mark.index)
        end = _line_end(text, root.end_mark.index)
        return _OldList(text, text[:start], (), text[end + 1 :], 0)
    loader = yaml.SafeLoader("")
    spans = []
    for node in root.value:
        start = _line_start(text, _dash(text, node.start_mark.index))
        spans.append((node, start, _line_end(text, _end(text, node))))
    dash = _dash(text, spans[0][0].start_mark.index) - spans[0][1]
    header, lead = _first_gap(text[: spans[0][1]], dash)
    items = []
    for n, (node, start, end) in enumerate(spans):
        if n + 1 < len(spans):
            trail, next_lead = _split_lead(text[end + 1 : spans[n + 1][1]], dash)
        else:
            trail, next_lead = "", ""
        value = _construct(loader, node)
        ident = value.get("id")
        items.append(
            _Item(None if ident is None else str(ident), node, value, start, end, lead, trail)
        )
        lead = next_lead
    footer = text[spans[-1][2] + 1 :]
    return _OldList(text, header, tuple(items), footer, dash)


def _first_gap(gap: str, dash: int) -> tuple[str, str]:
    """The text before the first item as (file header, the first item's comments).

    Comments directly before the first item are the file's header, unless a blank line
    separates them from the header above."""
    lines = gap.splitlines(keepends=True)
    blank = [i for i, line in enumerate(lines) if not line.strip()]
    if not blank:
        return gap, ""
    cut = blank[-1] + 1
    before, lead = _split_lead("".join(lines[cut:]), dash)
    return "".join(lines[:cut]) + before, lead


# ---------------------------------------------------------------------------------------
# YAML: minimal edits of a changed item


@dataclass(frozen=True)
class _Editor:
    """What the edits of one file need: its text, a constructor and the file's styles."""

    text: str
    loader: yaml.SafeLoader
    profile: Profile


def _apply(text: str, start: int, end: int, edits: list[_Edit]) -> str | None:
    """text[start:end] with the edits made; None when they overlap or leave the span."""
    out = []
    pos = start
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos or edit.end > end:
            return None
        out.append(text[pos : edit.start])
        out.append(edit.text)
        pos = edit.end
    out.append(text[pos:end])
    return "".join(out)


def _edit_mapping(
    ed: _Editor,
    node: yaml.MappingNode,
    new: Mapping[str, Any],
    order: Sequence[str],
    path: tuple[str, ...],
) -> list[_Edit] | None:
    """The edits that turn a block mapping into new; None when it must be written anew."""
    pairs = [(str(k.value), k, v) for k, v in node.value]
    names = [name for name, _, _ in pairs]
    if node.flow_style or not pairs or len(set(names)) != len(names) or names[0] not in new:
        return None
    edits: list[_Edit] = []
    kept: list[tuple[str, yaml.Node, yaml.Node]] = []
    for name, key, value in pairs:
        if name not in new:
            start = _line_start(ed.text, key.start_mark.index) - 1
            edits.append(_Edit(start, _line_end(ed.text, _end(ed.text, value)), ""))
            continue
        kept.append((name, key, value))
        old = _construct(ed.loader, value)
        if not _same(old, new[name]):
            edits += _edit_value(ed, key, value, new[name], (*path, name))
    edits += _insertions(ed, node, kept, new, order, path)
    return edits


def _insertions(
    ed: _Editor,
    node: yaml.MappingNode,
    kept: list[tuple[str, yaml.Node, yaml.Node]],
    new: Mapping[str, Any],
    order: Sequence[str],
    path: tuple[str, ...],
) -> list[_Edit]:
    """New keys, each after the last kept key that precedes it in order (or at the end)."""
    ordered = [k for k in order if k in new] + [k for k in new if k not in order]
    old = {name for name, _, _ in kept}
    col = int(node.value[0][0].start_mark.column)
    edits = []
    for n, name in enumerate(ordered):
        if name in old:
            continue
        before = [kv for kv in kept if kv[0] in ordered[:n]] or kept
        anchor = max(before, key=lambda kv: _end(ed.text, kv[2]))
        pos = _line_end(ed.text, _end(ed.text, anchor[2]))
        line = _key(name) + _render_value(new[name], col, ed.profile, (*path, name))
        edits.append(_Edit(pos, pos, "\n" + " " * col + line))
    return edits


def _edit_value(
    ed: _Editor, key: yaml.Node, node: yaml.Node, new: Any, path: tuple[str, ...]
) -> list[_Edit]:
    """The edits that give a key its new value, in the old value's style where possible."""
    edits: list[_Edit] | None = None
    if isinstance(node, yaml.ScalarNode) and _is_scalar(new):
        edits = [_scalar_edit(ed, node, new)]
    elif isinstance(node, yaml.SequenceNode) and isinstance(new, list) and node.value:
        edits = _edit_sequence(ed, node, new, path)
    elif isinstance(node, yaml.MappingNode) and isinstance(new, dict) and node.value:
        edits = _edit_mapping(ed, node, new, list(new), path)
    if edits is not None:
        return edits
    col = int(key.start_mark.column)
    text = _render_value(new, col, ed.profile, path)
    return [_Edit(int(key.end_mark.index), _end(ed.text, node), text)]


def _scalar_edit(ed: _Editor, node: yaml.ScalarNode, new: Any) -> _Edit:
    """Replace a scalar's text by the new value in the same style."""
    start, end = int(node.start_mark.index), _end(ed.text, node)
    if start == end:  # `key:` without a value
        return _Edit(start, end, " " + _scalar(new, "", 0))
    style = node.style or ""
    old_lines: list[str] = []
    indent = int(node.start_mark.column) + 2
    if style in ("|", ">"):
        old_lines = ed.text[start:end].split("\n")[1:]
        indents = [len(line) - len(line.lstrip(" ")) for line in old_lines if line.strip()]
        indent = min(indents, default=indent)
    return _Edit(start, end, _scalar(new, style, indent, old_lines))


def _edit_sequence(
    ed: _Editor, node: yaml.SequenceNode, new: list[Any], path: tuple[str, ...]
) -> list[_Edit] | None:
    """The edits of a list: entries kept, edited, added or removed as few as can be."""
    if node.flow_style:
        if not all(_is_scalar(v) for v in new):
            return None
        styles = [n.style or "" for n in node.value if isinstance(n, yaml.ScalarNode)]
        style = styles[0] if styles and styles[0] in ("'", '"') else ""
        inner = ", ".join(_scalar(v, style, 0, flow=True) for v in new)
        return [_Edit(int(node.start_mark.index), int(node.end_mark.index), "[" + inner + "]")]
    text = ed.text
    starts = [_dash(text, n.start_mark.index) for n in node.value]
    ends = [_line_end(text, _end(text, n)) for n in node.value]
    leads = [""] + [text[ends[i - 1] : starts[i]] for i in range(1, len(starts))]
    col = starts[0] - _line_start(text, starts[0])
    old = [_construct(ed.loader, n) for n in node.value]
    entries: list[tuple[str, str]] = []
    matcher = SequenceMatcher(
        None, [_signature(v) for v in old], [_signature(v) for v in new], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for n in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + n, j1 + n
            if j >= j2:
                continue  # removed
            if tag == "equal":
                entries.append((leads[i], text[starts[i] : ends[i]]))
            elif i < i2:
                body = _edited_entry(ed, node.value[i], starts[i], ends[i], new[j], path)
                entries.append((leads[i], body))
            else:
                entries.append(
                    ("", "- " + _render_entry(new[j], col + 2, ed.profile, (*path, "-")))
                )
    out = []
    for n, (lead, body) in enumerate(entries):
        if n == 0:
            out.append(lead.lstrip(" \n"))
        else:
            out.append(lead or "\n" + " " * col)
        out.append(body)
    return [_Edit(starts[0], ends[-1], "".join(out))]


def _edited_entry(
    ed: _Editor, node: yaml.Node, start: int, end: int, new: Any, path: tuple[str, ...]
) -> str:
    """The text of a list entry edited to its new value (written anew where it must be)."""
    edits: list[_Edit] | None = None
    if isinstance(node, yaml.MappingNode) and isinstance(new, dict):
        edits = _edit_mapping(ed, node, new, list(new), (*path, "-"))
    elif isinstance(node, yaml.ScalarNode) and _is_scalar(new):
        edits = [_scalar_edit(ed, node, new)]
    body = _apply(ed.text, start, end, edits) if edits is not None else None
    if body is not None:
        return body
    col = start - _line_start(ed.text, start)
    return "- " + _render_entry(new, col + 2, ed.profile, (*path, "-"))


def _profile(items: Sequence[_Item], text: str) -> Profile:
    """The styles the old items use, by path of keys (the first occurrence of each)."""
    profile: Profile = {}

    def walk(node: yaml.MappingNode, path: tuple[str, ...]) -> None:
        for key, value in node.value:
            here = (*path, str(key.value))
            if isinstance(value, yaml.ScalarNode):
                profile.setdefault(here, value.style or "")
            elif isinstance(value, yaml.MappingNode):
                walk(value, here)
            elif isinstance(value, yaml.SequenceNode):
                entries(value, here, key)

    def entries(node: yaml.SequenceNode, path: tuple[str, ...], key: yaml.Node) -> None:
        if node.flow_style:
            profile.setdefault(path, "[")
        elif node.value:
            dash = _dash(text, node.value[0].start_mark.index)
            profile.setdefault(path, dash - _line_start(text, dash) - int(key.start_mark.column))
        for entry in node.value:
            if isinstance(entry, yaml.ScalarNode):
                profile.setdefault((*path, "-"), entry.style or "")
            elif isinstance(entry, yaml.MappingNode):
                walk(entry, (*path, "-"))

    for item in items:
        walk(item.node, ())
    return profile


# ---------------------------------------------------------------------------------------
# YAML: the file


def write_yaml_list(file: str, old_text: str | None, records: Sequence[Mapping[str, Any]]) -> str:
    """The new text of a YAML list file: unchanged items keep their text and comments."""
    text = (old_text or "").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    old = _read_old_list(text) if text.strip() else _OldList(text, text, (), "", 0)
    table = TABLE_BY_FILE.get(file)
    order = list(table.names) if table else []
    expected = [_clean(r) for r in records]
    ed = _Editor(text, yaml.SafeLoader(""), _profile(old.items, text))
    result = _assemble(old, ed, expected, order, fresh=False)
    if not _reads_all(result, expected):  # a safety net: never write what does not read back
        result = _assemble(old, ed, expected, order, fresh=True)
    return result


def _assemble(
    old: _OldList, ed: _Editor, expected: list[dict[str, Any]], order: list[str], fresh: bool
) -> str:
    """Header, each record's item (kept, edited or new, with its comments), footer."""
    pool: dict[str, list[_Item]] = {}
    for item in old.items:
        if item.id is not None:
            pool.setdefault(item.id, []).append(item)
    parts = [old.header]
    for record in expected:
        ident = record.get("id")
        found = pool.get(str(ident), []) if ident is not None else []
        if not found:
            parts += [_fresh_item(record, old.dash, ed.profile), "\n"]
            continue
        item = found.pop(0)
        body = (
            _fresh_item(record, old.dash, ed.profile)
            if fresh
            else _item_text(ed, item, record, order, old.dash)
        )
        parts += [item.lead, body, "\n", item.trail]
    if not expected:
        parts.append(" " * old.dash + "[]\n")
    parts.append(old.footer)
    result = "".join(parts)
    return result if result.endswith("\n") else result + "\n"


def _item_text(
    ed: _Editor, item: _Item, record: dict[str, Any], order: list[str], dash: int
) -> str:
    """The text of an old item: kept when unchanged, else edited where it changed."""
    if _same(item.value, record):
        return ed.text[item.start : item.end]
    edits = _edit_mapping(ed, item.node, record, order, ())
    if edits is not None:
        body = _apply(ed.text, item.start, item.end, edits)
        if body is not None and _reads_back(body, record):
            return body
    return _fresh_item(record, dash, ed.profile)


def _reads_all(text: str, expected: list[dict[str, Any]]) -> bool:
    """Whether a whole file parses to exactly the expected records."""
    try:
        data = yaml.load(text, Loader=_CHECK_LOADER)
    except yaml.YAMLError:
        return False
    return _same(data, expected)
