"""The site's pages, declared once: every page kind with its path, title and navigation entry.

The page list, the navigation, the sitemap, the 404 page's links, the snapshot's published
pages, the snippets' links and the links the browser's scripts build derive from ROUTES.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.i18n import LANGUAGES, N_, SOURCE


@dataclass(frozen=True)
class Route:
    """One kind of page."""

    kind: str
    template: str
    path: str  # "kommunen/{id}/index.html" for a page per record
    title: str = ""  # the page's title; per-record pages take the record's name
    nav: str = ""  # its label in the main navigation, if it has one
    per: str = ""  # the content table with one page per record
    sitemap: bool = True  # listed in sitemap.xml (the 404 and embed pages are not)
    on_404: bool = False  # offered as a way on from the 404 page
    languages: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)  # its editions

    def path_of(self, record_id: str = "") -> str:
        """The page's path below the site's root."""
        return self.path.replace("{id}", record_id)

    @property
    def crumb(self) -> tuple[str, str]:
        """(label, path) as a breadcrumb or a link names the page."""
        return (self.title, self.path)


ROUTES: tuple[Route, ...] = (
    Route(
        "dashboard", "dashboard.html", "index.html", N_("Dashboard"), N_("Dashboard"), on_404=True
    ),
    Route("einbetten", "dashboard.html", "einbetten/index.html", N_("Dashboard"), sitemap=False),
    Route(
        "kommunen",
        "kommunen_index.html",
        "kommunen/index.html",
        N_("Kommunen A–Z"),
        N_("Kommunen A–Z"),
        on_404=True,
    ),
    Route("kommune", "kommune.html", "kommunen/{id}/index.html", per="kommunen"),
    Route(
        "massnahmen",
        "massnahmen_index.html",
        "massnahmen/index.html",
        N_("Maßnahmen"),
        N_("Maßnahmen"),
        on_404=True,
    ),
    Route("massnahme", "massnahme.html", "massnahmen/{id}/index.html", per="massnahmen"),
    Route(
        "handlungsfelder",
        "handlungsfelder_index.html",
        "handlungsfelder/index.html",
        N_("Handlungsfelder"),
        N_("Handlungsfelder"),
        on_404=True,
    ),
    Route(
        "handlungsfeld",
        "handlungsfeld.html",
        "handlungsfelder/{id}/index.html",
        per="handlungsfelder",
    ),
    Route("analyse", "analyse.html", "analyse/index.html", N_("Analyse"), N_("Analyse")),
    Route("daten", "daten.html", "daten/index.html", N_("Daten und Methode"), N_("Daten")),
    Route(
        "barrierefreiheit",
        "barrierefreiheit.html",
        "barrierefreiheit/index.html",
        N_("Erklärung zur Barrierefreiheit"),
        languages=(SOURCE.code,),
    ),
    Route(
        "leichte_sprache",
        "leichte_sprache.html",
        "leichte-sprache/index.html",
        N_("Leichte Sprache"),
        languages=(SOURCE.code,),
    ),
    # The search over every record's text; its results need JavaScript, so not in the sitemap.
    Route("suche", "suche.html", "suche/index.html", N_("Suche"), sitemap=False, on_404=True),
    Route("404", "404.html", "404.html", N_("Seite nicht gefunden"), sitemap=False),
)
ROUTE: dict[str, Route] = {r.kind: r for r in ROUTES}
NAV: tuple[tuple[str, str], ...] = tuple((r.nav, r.path) for r in ROUTES if r.nav)
NOT_FOUND_LINKS: tuple[tuple[str, str], ...] = tuple(r.crumb for r in ROUTES if r.on_404)


def kommune_path(kid: str) -> str:
    """Where a Kommune's page lives."""
    return ROUTE["kommune"].path_of(kid)


def massnahme_path(mid: str) -> str:
    """Where a Maßnahme's page lives."""
    return ROUTE["massnahme"].path_of(mid)


def feld_path(hid: str) -> str:
    """Where a Handlungsfeld's page lives."""
    return ROUTE["handlungsfeld"].path_of(hid)


def page_paths(ids: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """Every page the site has in each of its editions, given the record ids per table."""
    paths: set[str] = set()
    for route in ROUTES:
        pages = [route.path_of(i) for i in ids.get(route.per, ())] if route.per else [route.path]
        for lang in LANGUAGES:
            if lang.code in route.languages:
                paths |= {lang.path(p) for p in pages}
    return frozenset(paths)


def in_sitemap(path: str) -> bool:
    """Whether a page belongs in sitemap.xml."""
    return path not in {r.path for r in ROUTES if not r.sitemap}


def client_routes() -> dict[str, str]:
    """The per-record paths the browser's scripts build links from ({id} replaced there)."""
    return {r.kind: r.path for r in ROUTES if r.per}
