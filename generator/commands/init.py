"""kts-dashboard init: a small starter site (content/ and a German README) that builds at once."""

from __future__ import annotations

import shutil
from pathlib import Path

STARTER = Path(__file__).resolve().parent / "starter"


class ScaffoldError(Exception):
    """The target folder already holds a site (nothing is overwritten)."""


def starter_files() -> list[Path]:
    """The starter's files, relative to its folder, in a stable order."""
    return sorted(p.relative_to(STARTER) for p in STARTER.rglob("*") if p.is_file())


def write_starter(target: Path) -> list[Path]:
    """Copy the starter site into target; refuse when any of its files exists there."""
    files = starter_files()
    existing = [rel for rel in files if (target / rel).exists()]
    if existing:
        names = ", ".join(str(target / rel) for rel in existing)
        raise ScaffoldError(f"gibt es schon: {names}; nichts geschrieben")
    for rel in files:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STARTER / rel, target / rel)
    return [target / rel for rel in files]
