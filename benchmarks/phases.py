"""Where a build's time goes: wall seconds per phase of one build, in this process.

    python benchmarks/phases.py CONTENT [--out DIR] [--json FILE]

Each phase is a function of the pipeline, timed where `generator.commands.build` (and the
analysis) call it: load, normalise, validate, metrics, layout, analysis, assets, render
(pages of every edition, with the downloads beside them when rendering is split over the
cores), downloads (timed alone once more, as rendering may hide them in a worker), write.
The phases do not overlap, except downloads, which the render phase contains."""

from __future__ import annotations

import argparse
import functools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (phase, module, function): each is looked up where it is called from.
PHASES = [
    ("load", "generator.commands.build", "load_source"),
    ("normalise", "generator.commands.build", "normalise"),
    ("validate", "generator.commands.build", "validate"),
    ("metrics", "generator.commands.build", "compute_metrics"),
    ("layout", "generator.analysis.analyse", "compute_layout"),
    ("analysis", "generator.commands.build", "analyse"),
    ("assets", "generator.commands.build", "collect_assets"),
    ("assets", "generator.commands.build", "map_assets"),
    ("assets", "generator.commands.build", "data_assets"),
    ("assets", "generator.commands.build", "language_assets"),
    ("render", "generator.commands.build", "render_pages"),
    ("write", "generator.commands.build", "_write_rest"),
    ("write", "generator.commands.build", "make_manifest"),
]


def _timed(spent: dict[str, float], phase: str, inner: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(inner)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[phase] = spent.get(phase, 0.0) + time.perf_counter() - started

    return wrapper


def profile(content: Path, out: Path) -> dict[str, float]:
    """One build of content into out: seconds per phase, "total" and "downloads"."""
    import importlib

    from generator.commands.build import build
    from generator.site.downloads import data_files

    spent: dict[str, float] = {}
    for phase, module_name, name in PHASES:
        module = importlib.import_module(module_name)
        setattr(module, name, _timed(spent, phase, getattr(module, name)))
    started = time.perf_counter()
    build(content, ROOT / "templates", out)
    total = time.perf_counter() - started
    # The analysis contains the layout: count each once.
    spent["analysis"] = spent.get("analysis", 0.0) - spent.get("layout", 0.0)
    result = {phase: spent.get(phase, 0.0) for phase in dict.fromkeys(p for p, _, _ in PHASES)}
    result["other"] = total - sum(result.values())
    result["total"] = total
    from generator.analysis.analyse import analyse
    from generator.analysis.metrics import compute_metrics
    from generator.commands.build import load_network

    net, _ = load_network(content)
    metrics = compute_metrics(net)
    positions = analyse(net, metrics.cluster_of, metrics).positions
    started = time.perf_counter()
    data_files(net, positions, metrics.cluster_of)
    result["downloads"] = time.perf_counter() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = profile(args.content.resolve(), args.out or Path(tmp) / "dist")
    for phase, seconds in result.items():
        print(f"{phase:<10} {seconds:8.2f} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
