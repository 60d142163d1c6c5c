"""The dashboard as one HTML file with everything inlined, for review offline."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import html
import json
import mimetypes
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.build import Progress, build
from generator.errors import BuildError
from generator.manifest import MANIFEST
from generator.render import de_number, script_json

SNAPSHOT_DATA_ID = "kts-snapshot"
_CSP_META = re.compile(
    r"""<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\n?""", re.I
)
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
_PRELOAD = re.compile(r'<link rel="preload" href="[^"]+" as="script">\n?')
_SCRIPT_SRC = re.compile(r'<script src="([^"]+)"></script>')
_LINK = re.compile(r'(\s(?:href|action))="([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_CSS_URL = re.compile(r"url\(([^)'\"]+)\)")
_INLINE_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.S)


@dataclass(frozen=True)
class Snapshot:
    """A written snapshot and what the summary line says about it."""

    path: Path
    size: int
    gzip_size: int
    datenstand: str
    build_date: str

    def summary(self) -> str:
        """The German summary line."""
        return (
            f"Momentaufnahme nach {self.path} geschrieben: {de_number(self.size)} Bytes "
            f"({de_number(self.gzip_size)} Bytes gzip), Datenstand {_de(self.datenstand)}, "
            f"erstellt am {_de(self.build_date)}."
        )


def _de(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d.%m.%Y")


def write_snapshot(
    content_dir: Path,
    templates_dir: Path,
    out_file: Path,
    base_url: str | None = None,
    progress: Progress | None = None,
) -> Snapshot:
    """Build into a temporary folder and write its dashboard as one file to out_file."""
    if out_file.is_dir():
        raise BuildError(f"{out_file}: ist ein Ordner; bitte eine Datei wie snapshot.html angeben")
    with tempfile.TemporaryDirectory(prefix="kts-snapshot-") as tmp:
        dist = Path(tmp) / "dist"
        build(content_dir, templates_dir, dist, base_url=base_url, progress=progress)
        text = single_file(dist)
        manifest = json.loads((dist / MANIFEST).read_text("utf-8"))
    data = text.encode("utf-8")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed: an interrupted run leaves no half file.
    fd, partial = tempfile.mkstemp(prefix=f".{out_file.name}-", dir=out_file.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(partial, 0o644)
        os.replace(partial, out_file)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return Snapshot(
        out_file,
        len(data),
        len(gzip.compress(data, mtime=0)),
        manifest["datenstand"],
        manifest["build_date"],
    )


def single_file(dist: Path) -> str:
    """dist/index.html with styles, scripts, images and data inlined and subpage links
    pointing to the published site; carries its manifest and records for `diff`."""
    manifest = json.loads((dist / MANIFEST).read_text("utf-8"))
    records = json.loads((dist / "daten" / "netzwerk.json").read_text("utf-8"))
    base = manifest["base_url"]
    page = (dist / "index.html").read_text("utf-8")
    page = _CSP_META.sub("", page)
    page = _PRELOAD.sub("", page)  # the scripts are inlined below
    page = _STYLESHEET.sub(lambda m: _inline_css(dist, html.unescape(m.group(1))), page)
    page = _LINK.sub(lambda m: m.group(1) + '="' + _published(m.group(2), base) + '"', page)
    page = page.replace('data-root=""', f'data-root="{html.escape(base)}"', 1)
    search = re.search(r'data-search="([^"]+)"', page)
    if search:
        index = _script_text((dist / html.unescape(search.group(1))).read_text("utf-8"))
        page = page.replace(search.group(0), 'data-search=""', 1)
        page = page.replace("</head>", f"<script>{index}</script>\n</head>", 1)
    page = _SCRIPT_SRC.sub(
        lambda m: (
            "<script>"
            + _script_text((dist / html.unescape(m.group(1))).read_text("utf-8"))
            + "</script>"
        ),
        page,
    )
    stand, built = _de(manifest["datenstand"]), _de(manifest["build_date"])
    page = re.sub(
        r"<title>(.*?)</title>",
        lambda m: f"<title>Momentaufnahme {stand} – {m.group(1)}</title>",
        page,
        count=1,
    )
    page = re.sub(
        r"(<body[^>]*>)", lambda m: m.group(1) + _banner(base, stand, built), page, count=1
    )
    payload = script_json({"manifest": manifest, "records": records})
    page = page.replace(
        "</body>",
        f'<script type="application/json" id="{SNAPSHOT_DATA_ID}">{payload}</script>\n</body>',
        1,
    )
    return page.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n' + _csp(page), 1)


def _published(link: str, base: str) -> str:
    """A relative link as an address on the published site (pretty URL); others as they are."""
    if not link or link.startswith(("#", "/")) or _SCHEME.match(link):
        return link
    if link == "index.html":  # the dashboard is this file
        return "#"
    return html.escape(base) + link.removesuffix("index.html")


def _script_text(js: str) -> str:
    """JS that cannot end its <script> element early or open an HTML comment in it."""
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.I).replace("<!--", "<\\!--")


def _inline_css(dist: Path, rel: str) -> str:
    css_path = dist / rel
    css = css_path.read_text("utf-8")

    def data_uri(m: re.Match[str]) -> str:
        target = (css_path.parent / m.group(1)).resolve()
        if not target.is_file() or dist.resolve() not in target.parents:
            return m.group(0)
        mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        encoded = base64.b64encode(target.read_bytes()).decode("ascii")
        return f"url(data:{mime};base64,{encoded})"

    css = _CSS_URL.sub(data_uri, css)
    return "<style>" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.I) + "</style>"


def _banner(base: str, stand: str, built: str) -> str:
    url = html.escape(base)
    return (
        '\n<div class="notice snapshot-banner" role="note" '
        'style="background:#fff3c4;border-bottom:2px solid #b07b12">'
        '<div class="wrap"><strong>Momentaufnahme</strong> · Datenstand '
        f"{stand} · erstellt am {built}. Eine einzelne Datei zur Durchsicht: Daten, Karte "
        "und Netzwerk funktionieren ohne Internet, nur der Kartenhintergrund nicht. Links auf "
        f'Unterseiten führen zur veröffentlichten Website <a href="{url}">{url}</a> und '
        "zeigen deren Stand.</div></div>"
    )


def _csp(page: str) -> str:
    """A Content-Security-Policy allowing exactly the inline scripts of this file."""
    hashes = []
    for m in _INLINE_SCRIPT.finditer(page):
        attrs = m.group(1) or ""
        if "src=" in attrs or "application/json" in attrs:
            continue
        digest = hashlib.sha256(m.group(2).encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    policy = (
        "default-src 'none'; script-src " + " ".join(sorted(set(hashes))) + "; "
        "style-src 'unsafe-inline'; img-src data: https: http:; base-uri 'none'; "
        "form-action https: http:"
    )
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
