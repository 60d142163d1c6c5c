"""Command line: exit codes and messages."""

from __future__ import annotations

import subprocess
import sys

from generator.cli import main
from tests.conftest import TEMPLATES, edit


def test_build_prints_a_summary(content, tmp_path, capsys):
    code = main(
        [
            "build",
            "--content",
            str(content),
            "--templates",
            str(TEMPLATES),
            "--out",
            str(tmp_path / "out"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "7 Kommunen, 6 Verbindungen, 19 Seiten" in out and " s." in out


def test_validate_ok(content, capsys):
    assert main(["validate", "--content", str(content)]) == 0
    assert "Inhalt in Ordnung: 7 Kommunen, 6 Verbindungen, 2 Maßnahmen" in capsys.readouterr().out


def test_validate_reports_errors_with_exit_1(content, capsys):
    edit(content / "kommunen.csv", "Bamberg,grossstadt", "Bamberg,metropole")
    assert main(["validate", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "kommunen.csv:2: typ: unbekannter Typ 'metropole'" in err
    assert err.splitlines()[-2] == "1 Fehler, 1 Warnung gefunden."


def test_validate_lists_warnings_and_strict_makes_them_errors(content, capsys):
    assert main(["validate", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "massnahmen.yaml:6: id: warning: Maßnahme 'leer' wird von keiner Verbindung" in out
    assert out.splitlines()[-1].endswith("1 Warnungen.")
    assert main(["validate", "--strict", "--content", str(content)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("massnahmen.yaml:6: id: Maßnahme 'leer' wird von keiner Verbindung")
    assert err[1:] == ["1 Fehler gefunden.", "Nichts geschrieben; validate abgebrochen."]


def test_build_with_errors_writes_nothing(content, tmp_path, capsys):
    edit(content / "kommunen.csv", "Bamberg,grossstadt", "Bamberg,metropole")
    out = tmp_path / "out"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 1
    assert not out.exists()
    assert "Nichts geschrieben" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path):
    assert main(["frobnicate"]) == 2
    assert main(["build", "--content", str(tmp_path / "missing")]) == 2


def test_python_dash_m_and_console_script_agree(content):
    for cmd in ([sys.executable, "-m", "generator"], ["kts-dashboard"]):
        run = subprocess.run(
            [*cmd, "validate", "--content", str(content)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        assert "Inhalt in Ordnung" in run.stdout
