"""Controlled vocabularies of the content schema."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ArtInfo:
    """One kind of Verbindung."""

    id: str
    label: str
    directed: bool
    colour: str

    @property
    def label_breakable(self) -> str:
        """The label with a soft hyphen where a narrow box may break it."""
        return (
            self.label.replace("Entwicklungspartnerschaft", "Entwicklungs\u00adpartner\u00adschaft")
            .replace("Wissensaustausch", "Wissens\u00adaustausch")
            .replace("Übertragung", "Über\u00adtragung")
        )


# Art and node colours differ pairwise by CIEDE2000 ≥ 15, also for deuteranopes (Machado et
# al. 2009); Art colours carry white text, so each has contrast ≥ 4.5:1 with white.
ARTEN: tuple[ArtInfo, ...] = (
    ArtInfo("vorbild", "Vorbild", True, "#782d62"),
    ArtInfo("wissensaustausch", "Wissensaustausch", False, "#005a00"),
    ArtInfo(
        "entwicklungspartnerschaft",
        "Entwicklungspartnerschaft",
        False,
        "#0862f0",
    ),
    ArtInfo("uebertragung", "Übertragung", True, "#ac4b52"),
)
ART_BY_ID: dict[str, ArtInfo] = {a.id: a for a in ARTEN}

# Points in map and graph: Modellprojekte, other German Kommunen, Kommunen abroad.
NODE_COLOURS: dict[str, str] = {"mpsc": "#08009e", "other": "#8796a5", "abroad": "#ac780f"}

# Line colours of the Handlungsfelder, in the order of the shipped handlungsfelder.yaml:
# pairwise CIEDE2000 ≥ 15 for normal vision and deuteranopia, contrast ≥ 3:1 on white.
HANDLUNGSFELD_PALETTE: tuple[str, ...] = (
    "#f06900", "#ff4ba5", "#004b87", "#785ad2", "#00a569", "#c31e0f",
    "#e14bff", "#005a0f", "#0000ff", "#0f5a5a", "#786969", "#966996",
)  # fmt: skip

TYPEN: dict[str, str] = {
    "grossstadt": "Großstadt",
    "mittelstadt": "Mittelstadt",
    "kleinstadt": "Kleinstadt",
    "landgemeinde": "Landgemeinde",
    "landkreis": "Landkreis",
    "region": "Region / Kooperation",
}

# Official names with the two-digit Land prefix of the Amtlicher Gemeindeschlüssel.
BUNDESLAENDER: dict[str, str] = {
    "Schleswig-Holstein": "01",
    "Hamburg": "02",
    "Niedersachsen": "03",
    "Bremen": "04",
    "Nordrhein-Westfalen": "05",
    "Hessen": "06",
    "Rheinland-Pfalz": "07",
    "Baden-Württemberg": "08",
    "Bayern": "09",
    "Saarland": "10",
    "Berlin": "11",
    "Brandenburg": "12",
    "Mecklenburg-Vorpommern": "13",
    "Sachsen": "14",
    "Sachsen-Anhalt": "15",
    "Thüringen": "16",
}

STAFFELN: tuple[int, ...] = (2019, 2020, 2021)

# A generous bounding box of Germany, used to catch swapped or mistyped coordinates.
GERMANY_BBOX = (47.2, 55.1, 5.8, 15.1)  # lat min, lat max, lon min, lon max

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
