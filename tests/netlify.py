"""Netlify's header rules as the tests read them: netlify.toml plus the built dist/_headers,
and a small local server that sends them (for browser tests of framing)."""

from __future__ import annotations

import gzip as gzip_module
import io
import re
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def headers_rules(dist: Path) -> list[dict]:
    """The rules of a built _headers file, in Netlify's format ("/path" then "  Name: value")."""
    rules: list[dict] = []
    for line in (dist / "_headers").read_text("utf-8").splitlines():
        if line.startswith("/"):
            rules.append({"for": line.strip(), "values": {}})
        elif line.startswith("  ") and ":" in line:
            name, _, value = line.strip().partition(":")
            rules[-1]["values"][name] = value.strip()
    return rules


def rule_regex(pattern: str) -> re.Pattern[str]:
    """Netlify's path matching for header rules (as in its CLI's headers code)."""
    parts = [p for p in pattern.split("/") if p]
    if not parts:
        return re.compile("^/$", re.I)
    regex = "^"
    for part in parts:
        if part.startswith(":"):
            regex += "/([^/]+)/?"
        elif part == "*":
            regex = "^/?(.*)/?" if regex == "^" else regex.removesuffix("/?") + "(?:|/|/(.*)/?)"
        elif "*" in part:
            regex += "/" + part.replace("*", "(.*)")
        else:
            regex += "/" + re.escape(part) + "/?"
    return re.compile(regex + "$", re.I)


def toml_rules(toml: Path) -> list[dict]:
    """The [[headers]] rules of netlify.toml, in the format of headers_rules."""
    config = tomllib.loads(toml.read_text("utf-8"))
    return [{"for": h["for"], "values": dict(h["values"])} for h in config.get("headers", [])]


COMPRESSIBLE = (".html", ".js", ".css", ".json", ".geojson", ".svg", ".xml", ".txt", ".csv")


@contextmanager
def serve(root: Path, rules: list[dict] | None = None, gzip: bool = False) -> Iterator[str]:
    """Serve root on 127.0.0.1 (a free port) as Netlify does; yields the origin. With the header
    rules; a miss gets root/404.html (if there is one) with status 404; with gzip, text files
    go gzip-compressed to clients that accept it."""

    class Handler(SimpleHTTPRequestHandler):
        def send_head(self):  # type: ignore[no-untyped-def]
            url_path = self.path.split("?")[0].split("#")[0]
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                if not url_path.endswith("/"):
                    return super().send_head()  # the redirect to a folder's address
                path = path / "index.html"
            status, missing = 200, root / "404.html"
            if not path.is_file():
                if not missing.is_file():
                    return super().send_head()
                status, path = 404, missing
            body = path.read_bytes()
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            self.send_response(status)
            self.send_header("Content-Type", self.guess_type(str(path)))
            if gzip and accepts and path.suffix in COMPRESSIBLE:
                body = gzip_module.compress(body, compresslevel=6, mtime=0)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

        def end_headers(self) -> None:
            path = self.path.split("?")[0].split("#")[0]
            for rule in rules or []:
                if rule_regex(rule["for"]).match(path):
                    for name, value in rule["values"].items():
                        self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
