"""The tool as installed from its wheel: theme inside, init, templates that override one by one."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.site.assets import packaged_theme, theme_dirs
from tests.conftest import FIXTURES, ROOT, TEMPLATES


def run(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; its dependencies come from the test venv."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in ("generator", "templates", "locale"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = run(
        sys.executable, "-m", "pip", "wheel", source, "-w", tmp / "dist",
        "--no-deps", "--no-build-isolation", "-q",
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp / "dist").glob("*.whl")
    venv = tmp / "venv"
    made = run(sys.executable, "-m", "venv", venv)
    assert made.returncode == 0, made.stderr
    site = next((venv / "lib").glob("python*/site-packages"))
    # Only the dependencies' folder: its .pth files (the editable install) are not read.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = run(venv / "bin" / "pip", "install", "-q", "--no-deps", "--no-index", wheel)
    assert done.returncode == 0, done.stderr
    return venv


def test_the_wheel_builds_a_folder_that_holds_only_content(installed, tmp_path):
    shutil.copytree(FIXTURES / "mini", tmp_path / "content")
    result = run(installed / "bin" / "kts-dashboard", "build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "7 Kommunen, 6 Verbindungen" in result.stdout
    assert (tmp_path / "dist" / "index.html").is_file()
    assert (tmp_path / "dist" / "daten" / "datapackage.json").is_file()
    where = run(
        installed / "bin" / "python", "-c",
        "import generator.site.assets as a; print(a.packaged_theme())", cwd=tmp_path,
    )  # fmt: skip
    theme = Path(where.stdout.strip())
    assert theme.name == "theme" and installed in theme.parents
    assert (theme / "assets" / "js" / "dashboard" / "main.js").is_file()


def test_the_wheel_inits_a_site_that_builds_and_takes_one_template(installed, tmp_path):
    cli = installed / "bin" / "kts-dashboard"
    result = run(cli, "init", "meine-seite", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "meine-seite"
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>Eigene Seite 404</p>{% endblock %}\n'
    )
    result = run(cli, "build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "Eigene Seite 404" in (site / "dist" / "404.html").read_text("utf-8")
    assert "Daten und Methode" in (site / "dist" / "daten" / "index.html").read_text("utf-8")


def test_a_templates_folder_overrides_template_by_template(content, tmp_path):
    own = tmp_path / "eigen"
    (own / "assets").mkdir(parents=True)
    (own / "daten.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Eigene Daten</h1>{% endblock %}\n'
    )
    (own / "assets" / "style.css").write_text("body{color:#123456}\n")
    assert theme_dirs(own) == [own, packaged_theme()] and theme_dirs(TEMPLATES) == [TEMPLATES]
    out = tmp_path / "dist"
    build(content, own, out)
    assert "<h1>Eigene Daten</h1>" in (out / "daten" / "index.html").read_text("utf-8")
    assert "Kommunen A–Z" in (out / "kommunen" / "index.html").read_text("utf-8")
    (css,) = (out / "assets").glob("style.*.css")
    assert css.read_text() == "body{color:#123456}\n"
    assert len(list((out / "assets").glob("dashboard.*.js"))) == 1
