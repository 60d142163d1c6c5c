"""Netlify's header rules as the tests read them: netlify.toml plus the built dist/_headers,
and a small local server that sends them (for browser tests of framing)."""

from __future__ import annotations

import re
import threading
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


@contextmanager
def serve(root: Path, rules: list[dict] | None = None) -> Iterator[str]:
    """Serve root on 127.0.0.1 (a free port), with the header rules; yields the origin."""

    class Handler(SimpleHTTPRequestHandler):
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
