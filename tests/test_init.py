"""kts-dashboard init: the starter site is complete, builds at once and never overwrites."""

from __future__ import annotations

import re
import shutil

import pytest

from generator.cli import main
from generator.commands.build import build, load_network
from generator.commands.init import STARTER, ScaffoldError, starter_files, write_starter
from generator.errors import ContentError
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
        "content/geschichten.yaml",
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


def test_the_starter_story_validates_against_the_starter_content(tmp_path):
    """One example story (geschichten.yaml) whose every view names the starter's own
    Kommunen and Handlungsfelder; the dashboard lists it."""
    net, warnings = load_network(STARTER / "content")
    assert warnings == []
    assert [(g.id, len(g.schritte)) for g in net.geschichten] == [("rundgang", 3)]
    names = {k.name for k in net.kommunen}
    for step in net.geschichten[0].schritte:
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", step.text)) <= 3, step.text
        shown = {n for n in names if n in step.text}
        assert shown, step.text
    build(STARTER / "content", TEMPLATES, tmp_path / "dist")
    page = (tmp_path / "dist" / "index.html").read_text("utf-8")
    assert 'data-geschichte="rundgang"' in page and 'data-ansicht="k=bamberg&amp;weg=ulm"' in page
    # Renaming a Kommune in kommunen.csv alone is refused in the story's file and line.
    content = tmp_path / "content"
    shutil.copytree(STARTER / "content", content)
    text = (content / "kommunen.csv").read_text("utf-8")
    (content / "kommunen.csv").write_text(text.replace("ulm,Ulm", "neu-ulm,Ulm"), "utf-8")
    with pytest.raises(ContentError) as info:
        load_network(content)
    told = [str(p) for p in info.value.problems if p.file == "geschichten.yaml"]
    assert told[0].startswith("geschichten.yaml:13: ansicht: Schritt 1: k=ulm: Kommune 'ulm' ")
