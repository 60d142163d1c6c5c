"""Fuzzing the content files (issue 28): seeded mutations of the mini fixture, each built by
the real command line in-process over a previous good build.

Every case must end in a clean build (and then no script from the data reaches the HTML
unescaped) or in exit 1 with German messages naming the file (and the line, where the file
could be parsed), the previous dist/ byte-identical; never an exception out of main, a hang
or a blown memory limit. The number of cases is fixed (KTS_FUZZ_CASES, default 600: 10 to
25 s here, well inside the minute CI allows), the seed too (KTS_FUZZ_SEED), so a failure
names a case that can be rerun; KTS_FUZZ_FILE=geschichten.yaml mutates that file alone.

The mini fixture gets two stories (STORIES): every content file, the optional
geschichten.yaml too, is a target.
"""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.load import CONTENT_FILES
from tests.conftest import FIXTURES, TEMPLATES, staging_leftovers, tree_digest

CASES = int(os.environ.get("KTS_FUZZ_CASES", "600"))
SEED = int(os.environ.get("KTS_FUZZ_SEED", "28"))
TARGETS = tuple(f for f in CONTENT_FILES if os.environ.get("KTS_FUZZ_FILE", f) == f)
CASE_SECONDS = 20
MEMORY_HEADROOM = 3 * 1024**3  # bytes of address space a case may add

# Payloads that must never reach an HTML page as markup; each carries the marker kts_fuzz.
SCRIPTS = (
    "<script>kts_fuzz()</script>",
    '"><script>kts_fuzz()</script>',
    "'><img src=x onerror=kts_fuzz()>",
    "<svg/onload=kts_fuzz()>",
    "</script><script>kts_fuzz()</script>",
    "javascript:kts_fuzz()",
    '<a href="javascript:kts_fuzz()">x</a>',
    "<iframe srcdoc='<script>kts_fuzz()</script>'>",
)
UNSAFE_IN_HTML = re.compile(
    r"<script>kts_fuzz|<img src=x onerror=kts_fuzz|<svg/onload=kts_fuzz|<iframe srcdoc="
    r"|href=\"javascript:kts_fuzz"
)

# The stories the mutated content carries beside the mini fixture (geschichten.yaml is
# optional; it is a target like the others): names, filters, a path, a search, a period.
STORIES = """\
# Geschichten der Testdaten
- id: probe
  titel: Probe
  schritte:
  - text: Ringelai und Bamberg entwickeln gemeinsam.
    ansicht: "#bl=Bayern&hf=soziale-inklusion&k=ringelai"
  - text: Regensburg nimmt sich Wien zum Vorbild.
    ansicht: https://example.org/index.html#art=vorbild&k=regensburg&weg=wien
- id: zweite
  titel: Zweite Geschichte
  schritte:
  - text: >-
      Alles bis Ende 2023, nur Modellprojekte
      und nur belegte Verbindungen.
    ansicht: "#bis=2023-H2&mpsc=1&belegt=1&q=Bamberg"
"""

FILE_PATTERN = "|".join(re.escape(f) for f in CONTENT_FILES)
ERROR_LINE = re.compile(rf"^({FILE_PATTERN})(?::(\d+))?: (\S+): (?!Warnung: )(.+)$")

# --- values -------------------------------------------------------------------------------


def _huge(rng: random.Random) -> str:
    unit = rng.choice(["x", "<b>", "<b><i>x</i></b>", "ä", "Bad Belzig ", "|", "&amp;", "<"])
    return unit * rng.choice([201, 2_001, 50_000, 1_000_000 // len(unit)])


def _number(rng: random.Random) -> str:
    return rng.choice(
        [
            "1e308",
            "-1e400",
            "nan",
            "NaN",
            "inf",
            "-Infinity",
            "-0",
            "0x1F",
            "1_000",
            "99999999999999999999999999",
            "-99999999999999999999",
            "4.9e-324",
            "48,1,3",
            "١٢٣",  # Arabic-Indic digits
            "½",
            "",
        ]
    )


def _date(rng: random.Random) -> str:
    return rng.choice(
        [
            "0000-H1",
            "0001-H1",
            "2018-H2",
            "2019-H1",
            "9999-H2",
            "2024-H3",
            "2024-h1",
            "0000-00-00",
            "0001-01-01",
            "9999-12-31",
            "2024-02-30",
            "2024-12-31T25:61:00",
            "1970-01-01 00:00:00 +14:00",
            "31.12.2024",
            "-2024-01-01",
            "20241231",
        ]
    )


def _unicode(rng: random.Random) -> str:
    return rng.choice(
        [
            "\u202eKommune",  # right-to-left override
            "Ba\u0301d",  # combining accent
            "😀🏳️‍🌈",
            "\ufeffBOM mitten",
            "Zeile\nUmbruch",
            "Zeile\r\nCRLF",
            "Null\x00Byte",
            "Glocke\x07",
            "\u2028Trenner",
            "ﬁ Ligatur",
            "İstanbul",
            "\ud7ff\ue000",
        ]
    )


def _payload(rng: random.Random) -> str:
    return rng.choice(SCRIPTS)


VALUES: dict[str, Callable[[random.Random], str]] = {
    "riesiges Feld": _huge,
    "extreme Zahl": _number,
    "extremes Datum": _date,
    "Unicode": _unicode,
    "Skript im Namen": _payload,
}

# --- mutations ----------------------------------------------------------------------------

YAML_VALUE_LINE = re.compile(r"^(\s*(?:- )?[a-z_]+:)( .*)?$")


def _quote_csv(value: str) -> str:
    if any(ch in value for ch in ',;"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _quote_yaml(rng: random.Random, value: str) -> str:
    if rng.random() < 0.3 and "\n" not in value:
        return value  # as typed, unquoted: YAML decides what it is
    if rng.random() < 0.5:
        return "'" + value.replace("'", "''") + "'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\x00", "\\0")
    return '"' + escaped.replace("\x07", "\\a") + '"'


def set_value(rng: random.Random, name: str, text: str, value: str) -> str:
    """Text with one field (a random cell, a random key's value) set to value."""
    lines = text.split("\n")
    if name.endswith(".csv"):
        rows = [i for i, line in enumerate(lines) if line.strip()]
        i = rng.choice(rows[1:] or rows)
        cells = lines[i].split(",")
        j = rng.randrange(len(cells))
        # Names and texts are where a payload would show; prefer them.
        if value in SCRIPTS and len(cells) > 1 and rng.random() < 0.7:
            j = 1
        cells[j] = _quote_csv(value)
        lines[i] = ",".join(cells)
        return "\n".join(lines)
    keyed = [i for i, line in enumerate(lines) if YAML_VALUE_LINE.match(line)]
    if value in SCRIPTS:
        named = [
            i for i in keyed if re.match(r"^\s*(- )?(name|titel|title|description|text):", lines[i])
        ]
        keyed = named or keyed
    i = rng.choice(keyed)
    match = YAML_VALUE_LINE.match(lines[i])
    assert match is not None
    lines[i] = f"{match.group(1)} {_quote_yaml(rng, value)}"
    return "\n".join(lines)


def _lines(rng: random.Random, name: str, text: str) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    how = rng.choice(["löschen", "verdoppeln", "tauschen", "tausendfach"])
    if how == "löschen":
        del lines[i]
    elif how == "verdoppeln":
        lines.insert(i, lines[i])
    elif how == "tauschen":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i:i] = [lines[i]] * 1000
    return "\n".join(lines)


def _deep(rng: random.Random, name: str, text: str) -> str:
    depth = rng.choice([9, 50, 400, 800, 5000])
    if name.endswith(".csv"):
        return set_value(rng, name, text, "[" * depth + "]" * depth)
    nested = rng.choice(
        ["[" * depth + "]" * depth, "{a: " * depth + "b" + "}" * depth, "[{a: " * depth]
    )
    if name == "site.yaml":
        return text + f"\ntiefe: {nested}\n"
    return text + f"\n- id: tief\n  name: {nested}\n"


def _aliases(rng: random.Random, name: str, text: str) -> str:
    kind = rng.choice(["Bombe", "rekursiv", "einfach", "undefiniert", "Anker"])
    if kind == "Bombe":
        levels = rng.choice([9, 10])
        body = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        body += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    elif kind == "rekursiv":
        body = [rng.choice(["r: &r {k: *r}", "r: &r [a, [b, {c: *r}]]", "r: &r [*r]"])]
    elif kind == "einfach":
        body = ["a: &a Wert", "b: *a"]
    elif kind == "undefiniert":
        body = ["b: *nirgends"]
    else:
        body = ["a: &a Wert"]
    if name.endswith(".csv"):
        return set_value(rng, name, text, rng.choice(["&a Wert", "*a", "&r [*r]"]))
    if name == "site.yaml":
        return text + "\n" + "\n".join(body) + "\n"
    return text + "\n- id: alias\n" + "".join(f"  {line}\n" for line in body)


TAGS = (
    "!!bool maybe",
    "!!int zwölf",
    "!!float x",
    "!!timestamp 2024-99-99",
    "!!binary ###",
    "!!python/object/apply:os.system ['echo kts_fuzz']",
    "!!python/name:os.system",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!str 2024-12-31",
    "!eigen Wert",
    "!<tag:example.org,2024:x> y",
    "!!null ''",
    "!!map [1, 2]",
)


def _tags(rng: random.Random, name: str, text: str) -> str:
    tag = rng.choice(TAGS)
    if name.endswith(".csv"):
        return set_value(rng, name, text, tag)
    lines = text.split("\n")
    keyed = [i for i, line in enumerate(lines) if YAML_VALUE_LINE.match(line)]
    i = rng.choice(keyed)
    match = YAML_VALUE_LINE.match(lines[i])
    assert match is not None
    lines[i] = f"{match.group(1)} {tag}"
    return "\n".join(lines)


def _csv_structure(rng: random.Random, name: str, text: str) -> str:
    if not name.endswith(".csv"):
        return set_value(rng, name, text, rng.choice(["a: b: c", "[unclosed", "{a", "- - -"]))
    how = rng.choice(['"offen', ",,,,,,,,,,,,,,,,", ";", "\t", '"a""b"', "1000 Spalten"])
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    if how == "1000 Spalten":
        lines[i] += ",x" * 1000
    elif how in (";", "\t"):
        lines[i] = lines[i].replace(",", how)
    else:
        lines[i] += how
    return "\n".join(lines)


TextMutation = Callable[[random.Random, str, str], str]


def _setting(make: Callable[[random.Random], str]) -> TextMutation:
    """A mutation that sets one field to a value that make draws."""

    def mutation(rng: random.Random, name: str, text: str) -> str:
        return set_value(rng, name, text, make(rng))

    return mutation


TEXT_MUTATIONS: dict[str, TextMutation] = {
    **{label: _setting(make) for label, make in VALUES.items()},
    "Zeilen": _lines,
    "tiefe Verschachtelung": _deep,
    "Aliase": _aliases,
    "Typangaben": _tags,
    "Struktur": _csv_structure,
}


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def _encoding(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8")
    how = rng.choice(["utf-16", "utf-16-le", "cp1252", "latin-1", "utf-32", "gemischt", "mac"])
    if how == "gemischt":
        lines = text.split("\n")
        lines[-2] = lines[-2] + " Größe"
        return "\n".join(lines[:-2]).encode() + "\n".join(lines[-2:]).encode("cp1252")
    if how == "mac":
        return text.replace("\n", "\r").encode("utf-8")
    return text.encode(how, errors="replace")


def _bytes(rng: random.Random, data: bytes) -> bytes:
    how = rng.choice(["BOM", "doppelter BOM", "CRLF", "NUL", "abgeschnitten", "leer", "Müll"])
    if how == "BOM":
        return b"\xef\xbb\xbf" + data
    if how == "doppelter BOM":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data
    if how == "CRLF":
        return data.replace(b"\n", b"\r\n")
    if how == "NUL":
        i = rng.randrange(len(data))
        return data[:i] + b"\x00" * rng.choice([1, 3, 1000]) + data[i:]
    if how == "abgeschnitten":
        return data[: rng.randrange(len(data))]
    if how == "leer":
        return rng.choice([b"", b"\n", b"   \n\n", b"\xef\xbb\xbf"])
    return bytes(rng.randrange(256) for _ in range(rng.choice([10, 1000])))


BYTE_MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "Bits gekippt": _flip,
    "Kodierung": _encoding,
    "Bytes": _bytes,
}
KINDS = (*TEXT_MUTATIONS, *BYTE_MUTATIONS)


def mutate(rng: random.Random, kind: str, name: str, data: bytes) -> bytes:
    """The file's bytes after one mutation of this kind."""
    if kind in BYTE_MUTATIONS:
        return BYTE_MUTATIONS[kind](rng, data)
    return TEXT_MUTATIONS[kind](rng, name, data.decode("utf-8")).encode("utf-8", "surrogatepass")


# --- running ------------------------------------------------------------------------------


class CaseTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise CaseTimeout(f"länger als {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def memory_limit(headroom: int) -> Iterator[None]:
    """At most headroom more bytes of address space than now (so a bomb fails the case
    with a MemoryError instead of taking the machine down)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        yield
        return
    size = int(re.search(r"VmSize:\s+(\d+) kB", status).group(1)) * 1024  # type: ignore[union-attr]
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + headroom
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _error_lines(stderr: str) -> list[re.Match[str]]:
    return [m for line in stderr.splitlines() if (m := ERROR_LINE.match(line))]


def check_failure(stderr: str, name: str) -> str:
    """The outcome class of a failed build; asserts its messages are the tool's own."""
    errors = _error_lines(stderr)
    assert errors, f"exit 1 without an error naming a content file:\n{stderr[:2000]}"
    assert "Nichts geschrieben; build abgebrochen." in stderr
    for m in errors:
        # Only messages about the whole file (missing, too large, not decodable) may lack
        # a line: every other one names where to look.
        assert m.group(2) is not None or m.group(4).startswith("Datei "), m.group(0)[:300]
    files = sorted({m.group(1) for m in errors})
    assert name in files or files, files
    return f"Fehler in {name}" if name in files else f"Folgefehler in {', '.join(files)}"


def check_build(out: Path) -> bool:
    """No payload as markup in any page; whether a payload shows there (escaped, as text)."""
    shown = False
    for page in out.rglob("*.html"):
        html = page.read_text("utf-8")
        found = UNSAFE_IN_HTML.search(html)
        assert found is None, (
            f"{page.relative_to(out)}: {html[found.start() - 80 : found.end() + 80]}"
        )
        shown = shown or "kts_fuzz" in html
    return shown


def build_args(content: Path, out: Path) -> list[str]:
    return ["build", "--content", str(content), "--templates", str(TEMPLATES)] + [
        "--out",
        str(out),
        "--quiet",
    ]


def base_content(tmp: Path) -> Path:
    """The mini fixture with the stories: what every case mutates one file of."""
    base = tmp / "basis"
    shutil.copytree(FIXTURES / "mini", base)
    (base / "geschichten.yaml").write_text(STORIES, "utf-8")
    return base


def run_case(tmp: Path, out: Path, kind: str, name: str, case_seed: int, capsys) -> str:
    """One mutated content folder built over out; its outcome class."""
    rng = random.Random(case_seed)
    content = tmp / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(tmp / "basis", content)
    path = content / name
    path.write_bytes(mutate(rng, kind, name, path.read_bytes()))
    before = tree_digest(out)
    capsys.readouterr()
    with time_limit(CASE_SECONDS), memory_limit(MEMORY_HEADROOM):
        code = main(build_args(content, out))
    stderr = capsys.readouterr().err
    assert "Traceback" not in stderr
    assert not staging_leftovers(out)
    if code == 0:
        return "sauberer Build, Skript als Text" if check_build(out) else "sauberer Build"
    assert code == 1, f"exit {code}: {stderr[:2000]}"
    assert tree_digest(out) == before, "the previous dist/ changed"
    return check_failure(stderr, name)


def test_mutated_content_builds_or_fails_with_a_german_message(tmp_path, capsys):
    out = tmp_path / "dist"
    assert main(build_args(base_content(tmp_path), out)) == 0
    assert 'data-geschichte="zweite"' in (out / "index.html").read_text("utf-8")
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    started = time.perf_counter()
    for number in range(CASES):
        name = rng.choice(TARGETS)
        kind = rng.choice(KINDS)
        case_seed = rng.randrange(2**32)
        where = f"Fall {number} (KTS_FUZZ_SEED={SEED}): {kind} in {name}, Startwert {case_seed}"
        try:
            outcome = run_case(tmp_path, out, kind, name, case_seed, capsys)
        except AssertionError as exc:
            pytest.fail(f"{where}: {exc}")
        except BaseException as exc:  # an exception out of main, a timeout, a MemoryError
            pytest.fail(f"{where}: {type(exc).__name__} {str(exc)[:500]}")
        outcomes[outcome] += 1
        kinds[kind] += 1
    seconds = time.perf_counter() - started
    summary = (
        f"Fuzzing: {CASES} Fälle in {seconds:.1f} s, Startwert {SEED}; Ergebnisse: "
        + ", ".join(f"{k} {n}" for k, n in sorted(outcomes.items()))
        + "; Mutationen: "
        + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    )
    with capsys.disabled():
        print("\n" + summary)
    print(summary)  # also in the report of -rA
    assert sum(outcomes.values()) == CASES, summary
    # Every file of a content folder was a target, the optional geschichten.yaml too.
    assert "geschichten.yaml" in CONTENT_FILES
    assert all(outcomes[f"Fehler in {name}"] > 0 for name in TARGETS), summary
    assert outcomes["sauberer Build"] > 0 and len(outcomes) > 2, summary
