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
        return self.label.replace("Entwicklungspartner", "Entwicklungs\u00adpartner")


ARTEN: tuple[ArtInfo, ...] = (
    ArtInfo("vorbild", "Vorbild", True, "#7b3294"),
    ArtInfo("wissensaustausch", "Wissensaustausch", False, "#1b7837"),
    ArtInfo(
        "entwicklungspartnerschaft",
        "Entwicklungspartnerschaft",
        False,
        "#2166ac",
    ),
    ArtInfo("uebertragung", "Übertragung", True, "#c4432b"),
)
ART_BY_ID: dict[str, ArtInfo] = {a.id: a for a in ARTEN}

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

# German names of the countries that partners are likely to come from; others show their code.
LAENDER: dict[str, str] = {
    "AT": "Österreich",
    "BE": "Belgien",
    "CH": "Schweiz",
    "CZ": "Tschechien",
    "DE": "Deutschland",
    "DK": "Dänemark",
    "EE": "Estland",
    "ES": "Spanien",
    "FI": "Finnland",
    "FR": "Frankreich",
    "GB": "Vereinigtes Königreich",
    "GR": "Griechenland",
    "HU": "Ungarn",
    "IE": "Irland",
    "IT": "Italien",
    "LT": "Litauen",
    "LU": "Luxemburg",
    "LV": "Lettland",
    "NL": "Niederlande",
    "NO": "Norwegen",
    "PL": "Polen",
    "PT": "Portugal",
    "SE": "Schweden",
    "SI": "Slowenien",
    "SK": "Slowakei",
    "US": "Vereinigte Staaten",
}

ILLUSTRATIVE_PREFIX = "Beispiel"
# Records the KTS describes itself (its reports and talks) may go without a quelle_url.
KTS_SOURCE_PREFIX = "KTS"
