"""The build orchestrator: load → validate → model → analyse → render → write."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from generator.analyse import analyse
from generator.assets import collect_assets
from generator.errors import ContentError, Problem, Problems
from generator.export import data_files
from generator.load import load_content
from generator.metrics import compute_metrics
from generator.model import Network
from generator.render import make_environment, map_assets, render_pages, site_files
from generator.validate import validate
from generator.write import check_output_dir, staging, write_files


@dataclass(frozen=True)
class BuildResult:
    """What a build did, for the summary line."""

    kommunen: int
    verbindungen: int
    pages: int
    files: int
    seconds: float
    warnings: tuple[Problem, ...]


def load_network(
    content_dir: Path, problems: Problems | None = None, strict: bool = False
) -> tuple[Network, list[Problem]]:
    """Load and validate content; raise ContentError listing every problem (with strict,
    warnings count as errors). Pass problems to read what was detected (notes)."""
    problems = Problems() if problems is None else problems
    raw = load_content(content_dir, problems)
    net = validate(raw, problems)
    if strict and problems.warnings:
        problems.items = [replace(p, severity="error") for p in problems.items]
    if net is None or problems.errors:
        raise ContentError(problems.errors + problems.warnings)
    return net, problems.warnings


def build(content_dir: Path, templates_dir: Path, out_dir: Path) -> BuildResult:
    """Build the whole site from content_dir into out_dir, atomically."""
    started = time.perf_counter()
    check_output_dir(out_dir)
    net, warnings = load_network(content_dir)
    analysis = analyse(net)
    metrics = compute_metrics(net)
    assets = collect_assets(net, templates_dir)
    assets.update(map_assets(net))
    env = make_environment(templates_dir)
    with staging(out_dir) as tmp:
        pages = render_pages(net, analysis, metrics, assets, env, tmp)
        files = [(a.path, a.data) for a in sorted(assets.values(), key=lambda a: a.path)]
        files += data_files(net)
        files += site_files(net, pages)
        written = len(pages) + write_files(tmp, files)
    return BuildResult(
        kommunen=len(net.kommunen),
        verbindungen=len(net.verbindungen),
        pages=len(pages),
        files=written,
        seconds=time.perf_counter() - started,
        warnings=tuple(warnings),
    )
