"""Command line: kts-dashboard build | validate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.build import build, load_network
from generator.errors import BuildError, ContentError, Problems

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kts-dashboard",
        description="Erzeugt das Netzwerk-Dashboard der Modellprojekte Smart Cities.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL")
    b = sub.add_parser("build", help="Inhalt prüfen und die Website nach --out schreiben")
    b.add_argument("--content", type=Path, default=Path("content"), help="Inhaltsordner")
    b.add_argument("--templates", type=Path, default=Path("templates"), help="Vorlagenordner")
    b.add_argument("--out", type=Path, default=Path("dist"), help="Ausgabeordner")
    v = sub.add_parser("validate", help="nur den Inhalt prüfen")
    v.add_argument("--content", type=Path, default=Path("content"), help="Inhaltsordner")
    v.add_argument("--strict", action="store_true", help="Warnungen als Fehler werten")
    s = sub.add_parser("synth", help="synthetischen Inhalt für Messungen erzeugen")
    s.add_argument("--kommunen", type=int, required=True)
    s.add_argument("--verbindungen", type=int, required=True)
    s.add_argument("--massnahmen", type=int, default=0)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--out", type=Path, required=True, help="Zielordner für den Inhalt")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 content errors, 2 usage)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    if args.command == "synth":
        from generator.synth import write_synthetic

        if args.kommunen < 2 or args.verbindungen < 0 or args.massnahmen < 0:
            print("Fehler: mindestens 2 Kommunen, keine negativen Zahlen", file=sys.stderr)
            return EXIT_USAGE
        write_synthetic(args.out, args.kommunen, args.verbindungen, args.massnahmen, args.seed)
        print(f"Synthetischer Inhalt nach {args.out} geschrieben.")
        return EXIT_OK
    if not args.content.is_dir():
        print(f"Fehler: Inhaltsordner {args.content} nicht gefunden", file=sys.stderr)
        return EXIT_USAGE
    problems = Problems()
    try:
        if args.command == "validate":
            try:
                net, warnings = load_network(args.content, problems, strict=args.strict)
            finally:
                for note in problems.notes:
                    print(note)
            for w in warnings:
                print(w)
            print(
                f"Inhalt in Ordnung: {len(net.kommunen)} Kommunen, "
                f"{len(net.verbindungen)} Verbindungen, {len(net.massnahmen)} Maßnahmen, "
                f"{len(warnings)} Warnungen."
            )
            return EXIT_OK
        if not args.templates.is_dir():
            print(f"Fehler: Vorlagenordner {args.templates} nicht gefunden", file=sys.stderr)
            return EXIT_USAGE
        result = build(args.content, args.templates, args.out)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        print(f"Nichts geschrieben; {args.command} abgebrochen.", file=sys.stderr)
        return EXIT_CONTENT
    except BuildError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:
        print(
            f"Fehler beim Lesen oder Schreiben: {exc}; der Ausgabeordner ist unverändert.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("Abgebrochen; der Ausgabeordner ist unverändert.", file=sys.stderr)
        return 130
    for w in result.warnings:
        print(w)
    print(
        f"{result.kommunen} Kommunen, {result.verbindungen} Verbindungen, "
        f"{result.pages} Seiten ({result.files} Dateien) nach {args.out} geschrieben "
        f"in {result.seconds:.2f} s."
    )
    return EXIT_OK
