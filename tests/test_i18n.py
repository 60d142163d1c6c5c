"""generator/i18n.py: the languages, their catalogues, numbers, dates and plurals."""

from __future__ import annotations

import datetime as dt

from generator import i18n
from generator.i18n import LANGUAGE, SOURCE, lazy, lazy_n


def test_numbers_and_dates_follow_the_language():
    assert (i18n.number(1234, "de"), i18n.number(1234, "en")) == ("1.234", "1,234")
    assert (i18n.number(12.5, "de", 1), i18n.number(12.5, "en", 1)) == ("12,5", "12.5")
    day = dt.date(2026, 6, 30)
    assert (i18n.date(day, "de"), i18n.date(day, "en")) == ("30. Juni 2026", "30 June 2026")
    assert (i18n.short_date(day, "de"), i18n.short_date(day, "en")) == ("30.06.2026", "30/06/2026")


def test_the_source_language_translates_nothing_and_english_comes_from_the_catalogue():
    assert i18n.translations(SOURCE.code).gettext("Kommunen A–Z") == "Kommunen A–Z"
    assert i18n.translations("en").gettext("Kommunen A–Z") == "Municipalities A–Z"


def test_plurals_choose_the_form_and_format_the_number():
    one, many = (
        lazy_n("%(n)s Verbindung", "%(n)s Verbindungen", 1),
        lazy_n("%(n)s Verbindung", "%(n)s Verbindungen", 1234),
    )
    assert (one.text("de"), many.text("de")) == ("1 Verbindung", "1.234 Verbindungen")
    assert (one.text("en"), many.text("en")) == ("1 connection", "1,234 connections")
    assert lazy("Datenstand %(date)s", date="30/06/2026").text("en") == "Data as of 30/06/2026"


def test_the_browser_gets_each_plural_category_as_the_catalogue_counts_it():
    assert i18n.plural_indices("en") == {"one": 0, "other": 1}
    strings = i18n.client_strings("en")
    assert strings["lang"] == "en" and strings["plural"] == {"one": 0, "other": 1}
    # Only what the scripts use travels to the browser (routes' titles are the templates').
    assert "Kommunen A–Z" not in strings["messages"]
    assert all(isinstance(v, (str, list)) for v in strings["messages"].values())


def test_only_the_chosen_editions_are_built_and_german_always():
    assert [x.code for x in i18n._chosen("de")] == ["de"]
    assert [x.code for x in i18n._chosen("en")] == ["de", "en"]
    assert [x.code for x in i18n._chosen("")] == [x.code for x in i18n.ALL_LANGUAGES]
    assert LANGUAGE["en"].path("analyse/index.html") == "en/analyse/index.html"
