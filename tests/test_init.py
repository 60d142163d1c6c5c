"""kts-dashboard init: the starter site is complete, builds at once and never overwrites."""

from __future__ import annotations

import pytest

from generator.cli import main
from generator.commands.build import build
from generator.commands.init import STARTER, ScaffoldError, starter_files, write_starter
from tests.conftest import TEMPLATES


def test_init_writes_the_starter_and_never_overwrites(tmp_path, capsys):
    target = tmp_path / "neu"
    assert main(["init", str(target)]) == 0
    assert {p.as_posix() for p in starter_files()} == {
        "README.md",
        "content/site.yaml",
        "content/handlungsfelder.yaml",
        "content/kommunen.csv",
        "content/verbindungen.csv",
        "content/massnahmen.yaml",
    }
    assert "kts-dashboard serve" in capsys.readouterr().out
    assert "kts-dashboard validate" in (target / "README.md").read_text("utf-8")
    result = build(target / "content", TEMPLATES, tmp_path / "dist")
    assert result.kommunen == 4 and result.verbindungen == 3 and result.warnings == ()
    (target / "content" / "kommunen.csv").write_text("meins\n")
    assert main(["init", str(target)]) == 2
    assert "gibt es schon" in capsys.readouterr().err
    assert (target / "content" / "kommunen.csv").read_text() == "meins\n"


def test_starter_files_are_relative_and_in_a_stable_order():
    files = starter_files()
    assert files == sorted(files) and all(not p.is_absolute() for p in files)
    assert all((STARTER / p).is_file() for p in files)


def test_write_starter_copies_every_file_beside_what_is_there(tmp_path):
    (tmp_path / "notizen.txt").write_text("bleibt")
    written = write_starter(tmp_path)
    assert written == [tmp_path / rel for rel in starter_files()]
    for rel in starter_files():
        assert (tmp_path / rel).read_bytes() == (STARTER / rel).read_bytes()
    assert (tmp_path / "notizen.txt").read_text() == "bleibt"


def test_write_starter_names_what_exists_and_writes_nothing(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yaml").write_text("title: meins\n")
    with pytest.raises(ScaffoldError, match="site.yaml") as info:
        write_starter(tmp_path)
    assert "README.md" not in str(info.value)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["content", "site.yaml"]
    assert (tmp_path / "content" / "site.yaml").read_text() == "title: meins\n"
