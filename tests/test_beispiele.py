"""The illustrative remainder: seeded, reproducible, documented records untouched."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from generator.cli import main
from generator.commands.beispiele import REGIONS, generate, region_of
from generator.commands.build import load_network

CONTENT = Path(__file__).resolve().parent.parent / "content"


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_shipped_file_is_what_the_generator_writes():
    assert generate(CONTENT, seed=1) == (CONTENT / "verbindungen.csv").read_bytes()


def test_same_seed_same_bytes_other_seed_other_records(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "c")
    assert generate(tmp_path / "c", seed=7) == generate(tmp_path / "c", seed=7)
    assert generate(tmp_path / "c", seed=7) != generate(tmp_path / "c", seed=8)


def test_documented_records_stay_as_they_are(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "c")
    before = [r for r in _rows((CONTENT / "verbindungen.csv").read_bytes())
              if not r["quelle"].startswith("Beispiel")]  # fmt: skip
    after = [r for r in _rows(generate(tmp_path / "c", seed=5))
             if not r["quelle"].startswith("Beispiel")]  # fmt: skip
    assert after == before and len(before) > 7


def test_every_region_is_known_and_every_german_kommune_has_one():
    rows = list(csv.DictReader(io.StringIO((CONTENT / "kommunen.csv").read_text("utf-8"))))
    regions = {region_of(r) for r in rows if r["land"] == "DE"}
    assert regions == set(REGIONS)


def test_command_rewrites_and_the_result_is_valid(tmp_path, capsys):
    shutil.copytree(CONTENT, tmp_path / "c")
    assert main(["beispiele", "--content", str(tmp_path / "c"), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "belegte und" in out and "Partner je Modellprojekt" in out
    net, warnings = load_network(tmp_path / "c")
    assert warnings == [] and net.illustrative_count > 500


def test_command_refuses_invalid_content_and_writes_nothing(tmp_path, capsys):
    shutil.copytree(CONTENT, tmp_path / "c")
    path = tmp_path / "c" / "verbindungen.csv"
    broken = path.read_text("utf-8").replace("halle-saale,paderborn", "halle,paderborn", 1)
    path.write_text(broken, "utf-8")
    assert main(["beispiele", "--content", str(tmp_path / "c")]) == 1
    assert path.read_text("utf-8") == broken
    assert "unbekannte Kommune 'halle'" in capsys.readouterr().err
