"""manifest.json: what a build holds, with a content hash per page, file and data record."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from generator.content.model import Network
from generator.content.schema import RECORD_ORDER, record_id
from generator.site.downloads import network_records

MANIFEST = "manifest.json"
# The element in which a snapshot carries its manifest and records (diff reads it back).
SNAPSHOT_DATA_ID = "kts-snapshot"
FORMAT = 1
KINDS = RECORD_ORDER


def keyed_records(records: dict[str, list[dict]]) -> dict[str, dict[str, dict]]:
    """Records of each kind by id (Verbindungen by schema.verbindung_id)."""
    keyed: dict[str, dict[str, dict]] = {}
    for kind in KINDS:
        keyed[kind] = {record_id(kind, r): r for r in records.get(kind, [])}
    return keyed


def record_hash(record: dict[str, Any]) -> str:
    """First 16 hex digits of the sha256 of the record's canonical JSON."""
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# "assets/search.0a1b2c3d4e.js" -> "assets/search.js": an asset's fingerprint changes with its
# content (the search index with any name), and the asset has a hash of its own in the manifest.
_FINGERPRINT = re.compile(rb"(assets/[\w-]+)\.[0-9a-f]{10}(\.\w+)")


def content_hash(rel: str, data: bytes) -> str:
    """sha256 of a file as the manifest lists it. A page is hashed with asset fingerprints
    masked: it counts as changed only when its own text does."""
    if rel.endswith(".html"):
        data = _FINGERPRINT.sub(rb"\1\2", data)
    return hashlib.sha256(data).hexdigest()


def record_hashes(net: Network) -> dict[str, dict[str, str]]:
    """The hash of every data record, by kind and id (sorted)."""
    keyed = keyed_records(network_records(net))
    return {kind: {rid: record_hash(r) for rid, r in sorted(keyed[kind].items())} for kind in KINDS}


def make_manifest(
    net: Network,
    built: dt.date,
    files: dict[str, str],
    records: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """The manifest of a build: site settings, counts, hashes of pages, files and records
    (record_hashes(net), computed here unless given)."""
    pages = {p: h for p, h in files.items() if p.endswith(".html")}
    others = {p: h for p, h in files.items() if not p.endswith(".html")}
    return {
        "format": FORMAT,
        "generator": "kts-dashboard",
        "title": net.site.title,
        "base_url": net.site.base_url,
        "datenstand": net.site.datenstand.isoformat(),
        "build_date": built.isoformat(),
        "counts": {
            "handlungsfelder": len(net.handlungsfelder),
            "kommunen": len(net.kommunen),
            "verbindungen": len(net.verbindungen),
            "massnahmen": len(net.massnahmen),
            "illustrative": net.illustrative_count,
            "pages": len(pages),
            "files": len(others),
        },
        "pages": pages,
        "files": others,
        "records": record_hashes(net) if records is None else records,
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """Deterministic JSON: sorted keys, one entry per line, UTF-8."""
    text = json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")
