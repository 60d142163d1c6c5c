"""Controlled vocabularies of the content schema."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from generator.i18n import N_, translations


@dataclass(frozen=True)
class ArtInfo:
    """One kind of Verbindung: everything the site says and draws of it, declared once."""

    id: str
    label: str
    colour: str
    directed: bool
    # The end the knowledge comes from: the model (nach) of a Vorbild, the origin (von) of an
    # Übertragung; "" for the undirected Arten.
    source: str
    sentence: str  # "{von} nimmt sich {nach} zum Vorbild"
    # What a directed connection says of its partner, seen from von and seen from nach.
    seen_from_von: str = ""
    seen_from_nach: str = ""

    def says(self, von: str, nach: str) -> str:
        """The connection as a sentence: 'Regensburg nimmt sich Wien zum Vorbild'."""
        return self.sentence.replace("{von}", von).replace("{nach}", nach)

    def origin(self, von: str, nach: str) -> str | None:
        """The end the knowledge comes from, or None for an undirected Art."""
        return {"von": von, "nach": nach}.get(self.source)

    @property
    def label_breakable(self) -> str:
        """The label with a soft hyphen where a narrow box may break it."""
        return (
            self.label.replace("Entwicklungspartnerschaft", "Entwicklungs\u00adpartner\u00adschaft")
            .replace("Wissensaustausch", "Wissens\u00adaustausch")
            .replace("Übertragung", "Über\u00adtragung")
        )

    def client(self) -> dict[str, object]:
        """What the browser's scripts know of the Art (from this one declaration)."""
        return {
            "id": self.id,
            "label": self.label,
            "directed": self.directed,
            "colour": self.colour,
            "source": self.source,
            "sentence": self.sentence,
            "fromVon": self.seen_from_von,
            "fromNach": self.seen_from_nach,
        }


# Art and node colours differ pairwise by CIEDE2000 ≥ 15, also for deuteranopes (Machado et
# al. 2009); Art colours carry white text, so each has contrast ≥ 4.5:1 with white.
ARTEN: tuple[ArtInfo, ...] = (
    ArtInfo(
        "vorbild",
        N_("Vorbild"),
        "#782d62",
        directed=True,
        source="nach",
        sentence=N_("{von} nimmt sich {nach} zum Vorbild"),
        seen_from_von=N_("nimmt sich zum Vorbild:"),
        seen_from_nach=N_("ist Vorbild für:"),
    ),
    ArtInfo(
        "wissensaustausch",
        N_("Wissensaustausch"),
        "#005a00",
        directed=False,
        source="",
        sentence="{von} – {nach}",
    ),
    ArtInfo(
        "entwicklungspartnerschaft",
        N_("Entwicklungspartnerschaft"),
        "#0862f0",
        directed=False,
        source="",
        sentence="{von} – {nach}",
    ),
    ArtInfo(
        "uebertragung",
        N_("Übertragung"),
        "#ac4b52",
        directed=True,
        source="von",
        sentence=N_("{von} überträgt an {nach}"),
        seen_from_von=N_("überträgt an:"),
        seen_from_nach=N_("übernimmt von:"),
    ),
)
ART_BY_ID: dict[str, ArtInfo] = {a.id: a for a in ARTEN}


@functools.lru_cache(maxsize=8)
def arten_in(code: str) -> tuple[ArtInfo, ...]:
    """ARTEN with their labels and sentences in a language of the site."""
    t = translations(code).gettext
    return tuple(
        replace(
            a,
            label=t(a.label),
            sentence=t(a.sentence),
            seen_from_von=t(a.seen_from_von) if a.seen_from_von else "",
            seen_from_nach=t(a.seen_from_nach) if a.seen_from_nach else "",
        )
        for a in ARTEN
    )


def art_in(art_id: str, code: str) -> ArtInfo:
    """One Art in a language of the site."""
    return next(a for a in arten_in(code) if a.id == art_id)


# Points in map and graph: Modellprojekte, other German Kommunen, Kommunen abroad.
NODE_COLOURS: dict[str, str] = {"mpsc": "#08009e", "other": "#8796a5", "abroad": "#ac780f"}

# Line colours of the Handlungsfelder, in the order of the shipped handlungsfelder.yaml:
# pairwise CIEDE2000 ≥ 15 for normal vision and deuteranopia, contrast ≥ 3:1 on white.
HANDLUNGSFELD_PALETTE: tuple[str, ...] = (
    "#f06900", "#ff4ba5", "#004b87", "#785ad2", "#00a569", "#c31e0f",
    "#e14bff", "#005a0f", "#0000ff", "#0f5a5a", "#786969", "#966996",
)  # fmt: skip

TYPEN: dict[str, str] = {
    "grossstadt": N_("Großstadt"),
    "mittelstadt": N_("Mittelstadt"),
    "kleinstadt": N_("Kleinstadt"),
    "landgemeinde": N_("Landgemeinde"),
    "landkreis": N_("Landkreis"),
    "region": N_("Region / Kooperation"),
}


@dataclass(frozen=True)
class Bundesland:
    """One of the 16 Länder: official name, AGS key, the common two-letter code and the seat
    of its government (synth places Kommunen around it)."""

    name: str
    key: str  # the first two digits of the Amtlicher Gemeindeschlüssel
    code: str
    seat: tuple[float, float]


LAENDER_DE: tuple[Bundesland, ...] = (
    Bundesland("Schleswig-Holstein", "01", "SH", (54.32, 10.13)),
    Bundesland("Hamburg", "02", "HH", (53.55, 9.99)),
    Bundesland("Niedersachsen", "03", "NI", (52.37, 9.73)),
    Bundesland("Bremen", "04", "HB", (53.08, 8.80)),
    Bundesland("Nordrhein-Westfalen", "05", "NW", (51.23, 6.78)),
    Bundesland("Hessen", "06", "HE", (50.08, 8.24)),
    Bundesland("Rheinland-Pfalz", "07", "RP", (49.99, 8.25)),
    Bundesland("Baden-Württemberg", "08", "BW", (48.78, 9.18)),
    Bundesland("Bayern", "09", "BY", (48.14, 11.58)),
    Bundesland("Saarland", "10", "SL", (49.24, 6.99)),
    Bundesland("Berlin", "11", "BE", (52.52, 13.40)),
    Bundesland("Brandenburg", "12", "BB", (52.40, 13.06)),
    Bundesland("Mecklenburg-Vorpommern", "13", "MV", (53.63, 11.41)),
    Bundesland("Sachsen", "14", "SN", (51.05, 13.74)),
    Bundesland("Sachsen-Anhalt", "15", "ST", (52.13, 11.63)),
    Bundesland("Thüringen", "16", "TH", (50.98, 11.03)),
)
# Official names with the two-digit Land prefix of the Amtlicher Gemeindeschlüssel.
BUNDESLAENDER: dict[str, str] = {b.name: b.key for b in LAENDER_DE}

STAFFELN: tuple[int, ...] = (2019, 2020, 2021)

# Germany's extent (lat min, lat max, lon min, lon max): the maps' first frame and where
# synthetic Kommunen lie. Validation allows a margin around it (GERMANY_MARGIN degrees) to
# catch swapped or mistyped coordinates without refusing a border town.
GERMANY = (47.27, 55.06, 5.87, 15.04)
GERMANY_MARGIN = 0.07


def germany_with_margin() -> tuple[float, float, float, float]:
    """Germany's extent widened by the margin that validation allows."""
    la0, la1, lo0, lo1 = GERMANY
    m = GERMANY_MARGIN
    return (round(la0 - m, 2), round(la1 + m, 2), round(lo0 - m, 2), round(lo1 + m, 2))


# German names of the countries that partners are likely to come from (Europe and the larger
# partners beyond); others show their code.
LAENDER: dict[str, str] = {
    "AL": "Albanien",
    "AT": "Österreich",
    "AU": "Australien",
    "BA": "Bosnien und Herzegowina",
    "BE": "Belgien",
    "BG": "Bulgarien",
    "BR": "Brasilien",
    "BY": "Belarus",
    "CA": "Kanada",
    "CH": "Schweiz",
    "CN": "China",
    "CY": "Zypern",
    "CZ": "Tschechien",
    "DE": "Deutschland",
    "DK": "Dänemark",
    "EE": "Estland",
    "ES": "Spanien",
    "FI": "Finnland",
    "FR": "Frankreich",
    "GB": "Vereinigtes Königreich",
    "GR": "Griechenland",
    "HR": "Kroatien",
    "HU": "Ungarn",
    "ID": "Indonesien",
    "IE": "Irland",
    "IL": "Israel",
    "IN": "Indien",
    "IS": "Island",
    "IT": "Italien",
    "JP": "Japan",
    "KR": "Südkorea",
    "LI": "Liechtenstein",
    "LT": "Litauen",
    "LU": "Luxemburg",
    "LV": "Lettland",
    "MD": "Moldau",
    "ME": "Montenegro",
    "MK": "Nordmazedonien",
    "MT": "Malta",
    "NL": "Niederlande",
    "NO": "Norwegen",
    "NZ": "Neuseeland",
    "PL": "Polen",
    "PT": "Portugal",
    "RO": "Rumänien",
    "RS": "Serbien",
    "RU": "Russland",
    "SE": "Schweden",
    "SG": "Singapur",
    "SI": "Slowenien",
    "SK": "Slowakei",
    "TR": "Türkei",
    "UA": "Ukraine",
    "US": "Vereinigte Staaten",
    "XK": "Kosovo",
    "ZA": "Südafrika",
}

ILLUSTRATIVE_PREFIX = "Beispiel"
# Records the KTS describes itself (its reports and talks) may go without a quelle_url.
KTS_SOURCE_PREFIX = "KTS"
