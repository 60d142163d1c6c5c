"""The guided stories of geschichten.yaml: checked like the other content, into the model.

A story is a list of steps, each a text and a view of the dashboard (its address, ansicht),
which the dashboard shows one after another (templates/assets/js/dashboard/stories.js).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from generator.content.ansicht import Known, parse_ansicht
from generator.content.load import GESCHICHTEN_FILE, RawContent, Record
from generator.content.model import Geschichte, Schritt, _half_year
from generator.content.schema import NAME_MAX_LENGTH, URL_MAX_LENGTH
from generator.content.validate import ZEITRAUM, _Anything, _Checker, _known, _suggest
from generator.content.vocab import BUNDESLAENDER
from generator.errors import Problems

FILE = GESCHICHTEN_FILE
KEYS = ("id", "titel", "schritte")
STEP_KEYS = ("text", "ansicht")


def check_geschichten(raw: RawContent, problems: Problems) -> tuple[Geschichte, ...]:
    """The stories of raw.geschichten, each problem recorded (then the story is left out)."""
    if not raw.geschichten:
        return ()
    c = _Checker(problems)
    known = _known_values(raw, problems)
    out: list[Geschichte] = []
    first_line: dict[str, int] = {}
    for rec in raw.geschichten:
        before = len(problems.errors)
        story = _geschichte(rec, c, known)
        if story and story.id in first_line:
            c.error(
                rec, "id", f"id '{story.id}' steht doppelt (schon in Zeile {first_line[story.id]})"
            )
        elif story and len(problems.errors) == before:
            first_line[story.id] = rec.line_of("id")
            out.append(story)
    return tuple(out)


def _known_values(raw: RawContent, problems: Problems) -> Known:
    """What the content lets an address name (everything, for a file that could not be read)."""
    return Known(
        kommunen=_known(set(), raw.kommunen, "kommunen.csv", problems),
        handlungsfelder=_known(set(), raw.handlungsfelder, "handlungsfelder.yaml", problems),
        bundeslaender=set(BUNDESLAENDER),
        zeitraeume=_zeitraeume(raw, problems),
    )


def _zeitraeume(raw: RawContent, problems: Problems) -> Collection[str]:
    """The half-years of the dashboard's Zeitraum filter: the first reported to the last."""
    if not raw.verbindungen and any(p.file == "verbindungen.csv" for p in problems.errors):
        return _Anything()
    reported = [
        _half_year(z)
        for z in {str(r.values.get("zeitraum", "")).strip() for r in raw.verbindungen}
        if ZEITRAUM.match(z)
    ]
    if not reported:
        return set()
    return {f"{n // 2}-H{n % 2 + 1}" for n in range(min(reported), max(reported) + 1)}


def _unknown_keys(rec: Record, allowed: tuple[str, ...], c: _Checker, where: str = "") -> None:
    """A key the file does not know is an error (a typo would otherwise go unnoticed)."""
    for key in rec.values:
        if key not in allowed:
            c.error(
                rec,
                key,
                f"{where}unbekannter Schlüssel '{key}'{_suggest(key, allowed)} (erlaubt: "
                f"{', '.join(allowed)})",
            )


def _geschichte(rec: Record, c: _Checker, known: Known) -> Geschichte | None:
    """One story, or None when its id, titel or steps are missing."""
    _unknown_keys(rec, KEYS, c)
    gid = c.slug(rec, "id")
    titel = c.text(rec, "titel", required=True)
    if titel and not c.short(rec, "titel", titel, NAME_MAX_LENGTH):
        titel = ""
    items = rec.values.get("schritte")
    if items is None or items == [] or items == "":
        c.error(
            rec,
            "schritte",
            "Pflichtfeld fehlt oder ist leer (erwartet: Liste von Schritten "
            "mit text und ansicht); eine Geschichte braucht mindestens einen Schritt",
        )
        return None
    if not isinstance(items, list):
        c.error(rec, "schritte", "erwartet: Liste von Schritten (Zeilen mit '- text: …')")
        return None
    schritte = [
        _schritt(_step_record(rec, i, item), i + 1, c, known) for i, item in enumerate(items)
    ]
    if not (gid and titel) or any(s is None for s in schritte):
        return None
    return Geschichte(gid, titel, tuple(s for s in schritte if s is not None))


def _step_record(rec: Record, i: int, item: Any) -> Record:
    """Step i of a story as a record of its own, with the lines of its keys."""
    prefix = f"schritte.{i}."
    line = rec.lines.get(f"schritte.{i}", rec.line_of("schritte"))
    lines = {k[len(prefix) :]: n for k, n in rec.lines.items() if k.startswith(prefix)}
    return Record(rec.file, line, item if isinstance(item, dict) else {"": item}, lines)


def _schritt(step: Record, number: int, c: _Checker, known: Known) -> Schritt | None:
    """One step, or None after its problems are recorded."""
    where = f"Schritt {number}: "
    if "" in step.values:
        c.error(step, "schritte", f"{where}erwartet: text und ansicht (Zeilen mit '- text: …')")
        return None
    _unknown_keys(step, STEP_KEYS, c, where)
    text = c.text(step, "text", required=True)
    raw_view = c.text(step, "ansicht", required=True)
    ansicht = None
    if raw_view and c.short(step, "ansicht", raw_view, URL_MAX_LENGTH, "Adresse"):
        ansicht = parse_ansicht(
            raw_view,
            known,
            lambda message: c.error(step, "ansicht", where + message),
            _suggest,
        )
    if not text or ansicht is None:
        return None
    return Schritt(text, ansicht)
