"""Random edits of a content folder, as an editor makes them: one record changed, added or
removed per edit (for the incremental rebuild's test)."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from pathlib import Path

import yaml


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def _kommune(rng: random.Random, content: Path) -> str:
    path = content / "kommunen.csv"
    header, rows = _read(path)
    row = rng.choice(rows)
    field = rng.choice([f for f in ("name", "lat", "beschreibung", "website") if f in header])
    if field == "name":
        row["name"] += " (neu)"
    elif field == "lat":
        row["lat"] = f"{float(row['lat']) + rng.uniform(-0.05, 0.05):.4f}"
    elif field == "beschreibung":
        row["beschreibung"] = f"Neu beschrieben ({rng.randrange(1000)})."
    else:
        row["website"] = f"https://example.org/{row['id']}"
    _write(path, header, rows)
    return f"kommunen.csv {row['id']}: {field}"


def _verbindung(rng: random.Random, content: Path) -> str:
    path = content / "verbindungen.csv"
    header, rows = _read(path)
    i = rng.randrange(len(rows))
    row = rows[i]
    what = rng.choice(
        [w for w in ("zeitraum", "art", "handlungsfelder", "beschreibung") if w in header]
        + ["add", "remove"]
    )
    if what == "zeitraum":
        row["zeitraum"] = rng.choice(sorted({r["zeitraum"] for r in rows}))
    elif what == "art":
        row["art"] = rng.choice(["wissensaustausch", "entwicklungspartnerschaft"])
    elif what == "handlungsfelder":
        row["handlungsfelder"] = rng.choice([r["handlungsfelder"] for r in rows])
    elif what == "beschreibung":
        row["beschreibung"] = f"Geändert ({rng.randrange(1000)})."
    elif what == "add":
        ids = sorted({r["von"] for r in rows} | {r["nach"] for r in rows})
        von, nach = rng.sample(ids, 2)
        rows.insert(rng.randrange(len(rows) + 1), {**row, "von": von, "nach": nach})
    else:
        del rows[i]
    _write(path, header, rows)
    return f"verbindungen.csv row {i + 2}: {what}"


def _massnahme(rng: random.Random, content: Path) -> str:
    path = content / "massnahmen.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    items = data if isinstance(data, list) else data.get("massnahmen", [])
    if not items:
        return "massnahmen.yaml: none"
    m = rng.choice(items)
    m["titel"] = f"{m['titel']} (überarbeitet)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return f"massnahmen.yaml {m['id']}: titel"


EDITS: tuple[Callable[[random.Random, Path], str], ...] = (_kommune, _verbindung, _massnahme)


def random_edit(rng: random.Random, content: Path) -> str:
    """Change one record of content at random; what was changed."""
    weights = (3, 6, 1)
    return rng.choices(EDITS, weights)[0](rng, content)
