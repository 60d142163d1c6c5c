"""Synthetic content: valid, deterministic, and shaped like a real network."""

from __future__ import annotations

from collections import Counter

from generator.analysis.analyse import analyse
from generator.cli import main
from generator.commands.build import load_network
from generator.commands.synth import synthesize, write_synthetic


def test_synthetic_content_is_valid_and_shaped_like_the_real_one(tmp_path):
    write_synthetic(tmp_path, kommunen=600, verbindungen=3000, massnahmen=40, seed=3)
    net, warnings = load_network(tmp_path)
    assert (len(net.kommunen), len(net.massnahmen)) == (600, 40)
    assert len(net.verbindungen) == 3000
    # Only the realistic warnings: a few Kommunen or Maßnahmen that nothing names.
    assert all("in keiner" in w.message or "von keiner" in w.message for w in warnings)
    degree = Counter(x for v in net.verbindungen for x in (v.von, v.nach))
    ranked = sorted(degree.values(), reverse=True)
    assert ranked[0] > 10 * ranked[len(ranked) // 2]  # a few hubs …
    assert sum(1 for d in ranked if d <= 2) > len(ranked) // 10  # … many with one or two links
    abroad = sum(1 for k in net.kommunen if k.land != "DE")
    assert 0.01 * 600 <= abroad <= 0.06 * 600
    a = analyse(net)
    assert all(f.count > 0 for f in a.arten)
    assert sum(1 for f in a.handlungsfelder if f.count) >= 10
    assert len(a.zeitraeume) >= 6


def test_same_seed_same_bytes_other_seed_other_bytes():
    first = synthesize(200, 500, 10, seed=1)
    assert first == synthesize(200, 500, 10, seed=1)
    assert first["verbindungen.csv"] != synthesize(200, 500, 10, seed=2)["verbindungen.csv"]


def test_synth_command(tmp_path, capsys):
    out = tmp_path / "synth"
    code = main(["synth", "--kommunen", "50", "--verbindungen", "100", "--out", str(out)])
    assert code == 0 and (out / "kommunen.csv").is_file()
    assert main(["validate", "--content", str(out)]) == 0
    assert main(["synth", "--kommunen", "1", "--verbindungen", "5", "--out", str(out)]) == 2
