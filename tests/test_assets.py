"""The theme's scripts: joined from small parts in a declared order, deterministically."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.build import load_network
from generator.errors import BuildError
from generator.site.assets import BUNDLES, PARTS_DIR, bundle_assets, collect_assets, part_marker

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "templates" / "assets"
MAX_LINES = 300


def test_bundles_hold_every_part_in_the_declared_order():
    joined = dict(bundle_assets(ASSETS))
    assert list(joined) == list(BUNDLES)
    for name, parts in BUNDLES.items():
        data = joined[name]
        positions = [data.find(part_marker(part)) for part in parts]
        assert -1 not in positions, name
        assert positions == sorted(positions), name
        for part, start in zip(parts, positions, strict=True):
            body = (ASSETS / part).read_bytes().rstrip(b"\r\n") + b"\n"
            assert data[start + len(part_marker(part)) :].startswith(body), part


def test_every_part_is_in_a_bundle_and_short():
    listed = [part for parts in BUNDLES.values() for part in parts]
    assert len(listed) == len(set(listed))
    found = sorted(p.relative_to(ASSETS).as_posix() for p in (ASSETS / PARTS_DIR).rglob("*.js"))
    assert found == sorted(listed)
    for part in listed:
        lines = (ASSETS / part).read_text("utf-8").count("\n")
        assert lines < MAX_LINES, f"{part}: {lines} lines"


def test_bundles_are_deterministic_and_parts_are_not_shipped():
    net, _ = load_network(ROOT / "tests" / "fixtures" / "mini")
    first = collect_assets(net, ROOT / "templates")
    second = collect_assets(net, ROOT / "templates")
    for name in BUNDLES:
        assert first[name].data == second[name].data
        assert first[name].path == second[name].path
        assert first[name].path.startswith(f"assets/{name.removesuffix('.js')}.")
    assert not [a for a in first.values() if "/" in a.logical.removeprefix("images/")]
    assert not any(a.logical.startswith(PARTS_DIR + "/") for a in first.values())


def test_a_part_missing_from_the_list_is_a_build_error(tmp_path):
    for part in {p for parts in BUNDLES.values() for p in parts}:
        (tmp_path / part).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / part).write_text("/* part */\n")
    assert [name for name, _ in bundle_assets(tmp_path)] == list(BUNDLES)
    (tmp_path / PARTS_DIR / "dashboard" / "extra.js").write_text("/* new */\n")
    with pytest.raises(BuildError, match="extra.js"):
        bundle_assets(tmp_path)
