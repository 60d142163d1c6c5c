"""Shared assets: third-party files from installed packages and the theme's own, content-hashed."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from generator.model import Network


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


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def leaflet_files() -> tuple[bytes, bytes, dict[str, bytes]]:
    """Leaflet's JS, CSS and images from the xstatic-leaflet package."""
    base = _package_dir("xstatic.pkg.leaflet") / "data"
    images = {p.name: p.read_bytes() for p in sorted((base / "images").glob("*.png"))}
    return (base / "leaflet.js").read_bytes(), (base / "leaflet.css").read_bytes(), images


def vis_network_files() -> tuple[bytes, bytes]:
    """vis-network's JS as pyvis ships it, and only the CSS rules the graph uses."""
    base = _package_dir("pyvis") / "lib" / "vis-9.1.2"
    css = (base / "vis-network.css").read_text("utf-8")
    return (base / "vis-network.min.js").read_bytes(), _css_rules(css, "vis-tooltip").encode()


def _css_rules(css: str, needle: str) -> str:
    """Keep the top-level rules whose selector mentions needle (drops the editing UI's icons)."""
    kept = [m.group(0) for m in re.finditer(r"[^{}]+\{[^{}]*\}", css) if needle in m.group(0)]
    return "\n".join(r.strip() for r in kept) + "\n"


def outline_geojson(net: Network) -> dict:
    """Country outlines of Europe and of every partner's country, from countryinfo."""
    from countryinfo import all_countries

    wanted = {k.land for k in net.kommunen}
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
    return {"type": "FeatureCollection", "features": features}


def _round(coords):
    if isinstance(coords, (int, float)):
        return round(coords, 2)
    return [_round(c) for c in coords]


def search_index(net: Network) -> bytes:
    """The site search's index: name, kind and path of every Kommune, Maßnahme, Handlungsfeld."""
    from generator.pages import feld_path, kommune_path, massnahme_path
    from generator.vocab import LAENDER

    entries = [
        [k.name, "Kommune", k.bundesland or LAENDER.get(k.land, k.land), kommune_path(k.id)]
        for k in net.kommunen
    ]
    entries += [[m.titel, "Maßnahme", "", massnahme_path(m.id)] for m in net.massnahmen]
    entries += [[h.name, "Handlungsfeld", "", feld_path(h.id)] for h in net.handlungsfelder]
    text = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    return f"window.KTS_SEARCH={text};\n".encode()


def colours_css(net: Network) -> bytes:
    """Colour variables of node kinds, Arten, Handlungsfelder, clusters (a file: the CSP)."""
    from generator.pages import CLUSTER_COLOURS
    from generator.vocab import ARTEN, NODE_COLOURS

    rules = [":root{" + "".join(f"--node-{k}:{c};" for k, c in NODE_COLOURS.items()) + "}"]
    rules += [f".art-{a.id}{{--art:{a.colour}}}" for a in ARTEN]
    rules += [f".hf-{h.id}{{--hf:{h.farbe}}}" for h in net.handlungsfelder]
    rules += [f".swatch.cluster-{i}{{background:{c}}}" for i, c in enumerate(CLUSTER_COLOURS)]
    return ("\n".join(rules) + "\n").encode()


def collect_assets(net: Network, theme_dir: Path) -> dict[str, Asset]:
    """All shared assets by logical name; the theme's files come from templates/assets/."""
    leaflet_js, leaflet_css, images = leaflet_files()
    vis_js, vis_css = vis_network_files()
    outline = json.dumps(outline_geojson(net), separators=(",", ":"), sort_keys=True)
    # Leaflet's CSS refers to images/<name>: hash those too and point the CSS at them.
    pictures = [_hashed(f"images/{name}", data) for name, data in images.items()]
    css = leaflet_css.decode("utf-8")
    for pic in pictures:
        css = css.replace(f"({pic.logical})", f"({pic.path.removeprefix('assets/')})")
    found = [
        _hashed("search.js", search_index(net)),
        _hashed("colours.css", colours_css(net)),
        *pictures,
        _hashed("leaflet.js", leaflet_js),
        _hashed("leaflet.css", css.encode("utf-8")),
        _hashed("vis-network.js", vis_js),
        _hashed("vis-network.css", vis_css),
        _hashed("outline.js", f"window.KTS_OUTLINE={outline};\n".encode()),
    ]
    for path in sorted((theme_dir / "assets").glob("*")):
        if path.is_file():
            found.append(_hashed(path.name, path.read_bytes()))
    return {a.logical: a for a in found}
