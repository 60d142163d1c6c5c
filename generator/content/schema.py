"""The content schema, declared once: every table of content/ with its columns.

Validation, the model's construction, the downloads and their datapackage.json, the headers
that synth, beispiele and init write, the README's column tables and the Daten page's field
list all derive from these declarations (see tests/test_schema.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.content.vocab import ART_BY_ID, ARTEN, BUNDESLAENDER, STAFFELN, TYPEN
from generator.i18n import N_


@dataclass(frozen=True)
class When:
    """A column that is required only when another column has a value."""

    column: str
    value: str | None  # None: any value at all
    message: str  # the error when the condition holds and the column is empty
    readme: str  # the condition as the README's table states it
    # Whether a file's header must have the column. A column added later (beleg) is not: an
    # older file without it is refused only in the rows that need it.
    header: bool = True

    def holds(self, values: dict[str, Any]) -> bool:
        """Whether a record's values require the column."""
        given = values.get(self.column)
        return bool(given) if self.value is None else given == self.value


# The longest value a field may hold, in characters: longer ones are refused with a message
# (a pasted megabyte in a name would otherwise go into every page that shows it).
ID_MAX_LENGTH = 80
NAME_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 2000
URL_MAX_LENGTH = 2000
BELEG_MAX_LENGTH = 300  # one sentence, quoted
# The Daten page translates a column's description as written (N_): the limit stands in it.
BELEG_DESCRIPTION = N_(
    "Satz der Quelle im Wortlaut, der beide Seiten und die Art der Verbindung nennt "
    "(höchstens 300 Zeichen)"
)
if f"(höchstens {BELEG_MAX_LENGTH} Zeichen)" not in BELEG_DESCRIPTION:  # pragma: no cover
    raise RuntimeError("BELEG_DESCRIPTION must name BELEG_MAX_LENGTH")


@dataclass(frozen=True)
class Column:
    """One column of a content table."""

    name: str
    type: str  # Frictionless type of the download: string, number, integer, boolean
    description: str  # German, for the Daten page (translated there: N_) and datapackage.json
    example: str
    required: bool = False
    when: When | None = None
    enum: tuple[str, ...] | tuple[int, ...] = ()
    pattern: str = ""
    is_list: bool = False
    references: str = ""  # the table whose ids the column names
    readme: str = ""  # what the README's table says of the values (English)
    max_length: int = TEXT_MAX_LENGTH  # characters
    max_items: int = 0  # the most entries a list column may hold (0: no limit)

    @property
    def requirement(self) -> str:
        """The README's 'required' cell."""
        if self.required:
            return "yes"
        return self.when.readme if self.when else "no"

    @property
    def in_header(self) -> bool:
        """Whether every file of the table must have the column in its header."""
        return self.required or bool(self.when and self.when.header)


@dataclass(frozen=True)
class Table:
    """A content file: its name, what it holds and its columns, in the order of the file."""

    name: str
    file: str
    title: str  # German, marked with N_() for the pages that show it
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("id",)  # the columns that name a record (its primary key)
    # Columns the downloads add, derived from the others: a download read back as content
    # may carry them; they are ignored (and recomputed), never a warning.
    derived: tuple[str, ...] = ()
    by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})

    @property
    def names(self) -> tuple[str, ...]:
        """The column names in file order (the header of the CSV)."""
        return tuple(c.name for c in self.columns)

    @property
    def header_required(self) -> tuple[str, ...]:
        """The columns a file's header must have: those that are ever required."""
        return tuple(c.name for c in self.columns if c.in_header)

    @property
    def header_optional(self) -> tuple[str, ...]:
        """The columns a file's header may leave out."""
        return tuple(c.name for c in self.columns if not c.in_header)


SLUG_README = "unique slug: `a-z`, `0-9`, `-`"

# The contact of a Kommune or a Maßnahme: one declaration for both tables.
KONTAKT = Column(
    "kontakt",
    "string",
    N_(
        "Kontakt für Anfragen anderer Kommunen: E-Mail-Adresse oder Web-Adresse (https://…), "
        "sonst leer"
    ),
    "smart-city@example.org",
    readme="optional: an e-mail address or an `http://`/`https://` URL (a contact page) where "
    "other Kommunen reach the project; shown as „Kontakt aufnehmen“",
    max_length=URL_MAX_LENGTH,
)

HANDLUNGSFELDER = Table(
    "handlungsfelder",
    "handlungsfelder.yaml",
    N_("Handlungsfelder"),
    (
        Column(
            "id",
            "string",
            N_("Kennung des Handlungsfelds"),
            "bauen-und-wohnen",
            required=True,
            readme=SLUG_README,
            max_length=ID_MAX_LENGTH,
        ),
        Column(
            "name",
            "string",
            N_("Name des Handlungsfelds"),
            "Bauen und Wohnen",
            required=True,
            max_length=NAME_MAX_LENGTH,
        ),
        Column(
            "farbe",
            "string",
            N_("Farbe im Dashboard als #rrggbb"),
            "#f06900",
            required=True,
            pattern="#[0-9a-fA-F]{6}",
            readme="`#rrggbb`",
        ),
        Column("beschreibung", "string", N_("Kurzbeschreibung"), "Digitale Werkzeuge für …"),
        Column(
            "name_en",
            "string",
            N_("Englischer Name des Handlungsfelds (für die englische Ausgabe)"),
            "Building and housing",
            readme="optional; once one field has it, every field needs it",
            max_length=NAME_MAX_LENGTH,
        ),
    ),
)

KOMMUNEN = Table(
    "kommunen",
    "kommunen.csv",
    N_("Kommunen"),
    (
        Column(
            "id",
            "string",
            N_("Kennung der Kommune (a-z, 0-9, Bindestrich)"),
            "bad-belzig",
            required=True,
            readme=SLUG_README,
            max_length=ID_MAX_LENGTH,
        ),
        Column(
            "name",
            "string",
            N_("Name, wie er angezeigt wird"),
            "Bad Belzig",
            required=True,
            readme="display name",
            max_length=NAME_MAX_LENGTH,
        ),
        Column(
            "typ",
            "string",
            N_("grossstadt, mittelstadt, kleinstadt, landgemeinde, landkreis oder region"),
            "kleinstadt",
            required=True,
            enum=tuple(TYPEN),
        ),
        Column(
            "land",
            "string",
            N_("Staat als Ländercode nach ISO 3166-1 (DE, AT …)"),
            "DE",
            pattern="[A-Z]{2}",
            readme="ISO 3166-1 alpha-2, default `DE`",
        ),
        Column(
            "bundesland",
            "string",
            N_("Bundesland bei Kommunen in Deutschland, sonst leer"),
            "Brandenburg",
            when=When(
                "land",
                "DE",
                "Pflichtfeld für Kommunen in Deutschland (land DE)",
                "when `land` is DE",
            ),
            enum=tuple(BUNDESLAENDER),
            readme="one of the 16 official names (`Baden-Württemberg` … `Thüringen`); empty abroad",
        ),
        Column(
            "lat",
            "number",
            N_("geographische Breite (WGS84, Dezimalgrad)"),
            "52.1417",
            required=True,
            readme="WGS84 decimal degrees; a German Kommune must lie in Germany "
            "(catches swapped values)",
        ),
        Column(
            "lon",
            "number",
            N_("geographische Länge (WGS84, Dezimalgrad)"),
            "12.5939",
            required=True,
            readme="WGS84 decimal degrees",
        ),
        Column(
            "mpsc",
            "boolean",
            N_("Modellprojekt Smart Cities: ja oder nein"),
            "ja",
            readme="`ja` or `nein` (also `x`; empty is `nein`)",
        ),
        Column(
            "staffel",
            "integer",
            N_("Staffel des Modellprojekts (2019, 2020, 2021), sonst leer"),
            "2019",
            when=When(
                "mpsc",
                "ja",
                "Pflichtfeld für Modellprojekte (mpsc: ja)",
                "exactly when `mpsc` is `ja`",
            ),
            enum=STAFFELN,
        ),
        Column(
            "ags",
            "string",
            N_("Amtlicher Gemeindeschlüssel, 8 Ziffern mit führender 0 (als Text lesen)"),
            "12069020",
            pattern=r"\d{8}",
            readme="8 digits; the first two must be the Bundesland's key (`09` Bayern …)",
        ),
        Column(
            "website",
            "string",
            N_("Website der Kommune"),
            "https://www.bad-belzig.de",
            readme="`http://` or `https://` URL",
            max_length=URL_MAX_LENGTH,
        ),
        Column(
            "beschreibung",
            "string",
            N_("Freitext; bei Landkreisen und Regionen: wo der Punkt liegt"),
            "",
            readme="free text; for a Landkreis, cooperation or region: where its point lies "
            "and the partner municipalities",
        ),
        KONTAKT,
    ),
)

VERBINDUNGEN = Table(
    "verbindungen",
    "verbindungen.csv",
    N_("Verbindungen"),
    (
        Column(
            "von",
            "string",
            N_("id der ersten Kommune (Vorbild: wer lernt; Übertragung: Ursprung)"),
            "bad-belzig",
            required=True,
            references="kommunen",
            readme="Kommune id (Vorbild: who takes the model; Übertragung: the origin)",
            max_length=ID_MAX_LENGTH,
        ),
        Column(
            "nach",
            "string",
            N_("id der zweiten Kommune (Vorbild: das Vorbild; Übertragung: Ziel)"),
            "cottbus",
            required=True,
            references="kommunen",
            readme="Kommune id, different from `von` (Vorbild: the model; Übertragung: "
            "the adopter)",
            max_length=ID_MAX_LENGTH,
        ),
        Column(
            "art",
            "string",
            N_("vorbild, wissensaustausch, entwicklungspartnerschaft oder uebertragung"),
            "uebertragung",
            required=True,
            enum=tuple(a.id for a in ARTEN),
        ),
        Column(
            "handlungsfelder",
            "string",
            N_("ids der Handlungsfelder (in CSV mit | getrennt)"),
            "mobilitaet-und-erreichbarkeit",
            required=True,
            is_list=True,
            references="handlungsfelder",
            readme="one to three Handlungsfeld ids separated by `\\|`, the most specific the "
            "source names",
            max_items=3,
        ),
        Column(
            "massnahme",
            "string",
            N_("id der Maßnahme aus der Maßnahmendatenbank, sonst leer"),
            "bad-belzig-app",
            references="massnahmen",
            readme="a Maßnahme id from `massnahmen.yaml`",
            max_length=ID_MAX_LENGTH,
        ),
        Column(
            "zeitraum",
            "string",
            N_("Berichtshalbjahr wie 2023-H1"),
            "2025-H2",
            required=True,
            pattern=r"\d{4}-H[12]",
            readme="half-year of the report: `2023-H1`, `2023-H2`; from `2019-H1` (the "
            "programme's first reports) to the Datenstand",
        ),
        Column(
            "beschreibung",
            "string",
            N_("Freitext zur Verbindung"),
            "Cottbus übernimmt die Bad Belzig-App.",
            readme="free text",
        ),
        Column(
            "quelle",
            "string",
            N_("Quelle; 'Beispiel …' kennzeichnet illustrative Einträge"),
            "KTS, öffentliche Darstellung der Netzwerkanalyse",
            required=True,
            readme="where the record comes from; records whose `quelle` starts with "
            "`Beispiel` are illustrative and every page says so",
        ),
        Column(
            "quelle_url",
            "string",
            N_("Adresse der öffentlichen Quelle, sonst leer"),
            "https://www.smart-city-dialog.de/…",
            readme="`http://` or `https://` address of the public source; without it, "
            "`quelle` must start with `Beispiel` or `KTS` (else a warning)",
            max_length=URL_MAX_LENGTH,
        ),
        Column(
            "beleg",
            "string",
            BELEG_DESCRIPTION,
            "„Mönchengladbach übernimmt die zweite Version der Paderborner Plattform.“",
            when=When(
                "quelle_url",
                None,
                "Pflichtfeld, wenn quelle_url angegeben ist: der Satz der Quelle im Wortlaut, "
                "der beide Seiten und die Art der Verbindung nennt",
                "when `quelle_url` is given",
                header=False,
            ),
            readme="the source's own sentence, quoted as written, that names both sides and "
            f"the kind of connection (at most {BELEG_MAX_LENGTH} characters; cut with `…`); "
            "shown beside the source's link",
            max_length=BELEG_MAX_LENGTH,
        ),
    ),
    key=("von", "nach", "art", "zeitraum"),
    derived=("belegt",),
)

MASSNAHMEN = Table(
    "massnahmen",
    "massnahmen.yaml",
    N_("Maßnahmen"),
    (
        Column(
            "id",
            "string",
            N_("Kennung der Maßnahme"),
            "bad-belzig-app",
            required=True,
            readme=SLUG_README,
            max_length=ID_MAX_LENGTH,
        ),
        Column(
            "titel",
            "string",
            N_("Titel der Maßnahme"),
            "Bad Belzig-App",
            required=True,
            max_length=NAME_MAX_LENGTH,
        ),
        Column("beschreibung", "string", N_("Kurzbeschreibung"), "Kommunale App …"),
        Column(
            "handlungsfelder",
            "string",
            N_("ids der Handlungsfelder (in CSV mit | getrennt)"),
            "[mobilitaet-und-erreichbarkeit]",
            required=True,
            is_list=True,
            references="handlungsfelder",
            readme="a YAML list of Handlungsfeld ids",
        ),
        Column(
            "kommunen",
            "string",
            N_("ids der tragenden Kommunen (in CSV mit | getrennt)"),
            "[bad-belzig, rostock]",
            required=True,
            is_list=True,
            references="kommunen",
            readme="a YAML list of the Kommunen that carry it",
        ),
        Column(
            "url",
            "string",
            N_("Adresse in der Maßnahmendatenbank"),
            "https://www.smart-city-dialog.de/massnahmen/bad-belzig-app",
            readme="optional; otherwise the link comes from `massnahmen_url`",
            max_length=URL_MAX_LENGTH,
        ),
        KONTAKT,
        Column(
            "titel_en",
            "string",
            N_("Englischer Titel der Maßnahme (für die englische Ausgabe)"),
            "Bad Belzig app",
            readme="optional; the English edition shows `titel` without it",
            max_length=NAME_MAX_LENGTH,
        ),
        Column(
            "beschreibung_en",
            "string",
            N_("Englische Kurzbeschreibung (für die englische Ausgabe)"),
            "A municipal app …",
            readme="optional; the English edition shows `beschreibung` without it",
        ),
    ),
)

# In the order of the downloads and the Daten page.
TABLES: tuple[Table, ...] = (KOMMUNEN, VERBINDUNGEN, MASSNAHMEN, HANDLUNGSFELDER)
TABLE_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
# The order of the kinds in netzwerk.json and manifest.json: readers may rely on it.
RECORD_ORDER = ("handlungsfelder", "kommunen", "verbindungen", "massnahmen")
TABLE_BY_FILE: dict[str, Table] = {t.file: t for t in TABLES}


def verbindung_id(record: dict[str, Any]) -> str:
    """A stable id: the validator's duplicate key (ends sorted for symmetric Arten)."""
    von, nach, art = record["von"], record["nach"], record["art"]
    info = ART_BY_ID.get(art)
    if info is not None and not info.directed:
        von, nach = sorted((von, nach))
    return f"{von}|{nach}|{art}|{record['zeitraum']}"


def record_id(table: str, record: dict[str, Any]) -> str:
    """The id a record is known by in manifests, diffs and GeoJSON features."""
    return verbindung_id(record) if table == "verbindungen" else str(record["id"])


def column(file: str, name: str) -> Column | None:
    """The column of a content file, or None for a key no table declares (site.yaml)."""
    table = TABLE_BY_FILE.get(file)
    return table.by_name.get(name) if table else None


def _values(c: Column) -> str:
    if c.enum:
        return ", ".join(f"`{v}`" for v in c.enum)
    return c.readme or "text"


def readme_table(table: Table) -> str:
    """The README's table of a content file's columns."""
    rows = ["| column | required | values |", "|---|---|---|"]
    rows += [f"| `{c.name}` | {c.requirement} | {_values(c)} |" for c in table.columns]
    return "\n".join(rows)


def readme_tables() -> str:
    """The README's section between the schema markers: one table per content file."""
    parts = [f"### `{t.file}`\n\n{readme_table(t)}" for t in TABLES]
    return "\n\n".join(parts)


if __name__ == "__main__":  # python -m generator.content.schema: what the README holds
    print(readme_tables())
