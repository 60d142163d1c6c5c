"""Model phase: the frozen, validated data the rest of the pipeline works on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.content.vocab import ILLUSTRATIVE_PREFIX, LAENDER, TYPEN
from generator.i18n import country, lazy


@dataclass(frozen=True)
class Barrierefreiheit:
    """site.yaml's barrierefreiheit: what the Erklärung zur Barrierefreiheit names."""

    kontakt_name: str
    kontakt_email: str
    stand: dt.date
    status: str  # "vollstaendig", "teilweise" or "nicht" (vereinbar with BITV 2.0)
    kontakt_telefon: str = ""
    kontakt_anschrift: str = ""
    methode: str = "Selbstbewertung"


@dataclass(frozen=True)
class Site:
    """Settings from site.yaml."""

    title: str
    description: str
    base_url: str
    datenstand: dt.date
    tiles_url: str
    tiles_attribution: str
    tiles_max_zoom: int
    massnahmen_url: str
    licence_name: str = ""
    licence_url: str = ""
    embed_origins: tuple[str, ...] = ()  # pages that may frame einbetten/ (origins)
    barrierefreiheit: Barrierefreiheit | None = None

    def massnahme_link(self, massnahme: Massnahme) -> str:
        """The Maßnahme's own URL, else the Maßnahmendatenbank link built from its id."""
        return massnahme.url or self.massnahmen_url.replace("{id}", massnahme.id)


@dataclass(frozen=True)
class Handlungsfeld:
    """A field of action (theme)."""

    id: str
    name: str
    farbe: str
    beschreibung: str
    name_en: str = ""  # the English edition's name ("" without one)

    def name_in(self, code: str) -> str:
        """The field's name in a language of the site (German where it has no other)."""
        return self.name_en if code == "en" and self.name_en else self.name


@dataclass(frozen=True)
class Kommune:
    """A municipality, county or region."""

    id: str
    name: str
    typ: str
    land: str
    bundesland: str
    lat: float
    lon: float
    mpsc: bool
    staffel: int | None
    ags: str
    website: str
    beschreibung: str = ""
    kontakt: str = ""  # an e-mail address or an http(s) URL (validated), else ""

    @property
    def kontakt_href(self) -> str:
        """The link of "Kontakt aufnehmen": mailto: for an e-mail address."""
        return kontakt_href(self.kontakt)

    @property
    def typ_label(self) -> str:
        """German label of the typ."""
        return TYPEN[self.typ]

    @property
    def region_label(self) -> str:
        """Bundesland for German Kommunen, the country's name otherwise."""
        return self.bundesland if self.land == "DE" else LAENDER.get(self.land, self.land)

    def region_in(self, code: str) -> str:
        """region_label in a language of the site (Bundesländer stay German)."""
        label = self.region_label
        return label if self.land == "DE" else country(self.land, code, label)


@dataclass(frozen=True)
class Verbindung:
    """A connection between two Kommunen, as reported for one half-year."""

    von: str
    nach: str
    art: str
    handlungsfelder: tuple[str, ...]
    massnahme: str | None
    zeitraum: str
    beschreibung: str
    quelle: str
    quelle_url: str = ""
    beleg: str = ""  # the source's sentence that proves the connection, quoted

    @property
    def illustrative(self) -> bool:
        """True for records that illustrate rather than report."""
        return self.quelle.startswith(ILLUSTRATIVE_PREFIX)

    @property
    def belegt(self) -> bool:
        """Documented by a public or KTS source: every record that is not illustrative."""
        return not self.illustrative

    @property
    def documented(self) -> bool:
        """True for records backed by a public source with an address."""
        return bool(self.quelle_url)


@dataclass(frozen=True)
class Massnahme:
    """A measure from the KTS Maßnahmendatenbank."""

    id: str
    titel: str
    beschreibung: str
    handlungsfelder: tuple[str, ...]
    kommunen: tuple[str, ...]
    url: str
    kontakt: str = ""  # an e-mail address or an http(s) URL (validated), else ""
    titel_en: str = ""  # the English edition's title and description ("" without them)
    beschreibung_en: str = ""

    def titel_in(self, code: str) -> str:
        """The title in a language of the site (German where it has no other)."""
        return self.titel_en if code == "en" and self.titel_en else self.titel

    def beschreibung_in(self, code: str) -> str:
        """The description in a language of the site (German where it has no other)."""
        return self.beschreibung_en if code == "en" and self.beschreibung_en else self.beschreibung

    @property
    def kontakt_href(self) -> str:
        """The link of "Kontakt aufnehmen": mailto: for an e-mail address."""
        return kontakt_href(self.kontakt)


@dataclass(frozen=True)
class Schritt:
    """One step of a story: its text and the dashboard view it shows."""

    text: str
    ansicht: str  # the dashboard's address without '#', as KTS.hashOf writes it


@dataclass(frozen=True)
class Geschichte:
    """A guided story (geschichten.yaml): steps through views of the dashboard."""

    id: str
    titel: str
    schritte: tuple[Schritt, ...]


@dataclass(frozen=True)
class Network:
    """All content, validated, in stable order, with lookups by id."""

    site: Site
    handlungsfelder: tuple[Handlungsfeld, ...]
    kommunen: tuple[Kommune, ...]
    verbindungen: tuple[Verbindung, ...]
    massnahmen: tuple[Massnahme, ...]
    geschichten: tuple[Geschichte, ...] = ()  # in the order of geschichten.yaml
    kommune_by_id: dict[str, Kommune] = field(init=False, repr=False, compare=False)
    handlungsfeld_by_id: dict[str, Handlungsfeld] = field(init=False, repr=False, compare=False)
    massnahme_by_id: dict[str, Massnahme] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kommune_by_id", {k.id: k for k in self.kommunen})
        object.__setattr__(self, "handlungsfeld_by_id", {h.id: h for h in self.handlungsfelder})
        object.__setattr__(self, "massnahme_by_id", {m.id: m for m in self.massnahmen})

    @property
    def zeitraeume(self) -> tuple[str, ...]:
        """Every half-year from the first reported to the last, oldest first: one without new
        connections keeps its place on the time line (filter, playback, growth charts)."""
        reported = [_half_year(z) for z in {v.zeitraum for v in self.verbindungen}]
        if not reported:
            return ()
        return tuple(f"{n // 2}-H{n % 2 + 1}" for n in range(min(reported), max(reported) + 1))

    def connections(self, indices: Iterable[int]) -> list[Verbindung]:
        """The Verbindungen at these indices (of the metrics' lookups), newest first."""
        return sorted(
            (self.verbindungen[i] for i in indices),
            key=lambda v: (v.zeitraum, v.von, v.nach),
            reverse=True,
        )

    @property
    def illustrative_count(self) -> int:
        """How many Verbindungen are illustrative."""
        return sum(1 for v in self.verbindungen if v.illustrative)

    @property
    def documented_count(self) -> int:
        """How many Verbindungen are backed by a public source with an address."""
        return sum(1 for v in self.verbindungen if v.documented)

    @property
    def belegt_count(self) -> int:
        """How many Verbindungen a public or KTS source documents (not illustrative)."""
        return sum(1 for v in self.verbindungen if v.belegt)

    @property
    def mpsc_without_beleg(self) -> tuple[Kommune, ...]:
        """The Modellprojekte that no documented Verbindung names, by name."""
        named = {end for v in self.verbindungen if v.belegt for end in (v.von, v.nach)}
        return tuple(
            sorted(
                (k for k in self.kommunen if k.mpsc and k.id not in named),
                key=lambda k: k.name,
            )
        )

    @property
    def sources(self) -> tuple[tuple[str, str, int], ...]:
        """Public sources (quelle, URL, connections they back), most connections first."""
        counts: dict[tuple[str, str], int] = {}
        for v in self.verbindungen:
            if v.documented:
                counts[(v.quelle, v.quelle_url)] = counts.get((v.quelle, v.quelle_url), 0) + 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return tuple((quelle, url, n) for (quelle, url), n in ranked)


def kontakt_href(kontakt: str) -> str:
    """A validated kontakt as a link: the URL itself, mailto: before an e-mail address."""
    if not kontakt or kontakt.lower().startswith(("http://", "https://")):
        return kontakt
    return "mailto:" + kontakt


def _half_year(zeitraum: str) -> int:
    """'2023-H1' -> 4046, '2023-H2' -> 4047: half-years counted from year 0."""
    year, half = zeitraum.split("-H")
    return 2 * int(year) + int(half) - 1


def zeitraum_label(zeitraum: str, code: str = "de") -> str:
    """'2023-H1' -> '1. Halbjahr 2023' (in English 'H1 2023')."""
    year, half = zeitraum.split("-H")
    if code == "de":
        return f"{half}. Halbjahr {year}"
    return lazy("%(half)s. Halbjahr %(year)s", half=half, year=year).text(code)
