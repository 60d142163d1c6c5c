"""Problems: collected as found, reported sorted by file and line, counted by severity."""

from __future__ import annotations

from generator.errors import ContentError, Problem, Problems, count_line


def test_problems_keep_the_order_found_and_sort_by_file_then_line():
    problems = Problems()
    problems.error("verbindungen.csv", 10, "art", "unbekannte Art")
    problems.warning("kommunen.csv", 3, "website", "keine https-Adresse")
    problems.error("verbindungen.csv", 9, "von", "unbekannte Kommune")
    problems.error("kommunen.csv", 12, "typ", "unbekannter Typ")
    assert [p.line for p in problems.items] == [10, 3, 9, 12]
    # line 9 before line 10: numbers, not text
    assert [(p.file, p.line) for p in problems.errors] == [
        ("kommunen.csv", 12),
        ("verbindungen.csv", 9),
        ("verbindungen.csv", 10),
    ]
    assert [(p.file, p.line, p.severity) for p in problems.warnings] == [
        ("kommunen.csv", 3, "warning")
    ]


def test_a_problem_names_file_line_and_field():
    assert str(Problem("kommunen.csv", 7, "lat", "keine Zahl")) == "kommunen.csv:7: lat: keine Zahl"
    assert str(Problem("site.yaml", 0, "title", "fehlt")) == "site.yaml: title: fehlt"
    warning = Problem("verbindungen.csv", 4, "quelle_url", "fehlt", "warning")
    assert str(warning) == "verbindungen.csv:4: quelle_url: Warnung: fehlt"


def test_notes_are_not_problems():
    problems = Problems()
    problems.note("kommunen.csv", "Kodierung cp1252 erkannt")
    assert problems.notes == ["kommunen.csv: Kodierung cp1252 erkannt"]
    assert problems.items == [] and problems.errors == [] and problems.warnings == []


def test_count_line_counts_errors_and_warnings():
    error = Problem("a.csv", 1, "f", "x")
    warning = Problem("a.csv", 2, "f", "y", "warning")
    assert count_line([error] * 3) == "3 Fehler gefunden."
    assert count_line([error, warning]) == "1 Fehler, 1 Warnung gefunden."
    assert count_line([error, error, warning, warning]) == "2 Fehler, 2 Warnungen gefunden."


def test_content_error_reports_every_problem_sorted_and_the_count():
    late = Problem("verbindungen.csv", 20, "art", "unbekannte Art")
    early = Problem("kommunen.csv", 5, "ags", "falsche Länge")
    error = ContentError([late, early])
    assert str(error) == "2 Fehler im Inhalt"
    assert error.problems == [early, late]
    assert error.report().splitlines() == [
        "kommunen.csv:5: ags: falsche Länge",
        "verbindungen.csv:20: art: unbekannte Art",
        "2 Fehler gefunden.",
    ]
