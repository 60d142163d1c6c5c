"""Validate phase: check raw records against the schema and turn them into the model."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.content.load import RawContent, Record
from generator.content.model import (
    Barrierefreiheit,
    Handlungsfeld,
    Kommune,
    Massnahme,
    Network,
    Site,
    Verbindung,
)
from generator.content.schema import (
    KOMMUNEN,
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    URL_MAX_LENGTH,
    VERBINDUNGEN,
    Table,
    column,
)
from generator.content.vocab import (
    ART_BY_ID,
    BUNDESLAENDER,
    ILLUSTRATIVE_PREFIX,
    KTS_SOURCE_PREFIX,
    TYPEN,
    germany_with_margin,
)
from generator.errors import Problems

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ZEITRAUM = re.compile(r"^(\d{4})-H([12])$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
TILES_HOST = re.compile(r"^[A-Za-z0-9.{}-]+(:\d+)?$")
ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")
AGS = re.compile(r"^\d{8}$")
LAND = re.compile(r"^[A-Z]{2}$")
# Control characters (tab and line breaks aside) are never meant and would vanish or garble.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The tiles attribution is HTML (Leaflet shows it as such): only text, entities and plain
# links to http(s) addresses are allowed.
ATTRIBUTION_TAG = re.compile(r"<[^>]*>?")
ATTRIBUTION_LINK = re.compile(r'^<a href="https?://[^"<>\s]+">$|^</a>$')
# How Excel and editors write ja/nein; an empty cell is nein.
YES = {"ja", "j", "x", "true", "wahr", "yes", "1"}
NO = {"nein", "n", "", "false", "falsch", "no", "0"}

UNLINKED_SOURCES = (ILLUSTRATIVE_PREFIX, KTS_SOURCE_PREFIX)
# The programme's first reports: no Zeitraum lies before it.
FIRST_ZEITRAUM = (2019, 1)


def _one_of(values: Any) -> str:
    return ", ".join(str(v) for v in values)


def _suggest(value: str, known: Any) -> str:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    return f" (meinten Sie: {', '.join(close)}?)" if close else ""


class _Checker:
    """Field checks that record problems against a record and return clean values."""

    def __init__(self, problems: Problems) -> None:
        self.p = problems

    def error(self, rec: Record, name: str, message: str) -> None:
        self.p.error(rec.file, rec.line_of(name), name, message)

    def text(self, rec: Record, name: str, required: bool | None = None) -> str:
        if required is None:
            declared = column(rec.file, name)
            required = declared.required if declared else True
        value = rec.values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(rec, name, "Pflichtfeld fehlt oder ist leer")
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.error(rec, name, f"erwartet: Text, erhalten: {_kind(value)}")
            return ""
        text = str(value).strip()
        declared = column(rec.file, name)
        if not self.short(rec, name, text, declared.max_length if declared else TEXT_MAX_LENGTH):
            return ""
        control = CONTROL.search(text)
        if control:
            self.error(
                rec,
                name,
                f"unsichtbares Steuerzeichen U+{ord(control.group()):04X} an Stelle "
                f"{control.start() + 1}; bitte entfernen",
            )
            return ""
        return text

    def short(self, rec: Record, name: str, text: str, limit: int, what: str = "Text") -> bool:
        """Whether a text keeps to its field's length limit (an error if not)."""
        if len(text) <= limit:
            return True
        self.error(
            rec, name, f"{what} ist zu lang ({len(text)} Zeichen; erlaubt sind höchstens {limit})"
        )
        return False

    def slug(self, rec: Record, name: str) -> str:
        value = self.text(rec, name)
        if value and not SLUG.match(value):
            self.error(
                rec,
                name,
                f"'{value}' ist keine gültige id (erlaubt: a-z, 0-9 und Bindestrich, "
                "z. B. 'bad-belzig')",
            )
            return ""
        return value

    def url(self, rec: Record, name: str, required: bool | None = None) -> str:
        value = self.text(rec, name, required)
        if value and not URL.match(value):
            self.error(rec, name, f"'{value}' ist keine http- oder https-Adresse")
            return ""
        return value

    def id_list(self, rec: Record, name: str, known: Any, what: str, one: str) -> tuple[str, ...]:
        items = self._list_items(rec, name, what)
        out: list[str] = []
        for item in items or ():
            if not item:
                self.error(rec, name, f"leerer Eintrag in der Liste von {what}")
            elif item not in known:
                self.error(rec, name, f"{one} '{item}' ist unbekannt{_suggest(item, known)}")
            elif item in out:
                self.error(rec, name, f"'{item}' steht doppelt in der Liste")
            else:
                out.append(item)
        declared = column(rec.file, name)
        if declared and declared.max_items and len(out) > declared.max_items:
            self.error(rec, name, f"höchstens {declared.max_items} Einträge (hier {len(out)})")
        return tuple(out)

    def _list_items(self, rec: Record, name: str, what: str) -> list[str] | None:
        """The entries of a list field (a YAML list, or ids joined by | in a CSV cell), or None
        when it is empty, too long or of another kind (each with its error)."""
        value = rec.values.get(name)
        declared = column(rec.file, name)
        if value is None or value == "" or value == []:
            if declared is None or declared.required:
                self.error(
                    rec, name, f"Pflichtfeld fehlt oder ist leer (erwartet: Liste von {what})"
                )
            return None
        limit = declared.max_length if declared else TEXT_MAX_LENGTH
        shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        if not self.short(rec, name, shown, limit, "Liste" if isinstance(value, list) else "Text"):
            return None
        if isinstance(value, str) and rec.file.endswith(".yaml"):
            self.error(
                rec,
                name,
                f"erwartet: Liste von {what} wie [{value.strip()}], erhalten: Text "
                "(eckige Klammern oder Zeilen mit '- ' verwenden)",
            )
            return None
        if isinstance(value, str):
            return [v.strip() for v in value.split("|")]
        if isinstance(value, list):
            return [str(v).strip() if isinstance(v, (str, int)) else "" for v in value]
        self.error(rec, name, f"erwartet: Liste von {what}, erhalten: {_kind(value)}")
        return None


class _Anything(set):
    """The ids of a file that could not be read: every reference to it passes, so its one
    error is not buried under hundreds of "unknown id" reports."""

    def __contains__(self, item: object) -> bool:
        return True


def _known(ids: set[str], records: list[Record], file: str, problems: Problems) -> set[str]:
    """Ids that references may name without a follow-on error: the valid ones, those whose
    own line already has an error (an invalid id), or all when the file was unreadable."""
    if not records and any(p.file == file and p.severity == "error" for p in problems.items):
        return _Anything()
    return ids | {str(r.values.get("id") or "").strip() for r in records} - {""}


def _kind(value: Any) -> str:
    return {list: "Liste", dict: "Schlüssel mit Werten", bool: "ja/nein"}.get(
        type(value), type(value).__name__
    )


def validate(raw: RawContent, problems: Problems) -> Network | None:
    """Check everything, record every problem; return the model only when there are none."""
    c = _Checker(problems)
    site = _site(raw.site, c)
    # Ids of records with other errors still count as known: no follow-on "unknown id" reports.
    felder, hf_ids = _handlungsfelder(raw.handlungsfelder, c)
    hf_ids = _known(hf_ids, raw.handlungsfelder, "handlungsfelder.yaml", problems)
    kommunen, k_ids = _kommunen(raw.kommunen, c)
    k_ids = _known(k_ids, raw.kommunen, "kommunen.csv", problems)
    massnahmen, m_ids = _massnahmen(raw.massnahmen, c, hf_ids, k_ids)
    m_ids = _known(m_ids, raw.massnahmen, "massnahmen.yaml", problems)
    verbindungen = _verbindungen(raw.verbindungen, c, site, _Ids(hf_ids, k_ids, m_ids))
    _unreferenced(raw, problems)
    if problems.errors or site is None:
        return None
    return Network(
        site=site,
        handlungsfelder=tuple(felder),
        kommunen=tuple(sorted(kommunen, key=lambda k: k.id)),
        verbindungen=tuple(sorted(verbindungen, key=lambda v: (v.zeitraum, v.von, v.nach, v.art))),
        massnahmen=tuple(sorted(massnahmen, key=lambda m: m.id)),
    )


def _unreferenced(raw: RawContent, problems: Problems) -> None:
    """Warn about Maßnahmen no Verbindung names and Kommunen that nothing names."""
    used_m = {str(r.values.get("massnahme") or "").strip() for r in raw.verbindungen}
    used_k = {
        str(r.values.get(end) or "").strip() for r in raw.verbindungen for end in ("von", "nach")
    }
    for r in raw.massnahmen:
        kommunen = r.values.get("kommunen")
        if isinstance(kommunen, list):
            used_k.update(str(k).strip() for k in kommunen)
    for r in raw.massnahmen:
        mid = r.values.get("id")
        if isinstance(mid, str) and SLUG.match(mid) and mid not in used_m:
            problems.warning(
                r.file,
                r.line_of("id"),
                "id",
                f"Maßnahme '{mid}' wird von keiner Verbindung genannt (Spalte massnahme)",
            )
    for r in raw.kommunen:
        kid = r.values.get("id", "")
        if SLUG.match(kid) and kid not in used_k:
            problems.warning(
                r.file,
                r.line,
                "id",
                f"Kommune '{kid}' kommt in keiner Verbindung und keiner Maßnahme vor",
            )


def _attribution(rec: Record, text: str, c: _Checker) -> None:
    for tag in ATTRIBUTION_TAG.findall(text):
        if not ATTRIBUTION_LINK.match(tag):
            c.error(
                rec,
                "tiles",
                f"attribution: {tag!r} ist nicht erlaubt (nur Text und Links wie "
                '<a href="https://…">…</a>)',
            )
            return


def _tiles(rec: Record, c: _Checker) -> tuple[str, str, int]:
    """site.yaml's tiles: the URL pattern, the attribution (HTML) and the largest zoom."""
    tiles = rec.values.get("tiles")
    if not isinstance(tiles, dict):
        c.error(rec, "tiles", "erwartet: Schlüssel url und attribution")
        return "", "", 18
    tiles_url = str(tiles.get("url") or "").strip()
    attribution = str(tiles.get("attribution") or "").strip()
    if not (
        c.short(rec, "tiles", tiles_url, URL_MAX_LENGTH)
        and c.short(rec, "tiles", attribution, TEXT_MAX_LENGTH)
    ):
        return "", "", 18
    if not URL.match(tiles_url) or "{z}" not in tiles_url:
        c.error(rec, "tiles", "url muss eine http(s)-Adresse mit {z}, {x} und {y} sein")
    elif not TILES_HOST.match(urlsplit(tiles_url).netloc):
        # The host goes into the Content-Security-Policy: nothing there may end a directive.
        c.error(rec, "tiles", f"url: Rechnername '{urlsplit(tiles_url).netloc}' ist ungültig")
    if not attribution:
        c.error(rec, "tiles", "attribution fehlt (die Kartenquelle muss genannt werden)")
    _attribution(rec, attribution, c)
    zoom = tiles.get("max_zoom", 18)
    if isinstance(zoom, bool) or not isinstance(zoom, int) or not 1 <= zoom <= 22:
        c.error(rec, "tiles", f"max_zoom muss eine ganze Zahl von 1 bis 22 sein, ist {zoom!r}")
        zoom = 18
    return tiles_url, attribution, zoom


def _licence(rec: Record, c: _Checker) -> tuple[str, str]:
    """site.yaml's lizenz: name and optional URL of the data's licence."""
    licence = rec.values.get("lizenz")
    if licence is None:
        return "", ""
    if not isinstance(licence, dict) or not str(licence.get("name") or "").strip():
        c.error(rec, "lizenz", "erwartet: Schlüssel name (und optional url)")
        return "", ""
    licence_url = str(licence.get("url") or "").strip()
    if not (
        c.short(rec, "lizenz", str(licence["name"]).strip(), NAME_MAX_LENGTH)
        and c.short(rec, "lizenz", licence_url, URL_MAX_LENGTH)
    ):
        return "", ""
    if licence_url and not URL.match(licence_url):
        c.error(rec, "lizenz", f"url '{licence_url}' ist keine http- oder https-Adresse")
        licence_url = ""
    return str(licence["name"]).strip(), licence_url


def _site(rec: Record | None, c: _Checker) -> Site | None:
    if rec is None:
        return None
    title = c.text(rec, "title")
    description = c.text(rec, "description")
    base_url = c.url(rec, "base_url", required=True)
    datenstand = _date(rec, "datenstand", c)
    tiles_url, attribution, max_zoom = _tiles(rec, c)
    massnahmen_url = c.url(rec, "massnahmen_url", required=True)
    if massnahmen_url and "{id}" not in massnahmen_url:
        c.error(rec, "massnahmen_url", "Platzhalter {id} fehlt")
    licence_name, licence_url = _licence(rec, c)
    embed_origins = _embed_origins(rec, c)
    barrierefreiheit = _barrierefreiheit(rec, c)
    if datenstand is None:
        return None
    return Site(
        title,
        description,
        base_url,
        datenstand,
        tiles_url,
        attribution,
        max_zoom,
        massnahmen_url,
        licence_name,
        licence_url,
        embed_origins,
        barrierefreiheit=barrierefreiheit,
    )


def _embed_origins(rec: Record, c: _Checker) -> tuple[str, ...]:
    """einbetten.erlaubte_seiten: the origins (scheme, host, port) that may frame the dashboard."""
    embed = rec.values.get("einbetten")
    if embed is None:
        return ()
    pages = embed.get("erlaubte_seiten") if isinstance(embed, dict) else None
    if not isinstance(pages, list):
        c.error(
            rec,
            "einbetten",
            "erwartet: erlaubte_seiten als Liste von Adressen wie [https://www.example.org]",
        )
        return ()
    out = []
    for page in pages:
        text = str(page).strip().rstrip("/")
        if not c.short(rec, "einbetten", text, URL_MAX_LENGTH):
            continue
        if not ORIGIN.match(text):
            c.error(
                rec,
                "einbetten",
                f"erlaubte_seiten: '{page}' ist keine Herkunft wie https://www.example.org "
                "(nur Schema, Rechnername und Port, kein Pfad)",
            )
        elif text not in out:
            out.append(text)
    return tuple(out)


EMAIL = re.compile(r"^[^@\s<>\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# A kontakt's e-mail address goes into a mailto: link: no ?, & or % that would start its query.
KONTAKT_EMAIL = re.compile(r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
MAILTO = "mailto:"
PHONE = re.compile(r"^\+?[0-9][0-9 ()/-]{4,}[0-9]$")
A11Y_STATUS = {"vollständig": "vollstaendig", "teilweise": "teilweise", "nicht": "nicht"}
A11Y_FIELDS = (
    "kontakt_name",
    "kontakt_email",
    "kontakt_telefon",
    "kontakt_anschrift",
    "stand",
    "status",
    "methode",
)


def _kontakt(rec: Record, c: _Checker) -> str:
    """The optional kontakt of a Kommune or Maßnahme: an e-mail address (a leading mailto: is
    dropped) or an http(s) URL; '' when empty or neither (an error)."""
    given = c.text(rec, "kontakt")
    value = given[len(MAILTO) :].strip() if given.lower().startswith(MAILTO) else given
    if not given or (value and (KONTAKT_EMAIL.match(value) or URL.match(value))):
        return value
    c.error(
        rec,
        "kontakt",
        f"„{given}“ ist weder eine E-Mail-Adresse noch eine Web-Adresse (https://…).",
    )
    return ""


def _a11y_block(rec: Record, c: _Checker) -> Record | None:
    """site.yaml's barrierefreiheit as one record whose fields are named as they are nested
    ("barrierefreiheit.kontakt_email"), each with its own line; None when it is missing."""
    key = "barrierefreiheit"
    block = rec.values.get(key)
    if block is None:
        c.p.warning(
            rec.file,
            rec.line,
            key,
            "fehlt: die Erklärung zur Barrierefreiheit braucht kontakt_name, kontakt_email, "
            "stand und status (siehe README)",
        )
        return None
    if not isinstance(block, dict):
        c.error(rec, key, f"erwartet: Schlüssel wie kontakt_email, erhalten: {_kind(block)}")
        return None
    sub = Record(
        rec.file,
        rec.line_of(key),
        {f"{key}.{k}": v for k, v in block.items()},
        {k: n for k, n in rec.lines.items() if k.startswith(key + ".")},
    )
    for name in block:
        if name not in A11Y_FIELDS:
            c.error(
                sub,
                f"{key}.{name}",
                f"unbekannter Schlüssel{_suggest(name, A11Y_FIELDS)} "
                f"(erlaubt: {_one_of(A11Y_FIELDS)})",
            )
    return sub


def _matching(sub: Record, name: str, pattern: re.Pattern[str], what: str, c: _Checker) -> str:
    """An optional or required text that must match a pattern ('' when it does not)."""
    value = c.text(sub, name, required=name.endswith("kontakt_email"))
    if value and not pattern.match(value):
        c.error(sub, name, f"'{value}' ist keine {what}")
        return ""
    return value


def _a11y_status(sub: Record, c: _Checker) -> str | None:
    key = "barrierefreiheit.status"
    status_text = c.text(sub, key)
    status = A11Y_STATUS.get(status_text.lower()) if status_text else None
    if status_text and status is None:
        c.error(
            sub,
            key,
            f"unbekannter Stand der Vereinbarkeit '{status_text}' "
            f"(erlaubt: {_one_of(A11Y_STATUS)})",
        )
    return status


def _barrierefreiheit(rec: Record, c: _Checker) -> Barrierefreiheit | None:
    """The contact data of the Erklärung zur Barrierefreiheit (BITV 2.0 § 7)."""
    sub = _a11y_block(rec, c)
    if sub is None:
        return None
    key = "barrierefreiheit"
    name = c.text(sub, f"{key}.kontakt_name")
    email = _matching(sub, f"{key}.kontakt_email", EMAIL, "E-Mail-Adresse", c)
    phone = _matching(
        sub,
        f"{key}.kontakt_telefon",
        PHONE,
        "Telefonnummer (Ziffern, Leerzeichen, + ( ) / -)",
        c,
    )
    address = c.text(sub, f"{key}.kontakt_anschrift", required=False)
    methode = c.text(sub, f"{key}.methode", required=False) or "Selbstbewertung"
    stand = None
    if sub.values.get(f"{key}.stand") is None:
        c.error(sub, f"{key}.stand", "Pflichtfeld fehlt (Datum der Erklärung wie 2026-06-30)")
    else:
        stand = _date(sub, f"{key}.stand", c)
    status = _a11y_status(sub, c)
    if not (name and email and stand and status):
        return None
    return Barrierefreiheit(name, email, stand, status, phone, address, methode)


DATE_MAX_LENGTH = 40  # 2026-06-30, with room for a time of day


def _date(rec: Record, name: str, c: _Checker) -> dt.date | None:
    value = rec.values.get(name)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if not c.short(rec, name, value, DATE_MAX_LENGTH):
            return None
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    c.error(rec, name, f"erwartet: Datum wie 2026-06-30, erhalten: {value!r}")
    return None


def _unique(rec: Record, name: str, value: str, seen: dict[str, int], c: _Checker) -> bool:
    if not value:
        return False
    if value in seen:
        c.error(rec, name, f"id '{value}' ist doppelt (schon in Zeile {seen[value]})")
        return False
    seen[value] = rec.line
    return True


def _handlungsfelder(records: list[Record], c: _Checker) -> tuple[list[Handlungsfeld], set[str]]:
    seen: dict[str, int] = {}
    out = []
    for rec in records:
        hid = c.slug(rec, "id")
        name = c.text(rec, "name")
        farbe = c.text(rec, "farbe")
        if farbe and not COLOUR.match(farbe):
            c.error(rec, "farbe", f"erwartet: Farbe wie #1b7837, erhalten: '{farbe}'")
        beschreibung = c.text(rec, "beschreibung", required=False)
        name_en = c.text(rec, "name_en", required=False)
        if _unique(rec, "id", hid, seen, c) and name and COLOUR.match(farbe):
            out.append(Handlungsfeld(hid, name, farbe.lower(), beschreibung, name_en))
    _english_names(records, c)
    return out, set(seen)


def _english_names(records: list[Record], c: _Checker) -> None:
    """name_en is optional, but once one Handlungsfeld has it, every one needs it (the English
    edition would otherwise mix languages in one list)."""
    if not any(rec.values.get("name_en") for rec in records):
        return
    for rec in records:
        if not str(rec.values.get("name_en") or "").strip():
            c.error(
                rec,
                "name_en",
                "fehlt: sobald ein Handlungsfeld einen englischen Namen hat, braucht ihn jedes",
            )


def _check_columns(records: list[Record], table: Table, c: _Checker) -> None:
    """A CSV's header: the columns that are ever required are there, no unknown one."""
    if not records:
        return
    columns = records[0].values
    missing = [col for col in table.header_required if col not in columns]
    if missing:
        c.p.error(table.file, 1, missing[0], f"Spalte fehlt: {', '.join(missing)}")
    for col in columns:
        if col not in table.by_name and col not in table.derived:
            c.p.warning(table.file, 1, col or "-", f"unbekannte Spalte '{col}' wird ignoriert")


def _conditions(rec: Record, table: Table, values: dict[str, Any], c: _Checker) -> None:
    """The schema's conditional columns: required when another column has a value."""
    for col in table.columns:
        # A value refused for itself (too long, a control character) has its own error.
        given = str(rec.values.get(col.name) or "").strip()
        if col.when and col.when.holds(values) and not values[col.name] and not given:
            c.error(rec, col.name, col.when.message)


def _choice(rec: Record, name: str, value: str, what: str, c: _Checker) -> bool:
    """Whether value is in the column's vocabulary (an error naming the choices if not)."""
    declared = column(rec.file, name)
    allowed = [str(v) for v in declared.enum] if declared else []
    if not value or value in allowed:
        return bool(value)
    hint = _suggest(value, allowed) if len(allowed) > 8 else f" (erlaubt: {_one_of(allowed)})"
    c.error(rec, name, f"{what} '{value}'{hint}")
    return False


def _float(rec: Record, name: str, lo: float, hi: float, c: _Checker) -> float | None:
    value = c.text(rec, name)
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        c.error(rec, name, f"erwartet: Dezimalzahl wie 48.1372, erhalten: '{value}'")
        return None
    if not lo <= number <= hi:
        c.error(rec, name, f"{number} liegt außerhalb von {lo} bis {hi}")
        return None
    return number


def _land(rec: Record, c: _Checker) -> str:
    land = (c.text(rec, "land") or "DE").upper()
    if not LAND.match(land):
        c.error(rec, "land", f"erwartet: Ländercode nach ISO 3166-1 wie DE, AT, erhalten '{land}'")
    return land


def _bundesland(rec: Record, land: str, c: _Checker) -> str:
    bundesland = c.text(rec, "bundesland")
    if land != "DE" and bundesland:
        c.error(rec, "bundesland", f"muss leer sein, wenn land nicht DE ist (land: {land})")
    elif land == "DE":
        _choice(rec, "bundesland", bundesland, "unbekanntes Bundesland", c)
    return bundesland


def _in_germany(rec: Record, lat: float | None, lon: float | None, c: _Checker) -> None:
    """Coordinates of a German Kommune lie in Germany (catches swapped or mistyped values)."""
    if lat is None or lon is None:
        return
    la0, la1, lo0, lo1 = germany_with_margin()
    if not (la0 <= lat <= la1 and lo0 <= lon <= lo1):
        hint = " – Breite und Länge vertauscht?" if la0 <= lon <= la1 else ""
        c.error(rec, "lat", f"lat {lat} und lon {lon} liegen nicht in Deutschland{hint}")


def _mpsc(rec: Record, c: _Checker) -> bool:
    mpsc_raw = c.text(rec, "mpsc")
    if mpsc_raw.lower() not in YES | NO:
        c.error(rec, "mpsc", f"erwartet: ja oder nein (auch x, leer), erhalten: '{mpsc_raw}'")
    return mpsc_raw.lower() in YES


def _staffel(rec: Record, mpsc: bool, c: _Checker) -> int | None:
    staffel = c.text(rec, "staffel")
    if staffel and not mpsc:
        c.error(rec, "staffel", "Staffel nur für Modellprojekte (mpsc: ja) angeben")
        return None
    return int(staffel) if _choice(rec, "staffel", staffel, "unbekannte Staffel", c) else None


def _ags(rec: Record, bundesland: str, c: _Checker) -> str:
    """The AGS (one that lost its leading zero in Excel was restored by normalise)."""
    ags = c.text(rec, "ags")
    if ags and not AGS.match(ags):
        c.error(rec, "ags", f"erwartet: 8 Ziffern, erhalten: '{ags}'")
    elif ags and bundesland in BUNDESLAENDER and ags[:2] != BUNDESLAENDER[bundesland]:
        c.error(
            rec,
            "ags",
            f"beginnt mit {ags[:2]}, aber {bundesland} hat den "
            f"Schlüssel {BUNDESLAENDER[bundesland]}",
        )
    return ags


def _kommune(rec: Record, c: _Checker) -> dict[str, Any]:
    """One row of kommunen.csv as the model's values."""
    typ = c.text(rec, "typ")
    _choice(rec, "typ", typ, "unbekannter Typ", c)
    land = _land(rec, c)
    bundesland = _bundesland(rec, land, c)
    lat = _float(rec, "lat", -90, 90, c)
    lon = _float(rec, "lon", -180, 180, c)
    if land == "DE":
        _in_germany(rec, lat, lon, c)
    mpsc = _mpsc(rec, c)
    ags = _ags(rec, bundesland, c)
    values = {
        "id": c.slug(rec, "id"),
        "name": c.text(rec, "name"),
        "typ": typ if typ in TYPEN else "region",
        "land": land,
        "bundesland": bundesland,
        "lat": lat,
        "lon": lon,
        "mpsc": mpsc,
        "staffel": _staffel(rec, mpsc, c),
        "ags": ags,
        "website": c.url(rec, "website"),
        "beschreibung": c.text(rec, "beschreibung"),
        "kontakt": _kontakt(rec, c),
    }
    _conditions(rec, KOMMUNEN, {**values, "mpsc": "ja" if mpsc else "nein"}, c)
    return values


def _kommunen(records: list[Record], c: _Checker) -> tuple[list[Kommune], set[str]]:
    _check_columns(records, KOMMUNEN, c)
    seen: dict[str, int] = {}
    out = []
    for rec in records:
        values = _kommune(rec, c)
        ok = _unique(rec, "id", values["id"], seen, c)
        if ok and values["name"] and values["lat"] is not None and values["lon"] is not None:
            out.append(Kommune(**values))
    return out, set(seen)


def _massnahmen(
    records: list[Record], c: _Checker, hf_ids: set[str], k_ids: set[str]
) -> tuple[list[Massnahme], set[str]]:
    seen: dict[str, int] = {}
    out = []
    for rec in records:
        mid = c.slug(rec, "id")
        titel = c.text(rec, "titel")
        beschreibung = c.text(rec, "beschreibung", required=False)
        felder = c.id_list(rec, "handlungsfelder", hf_ids, "Handlungsfeldern", "Handlungsfeld")
        kommunen = c.id_list(rec, "kommunen", k_ids, "Kommunen", "Kommune")
        url = c.url(rec, "url")
        kontakt = _kontakt(rec, c)
        english = (
            c.text(rec, "titel_en", required=False),
            c.text(rec, "beschreibung_en", required=False),
        )
        if _unique(rec, "id", mid, seen, c) and titel:
            out.append(
                Massnahme(mid, titel, beschreibung, felder, kommunen, url, kontakt, *english)
            )
    return out, set(seen)


def _ends(rec: Record, k_ids: set[str], c: _Checker) -> tuple[str, str]:
    ends = []
    for name in ("von", "nach"):
        value = c.text(rec, name)
        if value and value not in k_ids:
            c.error(rec, name, f"unbekannte Kommune '{value}'{_suggest(value, k_ids)}")
        ends.append(value)
    von, nach = ends
    if von and von == nach:
        c.error(rec, "nach", f"Verbindung einer Kommune mit sich selbst ('{von}')")
    return von, nach


def _massnahme_ref(rec: Record, m_ids: set[str], c: _Checker) -> str | None:
    massnahme = c.text(rec, "massnahme") or None
    if massnahme and massnahme not in m_ids:
        c.error(
            rec,
            "massnahme",
            f"unbekannte Maßnahme '{massnahme}' (nicht in "
            f"massnahmen.yaml){_suggest(massnahme, m_ids)}",
        )
    return massnahme


def _zeitraum(rec: Record, site: Site | None, c: _Checker) -> str:
    """The half-year, '' when it is not one (or lies before the programme's first reports;
    one after the Datenstand is an error too)."""
    zeitraum = c.text(rec, "zeitraum")
    match = ZEITRAUM.match(zeitraum) if zeitraum else None
    if zeitraum and not match:
        c.error(rec, "zeitraum", f"erwartet: Halbjahr wie 2023-H1, erhalten: '{zeitraum}'")
        return ""
    if match and (int(match.group(1)), int(match.group(2))) < FIRST_ZEITRAUM:
        first = "{}-H{}".format(*FIRST_ZEITRAUM)
        c.error(
            rec,
            "zeitraum",
            f"{zeitraum} liegt vor {first}, dem ersten Berichtshalbjahr des Programms",
        )
        return ""
    if match and site is not None:
        start_month = 1 if match.group(2) == "1" else 7
        if dt.date(int(match.group(1)), start_month, 1) > site.datenstand:
            c.error(
                rec,
                "zeitraum",
                f"{zeitraum} liegt nach dem Datenstand {site.datenstand.isoformat()}",
            )
    return zeitraum if match else ""


def _quelle(rec: Record, c: _Checker) -> tuple[str, str]:
    quelle = c.text(rec, "quelle")
    quelle_url = c.url(rec, "quelle_url")
    given = str(rec.values.get("quelle_url") or "").strip()
    if quelle and not given and not quelle.startswith(UNLINKED_SOURCES):
        c.p.warning(
            rec.file,
            rec.line_of("quelle"),
            "quelle_url",
            f"Quelle '{quelle}' ohne Adresse: quelle_url angeben (öffentliche Quelle) "
            f"oder die Quelle mit '{ILLUSTRATIVE_PREFIX}' beginnen (illustrativer Eintrag)",
        )
    return quelle, quelle_url


def _verbindung(rec: Record, c: _Checker, site: Site | None, ids: _Ids) -> dict[str, Any]:
    """One row of verbindungen.csv as the model's values ('' where a value is unusable)."""
    von, nach = _ends(rec, ids.kommunen, c)
    art = c.text(rec, "art")
    _choice(rec, "art", art, "unbekannte Art", c)
    felder = c.id_list(
        rec, "handlungsfelder", ids.handlungsfelder, "Handlungsfeldern", "Handlungsfeld"
    )
    massnahme = _massnahme_ref(rec, ids.massnahmen, c)
    zeitraum = _zeitraum(rec, site, c)
    beschreibung = c.text(rec, "beschreibung")
    quelle, quelle_url = _quelle(rec, c)
    beleg = c.text(rec, "beleg")
    return {
        "von": von,
        "nach": nach,
        "art": art,
        "handlungsfelder": felder,
        "massnahme": massnahme,
        "zeitraum": zeitraum,
        "beschreibung": beschreibung,
        "quelle": quelle,
        "quelle_url": quelle_url,
        "beleg": beleg,
    }


def _usable(values: dict[str, Any], k_ids: set[str]) -> bool:
    von, nach = values["von"], values["nach"]
    return (
        von in k_ids
        and nach in k_ids
        and von != nach
        and values["art"] in ART_BY_ID
        and bool(values["zeitraum"])
    )


@dataclass(frozen=True)
class _Ids:
    """The ids that references may name (see _known)."""

    handlungsfelder: set[str]
    kommunen: set[str]
    massnahmen: set[str]


def _verbindungen(
    records: list[Record], c: _Checker, site: Site | None, ids: _Ids
) -> list[Verbindung]:
    _check_columns(records, VERBINDUNGEN, c)
    seen: dict[tuple, int] = {}
    out = []
    for rec in records:
        values = _verbindung(rec, c, site, ids)
        _conditions(rec, VERBINDUNGEN, values, c)
        if not _usable(values, ids.kommunen):
            continue
        von, nach, art, zeitraum = (values[k] for k in ("von", "nach", "art", "zeitraum"))
        directed = ART_BY_ID[art].directed
        key = (von, nach, art, zeitraum) if directed else (*sorted((von, nach)), art, zeitraum)
        if key in seen:
            c.error(
                rec,
                "von",
                f"doppelte Verbindung ({von} – {nach}, {art}, {zeitraum}; "
                f"schon in Zeile {seen[key]})",
            )
            continue
        seen[key] = rec.line
        if values["handlungsfelder"] and values["quelle"]:
            out.append(Verbindung(**values))
    return out
