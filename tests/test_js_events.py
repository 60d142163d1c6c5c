"""The dashboard's bus events: one list (KTS.EVENTS in js/dashboard/core.js, each with what it
carries), and the code emits and listens to those only, each at least once.

The scripts are read as text (no browser): comments and string literals are blanked first, so
that only code counts; every use of the bus must then be a call with a literal event name
(`bus.emit("select", …)`, `KTS.bus.on("render", …)`, `.off`), the alias `var bus = KTS.bus`,
or its definition. Anything else (a name in a variable, `var emit = KTS.bus.emit`,
`bus["emit"]`) fails here, since it could not be checked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "templates" / "assets"
CORE = ASSETS / "js" / "dashboard" / "core.js"
METHODS = ("emit", "on", "off")
LISTEN = ("on", "off")

# Before a "/" one of these (or nothing) starts a regular expression; otherwise it divides.
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^")
_REGEX_KEYWORDS = {"return", "typeof", "case", "in", "of", "new", "delete", "void", "throw"}


def blank(code: str, strings: bool = True) -> str:
    """code with its comments (and, with strings, the insides of its string literals and
    regular expressions) replaced by spaces: same length and lines, so offsets still match."""
    out = list(code)
    i, n = 0, len(code)
    last = ""  # the last significant character (or word) outside comments and strings

    def wipe(a: int, b: int) -> None:
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = code[i]
        if code.startswith("//", i):
            end = code.find("\n", i)
            end = n if end < 0 else end
            wipe(i, end)
            i = end
        elif code.startswith("/*", i):
            end = code.find("*/", i + 2)
            end = n if end < 0 else end + 2
            wipe(i, end)
            i = end
        elif c in "\"'`":
            k = i + 1
            while k < n and code[k] != c:
                k += 2 if code[k] == "\\" else 1
            # A template literal with ${…} holds code: left as it is.
            if strings and not (c == "`" and "${" in code[i:k]):
                wipe(i + 1, k)
            i, last = k + 1, c
        elif c == "/" and (last == "" or last in _REGEX_AFTER or last in _REGEX_KEYWORDS):
            k, in_class = i + 1, False
            while k < n and code[k] != "\n" and (in_class or code[k] != "/"):
                if code[k] == "\\":
                    k += 1
                elif code[k] == "[":
                    in_class = True
                elif code[k] == "]":
                    in_class = False
                k += 1
            if strings:
                wipe(i + 1, k)
            i, last = k + 1, "/"
        elif c.isspace():
            i += 1
        else:
            word = re.match(r"[A-Za-z_$][\w$]*", code[i:])
            if word:
                last = word.group(0)
                i += len(last)
            else:
                last = c
                i += 1
    return "".join(out)


@dataclass(frozen=True)
class Use:
    """One call on the bus: where, which method, the event and the literal arguments after it."""

    where: str
    method: str
    event: str
    args: tuple[str, ...]


_STRING = r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def js_string(literal: str) -> str:
    """The value of a JS string literal ("…" or '…')."""

    def one(m: re.Match) -> str:
        e = m.group(1)
        return chr(int(e[1:], 16)) if e[0] in "ux" and len(e) > 1 else _ESCAPES.get(e, e)

    return re.sub(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", one, literal[1:-1], flags=re.S)


_CALL = re.compile(
    rf"""\s*\.\s*({"|".join(METHODS)})\s*\(\s*({_STRING})((?:\s*,\s*{_STRING})*)\s*[,)]"""
)
_ALIAS = re.compile(r"(?:\bvar|\blet|\bconst|,)\s*bus\s*=\s*KTS\s*\.\s*bus\s*[,;]")
_BUS = re.compile(r"(?<![\w$])bus(?![\w$])")


def scan(text: str, name: str = "<js>") -> tuple[list[Use], list[str]]:
    """The bus calls in a script's text, and every other use of the bus (file:line: code)."""
    code = blank(text, strings=False)  # comments gone, string literals kept
    skeleton = blank(text)  # string literals blanked as well: where code is
    uses: list[Use] = []
    strange: list[str] = []
    consumed: set[int] = set()
    for m in _ALIAS.finditer(skeleton):
        consumed.update(b.start() for b in _BUS.finditer(skeleton, m.start(), m.end()))
    for m in _BUS.finditer(skeleton):
        at = m.start()
        if at in consumed:
            continue
        line = text.count("\n", 0, at) + 1
        where = f"{name}:{line}"
        call = _CALL.match(code, m.end())
        if call:
            args = tuple(js_string(s) for s in re.findall(_STRING, call.group(3)))
            uses.append(Use(where, call.group(1), js_string(call.group(2)), args))
            continue
        after = skeleton[m.end() :]
        before = skeleton[:at].rstrip()
        # The definition: `bus: createBus(EVENTS)` in an object, or `KTS.bus = …`.
        if re.match(r"\s*:", after) or (before.endswith(".") and re.match(r"\s*=[^=]", after)):
            continue
        strange.append(f"{where}: {text.splitlines()[line - 1].strip()}")
    return uses, strange


def scripts() -> dict[str, str]:
    return {
        p.relative_to(ASSETS).as_posix(): p.read_text("utf-8") for p in sorted(ASSETS.rglob("*.js"))
    }


def listed_events() -> dict[str, str]:
    """KTS.EVENTS of js/dashboard/core.js: event -> what it carries (the joined string)."""
    text = CORE.read_text("utf-8")
    code = blank(text, strings=False)
    skeleton = blank(text)
    start = re.search(r"\bEVENTS\s*=\s*\{", skeleton)
    assert start, f"{CORE}: no EVENTS = {{…}}"
    depth, k = 0, start.end() - 1
    for k in range(start.end() - 1, len(skeleton)):
        depth += {"{": 1, "}": -1}.get(skeleton[k], 0)
        if depth == 0:
            break
    body, events = code[start.end() : k], {}
    for entry in re.finditer(rf"([A-Za-z_$][\w$]*)\s*:\s*({_STRING}(?:\s*\+\s*{_STRING})*)", body):
        parts = re.findall(_STRING, entry.group(2))
        events[entry.group(1)] = "".join(js_string(s) for s in parts)
    # Every key of the object is a name with a literal description (nothing computed).
    keys = re.findall(r"(?:^|[{,])\s*([A-Za-z_$][\w$]*|\"[^\"]*\"|'[^']*')\s*:", blank(body))
    assert sorted(k.strip("\"'") for k in keys) == sorted(events), body
    return events


def all_uses() -> tuple[list[Use], list[str]]:
    uses: list[Use] = []
    strange: list[str] = []
    for name, text in scripts().items():
        u, s = scan(text, name)
        uses += u
        strange += s
    return uses, strange


def test_every_event_is_listed_with_what_it_carries():
    events = listed_events()
    assert set(events) >= {"filter", "select", "render"}
    for event, payload in events.items():
        assert payload.strip(), f"{event}: say what it carries"


def test_the_bus_is_only_called_with_a_literal_event_name():
    uses, strange = all_uses()
    assert not strange, "uses of the bus that are not on/off/emit with a literal name:\n" + (
        "\n".join(strange)
    )
    assert uses, "no bus calls found: is the scanner broken?"


def test_the_code_emits_and_listens_to_listed_events_only():
    events = listed_events()
    uses, _ = all_uses()
    unlisted = [f"{u.where}: {u.method}({u.event!r})" for u in uses if u.event not in events]
    assert not unlisted, "events not in KTS.EVENTS:\n" + "\n".join(unlisted)


def test_every_listed_event_is_emitted_and_listened_to():
    events = listed_events()
    uses, _ = all_uses()
    emitted = {u.event for u in uses if u.method == "emit"}
    heard = {u.event for u in uses if u.method == "on"}
    assert not set(events) - emitted, f"listed, never emitted: {sorted(set(events) - emitted)}"
    assert not set(events) - heard, f"listed, never listened to: {sorted(set(events) - heard)}"


def test_render_reasons_are_the_listed_ones():
    said = set(re.findall(r"[a-z]+", listed_events()["render"]))
    uses, _ = all_uses()
    reasons = {u.args[0] for u in uses if u.method == "emit" and u.event == "render" and u.args}
    assert reasons, "render is emitted without a literal reason"
    assert reasons <= said, f"reasons KTS.EVENTS.render does not name: {sorted(reasons - said)}"


def test_tests_and_benchmarks_use_listed_events():
    events = listed_events()
    call = re.compile(rf"""\bbus\s*\.\s*({"|".join(METHODS)})\s*\(\s*({_STRING})""")
    wrong = []
    for path in sorted([*(ROOT / "tests").glob("*.py"), *(ROOT / "benchmarks").glob("*.py")]):
        if path.name == Path(__file__).name:
            continue
        for m in call.finditer(path.read_text("utf-8")):
            if m.group(2)[1:-1] not in events:
                wrong.append(f"{path.name}: {m.group(0)}")
    assert not wrong, "\n".join(wrong)


def test_the_scanner_sees_every_form():
    text = """
    var KTS = window.KTS, bus = KTS.bus;
    KTS.bus.emit("select", i, "map");
    bus.on( 'render' , function (reason) {});
    KTS.bus
      .off("render", first);
    bus.emit("render", 'st\\'art');
    // bus.emit("in-a-comment");
    /* KTS.bus.on("in-a-block") */
    var s = "bus.emit('in-a-string')", r = /bus.emit("in-a-regex")/;
    var t = 1 / 2, u = t / 3; bus.emit("after-division");
    var KTS2 = { bus: createBus(EVENTS) };
    KTS.bus = createBus(EVENTS);
    var emit = KTS.bus.emit;
    bus.emit(name);
    bus["on"]("filter", f);
    var b = KTS.bus;
    """
    uses, strange = scan(text)
    assert [(u.method, u.event, u.args) for u in uses] == [
        ("emit", "select", ()),
        ("on", "render", ()),
        ("off", "render", ()),
        ("emit", "render", ("st'art",)),
        ("emit", "after-division", ()),
    ]
    assert [s.split(": ", 1)[1] for s in strange] == [
        "var emit = KTS.bus.emit;",
        "bus.emit(name);",
        'bus["on"]("filter", f);',
        "var b = KTS.bus;",
    ]


_NODE_CHECK = """
const fs = require("fs"), vm = require("vm");
const window = { KTS: { lib: {} } };
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), { window: window });
const bus = window.KTS.bus, heard = [], out = { listed: Object.keys(window.KTS.EVENTS) };
bus.on("select", function (i, from) { heard.push([i, from]); });
bus.emit("select", 3, "map");
out.heard = heard;
out.refused = ["emit", "on", "off"].map(function (m) {
  try { bus[m]("no-such-event", function () {}); return null; } catch (e) { return String(e); }
});
console.log(JSON.stringify(out));
"""


def test_the_bus_refuses_an_unlisted_event():
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed (npm ci installs the lint tools with it)")
    run = subprocess.run(
        [node, "-e", _NODE_CHECK, str(CORE)], capture_output=True, text=True, check=True
    )
    out = json.loads(run.stdout)
    assert sorted(out["listed"]) == sorted(listed_events())
    assert out["heard"] == [[3, "map"]]
    for refused in out["refused"]:
        assert refused and "no-such-event" in refused and "KTS.EVENTS" in refused
