"""The dashboard as one HTML file with everything inlined, for review offline.

In each language of the site: the edition's dashboard (<prefix>index.html) with its links to
the same edition of the published site; every text written here comes from the catalogue
(marked with _() and ngettext(), see _texts), and the CLI's summary line stays German."""

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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.commands.build import Progress, build
from generator.errors import BuildError
from generator.i18n import LANGUAGE, SOURCE, Language, number, short_date, translations
from generator.site.manifest import MANIFEST, SNAPSHOT_DATA_ID
from generator.site.render import de_number, script_json

_CSP_META = re.compile(
    r"""<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\n?""", re.I
)
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
_PRELOAD = re.compile(r'<link rel="preload" href="[^"]+" as="script"[^>]*>\n?')
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


def published_pages(source: Path) -> frozenset[str]:
    """The pages of the published state: a build folder's or a manifest.json's page list."""
    path = source / MANIFEST if source.is_dir() else source
    try:
        manifest = json.loads(path.read_text("utf-8"))
        return frozenset(manifest["pages"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"{path}: kein lesbares manifest.json eines Builds ({exc})") from exc


def pages_at_revision(content_dir: Path, rev: str) -> frozenset[str]:
    """The pages the content at a git revision gives: fixed pages and one per record."""
    from generator.commands.diff import DiffError, load_revision
    from generator.site.routes import page_paths

    try:
        state = load_revision(content_dir, rev)
    except DiffError as exc:
        raise BuildError(str(exc)) from exc
    return page_paths(state.records)


def write_snapshot(
    content_dir: Path,
    templates_dir: Path,
    out_file: Path,
    base_url: str | None = None,
    progress: Progress | None = None,
    published: frozenset[str] | None = None,
    sprache: str = SOURCE.code,
) -> Snapshot:
    """Build into a temporary folder and write its dashboard as one file to out_file.

    published: the pages of the published site; links to other pages stay inside the file
    (None: every page is taken as published). sprache: the language code of the edition."""
    if out_file.is_dir():
        raise BuildError(f"{out_file}: ist ein Ordner; bitte eine Datei wie snapshot.html angeben")
    with tempfile.TemporaryDirectory(prefix="kts-snapshot-") as tmp:
        dist = Path(tmp) / "dist"
        build(content_dir, templates_dir, dist, base_url=base_url, progress=progress)
        text = single_file(dist, published, sprache)
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


def single_file(
    dist: Path, published: frozenset[str] | None = None, sprache: str = SOURCE.code
) -> str:
    """The dashboard of the edition sprache (dist/<prefix>index.html) with styles, scripts,
    images and data inlined, every record's details inside, and links to published subpages
    marked as leaving the file; carries its manifest and records for `diff`."""
    lang = LANGUAGE[sprache]
    manifest = json.loads((dist / MANIFEST).read_text("utf-8"))
    records = json.loads((dist / "daten" / "netzwerk.json").read_text("utf-8"))
    base = manifest["base_url"]
    if published is None:
        published = frozenset(manifest["pages"])
    here = dist / lang.prefix  # the page's folder: its asset paths are relative to it
    source = here / "index.html"
    if not source.is_file():
        raise BuildError(f"{lang.path('index.html')}: fehlt im Build (Sprache {lang.code})")
    page = source.read_text("utf-8")
    page = _CSP_META.sub("", page)
    page = _PRELOAD.sub("", page)  # the scripts are inlined below
    page = _STYLESHEET.sub(lambda m: _inline_css(dist, here, html.unescape(m.group(1))), page)
    page = _LINK.sub(
        lambda m: m.group(1) + '="' + _published(m.group(2), base, published, lang) + '"', page
    )
    page = re.sub(
        r'data-root="([^"]*)"',
        lambda m: f'data-root="{html.escape(base)}{_site_path(m.group(1), lang.prefix)}"',
        page,
        count=1,
    )
    search = re.search(r'data-search="([^"]+)"', page)
    if search:
        index = _script_text((here / html.unescape(search.group(1))).read_text("utf-8"))
        page = page.replace(search.group(0), 'data-search=""', 1)
        page = page.replace("</head>", f"<script>{index}</script>\n</head>", 1)
    # Scripts loaded on first need (vis-network) travel inside the file, run up front.
    for lib in dict.fromkeys(re.findall(r'data-lib="([^"]+)"', page)):
        text = _script_text((here / html.unescape(lib)).read_text("utf-8"))
        page = page.replace(f'data-lib="{lib}"', 'data-lib=""')
        page = page.replace("</head>", f"<script>{text}</script>\n</head>", 1)
    # The dashboard's scripts, fetched after its first paint on the site, run in place here.
    scripts = re.search(r'data-scripts="([^"]*)"', page)
    if scripts:
        tags = "".join(f'<script src="{src}"></script>\n' for src in scripts.group(1).split())
        page = page.replace(scripts.group(0), 'data-scripts=""', 1)
        start = re.search(r'<script src="[^"]*start\.[0-9a-f]+\.js"></script>', page)
        if start is None:
            raise BuildError("index.html: start.js fehlt (Vorlage dashboard.html)")
        page = page[: start.start()] + tags + page[start.start() :]
    page = _SCRIPT_SRC.sub(
        lambda m: (
            "<script>"
            + _script_text((here / html.unescape(m.group(1))).read_text("utf-8"))
            + "</script>"
        ),
        page,
    )
    _ = _texts(lang.code)
    stand, built = (
        short_date(dt.date.fromisoformat(manifest[k]), lang.code)
        for k in ("datenstand", "build_date")
    )
    page = re.sub(
        r"<title>(.*?)</title>",
        lambda m: (
            "<title>"
            + _("Momentaufnahme %(date)s – %(title)s", date=stand, title=m.group(1))
            + "</title>"
        ),
        page,
        count=1,
    )
    # After the skip links (still the first stops of the Tab key), as a named region.
    page = re.sub(
        r'(<body[^>]*>\s*<nav class="skips".*?</nav>)',
        lambda m: m.group(1) + _banner(base + lang.prefix, stand, built, lang.code),
        page,
        count=1,
        flags=re.S,
    )
    # The script sees the edition's pages below the edition's root (the German edition: all).
    edition = frozenset(p.removeprefix(lang.prefix) for p in published if p.startswith(lang.prefix))
    page = page.replace(
        "</body>",
        _records_section(records, base, published, lang)
        + _links_script(base, published=edition, root=base + lang.prefix),
        1,
    )
    payload = script_json({"manifest": manifest, "records": records})
    page = page.replace(
        "</body>",
        f'<script type="application/json" id="{SNAPSHOT_DATA_ID}">{payload}</script>\n</body>',
        1,
    )
    return page.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n' + _csp(page), 1)


_RECORD_PAGE = re.compile(r"^(kommunen|massnahmen|handlungsfelder)/([a-z0-9-]+)/index\.html$")
_ANCHOR_KIND = {"kommunen": "kommune", "massnahmen": "massnahme", "handlungsfelder": "feld"}


def record_anchor(kind: str, rid: str) -> str:
    """The id of a record's details inside the snapshot: 'datensatz-kommune-ulm'."""
    return f"datensatz-{_ANCHOR_KIND[kind]}-{rid}"


def _texts(code: str) -> Callable[..., str]:
    """gettext for HTML in the language code: the message escaped, its %(name)s parameters
    (HTML already) filled in. Named _ where it is used, so that `katalog` finds the messages."""
    tr = translations(code)

    def say(message: str, **params: str) -> str:
        return html.escape(tr.gettext(message), quote=False) % params

    return say


def _site_path(link: str, prefix: str) -> str:
    """A page's relative link as a path from the site's root, the page lying in the folder
    prefix ("" or "en/"): '../index.html' in en/ is 'index.html', '../en/' is 'en/'."""
    if not prefix:
        return link
    cut = min([i for i in (link.find("?"), link.find("#")) if i >= 0] or [len(link)])
    parts = prefix.rstrip("/").split("/")
    for segment in link[:cut].split("/"):
        if segment == "..":
            if parts:
                parts.pop()
        elif segment != ".":
            parts.append(segment)
    return "/".join(parts) + link[cut:]


def _published(
    link: str, base: str, published: frozenset[str] | None = None, lang: Language = SOURCE
) -> str:
    """A relative link of lang's dashboard as an address on the published site (pretty URL)
    when that page is published; a record page of the edition that is not goes to the record's
    details in the file."""
    if not link or link.startswith(("#", "/")) or _SCHEME.match(link):
        return link
    link = _site_path(link, lang.prefix)
    if link == lang.path("index.html"):  # the dashboard is this file
        return "#"
    path = html.unescape(link)
    if published is not None and path.endswith(".html") and path not in published:
        record = _RECORD_PAGE.match(path.removeprefix(lang.prefix))
        return "#" + (record_anchor(*record.groups()) if record else "alle-datensaetze")
    return html.escape(base) + link.removesuffix("index.html")


def _script_text(js: str) -> str:
    """JS that cannot end its <script> element early or open an HTML comment in it."""
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.I).replace("<!--", "<\\!--")


def _inline_css(dist: Path, here: Path, rel: str) -> str:
    css_path = here / rel
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


def _banner(home: str, stand: str, built: str, code: str) -> str:
    """The note at the top: what the file is, its dates, and where its ↗ links lead (home:
    the edition's root on the published site)."""
    _ = _texts(code)
    url = html.escape(home)
    records = '<a href="#alle-datensaetze">' + _("Alle Datensätze") + "</a>"
    site = f'<a href="{url}">{url}</a>'
    return (
        '\n<section class="notice snapshot-banner" aria-label="'
        + html.escape(html.unescape(_("Hinweis zur Momentaufnahme")))
        + '"><div class="wrap">'
        + _(
            "%(title)s · Datenstand %(stand)s · erstellt am %(built)s.",
            title="<strong>" + _("Momentaufnahme") + "</strong>",
            stand=stand,
            built=built,
        )
        + " "
        + _(
            "Eine einzelne Datei zur Durchsicht: Daten, Karte und Netzwerk funktionieren ohne "
            "Internet, nur der Kartenhintergrund nicht."
        )
        + " "
        + _(
            "Alle Einträge mit allen Feldern, Partnern und Quellen stehen unten unter %(link)s.",
            link=records,
        )
        + " "
        + _(
            "Links mit ↗ verlassen die Datei und führen zur veröffentlichten Website %(site)s "
            "(deren Stand); Einträge, die dort noch fehlen, haben keinen solchen Link.",
            site=site,
        )
        + "</div></section>"
    )


def _field_value(v: object, _: Callable[..., str]) -> str:
    """A record's field as the snapshot shows it: "–" when empty, yes and no in the edition's
    language, lists joined, addresses as links."""
    if v is None or v == "" or v == []:
        return "–"
    if isinstance(v, bool):
        return _("ja") if v else _("nein")
    if isinstance(v, list):
        return ", ".join(html.escape(str(x)) for x in v)
    text = html.escape(str(v))
    return f'<a href="{text}" rel="noopener">{text}</a>' if _SCHEME.match(str(v)) else text


def _partner_line(_: Callable[..., str], role: str, with_measure: bool, say: dict) -> str:
    """One connection in a Kommune's record, from its side (role: "von" or "nach")."""
    if role == "von" and with_measure:
        return _(
            "%(art)s (von) mit %(partner)s, %(period)s, %(fields)s; Maßnahme "
            "%(measure)s; Quelle: %(source)s",
            **say,
        )
    if role == "von":
        return _(
            "%(art)s (von) mit %(partner)s, %(period)s, %(fields)s; Quelle: %(source)s",
            **say,
        )
    if with_measure:
        return _(
            "%(art)s (nach) mit %(partner)s, %(period)s, %(fields)s; Maßnahme "
            "%(measure)s; Quelle: %(source)s",
            **say,
        )
    return _(
        "%(art)s (nach) mit %(partner)s, %(period)s, %(fields)s; Quelle: %(source)s",
        **say,
    )


def _records_section(
    records: dict, base: str, published: frozenset[str], lang: Language = SOURCE
) -> str:
    """Every record with all fields, its partners with sources and its Maßnahmen, as
    <details> inside the file: nothing of a record needs the published site. Links lead to
    lang's pages; German content of an English edition is marked lang="de"."""
    from generator.content.vocab import ART_BY_ID
    from generator.site.routes import feld_path, kommune_path, massnahme_path

    _ = _texts(lang.code)
    ngettext = translations(lang.code).ngettext
    esc = html.escape
    de = ' lang="de"' if lang.code != SOURCE.code else ""  # on German content
    own = f' lang="{lang.code}"' if de else ""  # on the edition's text inside German content

    def translated(record: dict, key: str) -> tuple[str, str]:
        """A record's text in the language, if it has it, with the lang attribute it needs."""
        text = record.get(f"{key}_{lang.code}") if lang.code != SOURCE.code else None
        return (text, "") if text else (record[key], de)

    names = {k["id"]: k["name"] for k in records["kommunen"]}
    felder = {h["id"]: translated(h, "name") for h in records["handlungsfelder"]}
    titel = {m["id"]: translated(m, "titel") for m in records["massnahmen"]}

    def link(kind: str, rid: str, text: str, attrs: str = "") -> str:
        return f'<a href="#{record_anchor(kind, rid)}"{attrs}>{esc(text)}</a>'

    def shown(text: str, attrs: str) -> str:
        return f"<span{attrs}>{esc(text)}</span>" if attrs else esc(text)

    def count(n: int) -> str:
        return number(n, lang.code)

    def connections(n: int) -> str:
        if lang.code == SOURCE.code:
            return f"{n} Verbindungen"  # today's German text, kept as it was (even for one)
        return esc(ngettext("%(n)s Verbindung", "%(n)s Verbindungen", n)) % {"n": count(n)}

    def fields(record: dict) -> str:
        # The fields' names and values as the data has them (German); yes and no translated.
        rows = "".join(
            f"<dt>{esc(k)}</dt><dd{own if isinstance(v, bool) else ''}>{_field_value(v, _)}</dd>"
            for k, v in record.items()
        )
        return f'<dl class="snapshot-fields"{de}>{rows}</dl>'

    def outbound(path: str) -> str:
        # In the details, not in the summary: a link inside a summary is a control in a control.
        path = lang.path(path)
        if path not in published:
            return "<p><small>" + _("Noch nicht auf der Website veröffentlicht.") + "</small></p>"
        url = esc(base + path.removesuffix("index.html"))
        return f'<p><a href="{url}">' + _("Seite auf der Website") + "</a></p>"

    by_kommune: dict[str, list[str]] = {k: [] for k in names}
    for v in records["verbindungen"]:
        art = _(ART_BY_ID[v["art"]].label) if v["art"] in ART_BY_ID else esc(v["art"])
        source = shown(v["quelle"], de) if v["quelle"] else ""
        if v.get("quelle_url"):
            source = f'<a href="{esc(v["quelle_url"])}" rel="noopener">{source}</a>'
        if v.get("beleg"):
            source += f' <q class="beleg">{esc(v["beleg"])}</q>'
        hf = ", ".join(shown(*felder.get(h, (h, ""))) for h in v["handlungsfelder"])
        mid = v.get("massnahme")
        measure = link("massnahmen", mid, *titel.get(mid, (mid, ""))) if mid else ""
        about = shown(v["beschreibung"], de) if v.get("beschreibung") else ""
        for me, other, role in ((v["von"], v["nach"], "von"), (v["nach"], v["von"], "nach")):
            if me not in by_kommune:
                continue
            say = {
                "art": art,
                "partner": link("kommunen", other, names.get(other, other)),
                "period": esc(v["zeitraum"]),
                "fields": hf,
                "measure": measure,
                "source": source,
            }
            line = _partner_line(_, role, bool(mid), say)
            by_kommune[me].append(f"<li>{line}" + (f"<br>{about}" if about else "") + "</li>")
    parts = [
        '\n<section id="alle-datensaetze" class="wrap snapshot-records"'
        ' aria-labelledby="alle-datensaetze-titel">',
        '<h2 id="alle-datensaetze-titel">' + _("Alle Datensätze") + "</h2>",
        "<p>"
        + _(
            "Jeder Eintrag dieser Momentaufnahme mit allen Feldern; bei Kommunen auch alle "
            "Verbindungen mit ihrer Quelle."
        )
        + "</p>",
        "<h3>" + _("Kommunen (%(n)s)", n=count(len(records["kommunen"]))) + "</h3>",
    ]
    for k in records["kommunen"]:
        partners = by_kommune.get(k["id"], [])
        parts.append(
            f'<details id="{record_anchor("kommunen", k["id"])}"><summary>{esc(k["name"])}'
            f"</summary>{outbound(kommune_path(k['id']))}{fields(k)}"
            f"<p>{connections(len(partners))}</p><ul>{''.join(partners)}</ul></details>"
        )
    parts.append("<h3>" + _("Maßnahmen (%(n)s)", n=count(len(records["massnahmen"]))) + "</h3>")
    for m in records["massnahmen"]:
        carriers = ", ".join(link("kommunen", k, names.get(k, k)) for k in m["kommunen"])
        title, attrs = titel[m["id"]]
        parts.append(
            f'<details id="{record_anchor("massnahmen", m["id"])}"><summary{attrs}>{esc(title)}'
            f"</summary>{outbound(massnahme_path(m['id']))}{fields(m)}"
            "<p>" + _("Getragen von: %(kommunen)s", kommunen=carriers) + "</p></details>"
        )
    parts.append(
        "<h3>" + _("Handlungsfelder (%(n)s)", n=count(len(records["handlungsfelder"]))) + "</h3>"
    )
    for h in records["handlungsfelder"]:
        name, attrs = felder[h["id"]]
        parts.append(
            f'<details id="{record_anchor("handlungsfelder", h["id"])}"><summary{attrs}>'
            f"{esc(name)}</summary>{outbound(feld_path(h['id']))}"
            f"{fields(h)}</details>"
        )
    parts.append("</section>\n")
    return "".join(parts)


# Links built by the dashboard's scripts (drawer; the site search's options, which carry
# theirs in data-href) point to the published site: those to pages it does not have go to the
# record's details in the file instead, and a click on such a link or option opens the
# details without touching the filter state in the hash.
_LINKS_JS = """(function () {
  "use strict";
  var base = %(base)s, published = new Set(%(published)s), kinds = %(kinds)s;
  function fix(a) {
    var attr = a.hasAttribute("data-href") ? "data-href" : "href";
    var href = a.getAttribute(attr) || "";
    if (href.indexOf(base) !== 0) return;
    var path = href.slice(base.length);
    if (path === "" || path.slice(-1) === "/") path += "index.html";
    if (published.has(path)) return;
    var m = /^(kommunen|massnahmen|handlungsfelder)\\/([a-z0-9-]+)\\/index\\.html$/.exec(path);
    var anchor = m ? "datensatz-" + kinds[m[1]] + "-" + m[2] : "alle-datensaetze";
    a.setAttribute(attr, "#" + anchor);
    a.removeAttribute("target");
  }
  var LINKS = "a[href], [data-href]";
  function fixAll(root) {
    if (root.querySelectorAll) Array.prototype.forEach.call(root.querySelectorAll(LINKS), fix);
    if (root.matches && root.matches(LINKS)) fix(root);
  }
  fixAll(document);
  new MutationObserver(function (changes) {
    changes.forEach(function (c) { Array.prototype.forEach.call(c.addedNodes, fixAll); });
  }).observe(document.body, {childList: true, subtree: true});
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest(LINKS);
    if (!a) return;
    fix(a);
    var href = a.getAttribute(a.hasAttribute("data-href") ? "data-href" : "href");
    if (href.indexOf("#datensatz-") !== 0 && href !== "#alle-datensaetze") return;
    var target = document.getElementById(href.slice(1));
    if (!target) return;
    e.preventDefault();
    e.stopPropagation();  // an option of the site search: not also followed by its script
    if (target.tagName === "DETAILS") target.open = true;
    target.scrollIntoView();
  }, true);
})();"""


def _links_script(base: str, published: frozenset[str], root: str | None = None) -> str:
    """The inline script that keeps every link honest (see _LINKS_JS); root: the edition's
    root on the published site (base, the German one, if None), below which published lists
    the edition's pages. Every link to base is marked ↗."""
    js = _LINKS_JS % {
        "base": json.dumps(base if root is None else root),
        "published": json.dumps(sorted(published)),
        "kinds": json.dumps(_ANCHOR_KIND, sort_keys=True),
    }
    style = (
        f'a[href^="{html.escape(base)}"]::after,[data-href^="{html.escape(base)}"] .name::after'
        '{content:" \\2197";font-size:.85em}'
        ".snapshot-records details{margin:.2rem 0}.snapshot-records summary{cursor:pointer}"
        ".snapshot-fields{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem;"
        "margin:.4rem 0 .4rem 1rem}.snapshot-fields dt{font-weight:600}"
    )
    return f"<style>{style}</style>\n<script>{_script_text(js)}</script>\n</body>"


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
