"""kts-dashboard format: the content files rewritten in their canonical form.

Canonical: UTF-8 without BOM, LF line ends; the CSV files with commas and minimal quoting;
every value with exactly one meaning in its canonical form (content/normalise.py). The order
of records and keys and the YAML comments are kept (content/rewrite.py); site.yaml and
geschichten.yaml change only in encoding and line ends. A second run changes nothing.
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.commands.build import check_raw, load_network
from generator.content.load import CONTENT_FILES, RawContent, load_content
from generator.content.model import Network
from generator.content.normalise import normalise
from generator.content.rewrite import write_csv, write_yaml_list
from generator.content.save import read_text, write_content_files
from generator.content.schema import TABLE_BY_FILE
from generator.errors import ContentError, Problem, Problems, count_line

EXIT_OK, EXIT_NOT_CANONICAL = 0, 1


@dataclass(frozen=True)
class Rewrite:
    """One content file: its bytes now and in canonical form, and why they differ."""

    file: str
    old: bytes
    new: bytes
    reasons: tuple[str, ...]


def canonical_text(text: str) -> str:
    """A text without BOM, with LF line ends and a final line end."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text if not text or text.endswith("\n") else text + "\n"


def _records(raw: RawContent, file: str) -> list[dict]:
    """The values of the records of a content file, as raw holds them."""
    table = TABLE_BY_FILE[file]
    return [dict(rec.values) for rec in getattr(raw, table.name)]


def _header(text: str) -> list[str]:
    """The column names of a CSV text's header, as load_content reads them."""
    first = next(csv.reader(io.StringIO(text.split("\n", 1)[0])), [])
    return [h.strip().lower() for h in first]


def new_text(file: str, old: str, raw: RawContent, read: list[Problem]) -> str:
    """The canonical text of one content file; raw is the normalised content."""
    text = canonical_text(old)
    records = _records(raw, file) if file in TABLE_BY_FILE else []
    if file.endswith(".csv") and records:
        # Only the header of the old text (its columns in its order, as load read them):
        # every row is written anew, so that none keeps quotes or spaces it does not need.
        header = io.StringIO()
        csv.writer(header, lineterminator="\n").writerow(list(records[0]))
        return write_csv(TABLE_BY_FILE[file], header.getvalue(), records)
    if file.endswith(".yaml") and any(p.file == file for p in read):
        return write_yaml_list(file, text, records)
    return text  # site.yaml, geschichten.yaml, YAML lists without readings, a CSV header


def _reasons(file: str, old: str, problems: Problems) -> tuple[str, ...]:
    """Why a file is not in canonical form, as the report says it."""
    reasons = []
    readings = sum(1 for p in problems.readings if p.file == file)
    if readings:
        reasons.append(f"{readings} Wert{'e' if readings != 1 else ''} in kanonischer Form")
    detected = f"{file}: erkannt: "  # load's notes: delimiter, encoding, decimal comma
    reasons += [n.removeprefix(f"{file}: ") for n in problems.notes if n.startswith(detected)]
    if "\r" in old:
        reasons.append("Zeilenenden CRLF")
    return tuple(reasons) or ("Schreibweise (Anführungszeichen, Leerzeichen, Zeilenenden)",)


def _lost_columns(file: str, raw: RawContent, new: str, problems: Problems) -> None:
    """A CSV column the canonical text would drop (one no schema declares) is an error."""
    if not file.endswith(".csv"):
        return
    columns = {name for values in _records(raw, file) for name in values}
    for name in sorted(columns - set(_header(new))):
        problems.error(
            file,
            1,
            name,
            f"unbekannte Spalte '{name}' fiele beim Neuschreiben weg; erst umbenennen oder "
            "entfernen",
        )


def rewrites(content: Path, problems: Problems) -> list[Rewrite] | None:
    """Every content file that is not canonical with its canonical bytes; None when the
    content has errors (each in problems)."""
    raw = normalise(load_content(content, problems), problems)
    if problems.errors:
        return None
    try:
        net, _ = check_raw(raw, problems)  # normalised already: no reading twice
    except ContentError:
        return None
    out = []
    for file in CONTENT_FILES:
        old = read_text(content / file)
        if old is None:  # an optional file (load_content reported a missing required one)
            continue
        text = new_text(file, old, raw, problems.readings)
        _lost_columns(file, raw, text, problems)
        old_bytes = (content / file).read_bytes()
        if text.encode("utf-8") != old_bytes:
            out.append(
                Rewrite(file, old_bytes, text.encode("utf-8"), _reasons(file, old, problems))
            )
    if problems.errors:
        return None
    _same_content(content, out, net, problems)
    return None if problems.errors else out


def _same_content(content: Path, changed: list[Rewrite], net: Network, problems: Problems) -> None:
    """Check the rewritten folder before anything is written: it reads as the same network,
    without errors and without a value left to read (else an error in problems)."""
    if not changed:
        return
    with tempfile.TemporaryDirectory(prefix="kts-format-") as tmp:
        folder = Path(tmp)
        new = {r.file: r.new for r in changed}
        for file in CONTENT_FILES:
            if (content / file).exists():
                (folder / file).write_bytes(new.get(file) or (content / file).read_bytes())
        check = Problems()
        try:
            again: Network | None = load_network(folder, check)[0]
        except ContentError:
            again = None
    if check.errors or check.readings or again != net:
        found = check.errors or check.readings
        detail = f" ({found[0]})" if found else ""
        problems.error(
            changed[0].file,
            0,
            "-",
            f"die neu geschriebenen Dateien ergeben nicht denselben Inhalt{detail}; nichts "
            "geschrieben (bitte melden)",
        )


def run_format(content: Path, check: bool) -> int:
    """Rewrite the content files in canonical form (with check: only report); the exit code:
    0 canonical or written, 1 not canonical (check) or errors in the content."""
    problems = Problems()
    changed = rewrites(content, problems)
    for reading in problems.readings:
        print(reading)
    for note in problems.notes:
        if ": erkannt: " not in note:  # those are named with their file below
            print(note)
    if changed is None:
        for p in problems.errors:
            print(p, file=sys.stderr)
        print(count_line(problems.errors), file=sys.stderr)
        print("Erst den Inhalt korrigieren; nichts geschrieben.", file=sys.stderr)
        return EXIT_NOT_CANONICAL
    for r in changed:
        verb = "nicht in kanonischer Form" if check else "neu geschrieben"
        print(f"{content / r.file}: {verb} ({'; '.join(r.reasons)})")
    if not changed:
        print("Alle Inhaltsdateien sind in kanonischer Form.")
        return EXIT_OK
    n = len(changed)
    files = f"{n} Datei{'en' if n != 1 else ''}"
    if check:
        print(f"{files} nicht in kanonischer Form; 'kts-dashboard format' schreibt sie neu.")
        return EXIT_NOT_CANONICAL
    write_content_files(content, {r.file: r.new.decode("utf-8") for r in changed})
    print(f"{files} in kanonischer Form geschrieben.")
    return EXIT_OK
