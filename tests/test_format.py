"""kts-dashboard format (issue 26, item 5): the content files in their canonical form."""

from __future__ import annotations

import csv
import difflib
import io
import shutil
from pathlib import Path

import pytest

from generator.commands.format import run_format
from tests.conftest import FIXTURES, ROOT, edit, tree_digest

EXCEL = FIXTURES / "format" / "excel"  # mini's CSV files as German Excel saves them


def changed_lines(old: str, new: str) -> list[str]:
    """The lines a unified diff removes (-) and adds (+)."""
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")]


def excel_save(path: Path, change=None) -> None:
    """Write a CSV file as Excel's 'CSV UTF-8' does: BOM, ';', CRLF, every field quoted."""
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
    if change:
        change(rows)
    out = io.StringIO()
    csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A writable copy of the shipped content."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def test_the_shipped_content_is_canonical(capsys):
    before = tree_digest(ROOT / "content")
    assert run_format(ROOT / "content", check=True) == 0
    assert capsys.readouterr().out == "Alle Inhaltsdateien sind in kanonischer Form.\n"
    assert tree_digest(ROOT / "content") == before


def test_format_is_idempotent_on_the_shipped_content(shipped):
    before = tree_digest(shipped)
    assert run_format(shipped, check=False) == 0
    assert run_format(shipped, check=False) == 0
    assert tree_digest(shipped) == before


def _plain_row(text: str) -> int:
    """The index of a Verbindung of 2025-H2 whose line needs no quoting (not an Übertragung,
    whose Art Excel users write with Ü)."""
    lines = text.splitlines()
    for n, row in enumerate(csv.reader(lines)):
        if row[2] != "uebertragung" and row[5] == "2025-H2" and ",".join(row) == lines[n]:
            return n
    raise AssertionError("no such row")


def test_an_excel_save_of_the_shipped_csv_leaves_exactly_the_edited_record(shipped, capsys):
    shipped_text = (ROOT / "content" / "verbindungen.csv").read_text("utf-8")
    n = _plain_row(shipped_text)

    def edit_one(rows: list[list[str]]) -> None:
        row = rows[n]
        row[2], row[5], row[6] = row[2].capitalize(), "2. Halbjahr 2025", "Neu beschrieben."

    def lose_zeros(rows: list[list[str]]) -> None:
        for row in rows[1:]:
            row[9] = row[9].lstrip("0")  # Excel reads the AGS as a number
            row[4] = {"Bayern": "BY"}.get(row[4], row[4])

    excel_save(shipped / "verbindungen.csv", edit_one)
    excel_save(shipped / "kommunen.csv", lose_zeros)
    assert run_format(shipped, check=False) == 0
    out = capsys.readouterr().out
    at = f"verbindungen.csv:{n + 1}"
    art = shipped_text.splitlines()[n].split(",")[2]
    assert f'{at}: art: "{art.capitalize()}" verstanden als "{art}"' in out
    assert f'{at}: zeitraum: "2. Halbjahr 2025" verstanden als "2025-H2"' in out
    assert 'bundesland: "BY" verstanden als "Bayern"' in out
    assert "2 Dateien in kanonischer Form geschrieben." in out
    fields = shipped_text.splitlines()[n].split(",")
    fields[6] = "Neu beschrieben."
    new = (shipped / "verbindungen.csv").read_text("utf-8")
    old_line = shipped_text.splitlines()[n]
    assert changed_lines(shipped_text, new) == [f"-{old_line}", "+" + ",".join(fields)]
    assert (shipped / "kommunen.csv").read_bytes() == (ROOT / "content/kommunen.csv").read_bytes()
    assert run_format(shipped, check=True) == 0  # the same bytes on a second run


def test_an_excel_csv_becomes_canonical(content, capsys):
    for name in ("kommunen.csv", "verbindungen.csv"):
        shutil.copy(EXCEL / name, content / name)
    assert run_format(content, check=False) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:5] == [
        'kommunen.csv:2: bundesland: "BY" verstanden als "Bayern"',
        'kommunen.csv:2: ags: "9461000" verstanden als "09461000"',
        'verbindungen.csv:4: art: "Wissensaustausch" verstanden als "wissensaustausch"',
        'verbindungen.csv:4: zeitraum: "1. Halbjahr 2024" verstanden als "2024-H1"',
        "kommunen.csv: ags: 1 Wert mit 7 Ziffern als 8-stelliger AGS mit führender 0 gelesen "
        "(Excel entfernt führende Nullen; beim Öffnen 'Daten › Aus Text/CSV' wählen und die "
        "Spalte ags als Text festlegen)",
    ]
    assert (
        f"{content / 'verbindungen.csv'}: neu geschrieben (2 Werte in kanonischer Form; erkannt: "
        "Trennzeichen ';', Kodierung UTF-8 mit BOM; Zeilenenden CRLF)"
    ) in out
    mini = FIXTURES / "mini"
    assert (content / "kommunen.csv").read_bytes() == (mini / "kommunen.csv").read_bytes()
    old = (mini / "verbindungen.csv").read_text("utf-8")
    new_bytes = (content / "verbindungen.csv").read_bytes()
    assert b"\r" not in new_bytes and not new_bytes.startswith(b"\xef\xbb\xbf")
    assert changed_lines(old, new_bytes.decode("utf-8")) == [
        "-regensburg,bamberg,wissensaustausch,bauen-und-wohnen|soziale-inklusion,energiezwilling,"
        "2024-H1,,Beispiel",
        "+regensburg,bamberg,wissensaustausch,bauen-und-wohnen|soziale-inklusion,energiezwilling,"
        "2024-H1,Regensburg und Bamberg tauschen sich aus.,Beispiel",
    ]
    assert run_format(content, check=True) == 0


def test_check_exits_1_and_changes_nothing(content, capsys):
    shutil.copy(EXCEL / "verbindungen.csv", content / "verbindungen.csv")
    before = tree_digest(content)
    assert run_format(content, check=True) == 1
    out = capsys.readouterr().out
    assert f"{content / 'verbindungen.csv'}: nicht in kanonischer Form (" in out
    assert out.endswith(
        "1 Datei nicht in kanonischer Form; 'kts-dashboard format' schreibt sie neu.\n"
    )
    assert tree_digest(content) == before


def test_check_finds_line_ends_and_quoting_alone(content):
    path = content / "kommunen.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    edit(content / "verbindungen.csv", "Gemeinsam entwickelt.", '"Gemeinsam entwickelt."')
    assert run_format(content, check=True) == 1
    assert run_format(content, check=False) == 0
    assert tree_digest(content) == tree_digest(FIXTURES / "mini")


def test_yaml_values_are_read_and_comments_and_order_kept(shipped, capsys):
    path = shipped / "massnahmen.yaml"
    text = "# Maßnahmen der Kommunen\n" + path.read_text("utf-8")
    path.write_text(text, "utf-8")
    edit(path, "  - bauen-und-wohnen\n  - energie", "  - Bauen und Wohnen\n  - energie")
    edit(path, "  kommunen:\n  - regensburg\n", "  kommunen:\n  - Regensburg\n")
    assert run_format(shipped, check=False) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        'massnahmen.yaml:6: handlungsfelder: "Bauen und Wohnen" verstanden als "bauen-und-wohnen"',
        'massnahmen.yaml:9: kommunen: "Regensburg" verstanden als "regensburg"',
    ]
    assert path.read_text("utf-8") == text
    assert run_format(shipped, check=True) == 0


def test_site_yaml_changes_only_in_encoding_and_line_ends(content):
    path = content / "site.yaml"
    original = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    assert run_format(content, check=True) == 1
    assert run_format(content, check=False) == 0
    assert path.read_bytes() == original


def test_windows_1252_is_written_as_utf8(content):
    path = content / "kommunen.csv"
    original = path.read_bytes()
    path.write_bytes(original.decode("utf-8").encode("cp1252"))
    assert run_format(content, check=False) == 0
    assert path.read_bytes() == original


def test_a_yaml_syntax_error_writes_nothing(content, capsys):
    shutil.copy(EXCEL / "verbindungen.csv", content / "verbindungen.csv")
    edit(content / "massnahmen.yaml", "  titel: Energiezwilling", "  titel: [Energiezwilling")
    before = tree_digest(content)
    assert run_format(content, check=False) == 1
    captured = capsys.readouterr()
    assert "massnahmen.yaml:" in captured.err and "YAML nicht lesbar" in captured.err
    assert "Traceback" not in captured.err
    assert captured.err.endswith("Erst den Inhalt korrigieren; nichts geschrieben.\n")
    assert tree_digest(content) == before


def test_an_ambiguous_value_is_an_error_and_nothing_is_written(content, capsys):
    shutil.copy(EXCEL / "kommunen.csv", content / "kommunen.csv")
    edit(content / "verbindungen.csv", "grossposna,muenster,", "Ringelai,muenster,")
    with (content / "kommunen.csv").open("a", encoding="utf-8") as f:
        f.write(
            '"ringelai-2";"Ringelai";"landgemeinde";"DE";"Bayern";"48.8";"13.5";"nein";"";"";""\r\n'
        )
    before = tree_digest(content)
    assert run_format(content, check=False) == 1
    err = capsys.readouterr().err
    assert "verbindungen.csv:6: von: unbekannte Kommune 'Ringelai'" in err
    assert tree_digest(content) == before


def test_a_column_that_would_be_dropped_is_an_error(content, capsys):
    path = content / "kommunen.csv"
    lines = path.read_text("utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",notiz"] + [f"{x},x" for x in lines[1:]]) + "\n")
    before = tree_digest(content)
    assert run_format(content, check=False) == 1
    assert "kommunen.csv:1: notiz: unbekannte Spalte 'notiz' fiele beim Neuschreiben weg" in (
        capsys.readouterr().err
    )
    assert tree_digest(content) == before


def test_a_rewrite_that_changes_the_content_is_refused(content, monkeypatch, capsys):
    """format reads its result back before writing: a rewriter's slip writes nothing."""
    import generator.commands.format as fmt

    edit(content / "massnahmen.yaml", "kommunen: [ohne]", "kommunen: [Ohnedorf]")
    monkeypatch.setattr(
        fmt,
        "write_yaml_list",
        lambda file, text, records: text.replace("[Ohnedorf]", "[regensburg]"),
    )
    before = tree_digest(content)
    assert run_format(content, check=False) == 1
    assert "ergeben nicht denselben Inhalt" in capsys.readouterr().err
    assert tree_digest(content) == before
