"""The workbook's sheets, declared once from the content schema: which content file each
sheet holds, its columns, and where each column's dropdown takes its choices from.

`workbook` writes these sheets, `import` and `--content daten.xlsx` read them back.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.geschichten import FILE as GESCHICHTEN_FILE
from generator.content.geschichten import STEP_KEYS
from generator.content.schema import (
    HANDLUNGSFELDER,
    ID_MAX_LENGTH,
    KOMMUNEN,
    MASSNAHMEN,
    NAME_MAX_LENGTH,
    URL_MAX_LENGTH,
    VERBINDUNGEN,
    Column,
    Table,
)

# The stories are not a table of the downloads (schema.TABLES); their sheet has one row per
# step, the story's id on every row and its titel on the first.
GESCHICHTEN = Table(
    "geschichten",
    GESCHICHTEN_FILE,
    "Geschichten",
    (
        Column(
            "id",
            "string",
            "Kennung der Geschichte; jede Zeile ist ein Schritt, die Zeilen einer Geschichte "
            "stehen untereinander",
            "inspiration-bayern",
            required=True,
            max_length=ID_MAX_LENGTH,
        ),
        Column(
            "titel",
            "string",
            "Titel der Geschichte, nur in ihrer ersten Zeile",
            "Inspiration aus Bayern",
            max_length=NAME_MAX_LENGTH,
        ),
        Column(
            STEP_KEYS[0],
            "string",
            "Text des Schritts: 1 bis 3 kurze Sätze, was zu sehen ist",
            "Ringelai entwickelt mit Bamberg …",
            required=True,
        ),
        Column(
            STEP_KEYS[1],
            "string",
            "Ansicht des Dashboards: den Link aus der Adresszeile einfügen (ab #)",
            "#bl=Bayern&k=ringelai",
            required=True,
            max_length=URL_MAX_LENGTH,
        ),
    ),
)


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook: its title and the content table it holds."""

    title: str
    table: Table
    # Other spellings a sheet may come back with (a program without ß, a renamed sheet).
    aliases: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        """The content file the sheet's rows become."""
        return self.table.file

    @property
    def is_csv(self) -> bool:
        """Whether the sheet's file is a CSV file (else a YAML list)."""
        return self.file.endswith(".csv")

    def names(self) -> tuple[str, ...]:
        """Every name the sheet is recognised by, lower case."""
        return tuple(n.lower() for n in (self.title, *self.aliases))


SHEETS: tuple[Sheet, ...] = (
    Sheet("Kommunen", KOMMUNEN),
    Sheet("Verbindungen", VERBINDUNGEN),
    Sheet("Maßnahmen", MASSNAHMEN, ("Massnahmen",)),
    Sheet("Handlungsfelder", HANDLUNGSFELDER),
    Sheet("Geschichten", GESCHICHTEN),
)
SHEET_BY_FILE: dict[str, Sheet] = {s.file: s for s in SHEETS}
EXPLANATIONS = "Erläuterungen"
LISTS = "Listen"  # hidden: the vocabularies the dropdowns offer

# Columns whose choices are the ids of another sheet: a Kommune added on its sheet is offered
# at once. (table, column) → the sheet whose first column holds the ids.
ID_CHOICES: dict[tuple[str, str], str] = {
    (VERBINDUNGEN.name, "von"): KOMMUNEN.name,
    (VERBINDUNGEN.name, "nach"): KOMMUNEN.name,
    (VERBINDUNGEN.name, "massnahme"): MASSNAHMEN.name,
    (VERBINDUNGEN.name, "handlungsfelder"): HANDLUNGSFELDER.name,
    (MASSNAHMEN.name, "handlungsfelder"): HANDLUNGSFELDER.name,
    (MASSNAHMEN.name, "kommunen"): KOMMUNEN.name,
}
