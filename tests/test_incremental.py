"""Rebuilds in one process (serve) reuse the compiled templates, the graph measures and the
layout while their inputs stay; the output is always that of a fresh build."""

from __future__ import annotations

import filecmp
from pathlib import Path

import generator.analysis.layout as layout
import generator.analysis.metrics as metrics
import generator.site.render as render
from generator.commands.build import build
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
