"""Render phase, what each page reads: the records and the analysis' entries a page is built
and rendered from, noted while that happens, so that serve renders again only the pages that
an edit reaches.

While a Tracking is active (serve), the render phase hands the pages' builders and templates
watched views of the network, the measures, the analysis and the assets: each read of an
entry notes (table, key) for the page being made. A table is a named container (or object):
"net.kommune_by_id", "metrics.similar", "pages.top_by_land", … After an edit the same names
resolve in the new build; a page is made again when an entry it read compares unequal."""

from __future__ import annotations

import types
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")
ALL = "*"  # the key of a read of a whole table (its length, every entry in turn)
MISSING = object()
Key = tuple[str, Any]

_reads: set[Key] | None = None  # what the page being made has read so far
_tables: dict[str, Any] | None = None  # the tables of the build being tracked, by name


def note(table: str, key: Any) -> None:
    """Note a read of table[key] for the page being made (nothing outside a page)."""
    if _reads is not None:
        _reads.add((table, key))


def tracking() -> bool:
    """Whether the build in progress notes its pages' reads."""
    return _tables is not None


@contextmanager
def page_reads() -> Iterator[set[Key]]:
    """The reads of the page made inside the block."""
    global _reads
    outer, _reads = _reads, set()
    try:
        yield _reads
    finally:
        _reads = outer


class _View:
    """What every watched view has: the container, its table's name, and reads of the whole."""

    __slots__ = ("_data", "_table")

    def __init__(self, data: Any, table: str) -> None:
        self._data, self._table = data, table

    def __iter__(self) -> Iterator:
        note(self._table, ALL)
        return iter(self._data)

    def __len__(self) -> int:
        note(self._table, ALL)
        return len(self._data)

    def raw(self) -> Any:
        """The whole container (noted as read whole), for code that needs a real one."""
        note(self._table, ALL)
        return self._data


class WatchedMapping(_View, Mapping):
    """A read-only view of a dict that notes each key read."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        note(self._table, key)
        return self._data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        note(self._table, key)
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        note(self._table, key)
        return key in self._data


class WatchedSequence(_View, Sequence):
    """A read-only view of a tuple or list that notes each index read."""

    __slots__ = ()

    def __getitem__(self, index: Any) -> Any:
        note(self._table, ALL if isinstance(index, slice) else index)
        return self._data[index]

    def __contains__(self, value: object) -> bool:
        note(self._table, ALL)
        return value in self._data

    def __bool__(self) -> bool:
        note(self._table, ALL)
        return bool(self._data)


class WatchedSet(_View):
    """A read-only view of a set: membership tests are noted per element."""

    __slots__ = ()

    def __contains__(self, key: object) -> bool:
        note(self._table, key)
        return key in self._data


class Watched:
    """An object seen through watched views: its dict, tuple and set attributes come as
    Watched* views named "<name>.<attribute>", its other attributes are noted as (name,
    attribute), and its methods run on this view (so that what they read is noted too)."""

    def __init__(self, obj: Any, name: str) -> None:
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_name", name)

    def __getattr__(self, attr: str) -> Any:
        obj, name = self._obj, self._name
        value = getattr(obj, attr)
        if isinstance(value, types.MethodType) and value.__self__ is obj:
            return types.MethodType(value.__func__, self)
        if isinstance(value, dict | list | tuple | set | frozenset):
            view = _view(value, f"{name}.{attr}")
            object.__setattr__(self, attr, view)  # found at once next time, never again here
            return view
        note(name, attr)
        return value

    def __setattr__(self, attr: str, value: Any) -> None:
        raise AttributeError(f"{self._name} is read-only")


def _view(value: Any, table: str) -> Any:
    if isinstance(value, dict):
        return WatchedMapping(value, table)
    if isinstance(value, list | tuple):
        return WatchedSequence(value, table)
    return WatchedSet(value, table)


def watch(value: T, table: str) -> T:
    """value as a watched view registered as table while a build is tracked, else value."""
    if _tables is None:
        return value
    _tables[table] = value
    if isinstance(value, dict | list | tuple | set | frozenset):
        return _view(value, table)  # type: ignore[no-any-return]
    return Watched(value, table)  # type: ignore[return-value]


def unwrap(value: Any) -> Any:
    """The container behind a watched view (noted as read whole), else value."""
    return value.raw() if isinstance(value, _View) else value


@contextmanager
def tracked_build() -> Iterator[dict[str, Any]]:
    """Track the build inside the block; yields its tables by name as they are registered."""
    global _tables
    outer, _tables = _tables, {}
    try:
        yield _tables
    finally:
        _tables = outer


def resolve(tables: Mapping[str, Any], table: str) -> Any:
    """A table by name: registered itself, or an attribute of a registered object."""
    if table in tables:
        return tables[table]
    owner, _, attr = table.rpartition(".")
    if owner and owner in tables:
        return getattr(tables[owner], attr, MISSING)
    return MISSING


def entry(container: Any, key: Any) -> Any:
    """What a read of container[key] saw (MISSING where there is none)."""
    if container is MISSING:
        return container
    if key == ALL:  # a whole dict is read in its order, too
        return tuple(container.items()) if isinstance(container, dict) else container
    if isinstance(container, dict):
        return container.get(key, MISSING)
    if isinstance(container, list | tuple):
        return (
            container[key]
            if isinstance(key, int) and -len(container) <= key < len(container)
            else MISSING
        )
    if isinstance(container, set | frozenset):
        return key in container
    return getattr(container, key, MISSING)


# The Verbindungen come sorted (normalise.py): an edit of one's Zeitraum moves others, and
# with them their positions. So positions are compared as the Verbindungen they stand for:
# in the tables that hold positions in net.verbindungen, and in reads of it by position.
VERBINDUNGEN = "net.verbindungen"
POSITIONAL = frozenset(
    {
        "metrics.by_kommune",
        "metrics.by_massnahme",
        "metrics.by_feld",
        "metrics.international",
        "pages.pair_connections",
    }
)


def changed(
    old: Mapping[str, Any], new: Mapping[str, Any], keys: Mapping[str, Collection[Any]]
) -> set[Key]:
    """The keys (by table) whose entries differ between two builds' tables."""
    before_v, after_v = resolve(old, VERBINDUNGEN), resolve(new, VERBINDUNGEN)
    found: set[Key] = set()
    for table, table_keys in keys.items():
        before, after = resolve(old, table), resolve(new, table)
        if before is after and before is not MISSING:
            continue
        if table == VERBINDUNGEN:
            found.update(_moved(before, after, table_keys))
            continue
        views = (before_v, after_v) if table in POSITIONAL else None
        if isinstance(before, dict) and isinstance(after, dict) and len(table_keys) > 64:
            differ = _changed_entries(before, after, views)
            found.update((table, key) for key in table_keys if key in differ)
            table_keys = [ALL] if ALL in table_keys else []
        for key in table_keys:
            a, b = entry(before, key), entry(after, key)
            if views is not None:
                a, b = _as_records(a, views[0]), _as_records(b, views[1])
            if _differs(a, b):
                found.add((table, key))
    return found


def _changed_entries(before: dict, after: dict, views: tuple[Any, Any] | None) -> set[Any]:
    """The keys of two dicts whose entries differ (one walk over both, for tables of which
    the pages read many entries)."""
    differ = set()
    for key in before.keys() | after.keys():
        a, b = before.get(key, MISSING), after.get(key, MISSING)
        if views is not None:
            a, b = _as_records(a, views[0]), _as_records(b, views[1])
        if _differs(a, b):
            differ.add(key)
    return differ


def _moved(before: Any, after: Any, keys: Collection[Any]) -> set[Key]:
    """Reads of Verbindungen by position: changed where that Verbindung is no more (where it
    only moved, the tables of positions that led there say whether the page changes)."""
    if before is MISSING or after is MISSING:
        return {(VERBINDUNGEN, key) for key in keys}
    remaining = set(after)
    found = set()
    for key in keys:
        if key == ALL:
            if _differs(before, after):
                found.add((VERBINDUNGEN, key))
        elif entry(before, key) not in remaining:
            found.add((VERBINDUNGEN, key))
    return found


def _as_records(value: Any, verbindungen: Any) -> Any:
    """Positions in net.verbindungen (also in nested tuples) as the Verbindungen there."""
    if isinstance(value, bool) or value is MISSING or verbindungen is MISSING:
        return value
    if isinstance(value, int):
        return verbindungen[value] if 0 <= value < len(verbindungen) else MISSING
    if isinstance(value, list | tuple):
        return tuple(_as_records(v, verbindungen) for v in value)
    if isinstance(value, dict):
        return {k: _as_records(v, verbindungen) for k, v in value.items()}
    return value


def _differs(a: Any, b: Any) -> bool:
    if a is b:
        return False
    try:
        return bool(a != b)
    except Exception:  # an entry that cannot be compared counts as changed
        return True


@dataclass
class PageReads:
    """What each page of a tracked build read (by its path in the source edition)."""

    tables: dict[str, Any] = field(default_factory=dict)
    reads: dict[str, frozenset[Key]] = field(default_factory=dict)
    _keys: dict[str, set[Any]] | None = field(default=None, repr=False, compare=False)

    def keys(self) -> dict[str, set[Any]]:
        """Every key any page read, by table (gathered once)."""
        if self._keys is None:
            self._keys = {}
            for table, key in set().union(*self.reads.values()):
                self._keys.setdefault(table, set()).add(key)
        return self._keys

    def followed_by(
        self,
        tables: dict[str, Any],
        reads: dict[str, frozenset[Key]],
        new: Mapping[str, frozenset[Key]],
    ) -> PageReads:
        """The reads of the next build, which rendered the pages of new again: its keys are
        these keys and those the new pages read (a key no page reads any more stays, and
        only costs its comparison)."""
        keys = self.keys()
        for page in new.values():
            for table, key in page:
                keys.setdefault(table, set()).add(key)
        return PageReads(tables, reads, keys)

    def reached(self, new_tables: Mapping[str, Any]) -> set[str]:
        """The pages that read an entry that differs in new_tables."""
        differs = changed(self.tables, new_tables, self.keys())
        return {path for path, page in self.reads.items() if not page.isdisjoint(differs)}
