"""commands/katalog.py: every interface string is in the English catalogue, and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.pofile import read_po

from generator.cli import main
from generator.commands.katalog import extract, run_katalog
from generator.i18n import message_key, translated

ROOT = Path(__file__).resolve().parent.parent


def test_the_english_catalogue_has_every_extracted_string_translated_and_no_unused_one():
    """Fails when pybabel extract (this mapping) finds a string the catalogue lacks, when an
    entry is no longer used, or when the committed file is not what `katalog` writes."""
    (report,) = run_katalog(ROOT, check=True)
    assert report.untranslated == (), report.untranslated
    assert report.unused == (), report.unused
    assert not report.changed, "kts-dashboard katalog schreibt locale/en/… neu"


def test_the_catalogue_holds_exactly_the_strings_in_use():
    used = {message_key(m) for m in extract(ROOT) if m.id}
    with (ROOT / "locale/en/LC_MESSAGES/messages.po").open("rb") as f:
        catalogue = read_po(f, locale="en")
    kept = {message_key(m) for m in catalogue if m.id}
    assert kept == used
    assert all(translated(m) for m in catalogue if m.id)


def _project(tmp_path: Path) -> Path:
    """A copy of the parts of the project that katalog reads."""
    project = tmp_path / "project"
    for name in ("generator", "templates", "locale"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def test_a_new_string_is_reported_and_written_without_translation(tmp_path, monkeypatch, capsys):
    project = _project(tmp_path)
    page = project / "templates/404.html"
    page.write_text(page.read_text("utf-8") + "{{ _('Ganz neuer Satz') }}\n", "utf-8")
    monkeypatch.chdir(project)
    assert main(["katalog", "--check"]) == 1
    out = capsys.readouterr().out
    assert "ohne Übersetzung: 'Ganz neuer Satz'" in out and "nicht auf dem Stand" in out
    assert main(["katalog"]) == 1  # written, but still untranslated
    po = (project / "locale/en/LC_MESSAGES/messages.po").read_text("utf-8")
    assert '#: templates/404.html\nmsgid "Ganz neuer Satz"\nmsgstr ""' in po


def test_a_string_no_longer_used_is_reported_and_dropped(tmp_path, monkeypatch, capsys):
    project = _project(tmp_path)
    render = project / "generator/site/render.py"
    gone = "Diese Seite gibt es nicht (mehr)."
    render.write_text(render.read_text("utf-8").replace(f'lazy("{gone}")', f'"{gone}"'), "utf-8")
    monkeypatch.chdir(project)
    assert main(["katalog", "--check"]) == 1
    assert f"nicht mehr benutzt: '{gone}'" in capsys.readouterr().out
    main(["katalog"])
    po = (project / "locale/en/LC_MESSAGES/messages.po").read_text("utf-8")
    assert f'msgid "{gone}"' not in po
