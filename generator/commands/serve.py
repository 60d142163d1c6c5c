"""Local preview: build, serve the output on 127.0.0.1, rebuild on change and reload the page."""

from __future__ import annotations

import contextlib
import html
import json
import multiprocessing as mp
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from generator.commands.build import LastBuild, Pending, build
from generator.errors import BuildError, ContentError
from generator.progress import Reporter

RELOAD_JS_PATH = "/__kts/reload.js"
POLL_PATH = "/__kts/poll"
POLL_SECONDS = 25.0  # how long a poll waits for the next build before it answers anyway
SCAN_SECONDS = 0.05  # how often content and templates are looked at
# After an incremental rebuild its downloads are written this much later: the browser
# reloads the page first, on the same cores.
DOWNLOADS_AFTER = 0.5
HASHED_CACHE = "public, max-age=31536000, immutable"
# The preview process is warm (templates compiled, modules imported): forking render workers
# pays off from far fewer pages than in a fresh build.
PARALLEL_FROM = 100
_CSP_META = re.compile(
    r"""(<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*"""
    r"""content\s*=\s*")([^"]*)(")""",
    re.I,
)

# Served at RELOAD_JS_PATH and added to every HTML response (never to the files in the output).
RELOAD_JS = """(function () {
  "use strict";
  var generation = null, box = null;
  function overlay(text) {
    if (!text) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "kts-build-error";
      box.setAttribute("role", "alert");
      var s = box.style;
      // A panel over the top of the page: the last good site stays visible below it.
      s.position = "fixed"; s.left = s.top = s.right = "0"; s.maxHeight = "70vh";
      s.zIndex = "2147483647";
      s.background = "rgba(24, 28, 36, 0.96)"; s.color = "#fff"; s.padding = "1.5rem 2rem";
      s.boxShadow = "0 6px 24px rgba(0, 0, 0, 0.45)";
      s.overflow = "auto"; s.font = "15px/1.5 system-ui, sans-serif";
      var h = document.createElement("h2");
      h.textContent = "Build fehlgeschlagen – angezeigt wird der letzte gelungene Stand";
      h.style.margin = "0 0 1rem"; h.style.color = "#ffb4a8";
      var pre = document.createElement("pre");
      pre.style.whiteSpace = "pre-wrap"; pre.style.font = "14px/1.5 ui-monospace, monospace";
      var p = document.createElement("p");
      p.textContent = "Nach dem Speichern der Korrektur wird neu gebaut und die Seite neu geladen.";
      var close = document.createElement("button");
      close.type = "button"; close.textContent = "Ausblenden";
      close.addEventListener("click", function () { box.style.display = "none"; });
      box.appendChild(h); box.appendChild(pre); box.appendChild(p); box.appendChild(close);
      document.body.appendChild(box);
    }
    box.style.display = "";
    box.querySelector("pre").textContent = text;
  }
  function poll() {
    fetch("/__kts/poll?since=" + (generation === null ? -1 : generation), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (generation !== null && s.generation !== generation && !s.error) {
          location.reload();
          return;
        }
        generation = s.generation;
        overlay(s.error);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""
_SNIPPET = f'<script src="{RELOAD_JS_PATH}"></script>\n'
_PLACEHOLDER = (
    '<!doctype html>\n<html lang="de"><head><meta charset="utf-8"><title>Vorschau</title></head>'
    "<body><h1>Noch kein gelungener Build</h1><p>Die Vorschau erscheint, sobald der Inhalt "
    "fehlerfrei gebaut ist.</p></body></html>\n"
)


class _Downloads:
    """The downloads and manifest of an incremental rebuild, written by a forked process while
    the page reloads and serve watches on; moved into the output when done."""

    def __init__(self, pending: Pending, listening: socket.socket) -> None:
        out = pending.update.out_dir
        self.pending = pending
        self.root = Path(tempfile.mkdtemp(prefix=f".{out.name}-data-", dir=out.parent))
        context = mp.get_context("fork")
        self._answer, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_write_downloads, args=(pending, self.root, send, listening), daemon=True
        )
        self._process.start()
        send.close()

    def done(self, wait: float | None = 0) -> LastBuild | None:
        """What the next build builds on once the downloads are in the output; None while
        they are being written. BuildError when writing them failed."""
        if not self._answer.poll(wait):
            return None
        try:
            outcome = self._answer.recv()
        except EOFError:
            outcome = "der Prozess endete ohne Ergebnis"
        self._process.join()
        try:
            if isinstance(outcome, str):
                raise BuildError(outcome)
            return self.pending.commit(self.root, *outcome)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def abandon(self) -> None:
        """Stop writing; the output keeps the downloads it had."""
        self._process.terminate()
        self._process.join()
        self._answer.close()
        shutil.rmtree(self.root, ignore_errors=True)


def _write_downloads(
    pending: Pending, root: Path, send: Connection, listening: socket.socket
) -> None:
    """In the forked process: write the downloads below root, send their hashes (or why not)."""
    listening.close()  # the preview's port stays the parent's alone
    try:
        send.send(pending.write(root))
    except Exception as exc:
        send.send(f"{type(exc).__name__}: {exc}")
    finally:
        send.close()


class BuildState:
    """The number of build attempts and the last error, shared with the page's poll."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.generation = 0
        self.error = ""
        self.closing = False

    def publish(self, error: str) -> None:
        """Record a build attempt (error is empty when it succeeded) and wake the polls."""
        with self._cond:
            self.generation += 1
            self.error = error
            self._cond.notify_all()

    def wait(self, since: int, timeout: float) -> dict[str, Any]:
        """The state once it differs from since, or after timeout."""
        with self._cond:
            self._cond.wait_for(lambda: self.generation != since or self.closing, timeout=timeout)
            return {"generation": self.generation, "error": self.error}

    def close(self) -> None:
        """Let waiting polls answer now."""
        with self._cond:
            self.closing = True
            self._cond.notify_all()


def inject_reload(page: str) -> str:
    """The page with the reload script, its CSP (if any) allowing that script and its poll."""
    page = _CSP_META.sub(lambda m: m.group(1) + _allow_self(m.group(2)) + m.group(3), page)
    at = page.lower().rfind("</body>")
    return page[:at] + _SNIPPET + page[at:] if at >= 0 else page + _SNIPPET


def _allow_self(policy: str) -> str:
    """Add 'self' to script-src and connect-src (or to what they fall back to)."""
    text = html.unescape(policy)
    directives = [d.strip() for d in text.split(";") if d.strip()]
    names = [d.split()[0].lower() for d in directives]
    default = directives[names.index("default-src")] if "default-src" in names else None
    for name in ("script-src", "connect-src"):
        if name in names:
            i = names.index(name)
            if "'self'" not in directives[i].split():
                directives[i] += " 'self'"
        elif default is not None:
            sources = [s for s in default.split()[1:] if s != "'none'"]
            directives.append(" ".join([name, *sources, "'self'"]))
            names.append(name)
    return html.escape("; ".join(directives), quote=True)


class _Handler(SimpleHTTPRequestHandler):
    """Serves the output folder; HTML gets the reload script, misses get 404.html."""

    state: BuildState

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # no access log: the terminal is for build results

    def end_headers(self) -> None:
        # Files in assets/ are named by their content's hash (as in _headers): a reload after
        # a rebuild fetches only the page, not its scripts and styles again.
        hashed = urlsplit(self.path).path.startswith("/assets/")
        self.send_header("Cache-Control", HASHED_CACHE if hashed else "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == POLL_PATH:
            query = parse_qs(urlsplit(self.path).query)
            try:
                since = int(query.get("since", ["-1"])[0])
            except ValueError:
                since = -1
            body = json.dumps(self.state.wait(since, POLL_SECONDS)).encode("utf-8")
            return self._send(200, "application/json; charset=utf-8", body)
        if path == RELOAD_JS_PATH:
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_JS.encode("utf-8"))
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            target = target / "index.html"
        if target.is_file() and target.suffix == ".html":
            return self._send_page(200, target)
        if not target.exists():
            return self._send_page(404, Path(self.directory) / "404.html")
        return super().do_GET()

    def _send_page(self, status: int, page: Path) -> None:
        try:
            text = page.read_text("utf-8")
        except OSError:
            text = _PLACEHOLDER
        self._send(status, "text/html; charset=utf-8", inject_reload(text).encode("utf-8"))

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


def _scan(folders: list[Path]) -> tuple:
    """What the watched files look like now: (path, mtime, size), hidden and backups left out."""
    seen = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if name.startswith((".", "#")) or name.endswith("~"):
                    continue
                full = os.path.join(dirpath, name)
                try:
                    st = os.stat(full)
                except OSError:
                    continue
                seen.append((full, st.st_mtime_ns, st.st_size))
    return tuple(sorted(seen))


class Preview:
    """The preview server: builds, serves, watches; usable from tests without a terminal."""

    def __init__(
        self,
        content_dir: Path,
        templates_dir: Path,
        out_dir: Path,
        port: int = 8000,
        base_url: str | None = None,
        quiet: bool = False,
        stream: Any = None,
    ) -> None:
        self.content_dir, self.templates_dir, self.out_dir = content_dir, templates_dir, out_dir
        self.base_url, self.quiet = base_url, quiet
        self.stream = stream if stream is not None else sys.stdout
        self.state = BuildState()
        self.last: LastBuild | None = None  # what the next rebuild builds on
        self._downloads: _Downloads | None = None  # an incremental rebuild's, being written
        self._due: tuple[float, Pending] | None = None  # (when, what) to write next
        handler = partial(
            type("Handler", (_Handler,), {"state": self.state}), directory=str(out_dir)
        )
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def url(self) -> str:
        """Where the preview is served."""
        return f"http://127.0.0.1:{self.port}/"

    def say(self, text: str, error: bool = False) -> None:
        """A line for the terminal (errors even when quiet)."""
        if self.quiet and not error:
            return
        stream = sys.stderr if error and self.stream is sys.stdout else self.stream
        print(text, file=stream, flush=True)

    def rebuild(self) -> bool:
        """Build once; publish the result to the page. True when the build succeeded."""
        # Progress only on a terminal: between rebuilds a log should hold the results alone.
        reporter = Reporter(quiet=self.quiet or not sys.stderr.isatty())
        self._downloads_done()
        self._abandon_downloads()
        try:
            result = build(
                self.content_dir,
                self.templates_dir,
                self.out_dir,
                base_url=self.base_url,
                progress=reporter,
                parallel_from=PARALLEL_FROM,
                track=True,
                last=self.last,
                defer=True,
            )
        except ContentError as exc:
            error = exc.report()
        except (BuildError, OSError) as exc:
            error = f"Fehler: {exc}"
        except Exception as exc:  # the preview must outlive any failure of one build
            error = f"Unerwarteter Fehler: {type(exc).__name__}: {exc}"
        else:
            reporter.done()
            self.last = result.last
            again = f", davon {result.rendered} neu" if result.rendered < result.pages else ""
            self.say(
                f"{result.kommunen} Kommunen, {result.verbindungen} Verbindungen, "
                f"{result.pages} Seiten{again} gebaut in {result.seconds:.2f} s."
            )
            self.state.publish("")
            if result.pending is not None:  # the page reloads while the downloads are written
                self._due = (time.monotonic() + DOWNLOADS_AFTER, result.pending)
            return True
        reporter.done()
        self.say(error, error=True)
        self.say("Build fehlgeschlagen; die Vorschau zeigt weiter den letzten Stand.", error=True)
        self.state.publish(error)
        return False

    def _downloads_done(self, wait: float | None = 0) -> None:
        """Start writing the last rebuild's downloads when due (at once with wait None), and
        take them in once written (wait: seconds, or None for as long as it takes)."""
        if self._due is not None and (wait is None or time.monotonic() >= self._due[0]):
            self._downloads = _Downloads(self._due[1], self.server.socket)
            self._due = None
        job = self._downloads
        if job is None:
            return
        try:
            last = job.done(wait)
        except BuildError as exc:  # the pages are out; the next build writes everything anew
            self._downloads, self.last = None, None
            self.say(f"Fehler beim Schreiben der Downloads: {exc}", error=True)
            return
        if last is not None:
            self._downloads, self.last = None, last

    def _abandon_downloads(self) -> None:
        """A new build is due: the downloads still to write are of content now old."""
        self._due = None
        if self._downloads is not None:
            self._downloads.abandon()
            self._downloads = None

    def start(self) -> None:
        """First build, then serve in a background thread."""
        self.rebuild()
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        self.say(f"Vorschau: {self.url} – Änderungen werden neu gebaut; Strg+C beendet.")

    def watch(self, once: bool = False) -> None:
        """Rebuild whenever content or templates change, until stop() (or one rebuild)."""
        folders = [self.content_dir, self.templates_dir]
        seen = _scan(folders)
        while not self._stop.wait(SCAN_SECONDS):
            self._downloads_done()
            now = _scan(folders)
            if now == seen:
                continue
            # Editors save in steps: wait until the files hold still for one scan.
            while not self._stop.wait(SCAN_SECONDS):
                settled = _scan(folders)
                if settled == now:
                    break
                now = settled
            seen = now
            self.say("Änderung erkannt, baue neu …")
            self.rebuild()
            if once:
                self._downloads_done(wait=None)
                return

    def stop(self) -> None:
        """Stop watching and serving."""
        self._stop.set()
        self._abandon_downloads()
        self.state.close()
        if self._thread is not None:  # shutdown() waits for serve_forever, so only if it ran
            self.server.shutdown()
        self.server.server_close()


def serve(
    content_dir: Path,
    templates_dir: Path,
    out_dir: Path,
    port: int = 8000,
    base_url: str | None = None,
    quiet: bool = False,
) -> int:
    """The serve command: runs until Ctrl-C; 0 then, 2 when the port cannot be used."""
    try:
        preview = Preview(content_dir, templates_dir, out_dir, port, base_url, quiet)
    except OSError as exc:
        print(
            f"Fehler: Port {port} auf 127.0.0.1 nicht nutzbar ({exc.strerror or exc}); "
            "bitte mit --port einen anderen wählen",
            file=sys.stderr,
        )
        return 2
    try:
        preview.start()
        preview.watch()
    except KeyboardInterrupt:
        print("\nVorschau beendet.", file=sys.stderr)
    finally:
        preview.stop()
    return 0
