"""Write phase: the output is replaced only on success, and only when it is one of our builds."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.errors import BuildError
from generator.site.write import MARKER, check_output_dir, staging, write_files
from tests.conftest import TEMPLATES, staging_leftovers, tree_digest


def test_refuses_to_replace_a_folder_that_is_not_a_build(content, tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete")
    with pytest.raises(BuildError, match="stammt nicht von kts-dashboard"):
        build(content, TEMPLATES, precious)
    assert (precious / "thesis.txt").read_text() == "do not delete"


def test_refuses_root_and_home(content):
    for out in (Path("/"), Path.home()):
        with pytest.raises(BuildError, match="nicht erlaubt"):
            build(content, TEMPLATES, out)


def test_rebuild_replaces_old_files(content, built):
    (built / "stale.html").write_text("old")
    build(content, TEMPLATES, built)
    assert not (built / "stale.html").exists() and (built / "index.html").exists()


def test_failure_while_writing_keeps_previous_output(content, built, monkeypatch):
    before = tree_digest(built)
    real = Path.write_bytes
    calls = {"n": 0}

    def flaky(self, data):
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", flaky)
    with pytest.raises(OSError):
        build(content, TEMPLATES, built)
    monkeypatch.undo()
    assert tree_digest(built) == before
    leftovers = [p.name for p in built.parent.iterdir() if p.name.startswith(".dist-")]
    assert leftovers == []


def test_ctrl_c_between_the_two_renames_of_the_swap_restores_output(content, built, monkeypatch):
    before = tree_digest(built)
    real = Path.rename
    calls = {"n": 0}

    def interrupted(self, target):
        calls["n"] += 1
        if calls["n"] == 2:  # 1: dist → old, 2: new → dist, 3: old → dist (the rollback)
            raise KeyboardInterrupt
        return real(self, target)

    monkeypatch.setattr(Path, "rename", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(content, TEMPLATES, built)
    monkeypatch.undo()
    assert calls["n"] == 3
    assert tree_digest(built) == before and staging_leftovers(built) == []


def test_refuses_a_file_and_the_parents_of_the_project(content, tmp_path, monkeypatch):
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(BuildError, match="ist eine Datei"):
        build(content, TEMPLATES, target)
    monkeypatch.chdir(content)
    with pytest.raises(BuildError, match="stammt nicht von kts-dashboard"):
        build(content, TEMPLATES, Path(".."))
    assert (content / "site.yaml").exists()


def test_a_new_an_empty_and_an_earlier_output_folder_are_accepted(tmp_path):
    check_output_dir(tmp_path / "neu")
    (tmp_path / "leer").mkdir()
    check_output_dir(tmp_path / "leer")
    earlier = tmp_path / "alt"
    earlier.mkdir()
    (earlier / "index.html").write_text("<p>alt</p>")
    (earlier / MARKER).write_text("")
    check_output_dir(earlier)


def test_write_files_makes_the_folders_and_counts_the_files(tmp_path):
    files = (f"{d}/{n}.txt" for d in ("a", "a/b/c") for n in range(3))
    assert write_files(tmp_path, ((rel, rel.encode()) for rel in files)) == 6
    assert (tmp_path / "a" / "b" / "c" / "2.txt").read_bytes() == b"a/b/c/2.txt"
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 6


def test_staging_replaces_the_output_only_when_the_block_succeeds(tmp_path):
    out = tmp_path / "projekt" / "dist"  # its parent is made too
    with staging(out) as new:
        write_files(new, [("index.html", b"1"), ("daten/a.csv", b"2")])
        assert not out.exists() and new.parent == out.parent
    assert sorted(tree_digest(out)) == sorted([MARKER, "index.html", "daten/a.csv"])
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert staging_leftovers(out) == []
    before = tree_digest(out)
    with pytest.raises(RuntimeError), staging(out) as new:
        write_files(new, [("index.html", b"neu")])
        raise RuntimeError("template")
    assert tree_digest(out) == before and staging_leftovers(out) == []
