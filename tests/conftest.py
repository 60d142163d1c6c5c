"""Shared fixtures: small content folders, builds, and an offline Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from generator.commands.build import build
from tests.browser import CHROMIUM, CHROMIUM_ARGS, show_graph, show_map, wait_ready

# In CI the property tests draw the same examples every run (a failure there must be
# reproducible); locally they explore new ones each time.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEMPLATES = ROOT / "templates"


@pytest.fixture(autouse=True)
def _pinned_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture site."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", target)
    return target


def synthetic_site(
    factory: pytest.TempPathFactory, name: str, kommunen: int, verbindungen: int, **options: int
) -> Path:
    """A site built from synthetic content (commands/synth.py: massnahmen, seed), for views
    at some size."""
    from generator.commands.synth import write_synthetic

    root = factory.mktemp(name)
    write_synthetic(root / "content", kommunen=kommunen, verbindungen=verbindungen, **options)
    build(root / "content", TEMPLATES, root / "dist")
    return root / "dist"


def dashboard_data(site: Path) -> dict:
    """The data the dashboard's data.js carries in its parts (window.KTS_DATA_PARTS), merged
    as the dashboard's KTS.load does, as Python objects."""
    import re

    html = (site / "index.html").read_text("utf-8")
    srcs = re.findall(
        r"assets/data-\d+\.[0-9a-f]+\.js", re.search(r'data-scripts="([^"]*)"', html).group(1)
    )
    assert srcs, "no data parts in data-scripts"
    merged: dict = {}
    for src in srcs:
        for key, value in data_part((site / src).read_text("utf-8")).items():
            if key in merged:
                merged[key].update(value)
            else:
                merged[key] = value
    return merged


def data_part(text: str) -> dict:
    """The object one part of data.js pushes to window.KTS_DATA_PARTS."""
    import json

    prefix = "(window.KTS_DATA_PARTS=window.KTS_DATA_PARTS||[]).push(JSON.parse("
    suffix = "));\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    return json.loads(json.loads(text[len(prefix) : -len(suffix)]))


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a content file, failing loudly when the text is not there."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def tree_digest(root: Path) -> dict[str, str]:
    """Every file below root (relative path) with the SHA-256 of its bytes."""
    import hashlib

    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def staging_leftovers(out: Path) -> list[str]:
    """Temporary folders of the write phase (.<out>-new-…, .<out>-old-…) left beside out."""
    return [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}-")]


@pytest.fixture
def built(tmp_path: Path, content: Path) -> Path:
    """The mini fixture, built."""
    out = tmp_path / "dist"
    build(content, TEMPLATES, out)
    return out


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content, built once per session."""
    out = tmp_path_factory.mktemp("shipped") / "dist"
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        build(ROOT / "content", TEMPLATES, out)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium via Playwright; fails (not skips) when it is missing."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian chromium is required: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class OfflinePage:
    """A page that may only load file:// URLs and records what went wrong."""

    def __init__(self, page, tile_host: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.external: list[str] = []
        self.tile_host = tile_host

        def on_console(msg) -> None:
            url = msg.location.get("url", "") if msg.location else ""
            if msg.type == "error" and self.tile_host not in url:
                self.errors.append(f"{msg.text} ({url})")

        def on_dialog(dialog) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("dialog", on_dialog)
        page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation', e =>"
            " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )

    def open(self, path: Path, fragment: str = "") -> None:
        """Open a built page and wait until map, graph and list are drawn."""
        self.page.goto(path.resolve().as_uri() + fragment)
        self.wait_ready()

    def wait_ready(self) -> None:
        wait_ready(self.page)

    def show_graph(self) -> None:
        show_graph(self.page)

    def show_map(self) -> None:
        show_map(self.page)

    def csp_violations(self) -> list[str]:
        """Content-Security-Policy violations reported in the current document."""
        return self.page.evaluate("window.__csp")

    def snapshot(self) -> dict:
        return self.page.evaluate("KTS.snapshot()")


@pytest.fixture
def offline_page(browser) -> Callable[..., OfflinePage]:
    """Factory for offline pages; every request outside file:// is aborted and recorded."""
    contexts = []

    def make(tile_host: str = "tile.", width: int = 1400, height: int = 1000) -> OfflinePage:
        ctx = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(ctx)
        wrapper: OfflinePage

        def route(r) -> None:
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                wrapper.external.append(r.request.url)
                r.abort()

        ctx.route("**/*", route)
        wrapper = OfflinePage(ctx.new_page(), tile_host)
        return wrapper

    yield make
    for ctx in contexts:
        ctx.close()
