"""The build orchestrator: load → validate → model → analyse → render → write."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
from generator.site import deps
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
    Rendered,
    build_date,
    data_assets,
    editions,
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
    rendered: int = 0  # pages rendered this time (all of them, but in an incremental rebuild)
    last: LastBuild | None = None  # what the next build can build on (tracked builds only)
    # With defer, after an incremental rebuild: the downloads and the manifest still to
    # write (until then, last describes the output with the last build's downloads).
    pending: Pending | None = None


@dataclass(frozen=True)
class LastBuild:
    """What a tracked build (serve) leaves for the next: what each page read and every
    file's manifest hash. The next build renders only the pages whose reads changed, when
    nothing else did."""

    out_dir: Path
    theme: tuple  # the templates' files as (path, mtime, size)
    basis: str  # render.basis of the pages' common context
    reads: deps.PageReads
    hashes: dict[str, str]  # every file of the output but the manifest -> its hash
    data: dict[str, str]  # the downloads' hashes (also in hashes)
    manifest: bytes


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


def _downloads(net: Network, done: _Analysed, root: Path) -> tuple[dict, dict]:
    """Write the downloads below root; their hashes, and the records' (for the manifest)."""
    files = data_files(net, done.analysis.positions, done.metrics.cluster_of)
    return _write_hashed(root, files), record_hashes(net)


def _render(
    net: Network,
    done: _Analysed,
    templates_dir: Path,
    tmp: Path,
    report: Progress,
    later: Callable[[], bool] = lambda: False,
    **kw: Any,
) -> tuple[Rendered, dict[str, str] | None, dict[str, dict[str, str]] | None]:
    """Render the pages into tmp, the downloads beside them unless later() says they come
    after the pages; (pages, downloads, records), the last two None when they come later."""
    rendered = render_pages(
        net,
        done.analysis,
        done.metrics,
        done.assets,
        environments(templates_dir),
        tmp,
        progress=lambda n, total: report("Seiten erzeugen", n, total),
        side_job=lambda root: None if later() else _downloads(net, done, root),
        **kw,
    )
    written_data, records = rendered.side or (None, None)
    return rendered, written_data, records


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


class _Update:
    """The choice of a tracked build (serve): render only the pages an edit reached, when
    the last build is still what the output holds and the templates and the pages' common
    context are as they were; else every page."""

    def __init__(self, last: LastBuild | None, out_dir: Path, theme: tuple) -> None:
        self.last, self.out_dir, self.theme = last, out_dir.resolve(), theme
        self.tables: dict[str, Any] = {}
        self.basis = ""
        self.paths: list[str] = []
        self.chosen: set[str] | None = None
        self.stale: frozenset[str] | None = None

    def select(self, basis: str, paths: list[str]) -> set[str] | None:
        """The pages to render (None: all); render.Select."""
        self.basis, self.paths = basis, paths
        last = self.last
        if last is None or not self._usable(last):
            return None
        self.chosen = last.reads.reached(self.tables) | (set(paths) - last.reads.reads.keys())
        return self.chosen

    def _usable(self, last: LastBuild) -> bool:
        if (last.out_dir, last.theme, last.basis) != (self.out_dir, self.theme, self.basis):
            return False
        try:  # the output must still be the last build's (not replaced by another build)
            return (self.out_dir / MANIFEST).read_bytes() == last.manifest
        except OSError:
            return False

    def pages(self, rendered: Rendered) -> dict[str, str]:
        """Every page's hash: those rendered now, and the last build's of the others."""
        if self.chosen is None or self.last is None:
            return rendered.pages
        kept = {
            path: self.last.hashes[path]
            for job in self.paths
            if job not in self.chosen
            for path in _edition_paths(job)
        }
        return dict(sorted({**kept, **rendered.pages}.items()))

    def reads(self, rendered: Rendered) -> deps.PageReads:
        """What each page read: now, or in the last build for a page not rendered again."""
        if self.chosen is None or self.last is None:
            return deps.PageReads(self.tables, rendered.reads)
        old = self.last.reads
        kept = {job: old.reads[job] for job in self.paths if job in old.reads}
        return old.followed_by(self.tables, {**kept, **rendered.reads}, rendered.reads)

    def finish(self, hashes: dict[str, str]) -> None:
        """After an incremental rebuild: the last build's files that are no more."""
        if self.chosen is not None and self.last is not None:
            self.stale = frozenset(self.last.hashes.keys() - hashes.keys())


def _edition_paths(job: str) -> list[str]:
    """The files of a page's editions."""
    return [lang.path(job) for lang in editions(job)]


def theme_state(templates_dir: Path) -> tuple:
    """The template folders' files as (path, modification time, size)."""
    from generator.site.assets import theme_dirs

    found = []
    for folder in theme_dirs(templates_dir):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                st = path.stat()
                found.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(found)


def build(
    content_dir: Path,
    templates_dir: Path,
    out_dir: Path,
    *,
    base_url: str | None = None,
    progress: Progress | None = None,
    parallel_from: int | None = None,
    track: bool = False,
    last: LastBuild | None = None,
    defer: bool = False,
) -> BuildResult:
    """Build the whole site from content_dir into out_dir, atomically; pages are rendered
    on all cores from parallel_from pages on (default: render.PARALLEL_FROM). With track
    (serve), the result's last says what each page read; given the last build's, only the
    pages an edit reached are rendered again, and the output is updated in place; with
    defer, the downloads and the manifest of such an update only in the result's pending()
    (serve shows the pages first)."""
    started = time.perf_counter()
    report = progress or _no_progress
    check_output_dir(out_dir)
    report("Inhalt laden", 0, 0)
    net, warnings = load_network(content_dir)
    net = with_base_url(net, base_url)
    report("Netz analysieren", 0, 0)
    done = _analyse(net, templates_dir)
    update = _Update(last, out_dir, theme_state(templates_dir)) if track or last else None
    tracked: contextlib.AbstractContextManager[dict[str, Any]] = (
        deps.tracked_build() if update else contextlib.nullcontext({})
    )
    with tracked as tables, staging(out_dir, merge=lambda: update.stale if update else None) as tmp:
        if update:
            update.tables = tables
        rendered, data, records = _render(
            net,
            done,
            templates_dir,
            tmp,
            report,
            later=lambda: defer and update is not None and update.chosen is not None,
            parallel_from=parallel_from,
            select=update.select if update else None,
        )
        pages = update.pages(rendered) if update else rendered.pages
        report("Dateien schreiben", 0, 0)
        later = data is None and update is not None and update.last is not None
        if later:  # the last build's downloads stay until pending() replaces them
            data = update.last.data  # type: ignore[union-attr]
        assert data is not None
        written, hashes = _write_rest(net, done, tmp, pages, data)
        written += len(pages) + len(data)
        if not later:
            manifest = manifest_bytes(
                make_manifest(net, build_date(), dict(sorted(hashes.items())), records)
            )
            written += write_files(tmp, [(MANIFEST, manifest)])
        if update:
            update.finish(hashes)
    pending = None
    if later and update is not None and update.last is not None:
        pending = Pending(net, done, update, rendered, hashes)
        manifest = update.last.manifest  # still the output's, until pending commits
    return BuildResult(
        kommunen=len(net.kommunen),
        verbindungen=len(net.verbindungen),
        pages=len(pages),
        files=written,
        seconds=time.perf_counter() - started,
        warnings=tuple(warnings),
        rendered=len(rendered.pages),
        last=_last_build(update, rendered, hashes, data, manifest) if update else None,
        pending=pending,
    )


@dataclass(frozen=True)
class Pending:
    """The downloads and the manifest that an incremental rebuild with defer leaves for after
    its pages: written in any process (write), then moved into the output (commit)."""

    net: Network
    done: _Analysed
    update: _Update
    rendered: Rendered
    hashes: dict[str, str]

    def write(self, root: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
        """Write the downloads below root; their hashes and the records' hashes."""
        return _downloads(self.net, self.done, root)

    def commit(
        self, root: Path, data: dict[str, str], records: dict[str, dict[str, str]]
    ) -> LastBuild:
        """Move the downloads written below root into the output, each file replaced at
        once, then the manifest; what the next build builds on."""
        out = self.update.out_dir
        for rel in data:
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(root / rel, out / rel)
        hashes = {**self.hashes, **data}
        manifest = manifest_bytes(
            make_manifest(self.net, build_date(), dict(sorted(hashes.items())), records)
        )
        with tempfile.NamedTemporaryFile(dir=out, prefix=".manifest-", delete=False) as f:
            f.write(manifest)
        os.replace(f.name, out / MANIFEST)
        return _last_build(self.update, self.rendered, hashes, data, manifest)

    def __call__(self) -> LastBuild:
        """Write and commit, here and now."""
        out = self.update.out_dir
        with tempfile.TemporaryDirectory(prefix=f".{out.name}-data-", dir=out.parent) as tmp:
            return self.commit(Path(tmp), *self.write(Path(tmp)))


def _last_build(
    update: _Update,
    rendered: Rendered,
    hashes: dict[str, str],
    data: dict[str, str],
    manifest: bytes,
) -> LastBuild:
    return LastBuild(
        out_dir=update.out_dir,
        theme=update.theme,
        basis=update.basis,
        reads=update.reads(rendered),
        hashes=hashes,
        data=data,
        manifest=manifest,
    )
