"""Command line: kts-dashboard build | validate | synth | beispiele | init | serve | snapshot |
diff."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn

from generator.commands.build import build, load_network, normalize_base_url
from generator.errors import BuildError, ContentError, Problems
from generator.progress import Reporter

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
TEMPLATES_HELP = (
    "Vorlagenordner; jede Vorlage darin ersetzt die gleichnamige des mitgelieferten Themes, "
    "der Rest kommt aus dem Paket (Standard: ./templates, wenn vorhanden)"
)


def _templates_dir(given: Path | None) -> Path:
    """--templates as given; without it ./templates, else the packaged theme."""
    from generator.site.assets import packaged_theme

    if given is not None:
        return given
    here = Path("templates")
    return here if here.is_dir() else packaged_theme()


def _parser() -> argparse.ArgumentParser:
    parser = _GermanParser(
        prog="kts-dashboard",
        description="Erzeugt das Netzwerk-Dashboard der Modellprojekte Smart Cities.",
        epilog="Exit-Codes: 0 in Ordnung, 1 Fehler im Inhalt oder beim Bauen, 2 Aufruffehler, "
        "130 abgebrochen (Strg-C); diff: 0 keine Änderungen, 1 Änderungen, 2 Fehler.",
        formatter_class=_GermanHelp,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL")
    b = sub.add_parser("build", help="Inhalt prüfen und die Website nach --out schreiben")
    b.add_argument("--content", type=Path, default=Path("content"), help="Inhaltsordner")
    b.add_argument("--templates", type=Path, default=None, help=TEMPLATES_HELP)
    b.add_argument("--out", type=Path, default=Path("dist"), help="Ausgabeordner")
    _publishing_options(b)
    v = sub.add_parser("validate", help="nur den Inhalt prüfen")
    v.add_argument("--content", type=Path, default=Path("content"), help="Inhaltsordner")
    v.add_argument("--templates", type=Path, default=None, help="Vorlagen auf Syntax prüfen")
    v.add_argument("--strict", action="store_true", help="Warnungen als Fehler werten")
    s = sub.add_parser(
        "synth",
        help="synthetischen Inhalt für Messungen erzeugen",
        description="Schreibt gültigen, erfundenen Inhalt beliebiger Größe (Kommunen über "
        "Deutschland verteilt, etwa 3 % im Ausland, einige Knoten mit vielen Partnern, alle "
        "Arten, 12 Handlungsfelder, 2022-H1 bis 2026-H1), etwa für Geschwindigkeitsmessungen. "
        "Derselbe Startwert ergibt dieselben Dateien.",
    )
    s.add_argument(
        "--kommunen", type=int, required=True, metavar="N", help="Zahl der Kommunen (mind. 2)"
    )
    s.add_argument(
        "--verbindungen", type=int, required=True, metavar="E", help="Zahl der Verbindungen"
    )
    s.add_argument("--massnahmen", type=int, default=0, metavar="M", help="Zahl der Maßnahmen")
    s.add_argument("--seed", type=int, default=1, help="Startwert des Zufallsgenerators")
    s.add_argument(
        "--out",
        "--content",
        dest="out",
        type=Path,
        required=True,
        metavar="ORDNER",
        help="Zielordner, in den die Inhaltsdateien geschrieben werden",
    )
    e = sub.add_parser(
        "beispiele",
        help="illustrative Verbindungen neu erzeugen (belegte bleiben unverändert)",
        description="Schreibt verbindungen.csv neu: alle Verbindungen, deren Quelle nicht mit "
        "'Beispiel' beginnt, bleiben unverändert; dazu kommen illustrative Verbindungen mit der "
        "Gestalt des Programms (Partner je Modellprojekt, Übertragungen, regionale Gruppen). "
        "Derselbe Startwert ergibt dieselbe Datei.",
    )
    e.add_argument("--content", type=Path, default=Path("content"), help="Inhaltsordner")
    e.add_argument("--seed", type=int, default=1, help="Startwert des Zufallsgenerators")
    _workbook_commands(sub)
    i = sub.add_parser(
        "init",
        help="ein Startgerüst anlegen (content/ mit Beispielen und eine kurze Anleitung)",
        description="Legt in ORDNER eine kleine Website an, die sich sofort bauen lässt: "
        "content/ mit site.yaml und einigen Beispiel-Einträgen sowie README.md. Vorhandene "
        "Dateien werden nie überschrieben.",
    )
    i.add_argument("ordner", type=Path, metavar="ORDNER", help="Zielordner (wird angelegt)")
    _publishing_commands(sub)
    k = sub.add_parser(
        "katalog",
        help="die Texte der Oberfläche in die Übersetzungskataloge übernehmen",
        description="Sucht alle markierten Texte der Vorlagen, Skripte und Module (wie pybabel "
        "extract) und bringt jeden Katalog locale/<sprache>/LC_MESSAGES/messages.po auf diesen "
        "Stand (wie pybabel update): neue Texte kommen ohne Übersetzung hinzu, unbenutzte "
        "fallen weg. Im Projektordner starten.",
    )
    k.add_argument(
        "--check",
        action="store_true",
        help="nichts ändern; Exit-Code 1, wenn ein Katalog nicht auf dem Stand ist oder "
        "Übersetzungen fehlen",
    )
    for p in (parser, *sub.choices.values()):
        p.formatter_class = _GermanHelp
        p._positionals.title = "Argumente"
        p._optionals.title = "Optionen"
        for action in p._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "diese Hilfe zeigen"
    return parser


# argparse's own messages, in German (Python 3.11 to 3.13 wording).
_ARGPARSE_DE = (
    (
        r"^argument (.+?): invalid choice: (.+?) \(choose from (.+)\)$",
        r"\1: ungültige Wahl \2 "
        r"(möglich: \3)",
    ),
    (r"^argument (.+?): invalid (\w+) value: (.+)$", r"\1: ungültiger Wert \3 (erwartet: \2)"),
    (r"^argument (.+?): expected one argument$", r"\1: erwartet einen Wert"),
    (r"^argument (.+?): expected at most one argument$", r"\1: höchstens ein Wert"),
    (r"^argument (.+?): ignored explicit argument (.+)$", r"\1: Wert \2 nicht erlaubt"),
    (r"^the following arguments are required: (.+)$", r"diese Angaben fehlen: \1"),
    (r"^unrecognized arguments: (.+)$", r"unbekannte Angaben: \1"),
    (r"^ambiguous option: (.+?) could match (.+)$", r"mehrdeutige Option \1, passt zu \2"),
    (r"^argument (.+?): (.+)$", r"\1: \2"),
)
_TYPE_DE = {"int": "ganze Zahl", "float": "Zahl"}


def german_error(message: str) -> str:
    """An argparse error message in German (unknown ones stay as they are)."""
    for pattern, replacement in _ARGPARSE_DE:
        translated, n = re.subn(pattern, replacement, message)
        if n:
            for en, de in _TYPE_DE.items():
                translated = translated.replace(f"(erwartet: {en})", f"(erwartet: {de})")
            return translated
    return message


class _GermanParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are German: 'kts-dashboard build: Fehler: …'."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and the German message to stderr; exit 2."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: Fehler: {german_error(message)}\n")


class _GermanHelp(argparse.HelpFormatter):
    """--help in German, with each option's default."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.default not in (None, False, argparse.SUPPRESS) and action.option_strings:
            text += " (Standard: %(default)s)"
        return text


def _content_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=Path("content"), help="Inhaltsordner")
    p.add_argument("--templates", type=Path, default=None, help=TEMPLATES_HELP)


def _workbook_commands(sub: argparse._SubParsersAction) -> None:
    """workbook, import and format: the editors' round trip through Excel."""
    w = sub.add_parser(
        "workbook",
        help="den Inhalt als Excel-Arbeitsmappe schreiben (mit Auswahllisten)",
        description="Schreibt eine Arbeitsmappe mit den Blättern Kommunen, Verbindungen, "
        "Maßnahmen, Handlungsfelder, Geschichten und Erläuterungen; Art, Handlungsfelder, "
        "Bundesland, Staffel, Zeitraum, ja/nein und die ids der Kommunen und Maßnahmen sind "
        "Auswahllisten. Zurück in den Inhaltsordner mit: kts-dashboard import DATEI.",
    )
    w.add_argument("--content", type=Path, default=Path("content"), help="Inhaltsordner")
    w.add_argument("--out", type=Path, default=Path("daten.xlsx"), help="die Arbeitsmappe")
    m = sub.add_parser(
        "import",
        help="eine bearbeitete Arbeitsmappe in den Inhaltsordner übernehmen",
        description="Liest die Arbeitsmappe, prüft sie wie validate und schreibt nur, was "
        "geändert wurde: unveränderte Einträge behalten Bytes, Reihenfolge und Kommentare. "
        "Bei einem Fehler wird nichts geschrieben.",
    )
    m.add_argument("arbeitsmappe", type=Path, metavar="DATEI", help="die Arbeitsmappe (.xlsx)")
    m.add_argument("--content", type=Path, default=Path("content"), help="Inhaltsordner")
    f = sub.add_parser(
        "format",
        help="die Inhaltsdateien in ihre kanonische Form bringen",
        description="Schreibt die Inhaltsdateien als UTF-8 mit LF, mit knapper Quotierung und "
        "den Werten in ihrer kanonischen Form (etwa 'Wissensaustausch' als "
        "'wissensaustausch'); Reihenfolge und Kommentare bleiben.",
    )
    f.add_argument("--content", type=Path, default=Path("content"), help="Inhaltsordner")
    f.add_argument(
        "--check",
        action="store_true",
        help="nichts ändern; Exit-Code 1, wenn eine Datei nicht in kanonischer Form ist",
    )


def _publishing_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--base-url", default=None, help="öffentliche Adresse der Website (statt base_url)"
    )
    p.add_argument("--quiet", action="store_true", help="nur Fehler ausgeben")


def _publishing_commands(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("serve", help="bauen, lokal zeigen und bei Änderungen neu bauen")
    _content_options(r)
    r.add_argument("--out", type=Path, default=Path("dist"), help="Ausgabeordner")
    r.add_argument("--port", type=int, default=8000, help="Port auf 127.0.0.1 (0: frei)")
    _publishing_options(r)
    from generator.i18n import LANGUAGES, SOURCE

    n = sub.add_parser("snapshot", help="das Dashboard als eine HTML-Datei für die Durchsicht")
    _content_options(n)
    n.add_argument(
        "--out", type=Path, default=Path("momentaufnahme.html"), help="Zieldatei (.html)"
    )
    n.add_argument(
        "--seit",
        metavar="REV",
        default=None,
        help="veröffentlichter Stand: der Inhaltsordner im Git-Stand REV (z. B. origin/main); "
        "Einträge, die es dort nicht gibt, bekommen keinen Link zur Website",
    )
    n.add_argument(
        "--veroeffentlicht",
        type=Path,
        default=None,
        metavar="PFAD",
        help="veröffentlichter Stand: Build-Ordner oder dessen manifest.json (Standard: "
        "dist, wenn vorhanden; nach serve zeigt dist schon den neuen Stand, dann --seit)",
    )
    n.add_argument(
        "--sprache",
        choices=[lang.code for lang in LANGUAGES],
        default=SOURCE.code,
        help="Sprache der Momentaufnahme: ihr Dashboard, ihre Texte und ihre Links zur Website",
    )
    _publishing_options(n)
    d = sub.add_parser(
        "diff",
        help="Änderungen zwischen zwei Ständen zeigen",
        description="Zeigt zuerst die geänderten Datensätze je Datei (neu, entfernt, geändert "
        "mit alt → neu), dann die Zahlen je Art und Handlungsfeld, zuletzt die Zahl der Seiten "
        "mit anderem Inhalt. Beispiel: 'kts-dashboard diff --seit HEAD' zeigt, was seit dem "
        "letzten Commit im Inhaltsordner geändert wurde (auch nach serve).",
    )
    d.add_argument(
        "old",
        type=Path,
        nargs="?",
        default=None,
        help="alter Stand: Build-, Inhaltsordner oder Momentaufnahme (oder --seit)",
    )
    d.add_argument(
        "new",
        type=Path,
        nargs="?",
        default=None,
        help="neuer Stand: Build-, Inhaltsordner oder Snapshot (ohne Angabe: --content)",
    )
    d.add_argument("--content", type=Path, default=Path("content"), help="Inhaltsordner")
    d.add_argument(
        "--seit",
        metavar="REV",
        default=None,
        help="alter Stand: der Inhaltsordner im Git-Stand REV (z. B. HEAD, origin/main)",
    )
    d.add_argument("--html", type=Path, default=None, help="Bericht zusätzlich als HTML-Datei")
    d.add_argument("--quiet", action="store_true", help="nur den Exit-Code, keinen Text")


def _beispiele(content: Path, seed: int) -> int:
    """Rewrite the illustrative Verbindungen of a valid content folder and report its shape."""
    from generator.analysis.shape import measure, report
    from generator.commands.beispiele import write

    try:
        load_network(content)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        print("Erst den Inhalt korrigieren; nichts geschrieben.", file=sys.stderr)
        return EXIT_CONTENT
    kinds = write(content, seed)
    net, _ = load_network(content)
    print(
        f"{content / 'verbindungen.csv'}: {kinds['belegt']} belegte und "
        f"{kinds['illustrativ']} illustrative Verbindungen (Startwert {seed})."
    )
    print(report(measure(net)))
    return EXIT_OK


def _synth(args: argparse.Namespace) -> int:
    from generator.commands.synth import write_synthetic

    if args.kommunen < 2 or args.verbindungen < 0 or args.massnahmen < 0:
        print("Fehler: mindestens 2 Kommunen, keine negativen Zahlen", file=sys.stderr)
        return EXIT_USAGE
    write_synthetic(args.out, args.kommunen, args.verbindungen, args.massnahmen, args.seed)
    print(f"Synthetischer Inhalt nach {args.out} geschrieben.")
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from generator.commands.init import ScaffoldError, write_starter

    try:
        written = write_starter(args.ordner)
    except ScaffoldError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"Fehler beim Schreiben: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    print(f"{len(written)} Dateien nach {args.ordner} geschrieben. Weiter mit:")
    print(f"  cd {args.ordner} && kts-dashboard serve")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from generator.commands.diff import run_diff

    if args.seit is not None and args.new is None and args.old is not None:
        # diff --seit HEAD OTHER_CONTENT: the one folder given is the new state
        args.old, args.new = None, args.old
    elif args.seit is not None and args.new is not None:
        print("Fehler: mit --seit höchstens einen Ordner angeben (den neuen)", file=sys.stderr)
        return EXIT_USAGE
    elif args.seit is None and args.old is None:
        print("Fehler: alten Stand angeben: OLD oder --seit REV", file=sys.stderr)
        return EXIT_USAGE
    new = args.new if args.new is not None else args.content
    return run_diff(args.old, new, args.html, quiet=args.quiet, seit=args.seit, content=new)


def _usage_error(args: argparse.Namespace) -> str:
    """What is wrong with the options of a command that reads content, or ''."""
    if getattr(args, "base_url", None) and normalize_base_url(args.base_url) is None:
        return f"Fehler: --base-url {args.base_url!r} ist keine http(s)-Adresse"
    workbook = getattr(args, "arbeitsmappe", None)
    if workbook is not None and not workbook.is_file():
        return f"Fehler: Arbeitsmappe {workbook.resolve()} nicht gefunden"
    if args.command in WORKBOOK_CONTENT and args.content.suffix.lower() == ".xlsx":
        if not args.content.is_file():
            return f"Fehler: Arbeitsmappe {args.content.resolve()} nicht gefunden"
        return ""
    if not args.content.is_dir():
        return (
            f"Fehler: Inhaltsordner {args.content.resolve()} nicht gefunden "
            "(im Projektordner starten oder --content angeben)"
        )
    return ""


def _validate(args: argparse.Namespace) -> int:
    problems = Problems()
    try:
        net, warnings = load_network(args.content, problems, strict=args.strict)
    finally:
        for note in (*problems.notes, *problems.readings):
            print(note)
    for w in warnings:
        print(w)
    if args.templates is not None:
        from generator.site.render import check_templates

        check_templates(args.templates)
    print(
        f"Inhalt in Ordnung: {len(net.kommunen)} Kommunen, "
        f"{len(net.verbindungen)} Verbindungen, {len(net.massnahmen)} Maßnahmen, "
        f"{len(warnings)} Warnung{'' if len(warnings) == 1 else 'en'}."
    )
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from generator.commands.serve import serve

    return serve(args.content, args.templates, args.out, args.port, args.base_url, args.quiet)


def _published(args: argparse.Namespace) -> frozenset[str] | None:
    """The published pages a snapshot may link to: from git, a build folder, or ./dist."""
    from generator.commands.snapshot import pages_at_revision, published_pages

    if args.seit is not None:
        return pages_at_revision(args.content, args.seit)
    if args.veroeffentlicht is not None:
        return published_pages(args.veroeffentlicht)
    if (Path("dist") / "manifest.json").is_file():
        return published_pages(Path("dist"))
    return None


def _snapshot(args: argparse.Namespace) -> int:
    from generator.commands.snapshot import write_snapshot

    reporter = Reporter(quiet=args.quiet)
    try:
        published = _published(args)
        snap = write_snapshot(
            args.content, args.templates, args.out, args.base_url, reporter, published, args.sprache
        )
    finally:
        reporter.done()
    if not args.quiet:
        print(snap.summary())
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    reporter = Reporter(quiet=args.quiet)
    try:
        result = build(
            args.content, args.templates, args.out, base_url=args.base_url, progress=reporter
        )
    finally:
        reporter.done()
    if args.quiet:
        return EXIT_OK
    for w in result.warnings:
        print(w)
    print(
        f"{result.kommunen} Kommunen, {result.verbindungen} Verbindungen, "
        f"{result.pages} Seiten ({result.files} Dateien) nach {args.out} geschrieben "
        f"in {result.seconds:.2f} s."
    )
    return EXIT_OK


def _with_templates(run: Callable[[argparse.Namespace], int]) -> Callable[..., int]:
    """A command that renders: --templates resolved (./templates or the packaged theme)."""

    def command(args: argparse.Namespace) -> int:
        args.templates = _templates_dir(args.templates)
        if not args.templates.is_dir():
            print(
                f"Fehler: Vorlagenordner {args.templates.resolve()} nicht gefunden "
                "(--templates angeben)",
                file=sys.stderr,
            )
            return EXIT_USAGE
        return run(args)

    return command


def _on_content(args: argparse.Namespace, run: Callable[[argparse.Namespace], int]) -> int:
    """Run a command that reads content: every failure becomes a German message and a code."""
    usage = _usage_error(args)
    if usage:
        print(usage, file=sys.stderr)
        return EXIT_USAGE
    try:
        return run(args)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        if args.command != "validate":
            print(f"Nichts geschrieben; {args.command} abgebrochen.", file=sys.stderr)
    except BuildError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
    except OSError as exc:
        print(
            f"Fehler beim Lesen oder Schreiben: {exc}; der Ausgabeordner ist unverändert.",
            file=sys.stderr,
        )
    except KeyboardInterrupt:
        print("Abgebrochen; der Ausgabeordner ist unverändert.", file=sys.stderr)
        return 130
    return EXIT_CONTENT


# The commands: those that read no content folder run as they are, the others through
# _on_content (usage checks, German messages for every failure).
STANDALONE: dict[str, Callable[[argparse.Namespace], int]] = {
    "synth": _synth,
    "init": _init,
    "beispiele": lambda args: _beispiele(args.content, args.seed),
    "diff": _diff,
    "katalog": lambda args: _katalog(args.check),
}


def _katalog(check: bool) -> int:
    from generator.commands.katalog import run_katalog

    if not Path("templates").is_dir() or not Path("locale").is_dir():
        print(
            "Fehler: im Projektordner starten (templates/ und locale/ fehlen hier)", file=sys.stderr
        )
        return EXIT_USAGE
    failed = False
    for report in run_katalog(Path("."), check=check):
        where = f"locale/{report.code}/LC_MESSAGES/messages.po"
        for message in report.untranslated:
            print(f"{where}: ohne Übersetzung: {message!r}")
        for message in report.unused:
            print(f"{where}: nicht mehr benutzt: {message!r}")
        if check and report.changed:
            print(f"{where}: nicht auf dem Stand der Vorlagen (kts-dashboard katalog schreibt ihn)")
        failed |= bool(report.untranslated) or (check and report.changed)
        if not report.changed:
            print(f"{where}: auf dem Stand.")
        elif not check:
            print(f"{where}: geschrieben.")
    return EXIT_CONTENT if failed else EXIT_OK


def _workbook(args: argparse.Namespace) -> int:
    from generator.commands.workbook import run_workbook

    return run_workbook(args.content, args.out)


def _import(args: argparse.Namespace) -> int:
    from generator.commands.import_workbook import run_import

    return run_import(args.arbeitsmappe, args.content)


def _format(args: argparse.Namespace) -> int:
    from generator.commands.format import run_format

    return run_format(args.content, args.check)


# The commands whose --content may also name a workbook (.xlsx) instead of a folder.
WORKBOOK_CONTENT = frozenset({"validate", "build"})
ON_CONTENT: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "workbook": _workbook,
    "import": _import,
    "format": _format,
    "serve": _with_templates(_serve),
    "snapshot": _with_templates(_snapshot),
    "build": _with_templates(_build),
}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 content errors, 2 usage)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    if args.command in STANDALONE:
        return STANDALONE[args.command](args)
    return _on_content(args, ON_CONTENT[args.command])
