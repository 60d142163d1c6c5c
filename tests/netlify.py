"""Netlify's configuration as Netlify's own code reads it, and a small local server that sends
the headers it resolves (for browser tests of framing, caching and the 404 page).

@netlify/config resolves netlify.toml per deploy context (command, publish folder, ignore,
headers, redirects); @netlify/headers-parser parses dist/_headers together with netlify.toml and
gives each rule the regular expression Netlify matches paths with. Both are pinned in
package-lock.json (`npm ci`) and run here through Node, one call per question."""

from __future__ import annotations

import gzip as gzip_module
import io
import json
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs as an ES module from ROOT, so that the imports resolve in ROOT/node_modules.
_NODE = r"""
import { resolveConfig } from '@netlify/config'
import { parseAllHeaders } from '@netlify/headers-parser'
const [what, arg] = [process.argv[1], JSON.parse(process.argv[2])]
let out
if (what === 'config') {
  const { config } = await resolveConfig({
    config: arg.config, repositoryRoot: arg.root, cwd: arg.root, context: arg.context,
    branch: arg.branch, offline: true, buffer: true,
  })
  out = { build: config.build, headers: config.headers, redirects: config.redirects }
} else {
  const { headers, errors } = await parseAllHeaders({
    headersFiles: arg.files, netlifyConfigPath: arg.config ?? undefined, minimal: false,
  })
  if (errors.length) throw new Error(errors.map((e) => e.message).join('\n'))
  out = headers.map((h) => ({ for: h.for, values: h.values, regex: h.forRegExp.source }))
}
process.stdout.write(JSON.stringify(out))
"""


def _node(what: str, arg: dict) -> object:
    done = subprocess.run(
        ["node", "--input-type=module", "-e", _NODE, what, json.dumps(arg)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"Netlify's code failed ({what}): {done.stderr.strip()}")
    return json.loads(done.stdout)


def resolve_config(context: str, toml: Path = ROOT / "netlify.toml", branch: str = "main") -> dict:
    """netlify.toml as Netlify resolves it for a deploy context (production, deploy-preview,
    branch-deploy): {"build": {command, publish (absolute), ignore, environment, processing},
    "headers": [...], "redirects": [...]}."""
    arg = {"config": str(toml), "root": str(toml.parent), "context": context, "branch": branch}
    return _node("config", arg)  # type: ignore[return-value]


def _rules(files: list[Path], toml: Path | None) -> list[dict]:
    arg = {"files": [str(f) for f in files], "config": str(toml) if toml else None}
    rules = _node("headers", arg)
    assert isinstance(rules, list)
    for rule in rules:
        # Netlify's own expression (flags "iu"); JavaScript's source reads the same in Python.
        rule["regex"] = re.compile(rule["regex"], re.I)
    return rules


def site_rules(dist: Path, toml: Path = ROOT / "netlify.toml") -> list[dict]:
    """Every header rule of a deploy: dist/_headers parsed together with netlify.toml's
    [[headers]], as Netlify merges them. Each rule: {"for", "values", "regex"}."""
    return _rules([dist / "_headers"], toml)


def headers_rules(dist: Path) -> list[dict]:
    """The rules of a built _headers file alone."""
    return _rules([dist / "_headers"], None)


def toml_rules(toml: Path) -> list[dict]:
    """The [[headers]] rules of netlify.toml alone."""
    return _rules([], toml)


def matching(rules: list[dict], url_path: str) -> list[dict[str, str]]:
    """The values of every rule whose path matches url_path, in Netlify's order."""
    return [r["values"] for r in rules if r["regex"].match(url_path)]


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
            for values in matching(rules or [], path):
                for name, value in values.items():
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
