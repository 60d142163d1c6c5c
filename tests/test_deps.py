"""What a page reads (generator/site/deps.py): watched views note each entry read while a
page is made, and the entries are compared between two builds."""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.site import deps


@dataclass(frozen=True)
class V:
    """A Verbindung, as far as these tests go."""

    von: str
    nach: str
    zeitraum: str


@dataclass(frozen=True)
class Net:
    verbindungen: tuple[V, ...]
    name: dict[str, str]
    title: str = "Netz"

    def connections(self, indices: tuple[int, ...]) -> list[V]:
        return [self.verbindungen[i] for i in indices]


A, B, C = V("a", "b", "2023-H1"), V("b", "c", "2023-H2"), V("a", "c", "2024-H1")


def test_nothing_is_watched_outside_a_tracked_build():
    table = {"a": 1}
    assert deps.watch(table, "t") is table and not deps.tracking()


def test_a_page_notes_what_it_reads_through_tables_attributes_and_methods():
    net = Net((A, B, C), {"a": "Aachen", "b": "Bonn", "c": "Celle"})
    with deps.tracked_build() as tables:
        watched = deps.watch(net, "net")
        assert tables["net"] is net
        with deps.page_reads() as reads:
            assert watched.name["b"] == "Bonn"
            assert watched.connections((2,)) == [C]
            assert watched.title == "Netz"
            assert "z" not in watched.name
        assert watched.name["a"] == "Aachen"  # outside a page: noted nowhere
    assert reads == {
        ("net.name", "b"),
        ("net.verbindungen", 2),
        ("net", "title"),
        ("net.name", "z"),
    }


def test_entries_compare_by_value_and_a_whole_read_by_the_whole_table():
    old = {"t": {"a": 1, "b": 2}, "s": frozenset({"x"})}
    new = {"t": {"a": 1, "b": 3}, "s": frozenset({"x", "y"})}
    keys = {"t": ["a", "b", deps.ALL, "c"], "s": ["x", "y"]}
    assert deps.changed(old, new, keys) == {("t", "b"), ("t", deps.ALL), ("s", "y")}
    # A dict read whole is read in its order: the same entries in another order differ.
    again = {"t": {"b": 2, "a": 1}, "s": old["s"]}
    assert deps.changed(old, again, keys) == {("t", deps.ALL)}


def test_a_table_of_which_pages_read_many_entries_compares_entry_by_entry():
    old = {"t": {str(n): n for n in range(100)}}
    new = {"t": {**old["t"], "7": -7, "100": 100}}
    keys = {"t": [*(str(n) for n in range(101)), "x"]}
    assert deps.changed(old, new, keys) == {("t", "7"), ("t", "100")}


def test_positions_compare_as_the_verbindungen_they_stand_for():
    """Sorted by Zeitraum, an edit moves a Verbindung; the others' positions shift, and a
    page that reads them by position changes only where a Verbindung it read did."""
    before = {"net": Net((A, B, C), {}), "metrics.by_kommune": {"a": (0, 2), "b": (0, 1)}}
    moved = replace(A, zeitraum="2024-H2")  # now last: B and C move up one place
    after = {"net": Net((B, C, moved), {}), "metrics.by_kommune": {"a": (1, 2), "b": (0, 2)}}
    keys = {"metrics.by_kommune": ["a", "b"], "net.verbindungen": [0, 1]}
    assert deps.changed(before, after, keys) == {
        ("metrics.by_kommune", "a"),  # (A, C) -> (C, moved A)
        ("metrics.by_kommune", "b"),  # (A, B) -> (B, moved A)
        ("net.verbindungen", 0),  # A is no more as it was
    }
    same = {"net": Net((A, B, C), {}), "metrics.by_kommune": {"a": (0, 2), "b": (0, 1)}}
    assert deps.changed(before, same, keys) == set()


def test_the_pages_reached_are_those_that_read_a_changed_entry():
    reads = deps.PageReads(
        {"t": {"a": 1, "b": 2}},
        {"x.html": frozenset({("t", "a")}), "y.html": frozenset({("t", "b")})},
    )
    assert reads.reached({"t": {"a": 1, "b": 5}}) == {"y.html"}
