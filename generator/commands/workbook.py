"""`kts-dashboard workbook`: the content as one Excel workbook for the editors."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.commands.build import load_network
from generator.errors import Problems
from generator.workbook.sheets import SHEETS
from generator.workbook.write import workbook_bytes


def run_workbook(content: Path, out: Path) -> int:
    """Write the workbook of the content to out (atomically); ContentError on problems."""
    problems = Problems()
    net, warnings = load_network(content, problems)
    for line in (*problems.notes, *problems.readings, *warnings):
        print(line)
    data = workbook_bytes(net)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    sheets = ", ".join(s.title for s in SHEETS)
    print(
        f"{out} geschrieben ({len(data) // 1024} KB): {sheets} und Erläuterungen; "
        f"{len(net.kommunen)} Kommunen, {len(net.verbindungen)} Verbindungen. "
        f"Nach dem Bearbeiten: kts-dashboard import {out}"
    )
    return 0
