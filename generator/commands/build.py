"""The build orchestrator: load → validate → model → analyse → render → write."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.analysis.analyse import Analysis, analyse
from generator.analysis.metrics import Metrics, compute_metrics
from generator.content.geschichten import check_geschichten
from generator.content.load import RawContent
from generator.content.model import Network
from generator.content.normalise import normalise
from generator.content.validate import validate
from generator.errors import BuildError, ContentError, Problem, Problems
from generator.site.assets import Asset, collect_assets
from generator.site.downloads import data_files
from generator.site.manifest import (
    MANIFEST,
    content_hash,
    make_manifest,
    manifest_bytes,
    record_hashes,
)
from generator.site.render import (
    build_date,
    data_assets,
    environments,
    headers_file,
    language_assets,
    map_assets,
    render_pages,
    site_files,
)
from generator.site.write import check_output_dir, staging, write_files
from generator.workbook.read import load_source


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
    """Load, normalise and validate content (a folder or a workbook); raise ContentError
    listing every problem (with strict, warnings count as errors). Pass problems to read what
    was detected (notes) and the values read in their canonical form (readings)."""
    problems = Problems() if problems is None else problems
    return check_raw(load_source(content_dir, problems), problems, strict)


def check_raw(
    raw: RawContent, problems: Problems, strict: bool = False
) -> tuple[Network, list[Problem]]:
    """Normalise and validate raw content into the model (ContentError on problems)."""
    raw = normalise(raw, problems)
    net = validate(raw, problems)
    geschichten = check_geschichten(raw, problems)
    if net is not None and geschichten:
        net = replace(net, geschichten=geschichten)
    if strict and problems.warnings:
        problems.items = [replace(p, severity="error") for p in problems.items]
    if net is None or problems.errors:
        raise ContentError(problems.errors + problems.warnings)
    return net, problems.warnings


# Called with (phase, done, total) as the build goes on; total is 0 for a phase without steps.
Progress = Callable[[str, int, int], None]


def _no_progress(phase: str, done: int, total: int) -> None:
    pass


def normalize_base_url(url: str) -> str | None:
    """The URL with one trailing slash, or None when it is not an absolute http(s) URL."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    return url.strip().rstrip("/") + "/"


def with_base_url(net: Network, base_url: str | None) -> Network:
    """The network with site.yaml's base_url replaced (deploy previews, sub-paths)."""
    if not base_url:
        return net
    url = normalize_base_url(base_url)
    if url is None:
        raise BuildError(f"--base-url {base_url!r}: erwartet eine http(s)-Adresse")
    return replace(net, site=replace(net.site, base_url=url))


def _write_hashed(root: Path, files: list[tuple[str, bytes]]) -> dict[str, str]:
    """Write the files below root; their manifest hashes by path."""
    write_files(root, files)
    return {rel: content_hash(rel, data) for rel, data in files}


@dataclass(frozen=True)
class _Analysed:
    """What the analysis phase hands to rendering: the measures, the figures and the assets."""

    metrics: Metrics
    analysis: Analysis
    assets: dict[str, Asset]


def _analyse(net: Network, templates_dir: Path) -> _Analysed:
    """The analysis phase, and the assets that depend on it (data, maps, theme)."""
    metrics = compute_metrics(net)
    analysis = analyse(net, metrics.cluster_of, metrics)
    assets = collect_assets(net, templates_dir)
    assets.update(map_assets(net))
    assets.update(data_assets(analysis))
    assets.update(language_assets(net, analysis))
    return _Analysed(metrics, analysis, assets)


def _render(
    net: Network, done: _Analysed, templates_dir: Path, tmp: Path, report: Progress, **kw: Any
) -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, str]]]:
    """Render every page into tmp, the downloads beside them; (pages, downloads, records)."""
    pages, (written_data, records) = render_pages(
        net,
        done.analysis,
        done.metrics,
        done.assets,
        environments(templates_dir),
        tmp,
        progress=lambda n, total: report("Seiten erzeugen", n, total),
        side_job=lambda root: (
            _write_hashed(root, data_files(net, done.analysis.positions, done.metrics.cluster_of)),
            record_hashes(net),
        ),
        **kw,
    )
    return pages, written_data, records


def _write_rest(
    net: Network, done: _Analysed, tmp: Path, pages: dict[str, str], data: dict[str, str]
) -> tuple[int, dict[str, str]]:
    """Write assets, sitemap, favicons and _headers; how many files, and every file's hash."""
    files = [(a.path, a.data) for a in sorted(done.assets.values(), key=lambda a: a.path)]
    files += site_files(net, pages)
    paths = [*pages, *data, *(rel for rel, _ in files)]
    files.append(headers_file(net, [*paths, MANIFEST]))
    written = write_files(tmp, files)
    return written, {**pages, **data, **{rel: content_hash(rel, d) for rel, d in files}}


def build(
    content_dir: Path,
    templates_dir: Path,
    out_dir: Path,
    *,
    base_url: str | None = None,
    progress: Progress | None = None,
    parallel_from: int | None = None,
) -> BuildResult:
    """Build the whole site from content_dir into out_dir, atomically; pages are rendered
    on all cores from parallel_from pages on (default: render.PARALLEL_FROM)."""
    started = time.perf_counter()
    report = progress or _no_progress
    check_output_dir(out_dir)
    report("Inhalt laden", 0, 0)
    net, warnings = load_network(content_dir)
    net = with_base_url(net, base_url)
    report("Netz analysieren", 0, 0)
    done = _analyse(net, templates_dir)
    with staging(out_dir) as tmp:
        pages, data, records = _render(
            net, done, templates_dir, tmp, report, parallel_from=parallel_from
        )
        report("Dateien schreiben", 0, 0)
        written, hashes = _write_rest(net, done, tmp, pages, data)
        manifest = make_manifest(net, build_date(), dict(sorted(hashes.items())), records)
        written += len(pages) + len(data) + write_files(tmp, [(MANIFEST, manifest_bytes(manifest))])
    return BuildResult(
        kommunen=len(net.kommunen),
        verbindungen=len(net.verbindungen),
        pages=len(pages),
        files=written,
        seconds=time.perf_counter() - started,
        warnings=tuple(warnings),
    )
