"""Problems found in content, collected and reported all at once."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where it is, which field, what is wrong."""

    file: str
    line: int
    field: str
    message: str
    severity: str = "error"  # error, warning, or note (a value read in its canonical form)
    # A workbook's cell, "Verbindungen!C17", for content read from a workbook: it replaces
    # file and line in the message (file and line still name the content file's record).
    cell: str = ""

    def __str__(self) -> str:
        prefix = "Warnung: " if self.severity == "warning" else ""
        if self.cell:
            return f"{self.cell} ({self.field}): {prefix}{self.message}"
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {prefix}{self.message}"


@dataclass(frozen=True)
class SheetPlaces:
    """Where a content file's records stand in a workbook: its sheet, each field's column."""

    sheet: str
    columns: dict[str, str]  # field → column letter ("art" → "C")

    def cell(self, fld: str, row: int) -> str:
        """The cell of a field in a row, "Verbindungen!C17" (column A for a whole row)."""
        return f"{self.sheet}!{self.columns.get(fld, 'A')}{max(row, 1)}"


@dataclass
class Problems:
    """A collector of problems, in the order they were found."""

    items: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Values read in their canonical form ("Wissensaustausch" as "wissensaustausch"): notes
    # with a place, never errors; `format` writes the canonical form.
    readings: list[Problem] = field(default_factory=list)
    # Content files read from a workbook's sheets: their problems name the cell.
    sheets: dict[str, SheetPlaces] = field(default_factory=dict)

    def _placed(self, problem: Problem) -> Problem:
        places = self.sheets.get(problem.file)
        if places is None:
            return problem
        return replace(problem, cell=places.cell(problem.field, problem.line))

    def error(self, file: str, line: int, fld: str, message: str) -> None:
        """Record an error."""
        self.items.append(self._placed(Problem(file, line, fld, message)))

    def warning(self, file: str, line: int, fld: str, message: str) -> None:
        """Record a warning."""
        self.items.append(self._placed(Problem(file, line, fld, message, "warning")))

    def note(self, file: str, message: str) -> None:
        """Record what was detected about a file (not a problem), e.g. its encoding."""
        self.notes.append(f"{file}: {message}")

    def understood(self, file: str, line: int, fld: str, given: str, canonical: str) -> None:
        """Record that a value was read as its canonical form."""
        message = f'"{given}" verstanden als "{canonical}"'
        self.readings.append(self._placed(Problem(file, line, fld, message, "note")))

    @property
    def errors(self) -> list[Problem]:
        """Only the errors, sorted by file and line."""
        return sorted(p for p in self.items if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        """Only the warnings, sorted by file and line."""
        return sorted(p for p in self.items if p.severity == "warning")


class ContentError(Exception):
    """The content has errors; the build must not go on."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} Fehler im Inhalt")
        self.problems = sorted(problems)

    def report(self) -> str:
        """All problems, one per line, with a final count."""
        lines = [str(p) for p in self.problems]
        lines.append(count_line(self.problems))
        return "\n".join(lines)


def count_line(problems: list[Problem]) -> str:
    """'3 Fehler gefunden.' or, with warnings, '3 Fehler, 2 Warnungen gefunden.'"""
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if not warnings:
        return f"{errors} Fehler gefunden."
    return f"{errors} Fehler, {warnings} Warnung{'en' if warnings != 1 else ''} gefunden."


class BuildError(Exception):
    """The build failed for a reason other than content (templates, output folder)."""
