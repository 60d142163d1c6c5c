"""Shared assets: third-party files from installed packages and the theme's own, content-hashed."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from generator.content.model import Network
from generator.errors import BuildError

# The theme's scripts are joined from parts in templates/assets/js/, in this order (an explicit
# list rather than numeric filename prefixes: a new part is one line here and renames nothing).
BUNDLES: dict[str, tuple[str, ...]] = {
    "common.js": (
        "js/common/lib.js",
        # The dashboard's start-up: it fetches dashboard.js, so it cannot stand in it.
        "js/dashboard/start.js",
        "js/common/search-keys.js",
        "js/common/map.js",
        "js/common/edge-marks.js",
        "js/common/search-engine.js",
        "js/common/site-search.js",
        "js/common/kommunen-filter.js",
        "js/common/init.js",
    ),
    "page.js": (
        "js/page/core.js",
        "js/page/map.js",
        "js/page/graph.js",
        "js/page/basis.js",
    ),
    "suche.js": ("js/page/suche.js",),
    "dashboard.js": (
        "js/dashboard/core.js",
        "js/dashboard/state.js",
        "js/dashboard/search.js",
        "js/dashboard/filter.js",
        "js/dashboard/focus.js",
        "js/dashboard/looks.js",
        "js/dashboard/form.js",
        "js/dashboard/figures.js",
        "js/dashboard/growth.js",
        "js/dashboard/list.js",
        "js/dashboard/lines-draw.js",
        "js/dashboard/canvas-layer.js",
        "js/dashboard/lines-layer.js",
        "js/dashboard/points-layer.js",
        "js/dashboard/labels.js",
        "js/dashboard/map.js",
        "js/dashboard/graph-cut.js",
        "js/dashboard/graph-sheet.js",
        "js/dashboard/graph-measures.js",
        "js/dashboard/graph-fade.js",
        "js/dashboard/graph-clusters.js",
        "js/dashboard/graph.js",
        "js/dashboard/details.js",
        "js/dashboard/tabs.js",
        "js/dashboard/fullscreen.js",
        "js/dashboard/keynav.js",
        "js/dashboard/print.js",
        "js/dashboard/png-text.js",
        "js/dashboard/picture.js",
        "js/dashboard/export.js",
        "js/dashboard/vorbilder.js",
        "js/dashboard/playback.js",
        "js/dashboard/stories.js",
        "js/dashboard/reframe.js",
        "js/dashboard/main.js",
    ),
}
PARTS_DIR = "js"


@dataclass(frozen=True)
class Asset:
    """A file to write under assets/, named by its content hash."""

    logical: str
    path: str
    data: bytes


def hashed(logical: str, data: bytes) -> Asset:
    """An asset named by the hash of its content."""
    return _hashed(logical, data)


def _hashed(logical: str, data: bytes) -> Asset:
    stem, ext = logical.rsplit(".", 1)
    digest = hashlib.sha256(data).hexdigest()[:10]
    return Asset(logical, f"assets/{stem}.{digest}.{ext}", data)


def packaged_theme() -> Path:
    """The default theme: generator/theme in an installed wheel, else the project's
    templates/ beside the package (source checkout, editable install)."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "theme"
    return installed if installed.is_dir() else package.parent / "templates"


def theme_dirs(templates_dir: Path) -> list[Path]:
    """Where templates and assets are looked up, first match wins: the given folder, then the
    packaged theme (so a folder with one template overrides just that one)."""
    dirs = [templates_dir]
    theme = packaged_theme()
    if theme.is_dir() and theme.resolve() != templates_dir.resolve():
        dirs.append(theme)
    return dirs


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


# The installed packages' files and the outlines do not change while a process runs: `serve`
# rebuilds without reading them again.
@cache
def leaflet_files() -> tuple[bytes, bytes, dict[str, bytes]]:
    """Leaflet's JS, CSS and images from the xstatic-leaflet package."""
    base = _package_dir("xstatic.pkg.leaflet") / "data"
    images = {p.name: p.read_bytes() for p in sorted((base / "images").glob("*.png"))}
    return (base / "leaflet.js").read_bytes(), (base / "leaflet.css").read_bytes(), images


@cache
def vis_network_files() -> tuple[bytes, bytes]:
    """vis-network's JS as pyvis ships it, and only the CSS rules the graph uses."""
    base = _package_dir("pyvis") / "lib" / "vis-9.1.2"
    css = (base / "vis-network.css").read_text("utf-8")
    return (base / "vis-network.min.js").read_bytes(), _css_rules(css, "vis-tooltip").encode()


def _css_rules(css: str, needle: str) -> str:
    """Keep the top-level rules whose selector mentions needle (drops the editing UI's icons)."""
    kept = [m.group(0) for m in re.finditer(r"[^{}]+\{[^{}]*\}", css) if needle in m.group(0)]
    return "\n".join(r.strip() for r in kept) + "\n"


@cache
def outline_json(wanted: frozenset[str]) -> str:
    """Country outlines of Europe and of the countries wanted (those of the Kommunen), from
    countryinfo: GeoJSON, compact, with sorted keys."""
    from countryinfo import all_countries

    features = []
    for country in sorted(all_countries(), key=lambda c: c.iso().get("alpha2", "")):
        code = country.iso().get("alpha2", "")
        if not code or (country.region() != "Europe" and code not in wanted):
            continue
        for feature in country.geo_json().get("features", []):
            geometry = feature["geometry"]
            features.append(
                {
                    "type": "Feature",
                    "properties": {"land": code, "de": code == "DE"},
                    "geometry": {
                        "type": geometry["type"],
                        "coordinates": _round(geometry["coordinates"]),
                    },
                }
            )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":"), sort_keys=True)


def _round(coords):
    if isinstance(coords, (int, float)):
        return round(coords, 2)
    return [_round(c) for c in coords]


# The site search's index: not a hashed asset, as every page names it and most edits change
# it (a fingerprint in its name would change every page with each edit); revalidated instead.
SEARCH_INDEX = "suche/suchindex.js"


def search_index(net: Network) -> bytes:
    """The site search's index (read by js/common/search-engine.js): the text of every Kommune,
    Maßnahme and Handlungsfeld and of the Verbindungen with a description, as written (the
    browser folds it), records referred to by position, paths from the routes. One index for
    every edition: the names the other languages have (Arten, Handlungsfelder, Maßnahmen,
    countries) stand in "sprachen", searched on every page and shown on that language's."""
    from generator.content.vocab import ARTEN
    from generator.site.routes import ROUTE, client_routes

    kommune_at = {k.id: i for i, k in enumerate(net.kommunen)}
    massnahme_at = {m.id: i for i, m in enumerate(net.massnahmen)}
    feld_at = {h.id: i for i, h in enumerate(net.handlungsfelder)}
    art_at = {a.id: i for i, a in enumerate(ARTEN)}
    regions = sorted({k.region_label for k in net.kommunen})
    region_at = {r: i for i, r in enumerate(regions)}
    described = [v for v in net.verbindungen if v.beschreibung]
    index = {
        "pfade": {
            **client_routes(),
            "dashboard": ROUTE["dashboard"].path,
            "suche": ROUTE["suche"].path,
        },
        "arten": [[a.label, a.sentence] for a in ARTEN],
        "regionen": regions,
        # [id, name, region, beschreibung]
        "k": [
            _trimmed([k.id, k.name, region_at[k.region_label], k.beschreibung])
            for k in net.kommunen
        ],
        # [id, titel, beschreibung, [Kommunen]]
        "m": [
            _trimmed([m.id, m.titel, m.beschreibung, [kommune_at[k] for k in m.kommunen]])
            for m in net.massnahmen
        ],
        # [id, name, beschreibung]
        "h": [_trimmed([h.id, h.name, h.beschreibung]) for h in net.handlungsfelder],
        # [von, nach, Art, beschreibung, Maßnahme]: only those with a description
        "v": [
            _trimmed(
                [
                    kommune_at[v.von],
                    kommune_at[v.nach],
                    art_at[v.art],
                    v.beschreibung,
                    massnahme_at[v.massnahme] if v.massnahme else -1,
                ]
            )
            for v in described
        ],
        # The Handlungsfelder of each Maßnahme and of each Verbindung of "v": their names (and
        # a Verbindung's Art) find them in every language.
        "mh": [[feld_at[h] for h in m.handlungsfelder] for m in net.massnahmen],
        "vh": [[feld_at[h] for h in v.handlungsfelder] for v in described],
        "sprachen": _search_languages(net, regions),
    }
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"window.KTS_SEARCH={text};\n".encode()


def _search_languages(net: Network, regions: list[str]) -> dict[str, dict[str, list]]:
    """Per language but the source, the index's names in it, in the order of the German ones:
    arten [label, sentence], h the Handlungsfelder's names, m [titel, beschreibung] of the
    Maßnahmen ("" and [] where they have none of their own), regionen (the countries' names,
    CLDR's; Bundesländer as they are)."""
    from babel import Locale

    from generator.content.vocab import LAENDER, arten_in
    from generator.i18n import LANGUAGES, SOURCE

    country = {name: code for code, name in LAENDER.items()}
    found: dict[str, dict[str, list]] = {}
    for lang in LANGUAGES:
        if lang == SOURCE:
            continue
        code = lang.code
        territories = Locale.parse(code).territories
        found[code] = {
            "arten": [[a.label, a.sentence] for a in arten_in(code)],
            "h": [_own(h.name_in(code), h.name) for h in net.handlungsfelder],
            "m": [
                _trimmed(
                    [_own(m.titel_in(code), m.titel), _own(m.beschreibung_in(code), m.beschreibung)]
                )
                for m in net.massnahmen
            ],
            "regionen": [str(territories.get(country.get(r, r), r)) for r in regions],
        }
    return found


def _own(text: str, german: str) -> str:
    """A language's own text, "" where it shows the German one."""
    return "" if text == german else text


def _trimmed(row: list) -> list:
    """The row without its empty or absent fields at the end (the index stays short)."""
    while row and row[-1] in ("", [], -1):
        row.pop()
    return row


def colours_css(net: Network) -> bytes:
    """Colour variables of node kinds, Arten, Handlungsfelder, clusters (a file: the CSP)."""
    from generator.content.vocab import ARTEN, NODE_COLOURS
    from generator.site.pages import CLUSTER_COLOURS

    rules = [":root{" + "".join(f"--node-{k}:{c};" for k, c in NODE_COLOURS.items()) + "}"]
    rules += [f".art-{a.id}{{--art:{a.colour}}}" for a in ARTEN]
    rules += [f".hf-{h.id}{{--hf:{h.farbe}}}" for h in net.handlungsfelder]
    clusters = "".join(f"--cluster-{i}:{c};" for i, c in enumerate(CLUSTER_COLOURS))
    rules += [f":root{{{clusters}}}"]  # for the graph's regions (dashboard/graph-clusters.js)
    rules += [f".swatch.cluster-{i}{{background:{c}}}" for i, c in enumerate(CLUSTER_COLOURS)]
    return ("\n".join(rules) + "\n").encode()


def part_marker(part: str) -> bytes:
    """The comment line that starts a part inside its joined bundle."""
    return f"/* ---- {part} ---- */\n".encode()


def join_parts(assets_dir: Path | list[Path], parts: tuple[str, ...]) -> bytes:
    """The parts' bytes one after the other, each after its marker and ending in one newline;
    each part from the first of the folders that has it."""
    dirs = assets_dir if isinstance(assets_dir, list) else [assets_dir]
    chunks = []
    for part in parts:
        found = next((d / part for d in dirs if (d / part).is_file()), None)
        if found is None:
            raise BuildError(f"Skriptteil fehlt: {dirs[0] / part}")
        chunks.append(part_marker(part) + found.read_bytes().rstrip(b"\r\n") + b"\n")
    return b"".join(chunks)


def bundle_assets(assets_dir: Path | list[Path]) -> list[tuple[str, bytes]]:
    """The joined scripts of BUNDLES, when a theme folder has a js/ folder of parts (else
    none); a part in an earlier folder replaces the packaged one."""
    dirs = assets_dir if isinstance(assets_dir, list) else [assets_dir]
    if not any((d / PARTS_DIR).is_dir() for d in dirs):
        return []
    listed = {part for parts in BUNDLES.values() for part in parts}
    for d in dirs:
        if not (d / PARTS_DIR).is_dir():
            continue
        for path in sorted((d / PARTS_DIR).rglob("*.js")):
            part = path.relative_to(d).as_posix()
            if part not in listed and not path.name.startswith("."):
                raise BuildError(
                    f"{path}: Skriptteil in keinem Bündel (generator/site/assets.py, BUNDLES)"
                )
        for name in BUNDLES:
            if (d / name).is_file():
                raise BuildError(f"{d / name}: doppelt, {name} wird aus {PARTS_DIR}/ gebaut")
    return [(name, join_parts(dirs, parts)) for name, parts in BUNDLES.items()]


def collect_assets(net: Network, theme_dir: Path) -> dict[str, Asset]:
    """All shared assets by logical name; the theme's files come from templates/assets/."""
    leaflet_js, leaflet_css, images = leaflet_files()
    vis_js, vis_css = vis_network_files()
    outline = outline_json(frozenset(k.land for k in net.kommunen))
    # Leaflet's CSS refers to images/<name>: hash those too and point the CSS at them.
    pictures = [_hashed(f"images/{name}", data) for name, data in images.items()]
    css = leaflet_css.decode("utf-8")
    for pic in pictures:
        css = css.replace(f"({pic.logical})", f"({pic.path.removeprefix('assets/')})")
    found = [
        _hashed("colours.css", colours_css(net)),
        *pictures,
        _hashed("leaflet.js", leaflet_js),
        _hashed("leaflet.css", css.encode("utf-8")),
        _hashed("vis-network.js", vis_js),
        _hashed("vis-network.css", vis_css),
        # A JSON string for JSON.parse: parsed faster than the same object as a JS literal.
        _hashed("outline.js", f"window.KTS_OUTLINE=JSON.parse({json.dumps(outline)});\n".encode()),
    ]
    # Files directly in assets/ ship as they are; the parts in assets/js/ only joined. The
    # given theme folder wins file by file over the packaged theme.
    asset_dirs = [d / "assets" for d in theme_dirs(theme_dir)]
    own: dict[str, Path] = {}
    for d in reversed(asset_dirs):
        own.update({p.name: p for p in d.glob("*") if p.is_file()})
    found += [_hashed(name, own[name].read_bytes()) for name in sorted(own)]
    found += [_hashed(name, data) for name, data in bundle_assets(asset_dirs)]
    return {a.logical: a for a in found}
