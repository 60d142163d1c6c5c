"""Render phase: one Jinja environment, Folium maps and PyVis graph settings, HTML pages."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import itertools
import json
import multiprocessing as mp
import os
import types
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from generator import i18n
from generator.analysis.analyse import TABLES, Analysis
from generator.analysis.metrics import Metrics
from generator.content.model import Network, Site, zeitraum_label
from generator.content.vocab import ARTEN, GERMANY, arten_in
from generator.errors import BuildError
from generator.i18n import LANGUAGE, LANGUAGES, SOURCE, Language, lazy, translations
from generator.site import deps
from generator.site.assets import SEARCH_INDEX, Asset, hashed, search_index
from generator.site.downloads import DOWNLOADS, EXTRA_FIELDS, SCHEMAS
from generator.site.favicon import SVG as FAVICON_SVG
from generator.site.favicon import favicon_data_uri, favicon_ico
from generator.site.manifest import content_hash
from generator.site.pages import Lazy, PageSpec, site_pages
from generator.site.routes import (
    NAV,
    NOT_FOUND_LINKS,
    ROUTE,
    ROUTES,
    feld_path,
    in_sitemap,
    kommune_path,
    massnahme_path,
)
from generator.site.snippets import Snippets

_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def script_json(value: Any) -> Markup:
    """JSON that is safe inside <script>: no '</script>', no '<!--', no line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain)
    for char, escaped in _JSON_ESCAPES:  # str.replace: ten times faster than str.translate
        text = text.replace(char, escaped)
    return Markup(text)


def _plain(value: Any) -> Any:
    """A watched view (deps.py) as the dict or list it shows, for json.dumps."""
    plain = deps.unwrap(value)
    if plain is value:
        raise TypeError(f"{type(value).__name__} is not JSON serializable")
    return dict(plain) if isinstance(plain, Mapping) else list(plain)


# The callables templates call that never take Jinja's context or environment unless marked
# (pass_context and the like set jinja_pass_arg): these are called without Context.call's
# inspection of each callable, some 300,000 times for a thousand pages.
_PLAIN_CALLABLES = (
    types.FunctionType,
    types.MethodType,
    types.BuiltinFunctionType,
    functools.partial,
    type(functools.lru_cache(maxsize=None)(len)),
    jinja2.runtime.Macro,
)


class _Context(jinja2.runtime.Context):
    """Jinja's template context, with a quicker call() of the plain callables."""

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if type(__obj) in _PLAIN_CALLABLES and not hasattr(__obj, "jinja_pass_arg"):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
        return super().call(__obj, *args, **kwargs)


def make_environment(templates_dir: Path, code: str = SOURCE.code) -> jinja2.Environment:
    """The Jinja environment of one language: autoescaped, strict about undefined names, its
    catalogue installed for _() and ngettext(); a template missing from templates_dir comes
    from the packaged theme."""
    from generator.site.assets import theme_dirs

    loaders = [jinja2.FileSystemLoader(str(d)) for d in theme_dirs(templates_dir)]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.context_class = _Context
    env.install_gettext_translations(translations(code), newstyle=True)  # type: ignore[attr-defined]
    gettext, ngettext = _quick_gettext(translations(code))
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
    env.filters["script_json"] = script_json
    env.filters["number"] = functools.partial(_number, code=code)
    env.filters["date"] = functools.partial(i18n.date, code=code)
    env.filters["short_date"] = functools.partial(i18n.short_date, code=code)
    env.filters["t"] = functools.partial(i18n.text, code=code)
    env.globals["lang"] = LANGUAGE[code]
    env.globals["languages"] = LANGUAGES
    # On the pages of another language, German content says so: <p{{ de }}>… (BITV 2.0).
    env.globals["de"] = Markup("" if code == SOURCE.code else ' lang="de"')
    return env


def _quick_gettext(tr: Any) -> tuple[Callable[..., Markup], Callable[..., Markup]]:
    """_() and ngettext() exactly as Jinja's newstyle gettext gives them to autoescaped
    templates (translated, Markup, always %-formatted), without passing the context and with
    each message without parameters made once: at L the pages make about two million calls."""

    @functools.cache
    def constant(message: str) -> Markup:
        return Markup(tr.gettext(message)) % {}

    def gettext(__string: str, **variables: Any) -> Markup:
        if not variables:
            return constant(__string)
        return Markup(tr.gettext(__string)) % variables

    def ngettext(__singular: str, __plural: str, __num: int, **variables: Any) -> Markup:
        variables.setdefault("num", __num)
        return Markup(tr.ngettext(__singular, __plural, __num)) % variables

    return gettext, ngettext


def _number(value: float | int, digits: int = 0, *, code: str) -> str:
    return i18n.number(value, code, digits)


_ENVIRONMENTS: dict[tuple, jinja2.Environment] = {}


def cached_environment(templates_dir: Path, code: str = SOURCE.code) -> jinja2.Environment:
    """make_environment, kept while no template is added or removed, so that serve compiles
    a template only when it changed (Jinja checks each file's time when it is used)."""
    from generator.site.assets import theme_dirs

    key = tuple(
        (str(d.resolve()), tuple(sorted(str(p.relative_to(d)) for p in d.rglob("*.html"))))
        for d in theme_dirs(templates_dir)
    )
    if not any(k[0] == key for k in _ENVIRONMENTS):
        _ENVIRONMENTS.clear()
    if (key, code) not in _ENVIRONMENTS:
        _ENVIRONMENTS[key, code] = make_environment(templates_dir, code)
    return _ENVIRONMENTS[key, code]


def environments(templates_dir: Path) -> dict[str, jinja2.Environment]:
    """One environment per language of the site."""
    return {lang.code: cached_environment(templates_dir, lang.code) for lang in LANGUAGES}


def counted(n: int, one: str, many: str) -> str:
    """'1 Verbindung', '3 Verbindungen': the number in German form with its noun."""
    return f"{de_number(n)} {one if n == 1 else many}"


def de_number(value: float | int, digits: int = 0) -> str:
    """German number formatting: 1.234 and 12,5."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@dataclass(frozen=True)
class MapParts:
    """What a page needs of a Folium map: its element and its script."""

    html: Markup
    script: Markup


def folium_map(net: Network, name: str) -> MapParts:
    """A Folium map with local Leaflet, the configured tiles and a legend; data come later.
    The same settings give the same map: built once per process (serve rebuilds often)."""
    site = net.site
    html, script = _folium_map(name, site.tiles_url, site.tiles_attribution, site.tiles_max_zoom)
    return MapParts(Markup(html), Markup(script))


@functools.lru_cache(maxsize=16)
def _folium_map(name: str, tiles_url: str, attribution: str, max_zoom: int) -> tuple[str, str]:
    from generator.site.maps import folium_parts

    return folium_parts(name, tiles_url, attribution, max_zoom)


def map_assets(net: Network) -> dict[str, Asset]:
    """The scripts that set up the dashboard's map and the pages' map, as files: no inline
    script, so the Content-Security-Policy needs neither 'unsafe-inline' nor hashes."""
    found = {}
    for name in ("dashboard", "page"):
        script = folium_map(net, name).script
        found[f"map-{name}.js"] = hashed(f"map-{name}.js", f"{script}\n".encode())
    return found


# The dashboard's data come in script files of at most about this many characters, whole
# columns each: one file of 2.7 MB (11,000 Kommunen, 50,000 Verbindungen) took 30 ms to
# compile and parse, in one task of a phone's start. Not smaller: every part is one more
# request (over HTTP/1.1, six at a time).
DATA_PART_CHARS = 700_000


def data_assets(analysis: Analysis) -> dict[str, Asset]:
    """The dashboard's data as script files data-1.js, data-2.js, …: cached apart from the
    page, fetched after its first paint, each run in a task of its own. Each holds JSON strings
    for JSON.parse, which reads them faster than JS literals."""
    pieces: list[tuple[str | None, str, str]] = []  # (table or None, key, JSON)
    for key, value in analysis.client_data.items():
        if key in TABLES:
            pieces += [(key, column, str(script_json(values))) for column, values in value.items()]
        else:
            pieces.append((None, key, str(script_json(value))))
    parts: list[list[tuple[str | None, str, str]]] = [[]]
    size = 0
    for piece in pieces:
        if parts[-1] and size + len(piece[2]) > DATA_PART_CHARS:
            parts.append([])
            size = 0
        parts[-1].append(piece)
        size += len(piece[2])
    return {
        f"data-{n}.js": hashed(f"data-{n}.js", _data_script(part))
        for n, part in enumerate(parts, 1)
    }


def language_assets(net: Network, analysis: Analysis) -> dict[str, Asset]:
    """For each language but the source: strings-<code>.js, the scripts' strings from its
    catalogue, its number format and plural forms (window.KTS_I18N, on every page), and
    vocab-<code>.js, what the dashboard's data say in German that the language has its own
    words for (window.KTS_VOCAB, fetched by the dashboard with its data: an edit of the data
    changes it, and no other page)."""
    found = {}
    for lang in LANGUAGES:
        if lang == SOURCE:
            continue
        strings = i18n.client_strings(lang.code)
        strings["number"] = {
            "group": i18n.number(1000, lang.code)[1],
            "decimal": i18n.number(0.5, lang.code, 1)[1],
        }
        for name, variable, value in (
            (f"strings-{lang.code}.js", "KTS_I18N", strings),
            (f"vocab-{lang.code}.js", "KTS_VOCAB", _data_in(net, analysis.client_data, lang.code)),
        ):
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            found[name] = hashed(
                name, f"window.{variable}=JSON.parse({json.dumps(text)});\n".encode()
            )
    return found


def _data_in(net: Network, data: dict[str, Any], code: str) -> dict[str, Any]:
    """The dashboard's vocabularies in a language (they replace the German ones on load)."""
    from babel import Locale

    territories = Locale.parse(code).territories
    hf = net.handlungsfeld_by_id
    by_id = net.massnahme_by_id
    return {
        "arten": [a.client() for a in arten_in(code)],
        "handlungsfelder": [
            {**h, "name": hf[h["id"]].name_in(code)} for h in data["handlungsfelder"]
        ],
        "typen": [translations(code).gettext(t) for t in data["typen"]],
        "laender": [{**c, "name": territories.get(c["code"], c["name"])} for c in data["laender"]],
        "zeitraeume": [{**z, "label": zeitraum_label(z["id"], code)} for z in data["zeitraeume"]],
        "datenstand": i18n.short_date(net.site.datenstand, code),
        "massnahmen": {"titel": [by_id[m].titel_in(code) for m in data["massnahmen"]["id"]]},
    }


def _data_script(pieces: list[tuple[str | None, str, str]]) -> bytes:
    """One part of the data: an object of whole keys and of tables' columns, pushed to
    window.KTS_DATA_PARTS (merged by the dashboard's KTS.load)."""
    members = []
    for table, group in itertools.groupby(pieces, key=lambda piece: piece[0]):
        entries = [f"{json.dumps(key)}:{text}" for _, key, text in group]
        members += entries if table is None else [f"{json.dumps(table)}:{{{','.join(entries)}}}"]
    literal = json.dumps("{" + ",".join(members) + "}", ensure_ascii=False)
    return (
        f"(window.KTS_DATA_PARTS=window.KTS_DATA_PARTS||[]).push(JSON.parse({literal}));\n".encode()
    )


def _tiles_source(url: str) -> str:
    """The CSP source of the map tiles: scheme and host, a {s} subdomain as '*'."""
    parts = urlsplit(url)
    labels = parts.netloc.split(".")
    placeholders = [i for i, label in enumerate(labels) if "{" in label]
    if placeholders:
        labels = ["*", *labels[placeholders[-1] + 1 :]]
    return f"{parts.scheme}://{'.'.join(labels)}"


EMBED_PATH = ROUTE["einbetten"].path


def content_security_policy(site: Site) -> str:
    """The policy every page carries as <meta>: scripts, styles and everything else only from
    the site itself, images also from the tile server; never a plugin or another base URL."""
    directives = (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src 'self' data: {_tiles_source(site.tiles_url)}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    )
    return "; ".join(directives)


def graph_options() -> dict[str, Any]:
    """vis-network options built with PyVis: physics off, the layout comes precomputed."""
    return json.loads(_graph_options_json())


@functools.lru_cache(maxsize=1)
def _graph_options_json() -> str:
    # PyVis is imported here, when the options are first needed (it imports IPython).
    from pyvis.network import Network as PyvisNetwork

    graph = PyvisNetwork(directed=False, height="100%", width="100%")
    graph.toggle_physics(False)
    options = json.loads(graph.options.to_json())
    # Straight lines by default (fast to draw); parallel connections set their own curve.
    options["edges"]["smooth"] = {"enabled": False}
    options["edges"]["color"] = {"inherit": False}
    options["edges"]["width"] = 1.2
    options["edges"]["selectionWidth"] = 2
    options["nodes"] = {"shape": "dot", "font": {"size": 14, "face": "system-ui, sans-serif"}}
    options["interaction"].update(
        {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": False}
    )
    options["layout"] = {"improvedLayout": False, "randomSeed": 7}
    return json.dumps(options)


def build_date() -> dt.date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError) as exc:
            raise BuildError(f"SOURCE_DATE_EPOCH ist keine Unix-Zeit: {epoch!r}") from exc
    return dt.datetime.now(tz=dt.UTC).date()


@dataclass(frozen=True)
class Page:
    """A rendered page: where it goes and what it says."""

    path: str
    html: str


# Pages that only the source language has (Leichte Sprache, the BITV statement): the other
# editions link to them as German pages.
SOURCE_ONLY = frozenset(r.path for r in ROUTES if r.languages == (SOURCE.code,))


def editions(path: str) -> tuple[Language, ...]:
    """The languages a page exists in."""
    return (SOURCE,) if path in SOURCE_ONLY else LANGUAGES


def alternates(path: str) -> tuple[tuple[Language, str], ...]:
    """(language, path below the site's root) of each edition of a page."""
    return tuple((lang, lang.path(path)) for lang in editions(path))


def _absolute(site: Site, path: str) -> str:
    """A page's public address (hreflang alternates want absolute ones)."""
    return site.base_url.rstrip("/") + "/" + path.removesuffix("index.html")


@dataclass(frozen=True)
class Rendered:
    """What the render phase wrote: each file's manifest hash by path, what the side job
    returned, and (in a tracked build, deps.py) what each page read, by its job's path."""

    pages: dict[str, str]
    side: Any
    reads: dict[str, frozenset[deps.Key]]


# Called with the pages' common context's basis (see basis()) and every job's path; answers
# the paths to render (None: all). serve's incremental rebuild passes one.
Select = Callable[[str, list[str]], Collection[str] | None]


def common_context(net: Network, assets: dict[str, Asset]) -> dict[str, Any]:
    """What every page's template sees besides its own context."""
    return {
        "site": net.site,
        "net": net,
        "built": build_date(),
        "illustrative": net.illustrative_count,
        "documented": net.documented_count,
        "belegt": net.belegt_count,
        "total_verbindungen": len(net.verbindungen),
        "arten": ARTEN,
        "nav": NAV,
        "not_found_links": NOT_FOUND_LINKS,
        "assets": assets,
        "graph_options_json": script_json(graph_options()),
        "snips": {lang.code: Snippets(net, lang.code) for lang in LANGUAGES},
        "kommune_path": kommune_path,
        "massnahme_path": massnahme_path,
        "feld_path": feld_path,
        "zeitraum_label": zeitraum_label,
        "downloads": DOWNLOADS,
        "schemas": SCHEMAS,
        "extra_fields": EXTRA_FIELDS,
        "csp": content_security_policy(net.site),
        # Germany's extent (south, west, north, east) and the Kommune pages' path, from their
        # one declaration, for the scripts (the maps' first frame, the drawer's page link).
        "germany": ",".join(str(v) for v in (GERMANY[0], GERMANY[2], GERMANY[1], GERMANY[3])),
        "kommune_route": ROUTE["kommune"].path,
        "massnahme_route": ROUTE["massnahme"].path,
        "embedded": False,
        "favicon_uri": favicon_data_uri(),
        "search_index": SEARCH_INDEX,
    }


# The entries of the common context that deps.py watches entry by entry; the rest is the
# basis that every page stands on (site settings, the counts in every page's notice, …).
_WATCHED = ("net", "snips", "assets")


def basis(common: dict[str, Any]) -> str:
    """The common context but its watched entries, as text: when it changes, every page
    changes."""
    return repr(
        [
            (key, value)
            for key, value in common.items()
            if key not in _WATCHED and not callable(value)
        ]
    )


def render_pages(
    net: Network,
    analysis: Analysis,
    metrics: Metrics,
    assets: dict[str, Asset],
    envs: dict[str, jinja2.Environment],
    out_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    side_job: Callable[[Path], Any] | None = None,
    parallel_from: int | None = None,
    select: Select | None = None,
) -> Rendered:
    """Render the pages of the site into out_dir, each in every language it has (one
    environment per language in envs), and run side_job(out_dir) beside them: work such as
    the downloads, done by a worker while the others render when rendering is split over
    the cores. select, when given, chooses the pages to render (the 404 pages always are).

    progress, when given, is called with (pages done, pages in all) as rendering goes on;
    from parallel_from pages on (default PARALLEL_FROM) rendering is split over the cores."""
    if deps.tracking():  # serve: every read of a page is noted
        net, analysis, metrics = (
            deps.watch(net, "net"),
            deps.watch(analysis, "analysis"),
            deps.watch(metrics, "metrics"),
        )
        assets = deps.watch(assets, "assets")
    common = common_context(net, assets)
    page_map = folium_map(net, "page")
    jobs: list = [*_dashboards(net, analysis), *site_pages(net, analysis, metrics)]
    chosen = select(basis(common), [job.path for job in jobs]) if select else None
    if chosen is not None:
        jobs = [job for job in jobs if job.path in chosen]
    lost = ROUTE["404"]
    not_found = PageSpec(
        lost.template, lost.path, lazy(lost.title), lazy("Diese Seite gibt es nicht (mehr).")
    )
    total = len(jobs) + 1
    tick = (lambda done: progress(done, total)) if progress else (lambda done: None)
    tick(0)
    written, side, reads = _render_all(
        envs, jobs, common, page_map, out_dir, tick, side_job, parallel_from or PARALLEL_FROM
    )
    # The 404 page is served at any depth: absolute links below the site's own path.
    root = (urlsplit(net.site.base_url).path or "/").rstrip("/") + "/"
    for lang in LANGUAGES:
        page = _render(envs[lang.code], not_found, common, lang, site_root=root)
        written.append(_write(out_dir, page))
    tick(total)
    return Rendered(dict(sorted(written)), side, reads)


def _dashboards(net: Network, analysis: Analysis) -> list[Lazy]:
    """The dashboard, and the same without the site's header and footer, for other sites to
    frame."""

    def dashboard(embedded: bool) -> PageSpec:
        return PageSpec(
            ROUTE["dashboard"].template,
            EMBED_PATH if embedded else ROUTE["dashboard"].path,
            net.site.title,
            net.site.description,
            context={
                "figures": analysis.figures,
                "hubs": analysis.hubs,
                "vorbilder": analysis.vorbilder,
                "facets": analysis,
                "map": folium_map(net, "dashboard"),
                **({"embedded": True} if embedded else {}),
            },
        )

    return [
        Lazy(ROUTE["dashboard"].path, functools.partial(dashboard, False)),
        Lazy(EMBED_PATH, functools.partial(dashboard, True)),
    ]


def _write(out_dir: Path, page: Page) -> tuple[str, str]:
    """Write a page; its path and manifest hash (taken here, in the worker, from memory)."""
    target = out_dir / page.path
    target.parent.mkdir(parents=True, exist_ok=True)
    data = page.html.encode("utf-8")
    target.write_bytes(data)
    return page.path, content_hash(page.path, data)


# Pages (each rendered in every language it has); below this, starting workers costs
# more than it saves. The shipped site (313, in two languages) built warm in 1.72 s in one
# process and in 1.03 s on two cores; the 23 of the test fixture take 0.08 s either way.
PARALLEL_FROM = 100
_JOBS: tuple = ()  # what forked workers render (inherited, never pickled)


def _render_all(
    envs: dict[str, jinja2.Environment],
    jobs: list,
    common: dict[str, Any],
    page_map: MapParts,
    out_dir: Path,
    tick: Callable[[int], None] = lambda done: None,
    side_job: Callable[[Path], Any] | None = None,
    parallel_from: int = PARALLEL_FROM,
) -> tuple[list[tuple[str, str]], Any, dict[str, frozenset[deps.Key]]]:
    """Render and write pages, split over the machine's cores when there are many; each
    worker writes and hashes its own pages, so no page travels between processes. The side
    job runs in the first free worker (its result is pickled back). Returns the pages'
    paths and hashes, the side job's result and (when tracked) each job's reads."""
    workers = min(os.cpu_count() or 1, 8)
    state = (envs, jobs, common, page_map, out_dir, side_job)
    if len(jobs) < parallel_from or workers < 2 or "fork" not in mp.get_all_start_methods():
        side = side_job(out_dir) if side_job is not None else None
        paths, reads = _render_chunk(range(len(jobs)), state, tick)
        return paths, side, reads
    for env in envs.values():
        for name in env.list_templates(extensions=["html"]):
            env.get_template(name)  # compiled once here, not once per worker
    global _JOBS
    _JOBS = state
    # A few strided chunks per worker: balanced, and progress can be reported per chunk.
    parts = workers * 4
    chunks = []
    # What the workers inherit is kept out of the collector's sight: its passes would touch
    # every object, and each touched page of memory would be copied into each worker.
    gc.freeze()
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            side = pool.apply_async(_side_forked)  # first: it is one long task
            for chunk in pool.imap_unordered(
                _render_forked, [range(w, len(jobs), parts) for w in range(parts)]
            ):
                chunks.append(chunk)
                tick(sum(len(c[0]) for c in chunks) // len(LANGUAGES))
            side_result = side.get()
    finally:
        _JOBS = ()
        gc.unfreeze()
    reads = {path: page for chunk in chunks for path, page in chunk[1].items()}
    return [page for chunk in chunks for page in chunk[0]], side_result, reads


def _side_forked() -> Any:
    out_dir, side_job = _JOBS[4], _JOBS[5]
    return side_job(out_dir) if side_job is not None else None


def _render_forked(indices: range) -> tuple[list[tuple[str, str]], dict[str, frozenset]]:
    return _render_chunk(indices, _JOBS)


def _render_chunk(
    indices: range, state: tuple, tick: Callable[[int], None] = lambda done: None
) -> tuple[list[tuple[str, str]], dict[str, frozenset[deps.Key]]]:
    """Each job's page made once and rendered in every language it has; in a tracked build
    with what it read on the way."""
    envs, jobs, common, page_map, out_dir, _ = state
    paths = []
    reads = {}
    tracked = deps.tracking()
    for n, i in enumerate(indices, 1):
        job = jobs[i]
        with deps.page_reads() as seen:
            spec = job() if callable(job) else job
            for lang in editions(spec.path):
                page = _render(envs[lang.code], spec, common, lang, page_map=page_map)
                paths.append(_write(out_dir, page))
        if tracked:
            reads[job.path] = frozenset(seen)
        tick(n)
    return paths, reads


def _render(
    env: jinja2.Environment,
    spec: PageSpec,
    common: dict[str, Any],
    lang: Language = SOURCE,
    site_root: str | None = None,
    **extra: Any,
) -> Page:
    """One page in one language; links are relative to the page (site_root "../../") so
    file:// works; root is the edition's own root, for links to its pages."""
    path = lang.path(spec.path)
    if site_root is None:
        site_root = "../" * path.count("/")
    assets: dict[str, Asset] = common["assets"]

    def asset(logical: str) -> str:
        return site_root + assets[logical].path

    def asset_parts(logical: str) -> list[str]:
        """The asset, its edition's (vocab.js: vocab-en.js), or the parts it comes in
        (data.js: data-1.js, data-2.js, …); none when there is none of these."""
        if logical in assets:
            return [asset(logical)]
        stem, ext = logical.rsplit(".", 1)
        if f"{stem}-{lang.code}.{ext}" in assets:
            return [asset(f"{stem}-{lang.code}.{ext}")]
        names = itertools.takewhile(
            assets.__contains__, (f"{stem}-{n}.{ext}" for n in itertools.count(1))
        )
        return [asset(name) for name in names]

    code = lang.code
    context = {key: i18n.text(value, code) for key, value in spec.context.items()}
    localised = {
        "snip": common["snips"][code],
        "arten": arten_in(code),
        "zeitraum_label": functools.partial(zeitraum_label, code=code),
    }
    try:
        html = env.get_template(spec.template).render(
            **{**common, **localised, **context, **extra},
            root=site_root + lang.prefix,
            site_root=site_root,
            asset=asset,
            asset_parts=asset_parts,
            page_path=spec.path,
            page_title=i18n.text(spec.title, code),
            page_description=i18n.text(spec.description, code),
            crumbs=tuple((i18n.text(label, code), p) for label, p in spec.crumbs),
            editions=[
                (other, site_root + p, _absolute(common["site"], p))
                for other, p in alternates(spec.path)
            ],
        )
    except Exception as exc:  # any failure inside a template is reported, not dumped
        raise BuildError(
            f"{_template_location(exc, spec.template)}: Vorlagenfehler beim Erzeugen von "
            f"{path}: {type(exc).__name__}: {exc}"
        ) from exc
    return Page(path, html)


def _template_location(exc: Exception, template: str) -> str:
    """'dashboard.html:49' from a template error or from the innermost template frame."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.lineno:
        return f"{Path(exc.filename or template).name}:{exc.lineno}"
    location = template
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            location = f"{Path(filename).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return location


def site_files(net: Network, paths: Iterable[str]) -> list[tuple[str, bytes]]:
    """sitemap.xml (with the base URL from site.yaml and each page's editions as hreflang
    alternates), robots.txt, the favicons and the site search's index."""
    from xml.sax.saxutils import escape, quoteattr

    base = net.site.base_url.rstrip("/") + "/"
    written = set(paths)

    def url(path: str) -> str:
        return base + path.removesuffix("index.html")

    entries = []
    for path in sorted(written):
        page = edition_of(path)[1]
        if not in_sitemap(page):
            continue
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang.code}" href={quoteattr(url(p))}/>'
            for lang, p in alternates(page)
            if p in written and len(alternates(page)) > 1
        )
        entries.append(f"  <url><loc>{escape(url(path))}</loc>{links}</url>\n")
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "".join(entries) + "</urlset>\n"
    )
    robots = f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"
    return [
        (SEARCH_INDEX, search_index(net)),
        ("sitemap.xml", sitemap.encode("utf-8")),
        ("robots.txt", robots.encode("utf-8")),
        ("favicon.ico", favicon_ico()),
        ("favicon.svg", FAVICON_SVG.encode("utf-8")),
    ]


def edition_of(path: str) -> tuple[Language, str]:
    """A written file's language and its path in the source edition ("en/analyse/index.html"
    -> English, "analyse/index.html")."""
    for lang in LANGUAGES:
        if lang.prefix and path.startswith(lang.prefix):
            return lang, path.removeprefix(lang.prefix)
    return SOURCE, path


def headers_file(net: Network, paths: Iterable[str]) -> tuple[str, bytes]:
    """Netlify's _headers, one rule per top-level path of each edition: caching (hashed assets
    for a year, the rest revalidated) and the Content-Security-Policy, so that only einbetten/
    (in each edition) may be framed, and only by the pages of site.yaml."""
    policy = content_security_policy(net.site)
    allowed = " ".join(net.site.embed_origins) or "'self'"
    embeds = {"/" + lang.path(EMBED_PATH.split("/")[0]) + "/*" for lang in LANGUAGES}
    tops = {"/" + lang.prefix for lang in LANGUAGES}
    for path in paths:
        lang, page = edition_of(path)
        first, _, rest = page.partition("/")
        tops.add(f"/{lang.prefix}{first}/*" if rest else f"/{lang.prefix}{first}")
    lines = [
        "# Written by kts-dashboard build (generator/site/render.py, headers_file); do not edit."
    ]
    for top in sorted(tops):
        lines.append(top)
        if top == "/assets/*":  # named by their content's hash
            lines.append("  Cache-Control: public, max-age=31536000, immutable")
            continue
        lines.append("  Cache-Control: public, max-age=0, must-revalidate")
        if top in embeds:
            lines.append(f"  Content-Security-Policy: {policy}; frame-ancestors {allowed}")
        else:
            lines.append(f"  Content-Security-Policy: {policy}; frame-ancestors 'none'")
            lines.append("  X-Frame-Options: DENY")
    return "_headers", ("\n".join(lines) + "\n").encode("utf-8")


def check_templates(templates_dir: Path) -> None:
    """Compile every template, raising BuildError at the first syntax error."""
    if not templates_dir.is_dir():
        raise BuildError(f"Vorlagenordner {templates_dir} nicht gefunden")
    env = make_environment(templates_dir)
    for name in sorted(env.list_templates(filter_func=lambda n: n.endswith(".html"))):
        try:
            env.get_template(name)
        except jinja2.TemplateError as exc:
            raise BuildError(f"{_template_location(exc, name)}: Vorlagenfehler: {exc}") from exc
