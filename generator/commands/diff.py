"""What changed between two states (builds, snapshots or content folders), for review."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2

from generator.content.load import CONTENT_FILES, GESCHICHTEN_FILE, OPTIONAL_FILES
from generator.content.model import Geschichte, zeitraum_label
from generator.content.schema import TABLES as SCHEMA_TABLES
from generator.content.vocab import ART_BY_ID, ARTEN
from generator.errors import ContentError
from generator.site.downloads import TABLES, flat_record
from generator.site.manifest import MANIFEST, SNAPSHOT_DATA_ID, keyed_records

EXIT_SAME, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2
KIND_LABELS = {
    "kommunen": "Kommunen",
    "verbindungen": "Verbindungen",
    "massnahmen": "Maßnahmen",
    "handlungsfelder": "Handlungsfelder",
    "geschichten": "Geschichten",
}
# The stories of the optional geschichten.yaml compare like the tables' records, by id.
STORIES = "geschichten"
KIND_FILES = {**{t.name: t.file for t in SCHEMA_TABLES}, STORIES: GESCHICHTEN_FILE}
REPORT_ORDER = (*(t.name for t in SCHEMA_TABLES), STORIES)
# A dashboard lists each story's steps in <ol class="geschichte-schritte" data-geschichte=…
# data-titel=…><li data-ansicht=…>text</li>… (templates/_partials/geschichten.html).
_STORY_LIST = re.compile(r'<ol class="geschichte-schritte"[^>]*>.*?</ol>', re.S)
_STORY_ATTRS = re.compile(r'data-(geschichte|titel)="([^"]*)"')
_STORY_STEP = re.compile(r'<li data-ansicht="([^"]*)">(.*?)</li>', re.S)
SITE_FIELDS = (("title", "Titel"), ("datenstand", "Datenstand"), ("base_url", "base_url"))


class DiffError(Exception):
    """An input cannot be read as a build, snapshot or content folder."""


@dataclass(frozen=True)
class State:
    """One side of a comparison: site settings, records by kind and id, page hashes."""

    path: Path
    source: str  # Build, Momentaufnahme or Inhalt
    site: dict[str, str]
    build_date: str | None
    records: dict[str, dict[str, dict]]
    pages: dict[str, str] | None

    def describe(self) -> str:
        """'dist (Build, Datenstand 30.06.2026, erstellt am 01.01.2026)'."""
        bits = [self.source, f"Datenstand {_de_date(self.site.get('datenstand', ''))}"]
        if self.build_date:
            bits.append(f"erstellt am {_de_date(self.build_date)}")
        return f"{self.path} ({', '.join(bits)})"

    def kommune_name(self, kid: str) -> str:
        """The Kommune's name on this side, else its id."""
        record = self.records["kommunen"].get(kid)
        return record["name"] if record else kid


def _de_date(iso: str) -> str:
    try:
        return dt.date.fromisoformat(iso).strftime("%d.%m.%Y")
    except ValueError:
        return iso


def load_state(path: Path) -> State:
    """Read a build folder (manifest.json), a content folder (site.yaml) or a snapshot file."""
    try:
        return _load_state(path)
    except (KeyError, TypeError, AttributeError) as exc:
        raise DiffError(f"{path}: unerwarteter Aufbau ({type(exc).__name__}: {exc})") from exc


def _load_state(path: Path) -> State:
    if path.is_dir() and (path / MANIFEST).is_file():
        manifest = _json(path / MANIFEST)
        records = _json(path / "daten" / "netzwerk.json")
        dashboard = path / "index.html"
        page = dashboard.read_text("utf-8") if dashboard.is_file() else ""
        return _state(path, "Build", manifest, records, _page_stories(page))
    if path.is_dir() and (path / "site.yaml").is_file():
        from generator.commands.build import load_network
        from generator.site.downloads import network_records

        try:
            net, _ = load_network(path)
        except ContentError as exc:
            raise DiffError(f"{path}: Inhalt fehlerhaft:\n{exc.report()}") from exc
        site = {
            "title": net.site.title,
            "datenstand": net.site.datenstand.isoformat(),
            "base_url": net.site.base_url,
        }
        records = keyed_records(network_records(net))
        records[STORIES] = _stories(net.geschichten)
        return State(path, "Inhalt", site, None, records, None)
    if path.is_file():
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DiffError(f"{path}: nicht lesbar ({exc})") from exc
        found = re.search(
            rf'<script type="application/json" id="{SNAPSHOT_DATA_ID}">(.*?)</script>', text, re.S
        )
        if not found:
            raise DiffError(f"{path}: keine Momentaufnahme von kts-dashboard")
        try:
            payload = json.loads(found.group(1))
        except ValueError as exc:
            raise DiffError(f"{path}: Daten der Momentaufnahme unlesbar ({exc})") from exc
        return _state(
            path, "Momentaufnahme", payload["manifest"], payload["records"], _page_stories(text)
        )
    if not path.exists():
        raise DiffError(f"{path}: nicht gefunden")
    raise DiffError(
        f"{path}: weder Build-Ordner (manifest.json), Inhaltsordner (site.yaml) "
        "noch Momentaufnahme (.html)"
    )


def content_at_revision(content_dir: Path, rev: str, target: Path) -> None:
    """Write the content files of content_dir as they were at a git revision into target
    (git show REV:path); a DiffError names a required file that is missing."""
    if not content_dir.is_dir():
        raise DiffError(f"{content_dir}: Inhaltsordner nicht gefunden")

    def git(*args: str) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                ["git", "-C", str(content_dir), *args], capture_output=True, check=False
            )
        except OSError as exc:
            raise DiffError(f"git nicht aufrufbar ({exc}); --seit braucht git") from exc

    if git("rev-parse", "--git-dir").returncode != 0:
        raise DiffError(f"{content_dir}: liegt in keinem Git-Repository; --seit braucht eines")
    if git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise DiffError(f"--seit {rev}: diesen Git-Stand gibt es nicht (z. B. HEAD, origin/main)")
    target.mkdir(parents=True, exist_ok=True)
    missing = []
    for name in CONTENT_FILES:
        shown = git("show", f"{rev}:./{name}")
        if shown.returncode != 0:
            if name not in OPTIONAL_FILES:
                missing.append(name)
        else:
            (target / name).write_bytes(shown.stdout)
    if missing:
        raise DiffError(
            f"{content_dir}: im Git-Stand {rev} fehlt {', '.join(missing)} (noch nie committet?)"
        )


def load_revision(content_dir: Path, rev: str) -> State:
    """The content folder as it was at a git revision (e.g. HEAD, origin/main)."""
    with tempfile.TemporaryDirectory(prefix="kts-seit-") as tmp:
        content_at_revision(content_dir, rev, Path(tmp))
        state = load_state(Path(tmp))
    return replace(state, path=content_dir, source=f"Inhalt im Git-Stand {rev}")


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DiffError(f"{path}: nicht lesbar ({exc})") from exc


def _state(
    path: Path, source: str, manifest: dict, records: dict, stories: dict[str, dict]
) -> State:
    site = {key: str(manifest.get(key, "")) for key, _ in SITE_FIELDS}
    # netzwerk.json holds typed values (lists, null); compare them as the CSV rows hold them.
    flat = {kind: [flat_record(kind, r) for r in records.get(kind, [])] for kind in TABLES}
    keyed = keyed_records(flat)
    keyed[STORIES] = stories
    return State(path, source, site, manifest.get("build_date"), keyed, manifest["pages"])


def _story_record(gid: str, titel: str, steps: list[tuple[str, str]]) -> dict[str, str]:
    """A story as diff compares it: titel, the number of steps, each step's text and view."""
    record = {"id": gid, "titel": titel, "schritte": str(len(steps))}
    for number, (text, ansicht) in enumerate(steps, 1):
        record[f"Schritt {number} text"] = text
        record[f"Schritt {number} ansicht"] = ansicht
    return record


def _stories(geschichten: tuple[Geschichte, ...]) -> dict[str, dict]:
    """The checked stories of a content folder, by id."""
    return {
        g.id: _story_record(g.id, g.titel, [(s.text, s.ansicht) for s in g.schritte])
        for g in geschichten
    }


def _page_stories(page: str) -> dict[str, dict]:
    """The stories a built dashboard (or a snapshot of it) lists, by id; none in an older one."""
    out: dict[str, dict] = {}
    for found in _STORY_LIST.finditer(page):
        block = found.group(0)
        attrs = dict(_STORY_ATTRS.findall(block[: block.index(">")]))
        steps = [
            (html.unescape(text), html.unescape(ansicht))
            for ansicht, text in _STORY_STEP.findall(block)
        ]
        gid = html.unescape(attrs.get("geschichte", ""))
        out[gid] = _story_record(gid, html.unescape(attrs.get("titel", "")), steps)
    return out


@dataclass(frozen=True)
class Change:
    """A record on both sides with different fields: (field, old, new) for each."""

    id: str
    label: str
    fields: tuple[tuple[str, str, str], ...]


@dataclass
class KindDiff:
    """Added, removed and changed records of one kind, with the totals before and after."""

    kind: str
    before: int
    after: int
    added: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    added_fields: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """German name of the kind."""
        return KIND_LABELS[self.kind]

    @property
    def file(self) -> str:
        """The content file the records live in."""
        return KIND_FILES[self.kind]

    @property
    def count(self) -> int:
        """How many records differ."""
        return len(self.added) + len(self.removed) + len(self.changed)

    @property
    def shown(self) -> bool:
        """Whether the report lists the kind: always, but an optional file only when one
        side has records of it."""
        return self.file not in OPTIONAL_FILES or bool(self.before or self.after)


@dataclass
class Report:
    """Everything diff prints: settings, records, counts by Art and Handlungsfeld, pages."""

    old: State
    new: State
    site: list[tuple[str, str, str]]
    kinds: list[KindDiff]
    by_art: list[tuple[str, int, int]]
    by_feld: list[tuple[str, int, int]]
    pages: dict[str, list[str]] | None
    pages_counted: bool

    @property
    def record_changes(self) -> int:
        """Settings and records that differ: what an editor changed."""
        return len(self.site) + sum(k.count for k in self.kinds)

    @property
    def page_changes(self) -> int:
        """Pages added, removed or with other content."""
        return sum(len(v) for v in self.pages.values()) if self.pages else 0

    @property
    def changes(self) -> int:
        """How many differences count for the exit code: records and settings; pages only
        when no record changed (then a template did), since pages repeat derived text."""
        if self.record_changes or not self.pages_counted:
            return self.record_changes
        return self.page_changes


def compare(old: State, new: State) -> Report:
    """The differences between two states."""
    site = [
        (label, old.site.get(key, ""), new.site.get(key, ""))
        for key, label in SITE_FIELDS
        if old.site.get(key, "") != new.site.get(key, "")
    ]
    kinds = [_compare_kind(kind, old, new) for kind in REPORT_ORDER]
    pages = None
    if old.pages is not None and new.pages is not None:
        pages = {
            "added": sorted(set(new.pages) - set(old.pages)),
            "removed": sorted(set(old.pages) - set(new.pages)),
            "changed": sorted(
                p for p in old.pages if p in new.pages and old.pages[p] != new.pages[p]
            ),
        }
    return Report(
        old,
        new,
        site,
        kinds,
        _by_art(old, new),
        _by_feld(old, new),
        pages,
        pages_counted=pages is not None and old.build_date == new.build_date,
    )


def _label(kind: str, rid: str, record: dict, state: State) -> str:
    if kind == "kommunen":
        return f"{record['name']} ({rid})"
    if kind in ("massnahmen", STORIES):
        return f"{record['titel']} ({rid})"
    if kind == "handlungsfelder":
        return f"{record['name']} ({rid})"
    info = ART_BY_ID.get(record["art"])
    arrow = "→" if info is None or info.directed else "–"
    art = info.label if info else record["art"]
    ends = f"{state.kommune_name(record['von'])} {arrow} {state.kommune_name(record['nach'])}"
    return f"{ends} ({art}, {_zeitraum(record['zeitraum'])})"


def _zeitraum(value: str) -> str:
    try:
        return zeitraum_label(value)
    except ValueError:
        return value


def _display(fld: str, value: Any, state: State) -> str:
    """A field's value as a reviewer reads it: names instead of ids."""
    text = "" if value is None else str(value)
    if fld in ("von", "nach"):
        return state.kommune_name(text)
    if fld == "handlungsfelder":
        felder = state.records["handlungsfelder"]
        return ", ".join(felder[h]["name"] if h in felder else h for h in text.split("|") if h)
    if fld == "kommunen":
        return ", ".join(state.kommune_name(k) for k in text.split("|") if k)
    if fld == "massnahme" and text:
        record = state.records["massnahmen"].get(text)
        return record["titel"] if record else text
    if fld == "zeitraum":
        return _zeitraum(text)
    return text


def _fields(old: dict, new: dict, old_state: State, new_state: State) -> list[tuple[str, str, str]]:
    out = []
    for key in list(old) + [k for k in new if k not in old]:
        if old.get(key) != new.get(key):
            out.append(
                (
                    key,
                    _display(key, old.get(key), old_state),
                    _display(key, new.get(key), new_state),
                )
            )
    return out


def _compare_kind(kind: str, old: State, new: State) -> KindDiff:
    before, after = old.records[kind], new.records[kind]
    result = KindDiff(kind, len(before), len(after))
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    for rid in sorted(set(before) & set(after)):
        if before[rid] != after[rid]:
            fields = _fields(before[rid], after[rid], old, new)
            result.changed.append(Change(rid, _label(kind, rid, after[rid], new), tuple(fields)))
    if kind == "verbindungen":
        # A Verbindung whose half-year was corrected is one change, not one removal and one
        # addition: pair them when the ends and the Art match exactly one on each side.
        def pair_key(rid: str) -> str:
            return rid.rsplit("|", 1)[0]

        gone = Counter(pair_key(r) for r in removed)
        come = Counter(pair_key(r) for r in added)
        for key in sorted(k for k in gone if gone[k] == 1 and come.get(k) == 1):
            r_old = next(r for r in removed if pair_key(r) == key)
            r_new = next(r for r in added if pair_key(r) == key)
            removed.remove(r_old)
            added.remove(r_new)
            fields = _fields(before[r_old], after[r_new], old, new)
            result.changed.append(
                Change(r_new, _label(kind, r_new, after[r_new], new), tuple(fields))
            )
    result.added = sorted(((r, _label(kind, r, after[r], new)) for r in added), key=_by_label)
    result.added_fields = {
        r: [
            (k, _display(k, v, new))
            for k, v in after[r].items()
            if v not in ("", None) and k != "id"
        ]
        for r in added
    }
    result.removed = sorted(((r, _label(kind, r, before[r], old)) for r in removed), key=_by_label)
    result.changed.sort(key=lambda c: (c.label.casefold(), c.id))
    return result


def _by_label(item: tuple[str, str]) -> tuple[str, str]:
    return item[1].casefold(), item[0]


def _by_art(old: State, new: State) -> list[tuple[str, int, int]]:
    a = Counter(v["art"] for v in old.records["verbindungen"].values())
    b = Counter(v["art"] for v in new.records["verbindungen"].values())
    known = [art.id for art in ARTEN]
    extra = sorted((set(a) | set(b)) - set(known))
    return [(ART_BY_ID[x].label if x in ART_BY_ID else x, a[x], b[x]) for x in known + extra]


def _by_feld(old: State, new: State) -> list[tuple[str, int, int]]:
    def counts(state: State) -> Counter:
        return Counter(
            h
            for v in state.records["verbindungen"].values()
            for h in v["handlungsfelder"].split("|")
            if h
        )

    a, b = counts(old), counts(new)
    names = {h: r["name"] for h, r in old.records["handlungsfelder"].items()}
    names.update({h: r["name"] for h, r in new.records["handlungsfelder"].items()})
    ids = sorted(set(names) | set(a) | set(b), key=lambda h: (str(names.get(h, h)).casefold(), h))
    return [(str(names.get(h, h)), a[h], b[h]) for h in ids]


def _delta(before: int, after: int) -> str:
    return f"{after - before:+d}" if after != before else "±0"


def report_text(report: Report) -> str:
    """The report as plain text: content per file first, then counts, then pages."""
    lines = [f"Alt: {report.old.describe()}", f"Neu: {report.new.describe()}", ""]
    if report.site:
        lines.append("site.yaml: Einstellungen geändert")
        lines += [f"  ~ {label}: {a!r} → {b!r}" for label, a, b in report.site]
    for kd in (k for k in report.kinds if k.shown):
        lines.append(
            f"{kd.file} ({kd.label} {kd.before} → {kd.after}): {len(kd.added)} neu, "
            f"{len(kd.removed)} entfernt, {len(kd.changed)} geändert"
        )
        for rid, label in kd.added:
            lines.append(f"  + {label}")
            lines += [f"      {fld}: {value}" for fld, value in kd.added_fields.get(rid, [])]
        lines += [f"  - {label}" for _, label in kd.removed]
        for change in kd.changed:
            lines.append(f"  ~ {change.label}")
            lines += [f"      {fld}: {a!r} → {b!r}" for fld, a, b in change.fields]
    for title, rows in (
        ("Verbindungen je Art", report.by_art),
        ("je Handlungsfeld", report.by_feld),
    ):
        lines += ["", f"{title}:"]
        width = max((len(r[0]) for r in rows), default=0)
        lines += [f"  {n:<{width}}  {a:>5} → {b:<5} {_delta(a, b)}" for n, a, b in rows]
    if report.pages is not None:
        lines += ["", _pages_line(report)]
    lines += ["", _verdict(report)]
    return "\n".join(lines) + "\n"


def _pages_line(report: Report) -> str:
    p = report.pages or {"added": [], "removed": [], "changed": []}
    line = (
        f"Seiten: {len(p['added'])} neu, {len(p['removed'])} entfernt, "
        f"{len(p['changed'])} mit anderem Inhalt"
    )
    if not report.page_changes:
        return line
    if not report.pages_counted:
        return line + " (verschiedene Erstellungsdaten: zählt nicht als Änderung)"
    if report.record_changes:
        return line + " (Folge der Datenänderungen, etwa Zahlen im Hinweis: zählt nicht extra)"
    return line + " (ohne Datenänderung: Vorlagen oder Programm geändert)"


def _verdict(report: Report) -> str:
    n = report.changes
    if not n:
        return "Keine Änderungen."
    if report.record_changes:
        return f"{n} Änderung{'en' if n != 1 else ''} im Inhalt."
    return f"{n} Seite{'n' if n != 1 else ''} mit anderem Inhalt."


_HTML = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(
    """<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Änderungen: {{ r.new.site.title }}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;
  color:#1d2733}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccd3da}
.add{color:#1b7837}.del{color:#b2182b}.chg{color:#7a5a00}
table{border-collapse:collapse}
td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #e6e9ed}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.moved td{background:#fff6d6}
.fields{margin:.1rem 0 .5rem 1.5rem;font-size:.92em}
.old{text-decoration:line-through;color:#6b7885}.verdict{font-weight:bold;font-size:1.1rem}
</style>
</head>
<body>
<h1>Änderungen im Netzwerk-Dashboard</h1>
<p>Alt: {{ r.old.describe() }}<br>Neu: {{ r.new.describe() }}</p>
<p class="verdict">{{ verdict }}</p>
{% if r.site %}
<h2>Einstellungen</h2>
<ul>
{% for label, a, b in r.site %}
<li>{{ label }}: <span class="old">{{ a }}</span> → {{ b }}</li>
{% endfor %}
</ul>
{% endif %}
{% for kd in r.kinds if kd.shown %}
<h2>{{ kd.file }} ({{ kd.label }} {{ kd.before }} → {{ kd.after }})</h2>
<p>{{ kd.added|length }} neu, {{ kd.removed|length }} entfernt, {{ kd.changed|length }} geändert</p>
{% if kd.count %}
<ul>
{% for rid, label in kd.added %}<li class="add">+ {{ label }}<ul class="fields">
{% for f, v in kd.added_fields[rid] %}<li>{{ f }}: {{ v }}</li>{% endfor %}
</ul></li>{% endfor %}
{% for _, label in kd.removed %}<li class="del">− {{ label }}</li>{% endfor %}
{% for c in kd.changed %}
<li class="chg">~ {{ c.label }}<ul class="fields">
{% for f, a, b in c.fields %}
<li>{{ f }}: <span class="old">{{ a }}</span> → {{ b }}</li>
{% endfor %}
</ul></li>
{% endfor %}
</ul>
{% endif %}
{% endfor %}
{% for title, rows in tables %}
<h2>{{ title }}</h2>
<table><tr><th></th><th>vorher</th><th>nachher</th><th>Δ</th></tr>
{% for name, a, b in rows %}
<tr{% if a != b %} class="moved"{% endif %}><td>{{ name }}</td><td class="n">{{ a }}</td>
<td class="n">{{ b }}</td><td class="n">{{ delta(a, b) }}</td></tr>
{% endfor %}
</table>
{% endfor %}
{% if r.pages is not none %}
<h2>Seiten</h2>
<p>{{ pages_line }}</p>
{% endif %}
</body>
</html>
"""
)


def report_html(report: Report) -> str:
    """The report as a self-contained HTML page; every value from data is escaped."""
    tables = (
        ("Verbindungen je Art", report.by_art),
        ("Verbindungen je Handlungsfeld", report.by_feld),
    )
    return _HTML.render(
        r=report,
        verdict=_verdict(report),
        delta=_delta,
        tables=tables,
        pages_line=_pages_line(report) if report.pages is not None else "",
    )


def run_diff(
    old: Path | None,
    new: Path,
    html_out: Path | None = None,
    quiet: bool = False,
    seit: str | None = None,
    content: Path | None = None,
) -> int:
    """The diff command: 0 nothing changed, 1 something changed, 2 error. With seit, the old
    state is the content folder (content, else new) at that git revision."""
    try:
        if seit is not None:
            old_state = load_revision(content or new, seit)
        elif old is not None:
            old_state = load_state(old)
        else:
            raise DiffError("alten Stand angeben: OLD oder --seit REV")
        report = compare(old_state, load_state(new))
        if html_out is not None:
            html_out.parent.mkdir(parents=True, exist_ok=True)
            html_out.write_text(report_html(report), "utf-8")
    except DiffError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"Fehler beim Lesen oder Schreiben: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if not quiet:
        sys.stdout.write(report_text(report))
    return EXIT_CHANGED if report.changes else EXIT_SAME
