"""Build: deterministic, atomic, and careful with the output folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.build import build
from generator.errors import BuildError, ContentError
from tests.conftest import TEMPLATES, edit


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(content, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build(content, TEMPLATES, a)
    build(content, TEMPLATES, b)
    assert tree_digest(a) == tree_digest(b)
    assert len(tree_digest(a)) > 5


def test_build_date_comes_from_source_date_epoch(content, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(content, TEMPLATES, tmp_path / "out")
    assert "erstellt am 14.11.2023" in (tmp_path / "out" / "index.html").read_text("utf-8")


def test_assets_are_shared_files_with_content_hashes(built):
    names = sorted(p.name for p in (built / "assets").iterdir() if p.is_file())
    assert any(n.startswith("leaflet.") and n.endswith(".js") for n in names)
    assert any(n.startswith("vis-network.") and n.endswith(".js") for n in names)
    html = (built / "index.html").read_text("utf-8")
    for src in ("leaflet", "vis-network", "dashboard", "outline"):
        assert f'src="assets/{src}.' in html
    assert "http://" not in html.replace("http://www.w3.org", "")
    external = [u for u in _urls(html) if not u.startswith(("https://tile.example.org/",))]
    assert external == [], external


def _urls(html: str) -> list[str]:
    import re

    return sorted(set(re.findall(r'(?:src|href)="(https?://[^"]+)"', html)))


def test_content_error_leaves_previous_output_untouched(content, built):
    before = tree_digest(built)
    edit(content / "verbindungen.csv", "regensburg,wien,vorbild", "regensburg,wien,vorbilt")
    with pytest.raises(ContentError):
        build(content, TEMPLATES, built)
    assert tree_digest(built) == before
    assert not [p for p in built.parent.iterdir() if p.name.startswith(".dist-")]


def test_template_error_names_template_and_page_and_keeps_output(content, built, tmp_path):
    before = tree_digest(built)
    templates = tmp_path / "templates"
    import shutil

    shutil.copytree(TEMPLATES, templates)
    edit(templates / "dashboard.html", "{{ site.description }}", "{{ site.nonexistent }}")
    with pytest.raises(BuildError) as info:
        build(content, templates, built)
    assert "dashboard.html" in str(info.value) and "index.html" in str(info.value)
    assert tree_digest(built) == before


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


def test_parallel_rendering_writes_the_same_bytes(content, tmp_path, monkeypatch):
    import generator.render as render

    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    build(content, TEMPLATES, serial)
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    build(content, TEMPLATES, parallel)
    assert tree_digest(serial) == tree_digest(parallel)


def _no_leftovers(out: Path) -> list[str]:
    return [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}-")]


def test_ctrl_c_while_rendering_keeps_previous_output(content, built, monkeypatch, capsys):
    import generator.render as render
    from generator.cli import main

    before = tree_digest(built)
    real = render._write
    calls = {"n": 0}

    def interrupted(out_dir, page):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(out_dir, page)

    monkeypatch.setattr(render, "_write", interrupted)
    argv = ["build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(built)]
    assert main(argv) == 130
    assert "Abgebrochen; der Ausgabeordner ist unverändert." in capsys.readouterr().err
    assert calls["n"] == 3
    assert tree_digest(built) == before and _no_leftovers(built) == []


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
    assert tree_digest(built) == before and _no_leftovers(built) == []


def test_full_disk_reports_and_keeps_previous_output(content, built, monkeypatch, capsys):
    import errno

    from generator.cli import main

    before = tree_digest(built)
    real = Path.write_bytes

    def full(self, data):
        if self.name == "sitemap.xml":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    argv = ["build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(built)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Ausgabeordner ist unverändert" in err
    monkeypatch.undo()
    assert tree_digest(built) == before and _no_leftovers(built) == []


def test_refuses_a_file_and_the_parents_of_the_project(content, tmp_path, monkeypatch):
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(BuildError, match="ist eine Datei"):
        build(content, TEMPLATES, target)
    monkeypatch.chdir(content)
    with pytest.raises(BuildError, match="stammt nicht von kts-dashboard"):
        build(content, TEMPLATES, Path(".."))
    assert (content / "site.yaml").exists()
