"""Command line: exit codes and messages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert "7 Kommunen, 6 Verbindungen, 44 Seiten" in out and " s." in out


def test_validate_ok(content, capsys):
    assert main(["validate", "--content", str(content)]) == 0
    assert "Inhalt in Ordnung: 7 Kommunen, 6 Verbindungen, 2 Maßnahmen" in capsys.readouterr().out


def test_validate_reports_errors_with_exit_1(content, capsys):
    edit(content / "kommunen.csv", "Bamberg,grossstadt", "Bamberg,metropole")
    assert main(["validate", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "kommunen.csv:2: typ: unbekannter Typ 'metropole'" in err
    assert err.splitlines()[-1] == "1 Fehler, 1 Warnung gefunden."


def test_validate_lists_warnings_and_strict_makes_them_errors(content, capsys):
    assert main(["validate", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "massnahmen.yaml:6: id: Warnung: Maßnahme 'leer' wird von keiner Verbindung" in out
    assert out.splitlines()[-1].endswith("1 Warnung.")
    assert main(["validate", "--strict", "--content", str(content)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("massnahmen.yaml:6: id: Maßnahme 'leer' wird von keiner Verbindung")
    assert err[1:] == ["1 Fehler gefunden."]


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
    script = Path(sys.executable).parent / "kts-dashboard"  # installed beside this Python
    for cmd in ([sys.executable, "-m", "generator"], [str(script)]):
        run = subprocess.run(
            [*cmd, "validate", "--content", str(content)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        assert "Inhalt in Ordnung" in run.stdout


def _build_args(content, out) -> list[str]:
    return ["build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out)]


def test_progress_is_plain_lines_when_not_a_terminal(content, tmp_path, capsys):
    assert main(_build_args(content, tmp_path / "out")) == 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines == [
        "Inhalt laden …",
        "Netz analysieren …",
        "Seiten erzeugen (23) …",
        "Dateien schreiben …",
    ]
    assert "\r" not in captured.err and "44 Seiten" in captured.out


def test_quiet_prints_nothing_on_success_and_errors_on_failure(content, tmp_path, capsys):
    assert main([*_build_args(content, tmp_path / "out"), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    edit(content / "kommunen.csv", "Bamberg,grossstadt", "Bamberg,metropole")
    assert main([*_build_args(content, tmp_path / "out"), "--quiet"]) == 1
    assert "unbekannter Typ 'metropole'" in capsys.readouterr().err


def test_base_url_must_be_an_http_address(content, tmp_path, capsys):
    args = [*_build_args(content, tmp_path / "out"), "--base-url", "ftp://example.org"]
    assert main(args) == 2
    assert "--base-url" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_validate_checks_templates_when_asked(content, tmp_path, capsys):
    import shutil

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    assert main(["validate", "--content", str(content), "--templates", str(templates)]) == 0
    edit(templates / "kommune.html", "{% block content %}", "{% block content %}{% if %}")
    assert main(["validate", "--content", str(content), "--templates", str(templates)]) == 1
    assert "kommune.html:" in capsys.readouterr().err


def test_every_command_takes_content_and_templates(content, tmp_path):
    from generator.cli import _parser

    for command in ("build", "validate", "serve", "snapshot"):
        args = _parser().parse_args(
            [command, "--content", str(content), "--templates", str(TEMPLATES)]
        )
        assert args.content == content and args.templates == TEMPLATES


def test_build_from_another_folder_finds_the_project_templates(content, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./templates here
    assert main(["build", "--content", str(content), "--out", "dist", "--quiet"]) == 0
    assert (tmp_path / "dist" / "index.html").is_file()


def test_missing_folders_are_named_in_full(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path / "content") in err and "--content" in err
    (tmp_path / "content").mkdir()
    assert main(["build", "--templates", "nirgends"]) == 2
    assert str(tmp_path / "nirgends") in capsys.readouterr().err


def test_help_is_german_with_defaults_and_exit_codes(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: kts-dashboard") and "Exit-Codes: 0 in Ordnung" in out
    assert main(["build", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Optionen:" in out and "Ausgabeordner (Standard: dist)" in out
    assert "usage" not in out and "show this help" not in out


def test_argparse_errors_are_german(capsys):
    assert main(["biuld"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Aufruf: kts-dashboard")
    assert "kts-dashboard: Fehler: BEFEHL: ungültige Wahl 'biuld' (möglich: 'build'," in err
    assert main(["synth", "--kommunen", "x"]) == 2
    assert "--kommunen: ungültiger Wert 'x' (erwartet: ganze Zahl)" in capsys.readouterr().err
    assert main(["synth", "--kommunen", "3"]) == 2
    assert "Fehler: diese Angaben fehlen: --verbindungen, --out/--content" in (
        capsys.readouterr().err
    )
    assert main(["build", "--gibtsnicht"]) == 2
    err = capsys.readouterr().err
    assert "Fehler: unbekannte Angaben: --gibtsnicht" in err
    assert not re.search(r"\b(error|usage|invalid|required|argument)\b", err)


@pytest.mark.parametrize("command", ["synth", "beispiele", "diff", "snapshot", "init"])
def test_every_option_is_described(command, capsys):
    from generator.cli import _parser

    parser = _parser()
    sub = parser._subparsers._group_actions[0].choices[command]
    undescribed = [a.dest for a in sub._actions if not a.help]
    assert undescribed == []
    assert main([command, "--help"]) == 0
    assert "Optionen:" in capsys.readouterr().out
