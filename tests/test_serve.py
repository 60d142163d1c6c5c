"""serve: a real preview server on a free port, rebuilding on change, with an error overlay."""

from __future__ import annotations

import io
import re
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

from generator.cli import main
from generator.commands.serve import BuildState, Preview, _allow_self, inject_reload
from tests.conftest import ROOT, TEMPLATES, edit

SHOTS = ROOT / "test-results"
HOSTILE = "<img src=x onerror=alert(1)>"


def test_reload_script_goes_before_body_end_and_csp_allows_it():
    page = inject_reload("<html><body><p>x</p></body></html>")
    assert page.endswith('<script src="/__kts/reload.js"></script>\n</body></html>')
    csp = (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; script-src 'sha256-abc'\"><body></body>"
    )
    relaxed = inject_reload(csp)
    assert "script-src &#x27;sha256-abc&#x27; &#x27;self&#x27;" in relaxed
    assert "connect-src &#x27;self&#x27;" in relaxed  # fetch of the poll was 'none'


def test_allow_self_keeps_what_was_allowed():
    assert _allow_self("script-src 'self'") == "script-src &#x27;self&#x27;"
    assert _allow_self("default-src 'self' data:") == (
        "default-src &#x27;self&#x27; data:; script-src &#x27;self&#x27; data: &#x27;self&#x27;; "
        "connect-src &#x27;self&#x27; data: &#x27;self&#x27;"
    )
    assert _allow_self("img-src data:") == "img-src data:"  # scripts were not restricted


def test_build_state_answers_at_once_when_behind_and_waits_otherwise():
    state = BuildState()
    state.publish("")
    assert state.wait(-1, 5) == {"generation": 1, "error": ""}
    started = time.monotonic()
    assert state.wait(1, 0.2)["generation"] == 1
    assert time.monotonic() - started >= 0.2
    threading.Timer(0.1, state.publish, args=("kaputt",)).start()
    assert state.wait(1, 5) == {"generation": 2, "error": "kaputt"}


@pytest.fixture
def preview(content, tmp_path):
    """A running preview of the mini content on a free port, watching in the background."""
    log = io.StringIO()
    p = Preview(content, TEMPLATES, tmp_path / "dist", port=0, stream=log)
    p.start()
    watcher = threading.Thread(target=p.watch, daemon=True)
    watcher.start()
    p.log = log
    yield p
    p.stop()
    watcher.join(5)


def fetch(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8")


def test_serves_html_with_reload_script_but_leaves_dist_alone(preview, tmp_path):
    status, headers, body = fetch(preview.url)
    assert status == 200 and '<script src="/__kts/reload.js">' in body
    assert headers["Cache-Control"] == "no-store"
    assert "/__kts/" not in (tmp_path / "dist" / "index.html").read_text("utf-8")
    # Assets are named by their hash: kept by the browser across reloads, as on Netlify.
    style = re.search(r'href="(assets/style\.[0-9a-f]+\.css)"', body).group(1)
    status, headers, _ = fetch(preview.url + style)
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, _, body = fetch(preview.url + "kommunen/bamberg/")
    assert status == 200 and "Bamberg" in body
    status, _, body = fetch(preview.url + "gibt-es-nicht/")
    assert status == 404 and "Seite nicht gefunden" in body and "/__kts/reload.js" in body
    assert fetch(preview.url + "__kts/reload.js")[0] == 200
    assert preview.server.server_address[0] == "127.0.0.1"


def wait_until(check, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


@pytest.mark.browser
def test_change_rebuilds_and_reloads_error_shows_overlay_fix_removes_it(
    preview, content, tmp_path, browser
):
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    origin = preview.url.rstrip("/")
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(origin) else r.abort())
    page = ctx.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(preview.url)
        page.wait_for_function("() => document.body.dataset.ready === '1'")
        page.evaluate("window.__kept = 1")

        # A content change: rebuilt, and the open page reloads by itself.
        edit(content / "kommunen.csv", "Münster,grossstadt", "Münster-Hiltrup,grossstadt")
        started = time.monotonic()
        page.wait_for_function(
            "() => window.__kept === undefined && document.body.dataset.ready === '1'",
            timeout=15000,
        )
        latency = time.monotonic() - started
        assert "Münster-Hiltrup" in page.content()
        assert latency < 10, latency

        # A content error: terminal and overlay say what is wrong, the last good site stays.
        good = (tmp_path / "dist" / "index.html").read_bytes()
        edit(content / "kommunen.csv", "Bamberg,grossstadt", f"Bamberg,{HOSTILE}")
        overlay = page.locator("#kts-build-error")
        overlay.wait_for(timeout=15000)
        text = overlay.inner_text()
        assert "Build fehlgeschlagen" in text
        assert f"kommunen.csv:2: typ: unbekannter Typ '{HOSTILE}'" in text
        assert overlay.locator("img").count() == 0 and dialogs == []
        assert f"unbekannter Typ '{HOSTILE}'" in preview.log.getvalue()  # and in the terminal
        assert (tmp_path / "dist" / "index.html").read_bytes() == good
        assert fetch(preview.url)[0] == 200
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "serve-error-overlay.png"))
        # A page opened while the error lasts shows the overlay at once.
        page.reload()
        overlay.wait_for(timeout=15000)

        # Fixed: rebuilt, reloaded, no overlay.
        page.evaluate("window.__kept = 1")
        edit(content / "kommunen.csv", f"Bamberg,{HOSTILE}", "Bamberg,grossstadt")
        page.wait_for_function(
            "() => window.__kept === undefined && document.body.dataset.ready === '1'",
            timeout=15000,
        )
        page.wait_for_timeout(300)
        assert page.locator("#kts-build-error").count() == 0
        assert errors == [] and dialogs == []
        print(f"serve reload latency: {latency:.2f} s")
    finally:
        ctx.close()


def test_watcher_ignores_hidden_and_backup_files(preview, content):
    generation = preview.state.generation
    (content / ".kommunen.csv.swp").write_text("x")
    (content / "kommunen.csv~").write_text("x")
    time.sleep(1.0)
    assert preview.state.generation == generation
    edit(content / "site.yaml", "Testnetz", "Testnetz 2")
    wait_until(lambda: preview.state.generation > generation)
    assert preview.state.error == ""


def test_port_in_use_is_a_usage_error(content, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(
            ["serve", "--content", str(content), "--templates", str(TEMPLATES), "--port", str(port)]
        )
    assert code == 2
    assert f"Port {port}" in capsys.readouterr().err


def test_rebuilds_render_what_an_edit_reached_and_end_as_a_full_build(content, tmp_path):
    """serve's rebuilds are incremental and write the downloads in another process after the
    pages; an edit saved before they are written drops them. Once done, the output is that of
    a full build."""
    from generator.commands.build import Pending, build
    from tests.conftest import edit, tree_digest

    out = tmp_path / "dist"
    p = Preview(content, TEMPLATES, out, port=0, quiet=True)
    try:
        assert p.rebuild() and p.last is not None
        edit(content / "kommunen.csv", "bamberg,Bamberg,", "bamberg,Bamberg an der Regnitz,")
        assert p.rebuild() and p._due is not None  # written half a second later
        write = Pending.write
        with pytest.MonkeyPatch.context() as patch:  # the forked process sleeps first
            patch.setattr(Pending, "write", lambda *a: time.sleep(60) or write(*a))
            p._due = (0.0, p._due[1])  # due now
            p._downloads_done()
        assert p._downloads is not None
        edit(content / "verbindungen.csv", "2023-H2", "2024-H1")  # before the downloads end
        assert p.rebuild() and p._downloads is None and p._due is not None
        edit(content / "kommunen.csv", "Regnitz,", "Regnitz (Oberfranken),")  # before they start
        assert p.rebuild()
        p._downloads_done(wait=None)
        assert p._downloads is None and p.last is not None
    finally:
        p.stop()
    build(content, TEMPLATES, tmp_path / "full")
    assert tree_digest(out) == tree_digest(tmp_path / "full")
    assert "Regnitz (Oberfranken)" in (out / "daten/kommunen.csv").read_text("utf-8")
