"""Progress: one updating line on a terminal, a plain line per phase otherwise, none when quiet."""

from __future__ import annotations

import io

from generator.progress import Reporter


def test_terminal_progress_is_one_updating_line():
    stream = io.StringIO()
    report = Reporter(stream, tty=True)
    report("Inhalt laden", 0, 0)
    for done in range(0, 101):
        report("Seiten erzeugen", done, 100)
    report.done()
    text = stream.getvalue()
    assert "\n" not in text and text.endswith("\r\x1b[K")
    assert "\r\x1b[KSeiten erzeugen 100/100 …" in text  # the last count is always shown
    assert text.count("Seiten erzeugen") < 20  # throttled, not one write per page


def test_a_new_phase_on_a_terminal_is_shown_at_once():
    stream = io.StringIO()
    report = Reporter(stream, tty=True)
    report("Inhalt laden", 0, 0)
    report("Kennzahlen berechnen", 0, 0)  # well within 50 ms of the first
    assert stream.getvalue() == "\r\x1b[KInhalt laden …\r\x1b[KKennzahlen berechnen …"


def test_without_a_terminal_each_phase_is_one_plain_line():
    stream = io.StringIO()  # not a TTY: the Reporter finds that out itself
    report = Reporter(stream)
    report("Inhalt laden", 0, 0)
    for done in range(5):
        report("Seiten erzeugen", done, 4)
    report.done()
    assert stream.getvalue() == "Inhalt laden …\nSeiten erzeugen (4) …\n"


def test_quiet_writes_nothing():
    stream = io.StringIO()
    report = Reporter(stream, quiet=True, tty=True)
    report("Inhalt laden", 0, 0)
    report("Seiten erzeugen", 3, 3)
    report.done()
    assert stream.getvalue() == ""


def test_done_clears_only_a_line_that_was_written():
    stream = io.StringIO()
    Reporter(stream, tty=True).done()
    assert stream.getvalue() == ""
    report = Reporter(stream, tty=True)
    report("Dateien schreiben", 1, 1)
    report.done()
    report.done()
    assert stream.getvalue() == "\r\x1b[KDateien schreiben 1/1 …\r\x1b[K"
