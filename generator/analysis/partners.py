"""Analysis phase: "Passende Partner", the Kommunen a Kommune is not yet connected to that
its partners learn from or that work on its main Handlungsfelder, each with its reason.

Computed over all Verbindungen (a suggestion from illustrative data is still a lead); each
suggestion says whether it also holds over the documented (belegt) Verbindungen alone.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.content.model import Kommune, Network, Verbindung
from generator.content.vocab import ART_BY_ID

SUGGESTIONS = 6  # suggestions per Kommune
MAIN_FELDER = 3  # a Kommune's main Handlungsfelder, the ones compared with the candidates'
FIELD_CANDIDATES = 24  # the most active Kommunen per main Handlungsfeld that are scored
# The Vorbilder of the most partners that are scored: a hub's partners name hundreds, and
# each costs (11,000 Kommunen with 50,000 Verbindungen took 20 s when all were scored). The
# documented leads are scored besides: the Vorbilder a documented partner documentedly learns
# from and the FIELD_CANDIDATES most active with documented Verbindungen in each main field.
LEARNER_CANDIDATES = 24
NONE: Counter[str] = Counter()  # the Handlungsfelder of a Kommune without Verbindungen
NAMED_LEARNERS = 3  # partners named in a reason; more are counted ("und 2 weitere")
LEARNER_POINTS = 2  # a partner that learns from a candidate counts twice a shared field


@dataclass(frozen=True)
class Suggestion:
    """A Kommune suggested as a partner, with why."""

    kommune: str  # its id
    learners: tuple[str, ...]  # partners that take it as Vorbild (or got a Maßnahme from it)
    felder: tuple[str, ...]  # the main Handlungsfelder it works on too
    feld_connections: int  # its Verbindungen in those Handlungsfelder
    belegt: bool  # a reason also holds over the documented Verbindungen alone
    reason: str  # the reasons in one German line

    @property
    def score(self) -> int:
        """LEARNER_POINTS per partner that learns from it, one per shared main Handlungsfeld."""
        return LEARNER_POINTS * len(self.learners) + len(self.felder)


@dataclass(frozen=True)
class _Index:
    """Lookups over a set of Verbindungen."""

    partners: dict[str, set[str]]  # Kommune -> the Kommunen it is connected with
    models: dict[str, set[str]]  # learner -> the Kommunen it takes as model
    felder: dict[str, Counter[str]]  # Kommune -> its Verbindungen per Handlungsfeld
    by_feld: dict[str, list[str]]  # Handlungsfeld -> Kommunen, most Verbindungen first


def _index(vs: Iterable[Verbindung], order: dict[str, int]) -> _Index:
    """Partners, models and Handlungsfelder of each Kommune in vs."""
    partners: dict[str, set[str]] = {}
    models: dict[str, set[str]] = {}
    felder: dict[str, Counter[str]] = {}
    for v in vs:
        partners.setdefault(v.von, set()).add(v.nach)
        partners.setdefault(v.nach, set()).add(v.von)
        model = ART_BY_ID[v.art].origin(v.von, v.nach)
        if model is not None:
            models.setdefault(v.nach if model == v.von else v.von, set()).add(model)
        for end in (v.von, v.nach):
            felder.setdefault(end, Counter()).update(v.handlungsfelder)
    members: dict[str, list[str]] = {}
    for k, counts in felder.items():
        for h in counts:
            members.setdefault(h, []).append(k)
    by_feld = {h: _most_active(ks, h, felder, order) for h, ks in members.items()}
    return _Index(partners, models, felder, by_feld)


def _most_active(
    ks: list[str], h: str, felder: dict[str, Counter[str]], order: dict[str, int]
) -> list[str]:
    """The Kommunen with most Verbindungen in Handlungsfeld h first, ties by name."""
    return sorted(ks, key=lambda k: (-felder[k][h], order[k]))


@dataclass(frozen=True)
class _Names:
    """Names of Kommunen and Handlungsfelder, and the Kommunen's alphabetical ranks."""

    kommune: dict[str, str]
    feld: dict[str, str]
    order: dict[str, int]


def suggest_partners(
    net: Network, name_key: Callable[[str], str] = str.casefold
) -> dict[str, tuple[Suggestion, ...]]:
    """Every Kommune's suggestions, best first: those a documented Verbindung bears before
    those only illustrative ones bear, then by score, Verbindungen in the shared fields and
    name (name_key: the alphabetical order of names), so ties fall the same way every build."""
    ordered = sorted(net.kommunen, key=lambda k: (name_key(k.name), k.id))
    names = _Names(
        {k.id: k.name for k in net.kommunen},
        {h.id: h.name for h in net.handlungsfelder},
        {k.id: n for n, k in enumerate(ordered)},
    )
    every = _index(net.verbindungen, names.order)
    documented = _index((v for v in net.verbindungen if v.belegt), names.order)
    return {k.id: _suggestions(k, every, documented, names) for k in net.kommunen}


def main_felder(counts: Counter[str]) -> tuple[str, ...]:
    """The MAIN_FELDER Handlungsfelder with the most Verbindungen (ties by id)."""
    return tuple(sorted(counts, key=lambda h: (-counts[h], h))[:MAIN_FELDER])


def _candidates(taken: set[str], felder: tuple[str, ...], every: _Index) -> set[str]:
    """The FIELD_CANDIDATES most active Kommunen not yet taken in each main Handlungsfeld."""
    found: set[str] = set()
    for h in felder:
        n = 0
        for c in every.by_feld[h]:
            if n == FIELD_CANDIDATES:
                break
            if c not in taken:
                found.add(c)
                n += 1
    return found


def _suggestions(
    k: Kommune, every: _Index, documented: _Index, names: _Names
) -> tuple[Suggestion, ...]:
    """The best SUGGESTIONS for one Kommune."""
    mine = every.partners.get(k.id, set())
    taken = mine | {k.id}
    learners: dict[str, list[str]] = {}  # candidate -> the partners that learn from it
    for p in mine:
        for c in every.models.get(p, ()):
            if c not in taken:
                learners.setdefault(c, []).append(p)
    felder = main_felder(every.felder.get(k.id, NONE))
    pool = set(
        heapq.nsmallest(
            LEARNER_CANDIDATES, learners, key=lambda c: (-len(learners[c]), names.order[c])
        )
    )
    for p in documented.partners.get(k.id, ()):
        pool.update(c for c in documented.models.get(p, ()) if c not in taken)
    own = documented.felder.get(k.id, NONE)
    pool |= _candidates(taken, tuple(h for h in felder if own[h]), documented)
    scored = []
    for c in pool | _candidates(taken, felder, every):
        theirs = every.felder.get(c, NONE)
        shared = tuple(h for h in felder if theirs[h])
        who = learners.get(c, ())
        score = LEARNER_POINTS * len(who) + len(shared)
        in_shared = sum(theirs[h] for h in shared)
        belegt = bool(documented.partners) and _belegt(k.id, c, who, shared, documented)
        scored.append((not belegt, -score, -in_shared, names.order[c], c, who, shared))
    scored.sort(key=lambda s: s[:4])
    return tuple(
        _suggestion(k.name, c, sorted(who, key=names.order.__getitem__), shared, -n, not i, names)
        for i, _, n, _, c, who, shared in scored[:SUGGESTIONS]
    )


def _suggestion(
    kommune: str,
    c: str,
    who: list[str],
    shared: tuple[str, ...],
    n: int,
    belegt: bool,
    names: _Names,
) -> Suggestion:
    """A scored candidate as a Suggestion with its reason line."""
    learners = tuple(who)
    return Suggestion(c, learners, shared, n, belegt, reason(kommune, learners, shared, n, names))


def _belegt(
    k: str, c: str, learners: Iterable[str], shared: tuple[str, ...], documented: _Index
) -> bool:
    """Whether a reason holds over the documented Verbindungen alone: a documented partner
    that documentedly learns from c, or a shared Handlungsfeld where both have documented
    Verbindungen."""
    mine = documented.partners.get(k, set())
    if any(p in mine and c in documented.models.get(p, ()) for p in learners):
        return True
    own, theirs = documented.felder.get(k, NONE), documented.felder.get(c, NONE)
    return any(own[h] and theirs[h] for h in shared)


def listed(names: list[str]) -> str:
    """'A', 'A und B', 'A, B und C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]


def reason(
    kommune: str, learners: tuple[str, ...], felder: tuple[str, ...], n: int, names: _Names
) -> str:
    """'Vorbild für 3 Partner von Regensburg: Wien, Ulm und Bamberg; arbeitet wie Regensburg
    an Bildung sowie Energie und Klimaschutz (4 Verbindungen)'."""
    parts = []
    if len(learners) == 1:
        parts.append(f"Vorbild für {names.kommune[learners[0]]}, einen Partner von {kommune}")
    elif learners:
        shown = [names.kommune[p] for p in learners]
        if len(learners) > NAMED_LEARNERS + 1:  # "und 1 weitere" would name no fewer
            shown[NAMED_LEARNERS:] = [f"{len(learners) - NAMED_LEARNERS} weitere"]
        parts.append(f"Vorbild für {len(learners)} Partner von {kommune}: {listed(shown)}")
    if felder:
        # The names hold "und" themselves (Bauen und Wohnen): the last one joins with "sowie".
        fields = [names.feld[h] for h in felder]
        text = fields[0] if len(fields) == 1 else ", ".join(fields[:-1]) + " sowie " + fields[-1]
        verb = "arbeitet" if parts else "Arbeitet"
        count = f"{n} {'Verbindung' if n == 1 else 'Verbindungen'}"
        parts.append(f"{verb} wie {kommune} an {text} ({count})")
    return "; ".join(parts)
