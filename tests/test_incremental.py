"""Rebuilds in one process (serve) reuse the compiled templates, the graph measures and the
layout while their inputs stay; the output is always that of a fresh build."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

import generator.analysis.layout as layout
import generator.analysis.metrics as metrics
import generator.site.render as render
from generator.commands.build import build
from generator.i18n import LANGUAGES
from tests.conftest import TEMPLATES, edit


def forget() -> None:
    """A fresh process, as far as the caches go."""
    metrics._GRAPH_MEASURES.clear()
    layout._LAYOUTS.clear()
    render._ENVIRONMENTS.clear()
    render._folium_map.cache_clear()
    render._graph_options_json.cache_clear()


def same_tree(a: Path, b: Path) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    if files_a != files_b:
        return False
    return all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)


def test_a_warm_rebuild_writes_the_bytes_of_a_fresh_build(content, tmp_path):
    forget()
    build(content, TEMPLATES, tmp_path / "fresh")
    assert metrics._GRAPH_MEASURES and layout._LAYOUTS and render._ENVIRONMENTS
    build(content, TEMPLATES, tmp_path / "warm")
    assert same_tree(tmp_path / "fresh", tmp_path / "warm")


def test_a_warm_rebuild_measures_neither_network_again(content, tmp_path, monkeypatch):
    """A build measures all connections and the documented ones; serve keeps both."""
    forget()
    build(content, TEMPLATES, tmp_path / "fresh")
    assert len(metrics._GRAPH_MEASURES) == 2
    measured = []
    start = metrics._start_graph_measures
    monkeypatch.setattr(
        metrics,
        "_start_graph_measures",
        lambda *a: measured.append(a[1] in metrics._GRAPH_MEASURES) or start(*a),
    )
    build(content, TEMPLATES, tmp_path / "warm")
    assert measured == [True, True]  # both networks' measures were there already
    assert same_tree(tmp_path / "fresh", tmp_path / "warm")


def test_a_new_name_keeps_layout_and_measures_and_shows_everywhere(content, tmp_path):
    forget()
    build(content, TEMPLATES, tmp_path / "before")
    kept_layout, kept_measures = dict(layout._LAYOUTS), dict(metrics._GRAPH_MEASURES)
    # A name that sorts last: rankings and clusters order ties by name, afresh in every build.
    edit(content / "kommunen.csv", "bamberg,Bamberg,", "bamberg,Zwischen Bamberg und Regnitz,")
    build(content, TEMPLATES, tmp_path / "warm")
    layout_now, measures_now = layout._LAYOUTS, metrics._GRAPH_MEASURES
    assert layout_now == kept_layout and measures_now == kept_measures
    assert "Zwischen Bamberg" in (tmp_path / "warm/kommunen/bamberg/index.html").read_text()
    forget()
    build(content, TEMPLATES, tmp_path / "fresh")
    assert same_tree(tmp_path / "fresh", tmp_path / "warm")


def test_a_new_connection_recomputes_measures_and_layout(content, tmp_path):
    forget()
    build(content, TEMPLATES, tmp_path / "before")
    kept_layout, kept_measures = dict(layout._LAYOUTS), dict(metrics._GRAPH_MEASURES)
    with (content / "verbindungen.csv").open("a", encoding="utf-8") as f:
        f.write("muenster,wien,wissensaustausch,bauen-und-wohnen,,2024-H1,,KTS\n")
    build(content, TEMPLATES, tmp_path / "warm")
    layout_now, measures_now = layout._LAYOUTS, metrics._GRAPH_MEASURES
    assert layout_now != kept_layout and measures_now != kept_measures
    forget()
    build(content, TEMPLATES, tmp_path / "fresh")
    assert same_tree(tmp_path / "fresh", tmp_path / "warm")


def test_a_changed_or_added_template_is_used_by_the_next_build(content, tmp_path):
    forget()
    templates = tmp_path / "templates"
    templates.mkdir()
    build(content, templates, tmp_path / "out")
    (templates / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>Eigene Seite</p>{% endblock %}\n'
    )
    build(content, templates, tmp_path / "out")
    assert "Eigene Seite" in (tmp_path / "out/404.html").read_text()
    (templates / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>Zweite Fassung</p>{% endblock %}\n'
    )
    build(content, templates, tmp_path / "out")
    assert "Zweite Fassung" in (tmp_path / "out/404.html").read_text()


def test_rendering_on_all_cores_writes_the_bytes_of_one_process(content, tmp_path):
    """serve renders with workers from far fewer pages: the output is the same."""
    build(content, TEMPLATES, tmp_path / "serial")
    build(content, TEMPLATES, tmp_path / "parallel", parallel_from=1)
    assert same_tree(tmp_path / "serial", tmp_path / "parallel")


# serve's incremental rebuild (build with track and last, deps.py): only the pages that read
# a changed entry are rendered again, the output stays that of a full build.


def _inodes(root: Path) -> dict[str, int]:
    """Every file's inode: a file written again (moved into the output) gets a new one."""
    return {str(p.relative_to(root)): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def _rewritten(before: dict[str, int], root: Path) -> set[str]:
    return {path for path, ino in _inodes(root).items() if before.get(path) != ino}


@pytest.mark.parametrize("site", ["mini", "synthetic"])
def test_incremental_rebuilds_write_the_bytes_of_a_full_build_after_random_edits(
    site, content, tmp_path
):
    """Random edits, each rebuilt incrementally (the downloads now with the pages, now after
    them as in serve) and compared with a full build of the same content: twenty of the mini
    site, ten of a synthetic one of 80 Kommunen, where an edit reaches fewer pages."""
    import random

    from generator.commands.synth import write_synthetic
    from generator.errors import ContentError
    from tests.edits import random_edit

    if site == "synthetic":
        content = tmp_path / "synthetic"
        write_synthetic(content, kommunen=80, verbindungen=200, massnahmen=12, seed=3)
    out = tmp_path / "out"
    last = build(content, TEMPLATES, out, track=True).last
    rng = random.Random(20261208)
    partial = done = 0
    edits = 20 if site == "mini" else 10
    while done < edits:
        kept = {p.name: p.read_bytes() for p in content.iterdir()}
        what = random_edit(rng, content)
        try:
            result = build(content, TEMPLATES, out, last=last, defer=done % 2 == 1)
        except ContentError:  # an edit the validation refuses: the output stays as it was
            for name, data in kept.items():
                (content / name).write_bytes(data)
            continue
        last = result.pending() if result.pending else result.last
        build(content, TEMPLATES, tmp_path / "full")
        assert same_tree(out, tmp_path / "full"), what
        partial += result.rendered < result.pages
        done += 1
    assert partial >= edits // 4  # most edits reach a part of the site only


def test_an_edit_renders_the_pages_that_show_the_record_and_no_other(content, tmp_path):
    out = tmp_path / "out"
    last = build(content, TEMPLATES, out, track=True).last
    before = _inodes(out)
    website = "12.1016,ja,2021,,https://regensburg.example"
    edit(content / "kommunen.csv", "12.1016,ja,2021,,", website)
    result = build(content, TEMPLATES, out, last=last)
    pages = {p for p in _rewritten(before, out) if p.endswith(".html")}
    assert {"kommunen/regensburg/index.html", "en/kommunen/regensburg/index.html"} <= pages
    # A Kommune in no connection, a Maßnahme of others, pages without records: not again.
    assert not pages & {"kommunen/ohne/index.html", "massnahmen/leer/index.html"}
    assert not pages & {"suche/index.html", "barrierefreiheit/index.html"}
    assert result.rendered == len(pages) < result.pages
    assert "regensburg.example" in (out / "kommunen/regensburg/index.html").read_text()


def test_a_template_change_or_another_build_renders_every_page(content, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    out = tmp_path / "out"
    last = build(content, templates, out, track=True).last
    again = build(content, templates, out, last=last)
    assert again.rendered == len(LANGUAGES)  # the 404 pages only
    (templates / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>Eigene Seite</p>{% endblock %}\n'
    )
    changed = build(content, templates, out, last=again.last)
    assert changed.rendered == changed.pages
    # Another build replaced the output (of other content): what the last build read is
    # no guide to it.
    edit(content / "kommunen.csv", "bamberg,Bamberg,", "bamberg,Bamberg an der Regnitz,")
    build(content, templates, out)
    assert build(content, templates, out, last=changed.last).rendered == changed.pages


def test_a_failed_edit_leaves_the_output_and_the_next_rebuild_builds_on_it(content, tmp_path):
    from generator.errors import ContentError
    from tests.conftest import tree_digest

    out = tmp_path / "out"
    last = build(content, TEMPLATES, out, track=True).last
    digest = tree_digest(out)
    good = (content / "kommunen.csv").read_text("utf-8")
    edit(content / "kommunen.csv", ",51.", ",151.")
    with pytest.raises(ContentError):
        build(content, TEMPLATES, out, last=last)
    assert tree_digest(out) == digest
    (content / "kommunen.csv").write_text(good, "utf-8")
    assert build(content, TEMPLATES, out, last=last).rendered == len(LANGUAGES)
