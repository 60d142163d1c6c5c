"""einbetten/: the dashboard without header and footer, framed only by the allowed pages."""

from __future__ import annotations

import contextlib

import pytest

from generator.commands.build import build
from tests.conftest import TEMPLATES, edit
from tests.netlify import headers_rules, serve

pytestmark = pytest.mark.browser


def _frame_page(folder, src: str) -> None:
    folder.mkdir()
    (folder / "index.html").write_text(
        f'<!doctype html><title>Portal</title><iframe src="{src}" width="1200" height="800">'
        "</iframe>",
        "utf-8",
    )


def test_embed_page_is_framed_by_an_allowed_origin_only(content, tmp_path, browser):
    with contextlib.ExitStack() as stack:
        allowed_dir, other_dir = tmp_path / "portal", tmp_path / "other"
        _frame_page(allowed_dir, "about:blank")
        _frame_page(other_dir, "about:blank")
        allowed = stack.enter_context(serve(allowed_dir))
        other = stack.enter_context(serve(other_dir))
        edit(
            content / "site.yaml",
            "datenstand:",
            f"einbetten:\n  erlaubte_seiten: [{allowed}]\ndatenstand:",
        )
        dist = tmp_path / "dist"
        build(content, TEMPLATES, dist)
        site = stack.enter_context(serve(dist, headers_rules(dist)))
        src = f"{site}/einbetten/index.html#hf=bauen-und-wohnen"
        _frame_page(allowed_dir / "a", src)
        _frame_page(other_dir / "a", src)
        page = browser.new_page()
        try:
            page.goto(f"{allowed}/a/index.html")
            frame = page.frames[1]
            frame.wait_for_function("() => document.body.dataset.ready === '1'", timeout=15000)
            assert frame.locator(".site-header").count() == 0  # no site header or footer
            assert frame.locator(".map-frame").is_visible()
            frame.locator("#tab-netzwerk").click()  # map and graph share one view
            assert frame.locator("#graph").is_visible()
            assert frame.locator("#f-hf").input_value() == "bauen-und-wohnen"  # the hash state
            page.goto(f"{other}/a/index.html")
            page.wait_for_timeout(1500)
            blocked = page.frames[1]
            assert blocked.evaluate("() => document.body && document.body.dataset.ready") is None
            # The site's own pages refuse every frame.
            assert (
                "frame-ancestors 'none'"
                in page.request.get(f"{site}/").headers["content-security-policy"]
            )
        finally:
            page.close()
