"""manifest.json: deterministic, complete, and changing only where the content changed."""

from __future__ import annotations

import hashlib
import json
import re

from generator.commands.build import build
from generator.content.schema import verbindung_id
from generator.site.manifest import MANIFEST
from tests.conftest import TEMPLATES, edit


def manifest(out) -> dict:
    return json.loads((out / MANIFEST).read_text("utf-8"))


def test_manifest_names_datenstand_build_date_and_counts(built):
    m = manifest(built)
    assert m["datenstand"] == "2024-12-31"
    assert m["build_date"] == "2026-01-01"  # SOURCE_DATE_EPOCH of the tests
    assert m["counts"]["kommunen"] == len(m["records"]["kommunen"]) == 7
    assert m["counts"]["verbindungen"] == len(m["records"]["verbindungen"]) == 6
    assert m["counts"]["massnahmen"] == len(m["records"]["massnahmen"]) == 2
    assert m["counts"]["pages"] == len(m["pages"]) == 23 + 21  # German and English


def test_page_and_file_hashes_are_those_of_the_written_files(built):
    m = manifest(built)
    listed = {**m["pages"], **m["files"]}

    def digest(p) -> str:
        data = p.read_bytes()
        if p.suffix == ".html":  # pages: asset fingerprints masked
            data = re.sub(rb"(assets/[\w-]+)\.[0-9a-f]{10}(\.\w+)", rb"\1\2", data)
        return hashlib.sha256(data).hexdigest()

    on_disk = {
        p.relative_to(built).as_posix(): digest(p)
        for p in built.rglob("*")
        if p.is_file() and p.name not in (MANIFEST, ".kts-dashboard")
    }
    assert listed == on_disk
    assert "index.html" in m["pages"] and "daten/netzwerk.json" in m["files"]


def test_a_renamed_kommune_changes_only_the_pages_that_name_it(content, tmp_path):
    build(content, TEMPLATES, tmp_path / "a")
    edit(content / "kommunen.csv", "Großpösna", "Großpösna (Leipziger Land)")
    build(content, TEMPLATES, tmp_path / "b")
    a, b = manifest(tmp_path / "a")["pages"], manifest(tmp_path / "b")["pages"]
    changed = {p for p in a if a[p] != b[p]}
    # The search index (an asset) changes too, but pages only hold its fingerprint.
    assert "kommunen/grossposna/index.html" in changed
    # einbetten/ is the dashboard again (without header and footer): count the dashboard once.
    assert len(changed - {"einbetten/index.html"}) < len(a) / 2, changed


def test_manifest_is_byte_identical_across_builds_and_folders(content, tmp_path):
    a, b = tmp_path / "a", tmp_path / "elsewhere" / "b"
    build(content, TEMPLATES, a)
    build(content, TEMPLATES, b)
    raw = (a / MANIFEST).read_bytes()
    assert raw == (b / MANIFEST).read_bytes()
    assert list(json.loads(raw)) == sorted(json.loads(raw))  # sorted keys


def test_one_changed_record_changes_only_its_hash(content, tmp_path):
    before_dir, after_dir = tmp_path / "before", tmp_path / "after"
    build(content, TEMPLATES, before_dir)
    edit(content / "kommunen.csv", "https://www.bamberg.de", "https://bamberg.example")
    build(content, TEMPLATES, after_dir)
    before, after = manifest(before_dir)["records"], manifest(after_dir)["records"]
    for kind in before:
        differing = {k for k in before[kind] if before[kind][k] != after[kind].get(k)}
        assert differing == ({"bamberg"} if kind == "kommunen" else set()), kind


def test_verbindung_id_ignores_the_order_of_symmetric_ends():
    record = {"von": "b", "nach": "a", "art": "wissensaustausch", "zeitraum": "2024-H1"}
    swapped = {**record, "von": "a", "nach": "b"}
    assert verbindung_id(record) == verbindung_id(swapped) == "a|b|wissensaustausch|2024-H1"
    directed = {**record, "art": "vorbild"}
    assert verbindung_id(directed) != verbindung_id({**directed, "von": "a", "nach": "b"})


def test_base_url_option_relocates_sitemap_robots_404_and_manifest(content, tmp_path):
    out = tmp_path / "out"
    build(content, TEMPLATES, out, base_url="https://example.net/review/pr-7")
    assert manifest(out)["base_url"] == "https://example.net/review/pr-7/"
    assert "<loc>https://example.net/review/pr-7/kommunen/bamberg/</loc>" in (
        out / "sitemap.xml"
    ).read_text("utf-8")
    assert (
        "Sitemap: https://example.net/review/pr-7/sitemap.xml" in (out / "robots.txt").read_text()
    )
    page_404 = (out / "404.html").read_text("utf-8")
    assert 'href="/review/pr-7/assets/style.' in page_404
    assert 'href="/assets/' not in page_404
    # Other pages link relatively, so the site works under any path.
    assert 'href="assets/style.' in (out / "index.html").read_text("utf-8")
