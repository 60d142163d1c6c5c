"""The dashboard's address, declared once: the parameters of its hash (#hf=…&k=…).

templates/assets/js/dashboard/state.js reads them (KTS.readHash) and writes them (KTS.hashOf);
tests/test_geschichten.py checks that it uses exactly these names, and writes them in this
order. The stories (geschichten.yaml) name a view by such an address: parse_ansicht checks it
against the content and gives it in the form the dashboard writes itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote_plus, urlsplit

from generator.content.vocab import ARTEN

# What a parameter's value names.
KOMMUNE = "kommune"  # a Kommune's id (kommunen.csv)
HANDLUNGSFELD = "handlungsfeld"  # a Handlungsfeld's id (handlungsfelder.yaml)
BUNDESLAND = "bundesland"  # a Bundesland's name (vocab.BUNDESLAENDER)
ZEITRAUM = "zeitraum"  # a Berichtszeitraum's id (2023-H2), one of the network's half-years
ARTEN_LIST = "arten"  # Art ids joined by commas (vocab.ARTEN)
FLAG = "flag"  # on when 1, absent otherwise
CHOICE = "wahl"  # one of the values named in choices
TEXT = "text"  # free text


@dataclass(frozen=True)
class Param:
    """One parameter of the dashboard's address."""

    name: str
    refers: str  # what the value names: one of the kinds above
    label: str  # German, for messages (the dashboard's own word for it)
    needs_k: bool = False  # only meaningful with a selected Kommune (k)
    choices: tuple[str, ...] = ()  # the values of a CHOICE other than its default
    default: str = ""  # a CHOICE's value when absent (allowed, and left out as hashOf does)


# In the order KTS.hashOf writes them.
PARAMS: tuple[Param, ...] = (
    Param("art", ARTEN_LIST, "Art der Verbindung"),
    Param("hf", HANDLUNGSFELD, "Handlungsfeld"),
    Param("bl", BUNDESLAND, "Bundesland"),
    Param("bis", ZEITRAUM, "Zeitraum"),
    Param("mpsc", FLAG, "Nur Modellprojekte"),
    Param("belegt", FLAG, "Nur belegte Verbindungen"),
    Param("q", TEXT, "Suche"),
    Param("farbe", CHOICE, "Farbe", choices=("hf",)),
    Param("k", KOMMUNE, "ausgewählte Kommune"),
    Param("alle", FLAG, "Alle Verbindungen der Kommune", needs_k=True),
    Param("weg", KOMMUNE, "Weg zu", needs_k=True),
    Param("tiefe", CHOICE, "Nachbarschaft (Schritte)", needs_k=True, choices=("2",), default="1"),
    Param("groesse", CHOICE, "Punktgröße", choices=("vorbilder", "betweenness"), default="partner"),
    Param("cluster", CHOICE, "Cluster zeigen", choices=("0",), default="1"),
)
PARAM_BY_NAME: dict[str, Param] = {p.name: p for p in PARAMS}
ART_IDS = tuple(a.id for a in ARTEN)


@dataclass(frozen=True)
class Known:
    """What an address may name: the ids and names of the content."""

    kommunen: Collection[str]
    handlungsfelder: Collection[str]
    bundeslaender: Collection[str]
    zeitraeume: Collection[str]

    def of(self, refers: str) -> Collection[str]:
        """The values a parameter of this kind may take (for the kinds that name content)."""
        return {
            KOMMUNE: self.kommunen,
            HANDLUNGSFELD: self.handlungsfelder,
            BUNDESLAND: self.bundeslaender,
            ZEITRAUM: self.zeitraeume,
        }[refers]


# Called with a message for each thing wrong in an address.
Report = Callable[[str], None]
_WHAT = {
    KOMMUNE: "Kommune",
    HANDLUNGSFELD: "Handlungsfeld",
    BUNDESLAND: "Bundesland",
    ZEITRAUM: "Zeitraum",
}


def fragment(ansicht: str) -> str | None:
    """The part after '#' of '#k=…' or of a whole link (https://…/index.html#k=…,
    file:///…/index.html#…); None when it is neither."""
    text = ansicht.strip()
    if text.startswith("#"):
        return text[1:]
    parts = urlsplit(text)
    if parts.scheme in ("http", "https", "file") and "#" in text:
        return parts.fragment
    return None


def parse_ansicht(ansicht: str, known: Known, report: Report, suggest: Callable) -> str | None:
    """The address in the form the dashboard writes it (KTS.hashOf, without '#'), or None
    after reporting each problem; suggest(value, known) adds a 'meinten Sie' hint."""
    frag = fragment(ansicht)
    if frag is None:
        report(
            f"'{ansicht}' ist keine Adresse des Dashboards (erwartet: #… oder ein Link wie "
            "https://…/index.html#k=…)"
        )
        return None
    values: dict[str, str] = {}
    ok = True
    for name, value in parse_qsl(frag, keep_blank_values=True):
        problem = _problem(name, value, values, known, suggest)
        if problem:
            report(problem)
            ok = False
        values.setdefault(name, value.strip())
    for problem in _needs_k(values):
        report(problem)
        ok = False
    return canonical(values) if ok else None


def _problem(
    name: str, value: str, seen: Mapping[str, str], known: Known, suggest: Callable
) -> str | None:
    """What is wrong with one parameter, or None."""
    param = PARAM_BY_NAME.get(name)
    if param is None:
        return f"Parameter '{name}' gibt es nicht{suggest(name, PARAM_BY_NAME)} (erlaubt: " + (
            ", ".join(PARAM_BY_NAME) + ")"
        )
    if name in seen:
        return f"{name}= steht doppelt in der Adresse"
    value = value.strip()
    if not value:
        return f"{name}= ist leer ({param.label})"
    if param.refers == ARTEN_LIST:
        return _arten_problem(value, suggest)
    if param.refers == FLAG:
        return None if value == "1" else f"{name}={value}: erwartet {name}=1 ({param.label})"
    if param.refers == CHOICE:
        allowed_values = (*((param.default,) if param.default else ()), *param.choices)
        return (
            None
            if value in allowed_values
            else (f"{name}={value}: erlaubt ist {' oder '.join(allowed_values)} ({param.label})")
        )
    if param.refers == TEXT:
        return None
    allowed = known.of(param.refers)
    if value not in allowed:
        what = _WHAT[param.refers]
        return f"{name}={value}: {what} '{value}' ist unbekannt{suggest(value, allowed)}"
    return None


def _arten_problem(value: str, suggest: Callable) -> str | None:
    """What is wrong with a list of Arten, or None."""
    items = [v.strip() for v in value.split(",")]
    for item in items:
        if item not in ART_IDS:
            return f"art={value}: Art '{item}' ist unbekannt{suggest(item, ART_IDS)}"
    if len(set(items)) < len(items):
        return f"art={value}: eine Art steht doppelt"
    return None


def _needs_k(values: Mapping[str, str]) -> list[str]:
    """Parameters that need a selected Kommune without one, and a path to itself."""
    out = [
        f"{p.name}= braucht eine ausgewählte Kommune (k=…) ({p.label})"
        for p in PARAMS
        if p.needs_k and p.name in values and not values.get("k")
    ]
    if values.get("weg") and values.get("weg") == values.get("k"):
        out.append(f"weg={values['weg']}: der Weg führt zur ausgewählten Kommune selbst")
    return out


def canonical(values: Mapping[str, str]) -> str:
    """The parameters as KTS.hashOf writes them: in PARAMS order, Arten in their order and
    left out when all are on, encoded as URLSearchParams does (space as +)."""
    parts = []
    for p in PARAMS:
        value = values.get(p.name, "")
        if not value or value == p.default:
            continue
        if p.refers == ARTEN_LIST:
            chosen = set(value.split(","))
            if chosen >= set(ART_IDS):
                continue
            value = ",".join(a for a in ART_IDS if a in chosen)
        parts.append(f"{p.name}={_encode(value)}")
    return "&".join(parts)


def _encode(value: str) -> str:
    """application/x-www-form-urlencoded as URLSearchParams writes it (leaves * as is)."""
    return quote_plus(value, safe="*").replace("~", "%7E")
