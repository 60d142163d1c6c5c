"""Take the research of issue 27 into content/: the record of what was kept and left out.

Run from the repository's root: `python docs/recherche/zusammenfuehren.py` prints what it
would keep; `--write` writes content/kommunen.csv and content/verbindungen.csv (then run
`kts-dashboard beispiele` and `kts-dashboard format`). It starts from the content before the
research (commit 273afed), so it can be re-run. DROP and FIX hold every decision taken on
review, each with its reason; the research files hold the rest (their column anmerkung).
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import yaml

from generator.content.schema import VERBINDUNGEN

HERE = Path("docs/recherche")
CONTENT = Path("content")
BEFORE = "273afed"  # the content before the research
COLUMNS = VERBINDUNGEN.names
# In order of precedence: a pair found twice keeps its first row.
EXISTING = ("bestand_a", "bestand_b")  # rows of the old content, by their number nr
NEW = ("neu_geprueft", "neu_ich", *(f"neu_{g}" for g in "abcdefghi"))
KOMMUNEN_FILES = tuple(f"{name}_kommunen" for name in (*NEW, *EXISTING))

NO_SMART_CITY = "Städte- oder Kreispartnerschaft ohne Bezug zu Smart City oder Digitalisierung"
# (file, row: nr for the old rows, else the data row from 1) -> why the row is left out.
DROP: dict[tuple[str, int], str] = {
    ("bestand_b", 61): "ersetzt durch neu_geprueft 2 (der marktOWL-Satz belegt Paderborn – "
    "5 für Südwestfalen)",
    ("bestand_b", 65): "nur eine Mitgliederliste des Clusters",
    ("bestand_b", 66): "nur ein Glückwunsch mit dem Angebot eines Austauschs",
    ("bestand_b", 67): "nur ein Glückwunsch mit dem Angebot eines Austauschs",
    ("neu_geprueft", 18): "Stichprobe: der Satz nennt die Stadt Hof nicht",
    ("neu_geprueft", 25): "dieselbe Übertragung wie bestand_a 31",
    ("neu_geprueft", 30): "dieselbe Übertragung wie bestand_a 30",
    ("neu_a", 6): "Stichprobe: die Quelle ist im Bestand nicht auffindbar",
    ("neu_a", 19): "Quelle ist die Seite einer Partei; ein Besuch ohne Bezug zu einer Lösung",
    ("neu_a", 27): "Stichprobe: eine Aggregator-Seite, die den Kreis statt der Stadt nennt",
    ("neu_b", 6): "die Quelle nennt Kommunen aus dem Kreis, nicht den Kreis",
    ("neu_b", 8): "zweite Stichprobe: der Satz nennt Süderbrarup nur als „wir“",
    ("neu_b", 9): "zweite Stichprobe: dieselbe Meldung steht anderswo mit Datum Oktober 2018",
    ("neu_b", 26): "zweite Stichprobe: die Seite ist im Bestand nicht auffindbar",
    ("neu_c", 17): "zweite Stichprobe: die Seite ist im Bestand nicht auffindbar",
    ("neu_c", 3): "nur die Teilnehmerliste eines Workshops",
    ("neu_c", 7): NO_SMART_CITY,
    ("neu_c", 12): "nur die Teilnahme an einer Veranstaltung",
    ("neu_c", 13): "Stichprobe: Neu-Ulm nutzt das Angebot eines Vereins, keine gemeinsame "
    "Entwicklung mit der Stadt Ulm",
    ("neu_c", 15): "der Gesundheitskiosk wird nicht von der Stadt Hamburg getragen",
    ("neu_c", 20): "Ulm steht nur im Namen des Zentrums",
    ("neu_c", 21): "der Satz nennt Regensburg nicht",
    ("neu_e", 4): "nur eine Absicht, und derselbe Satz (deutsch) belegt schon bestand_b 69",
    ("neu_e", 10): "der Satz steckt schon im Beleg von neu_e 9",
    ("neu_e", 20): NO_SMART_CITY,
    ("neu_f", 3): "der Satz nennt Potsdam nicht, nur seinen Oberbürgermeister",
    ("neu_g", 9): "eine gemeinsame Bewerbung um ein Bundeszentrum, ohne digitalen Bezug",
    ("neu_h", 1): "der Satz nennt Brandenburg, nicht Potsdam",
    ("neu_h", 3): "der Satz nennt Hannover nur als „LHH“",
    ("neu_h", 5): "nur eine in Aussicht gestellte Kooperation",
    ("neu_h", 6): "der Satz nennt den Kreis Lippe nur als „der Kreis“",
    **{("neu_a", n): NO_SMART_CITY for n in (3, 17, 18, 24, 31, 35, 36)},
    **{("neu_b", n): NO_SMART_CITY for n in (10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22)},
    **{("neu_b", n): NO_SMART_CITY for n in (24, 25)},
}
# (file, row) -> fields changed on review (the sample check, the Maßnahme of a row).
FIX: dict[tuple[str, int], dict[str, str]] = {
    ("neu_a", 26): {
        "art": "uebertragung",
        "beschreibung": "In Dresden erprobte Methoden für einen zukunftsfähigen Stadtverkehr "
        "werden im Projekt TransVer an St. Petersburg weitergegeben.",
    },
    ("neu_geprueft", 21): {"art": "wissensaustausch"},
    ("neu_geprueft", 29): {"zeitraum": "2019-H2"},
    ("neu_geprueft", 23): {"massnahme": "bad-belzig-app"},
    ("neu_g", 10): {"zeitraum": "2021-H2"},  # the council's decision (second sample check)
}


def read(name: str) -> list[dict[str, str]]:
    """A research file's rows ([] while it is not written)."""
    path = HERE / f"{name}.csv"
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def before(name: str) -> list[dict[str, str]]:
    """A content file's rows as they were before the research."""
    text = subprocess.run(
        ["git", "show", f"{BEFORE}:content/{name}"], capture_output=True, text=True, check=True
    ).stdout
    return list(csv.DictReader(io.StringIO(text)))


def candidates(old: list[dict[str, str]]) -> list[tuple[str, dict[str, str]]]:
    """Every row that may go in, as (where it comes from, row), in order of precedence."""
    out = [("kts", {**r, "beleg": ""}) for r in old if r["quelle"].startswith("KTS")]
    for name in EXISTING:
        for r in read(name):
            n = int(r["nr"])
            if r["aktion"] != "streichen" and (name, n) not in DROP:
                out.append((f"{name} {n}", r))
    for name in NEW:
        for n, r in enumerate(read(name), 1):
            if (name, n) not in DROP:
                out.append((f"{name} {n}", {**r, **FIX.get((name, n), {})}))
    return out


def beleg_key(text: str) -> str:
    """A beleg as compared: without its cut marks, spaces collapsed."""
    return re.sub(r"\s+", " ", text.strip().strip("…").strip())


def merge(cands, known: set[str]) -> tuple[list[dict[str, str]], list[str]]:
    """The rows kept, and why the others were not: one row per pair and Art, one pair per
    sentence, a sentence for every public source."""
    kept, pairs, belege, log = [], {}, {}, []
    for origin, row in cands:
        r = {c: (row.get(c) or "").strip() for c in COLUMNS}
        pair = frozenset((r["von"], r["nach"]))
        key, beleg = (pair, r["art"]), beleg_key(r["beleg"])
        if key in pairs:
            log.append(f"{origin}: dieselbe Verbindung wie {pairs[key]}")
        elif beleg and belege.get(beleg, (origin, pair))[1] != pair:
            log.append(f"{origin}: derselbe Satz wie {belege[beleg][0]}")
        elif r["quelle_url"] and not beleg:
            log.append(f"{origin}: ohne Beleg")
        elif not {r["von"], r["nach"]} <= known:
            log.append(f"{origin}: unbekannte Kommune")
        else:
            pairs[key] = origin
            belege.setdefault(beleg, (origin, pair))
            kept.append(r)
    return kept, log


def new_kommunen(known: set[str]) -> dict[str, dict[str, str]]:
    """The researchers' new Kommunen, the first entry of each id."""
    out: dict[str, dict[str, str]] = {}
    for name in KOMMUNEN_FILES:
        for k in read(name):
            if k["id"] not in known:
                out.setdefault(k["id"], k)
    return out


def write_csv(path: Path, columns, rows) -> None:
    """A content CSV (kts-dashboard format makes it canonical)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def main() -> None:
    """Print the figures; with --write, write the two content files."""
    old_v, old_k = before("verbindungen.csv"), before("kommunen.csv")
    added = new_kommunen({k["id"] for k in old_k})
    kept, log = merge(candidates(old_v), {k["id"] for k in old_k} | set(added))
    used = {end for r in kept for end in (r["von"], r["nach"])}
    named = {k for m in yaml.safe_load((CONTENT / "massnahmen.yaml").read_text("utf-8"))
             for k in m["kommunen"]}  # fmt: skip
    documented_before = {e for r in old_v if not r["quelle"].startswith("Beispiel")
                         for e in (r["von"], r["nach"])}  # fmt: skip
    # Partners that only the rows left out named leave with them.
    gone = {k["id"] for k in old_k if k["mpsc"] != "ja"} & (documented_before - used - named)
    kommunen = [k for k in old_k if k["id"] not in gone]
    kommunen += [{c: (k.get(c) or "").strip() for c in old_k[0]} for i, k in added.items()
                 if i in used]  # fmt: skip
    mpsc = {k["id"] for k in old_k if k["mpsc"] == "ja"}
    catch_all = sum("verwaltung-und-digitale-dienste" in r["handlungsfelder"] for r in kept)
    print("\n".join(log))
    print(
        f"{len(kept)} belegt, {len({r['quelle_url'] or r['quelle'] for r in kept})} Quellen, "
        f"{len(mpsc & used)} von 73 Modellprojekten, {len(kommunen) - len(old_k) + len(gone)} "
        f"neue Kommunen, {len(gone)} entfallen ({', '.join(sorted(gone))}), "
        f"Auffangfeld auf {catch_all}"
    )
    print("ohne Beleg:", ", ".join(sorted(mpsc - used)))
    if "--write" in sys.argv[1:]:
        # beispiele writes these anew; those naming a Kommune that left would stop it.
        illustrative = [
            r
            for r in old_v
            if r["quelle"].startswith("Beispiel") and not {r["von"], r["nach"]} & gone
        ]
        write_csv(CONTENT / "kommunen.csv", old_k[0], sorted(kommunen, key=lambda k: k["id"]))
        write_csv(CONTENT / "verbindungen.csv", COLUMNS, kept + illustrative)


if __name__ == "__main__":
    main()
