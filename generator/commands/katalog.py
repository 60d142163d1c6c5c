"""`kts-dashboard katalog`: the interface strings extracted (Babel) into every catalogue.

What `pybabel extract` and `pybabel update` do, with the project's mapping and keywords
declared once here, and a check that fails when a catalogue lacks a string or keeps one that
no template, script or module uses any more.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from generator.i18n import ALL_LANGUAGES, CATALOGUE, SOURCE, message_key, translated

# Where strings are marked and how (pybabel extract -F babel.cfg -k … reads the same).
METHODS = [
    ("generator/**.py", "python"),
    ("templates/**.html", "jinja2"),
    ("templates/assets/js/**.js", "javascript"),
]
OPTIONS = {
    "templates/**.html": {"trimmed": "true", "trim_blocks": "true", "lstrip_blocks": "true"},
}
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "lazy": None,
    "lazy_n": (1, 2),
    "t": None,  # lib.t in the scripts
    "nt": (1, 2),  # lib.nt
}
# The header's dates stay fixed: the catalogue changes only when its strings do.
DATE = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Report:
    """What a catalogue lacks and what it keeps in vain."""

    code: str
    untranslated: tuple[str, ...]
    unused: tuple[str, ...]
    changed: bool


def extract(project: Path) -> Catalog:
    """Every marked string of the templates, the scripts and the modules, with where it is."""
    template = Catalog(
        project="Netzwerk-Dashboard",
        locale=None,
        creation_date=DATE,
        revision_date=DATE,
        charset="utf-8",
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        project,
        METHODS,
        OPTIONS,
        KEYWORDS,
        comment_tags=("Übersetzung:",),
        strip_comment_tags=True,
        directory_filter=_searched,
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def _searched(dirpath: str) -> bool:
    """Every folder but hidden ones and caches (Babel's default also skips _partials/)."""
    name = Path(dirpath).name
    return not name.startswith(".") and name not in ("__pycache__", "node_modules", "dist")


def merged(template: Catalog, code: str, old: Catalog | None) -> Catalog:
    """The language's catalogue: the template's strings, the translations old has of them."""
    catalog = Catalog(
        locale=code,
        project="Netzwerk-Dashboard",
        creation_date=DATE,
        revision_date=DATE,
        copyright_holder="Koordinierungs- und Transferstelle Modellprojekte Smart Cities",
        charset="utf-8",
        fuzzy=False,
    )
    for message in template:
        if not message.id:
            continue
        known = old.get(message.id, message.context) if old is not None else None
        string = known.string if known is not None else ("", "") if message.pluralizable else ""
        catalog.add(
            message.id,
            string,
            message.locations,
            auto_comments=message.auto_comments,
            context=message.context,
        )
    return catalog


def po_text(catalog: Catalog) -> bytes:
    """The catalogue as its .po file: sorted, locations without line numbers (stable when a
    template's lines move)."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False)
    return out.getvalue()


def run_katalog(project: Path, check: bool = False) -> list[Report]:
    """Bring every catalogue up to the strings in use (check: only report, write nothing)."""
    template = extract(project)
    used = {message_key(m) for m in template if m.id}
    reports = []
    for lang in ALL_LANGUAGES:
        if lang.code == SOURCE.code:
            continue
        path = project / "locale" / CATALOGUE.format(code=lang.code)
        old = read_po(path.open("rb"), locale=lang.code) if path.exists() else None
        catalog = merged(template, lang.code, old)
        text = po_text(catalog)
        untranslated = tuple(message_key(m) for m in catalog if m.id and not translated(m))
        unused = tuple(
            sorted(message_key(m) for m in (old or ()) if m.id and message_key(m) not in used)
        )
        changed = not path.exists() or path.read_bytes() != text
        if changed and not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text)
        reports.append(Report(lang.code, untranslated, unused, changed))
    return reports
