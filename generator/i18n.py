"""The site's languages, declared once, and their gettext catalogues (Babel).

German is the source language: every interface string is written in German where it is used,
marked for extraction (`_()`/`ngettext()` in templates, `lib.t()`/`lib.nt()` in scripts,
`N_()`/`lazy()` in Python), and looked up in locale/<code>/LC_MESSAGES/messages.po.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations


@dataclass(frozen=True)
class Language:
    """One edition of the site."""

    code: str  # BCP 47, also <html lang>, hreflang and the catalogue's folder
    name: str  # in its own language, for the switch between editions
    prefix: str  # where its pages lie below the site's root ("" or "en/")

    def path(self, page: str) -> str:
        """A page's path below the site's root in this edition."""
        return self.prefix + page


ALL_LANGUAGES: tuple[Language, ...] = (
    Language("de", "Deutsch", ""),
    Language("en", "English", "en/"),
)
SOURCE = ALL_LANGUAGES[0]


def _chosen(value: str | None) -> tuple[Language, ...]:
    """The editions to build: KTS_SPRACHEN=de builds the German one only (to measure what the
    others cost, or for a site without them); the source language is always built."""
    codes = {c.strip() for c in (value or "").split(",") if c.strip()}
    return tuple(x for x in ALL_LANGUAGES if not codes or x.code in codes or x == SOURCE)


LANGUAGES: tuple[Language, ...] = _chosen(os.environ.get("KTS_SPRACHEN"))
LANGUAGE: dict[str, Language] = {lang.code: lang for lang in ALL_LANGUAGES}


def N_(message: str) -> str:  # noqa: N802 (gettext's name for a marker)
    """Mark a string for the catalogue where it is declared; it is translated where shown."""
    return message


@dataclass(frozen=True)
class Msg:
    """A message translated when the page is rendered, not where it is made."""

    singular: str
    plural: str = ""
    n: int | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, code: str) -> str:
        """The message in the language code, its %(name)s filled in (numbers formatted)."""
        tr = translations(code)
        if self.n is None:
            text = tr.gettext(self.singular)
        else:
            text = tr.ngettext(self.singular, self.plural, self.n)
        values = {k: number(v, code) if _is_number(v) else v for k, v in self.params.items()}
        return text % values if values or self.n is not None else text


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def lazy(message: str, **params: Any) -> Msg:
    """A message for later translation, with its %(name)s parameters."""
    return Msg(message, params=params)


def lazy_n(singular: str, plural: str, n: int, **params: Any) -> Msg:
    """A message with a plural, chosen by n (given as %(n)s) when it is translated."""
    return Msg(singular, plural, n, {"n": n, **params})


def text(value: Any, code: str) -> Any:
    """A Msg translated; anything else as it is."""
    return value.text(code) if isinstance(value, Msg) else value


def locale_dir() -> Path:
    """The catalogues: generator/locale in an installed wheel, else the project's locale/
    beside the package (source checkout, editable install), as the theme does."""
    package = Path(__file__).resolve().parent
    installed = package / "locale"
    return installed if installed.is_dir() else package.parent / "locale"


CATALOGUE = "{code}/LC_MESSAGES/messages.po"  # below locale/


def catalogue_path(code: str) -> Path:
    """Where a language's catalogue lies."""
    return locale_dir() / CATALOGUE.format(code=code)


@functools.lru_cache(maxsize=8)
def catalogue(code: str) -> Catalog:
    """A language's catalogue as Babel reads it (an empty one for the source language)."""
    if code == SOURCE.code:
        return Catalog(locale=code)
    with catalogue_path(code).open("rb") as f:
        return read_po(f, locale=code)


@functools.lru_cache(maxsize=8)
def translations(code: str) -> gettext.NullTranslations:
    """gettext's translations for a language, compiled in memory from its .po (no .mo to
    keep in step); the source language translates nothing."""
    if code == SOURCE.code:
        return gettext.NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalogue(code))
    buffer.seek(0)
    return Translations(buffer)


@functools.lru_cache(maxsize=8192)  # the same counts recur on hundreds of pages
def number(value: float | int, code: str, digits: int = 0) -> str:
    """A number as the language writes it: 1.234 and 12,5 in German, 1,234 and 12.5 in English."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=code)


def date(value: dt.date, code: str) -> str:
    """A date as the language writes it: '30. Juni 2026', '30 June 2026'."""
    return format_date(value, format="d MMMM y" if code == "en" else "long", locale=code)


def short_date(value: dt.date, code: str) -> str:
    """A date in digits: '30.06.2026', '30/06/2026'."""
    return format_date(value, format="dd.MM.y" if code == "de" else "dd/MM/y", locale=code)


def country(land: str, code: str, german: str) -> str:
    """A country's name in a language: CLDR's, or the German name where it has none or the
    language is the source."""
    if code == SOURCE.code:
        return german
    return Locale.parse(code).territories.get(land, german)


def plural_indices(code: str) -> dict[str, int]:
    """Per CLDR plural category (Intl.PluralRules in the browser), the index of gettext's
    plural form that the catalogue's own rule gives for an example number of it."""
    rule = catalogue(code).plural_expr if code != SOURCE.code else "(n != 1)"
    index = gettext.c2py(rule)
    found = {}
    for tag, example in _examples(code).items():
        found[tag] = int(index(example))
    return found


def _examples(code: str) -> dict[str, int]:
    """A whole number of each plural category of the language (its CLDR rule's samples)."""
    rules = Locale.parse(code).plural_form
    examples: dict[str, int] = {}
    for n in range(0, 200):
        examples.setdefault(rules(n), n)
    return examples


def message_key(message: Message) -> str:
    """A catalogue entry's msgid (a plural's singular)."""
    return message.id if isinstance(message.id, str) else str(message.id[0])


def translated(message: Message) -> bool:
    """Whether an entry has its translation (every plural form)."""
    if isinstance(message.string, str):
        return bool(message.string)
    return bool(message.string) and all(message.string or ())


def client_strings(code: str) -> dict[str, Any]:
    """What the browser's scripts need of a catalogue: the messages found in scripts (msgid ->
    msgstr, plural forms as a list keyed by the singular) and the plural categories' forms."""
    messages: dict[str, Any] = {}
    if code != SOURCE.code:
        for message in catalogue(code):
            if not message.id or not any(p.endswith(".js") for p, _ in message.locations):
                continue
            forms = message.string
            messages[message_key(message)] = forms if isinstance(forms, str) else list(forms or ())
    return {
        "lang": code,
        "messages": dict(sorted(messages.items())),
        "plural": plural_indices(code),
    }
