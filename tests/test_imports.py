"""The package's import graph: phases import downwards only, with no cycle, not even through
an import inside a function."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"


def _module(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every generator module and the generator modules it imports anywhere in its code."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        graph[name] = {m for m in found if m in modules and m != name and m != "generator"}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles (each once, from its smallest module)."""
    found: list[list[str]] = []

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt == start:
                found.append([*path, start])
            elif nxt > start and nxt not in path:
                walk(start, nxt, [*path, nxt])

    for start in sorted(graph):
        walk(start, start, [start])
    return found


def test_the_package_has_no_import_cycle():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]


def test_the_content_phase_imports_nothing_from_later_phases():
    graph = import_graph()
    for name, imported in graph.items():
        if name.startswith("generator.content"):
            later = {
                m
                for m in imported
                if m.startswith(("generator.analysis", "generator.site", "generator.commands"))
            }
            assert later == set(), name
        if name.startswith("generator.analysis"):
            later = {m for m in imported if m.startswith(("generator.site", "generator.commands"))}
            assert later == set(), name
