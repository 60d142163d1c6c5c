"""Validation: every kind of mistake is reported as file:line: field: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.build import load_network
from generator.errors import ContentError
from tests.conftest import edit


def problems_of(content: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_network(content)
    return [str(p) for p in info.value.problems]


CASES = [
    # (id, file, old, new, expected line of the report)
    (
        "unknown-kommune",
        "verbindungen.csv",
        "ringelai,bamberg,",
        "ringelia,bamberg,",
        "verbindungen.csv:2: von: unbekannte Kommune 'ringelia' (meinten Sie: ringelai?)",
    ),
    (
        "unknown-handlungsfeld",
        "verbindungen.csv",
        "bauen-und-wohnen,,2023-H2",
        "bauen-wohnen,,2023-H2",
        "verbindungen.csv:3: handlungsfelder: Handlungsfeld 'bauen-wohnen' ist unbekannt "
        "(meinten Sie: bauen-und-wohnen?)",
    ),
    (
        "unknown-massnahme",
        "verbindungen.csv",
        "soziale-inklusion,energiezwilling",
        "soziale-inklusion,energiezwiling",
        "verbindungen.csv:4: massnahme: unbekannte Maßnahme 'energiezwiling' (nicht in "
        "massnahmen.yaml) (meinten Sie: energiezwilling?)",
    ),
    (
        "duplicate-kommune",
        "kommunen.csv",
        "ohne,Ohnedorf",
        "wien,Ohnedorf",
        "kommunen.csv:8: id: id 'wien' ist doppelt (schon in Zeile 7)",
    ),
    (
        "duplicate-verbindung-reversed",
        "verbindungen.csv",
        "bamberg,muenster,entwicklungspartnerschaft,soziale-inklusion,,2024-H2",
        "bamberg,ringelai,entwicklungspartnerschaft,soziale-inklusion,,2023-H1",
        "verbindungen.csv:7: von: doppelte Verbindung (bamberg – ringelai, "
        "entwicklungspartnerschaft, "
        "2023-H1; schon in Zeile 2)",
    ),
    (
        "self-link",
        "verbindungen.csv",
        "regensburg,wien,",
        "regensburg,regensburg,",
        "verbindungen.csv:3: nach: Verbindung einer Kommune mit sich selbst ('regensburg')",
    ),
    (
        "unknown-art",
        "verbindungen.csv",
        "wien,vorbild",
        "wien,vorbilt",
        "verbindungen.csv:3: art: unbekannte Art 'vorbilt' (erlaubt: vorbild, wissensaustausch, "
        "entwicklungspartnerschaft, uebertragung)",
    ),
    (
        "unknown-typ",
        "kommunen.csv",
        "Bamberg,grossstadt",
        "Bamberg,metropole",
        "kommunen.csv:2: typ: unbekannter Typ 'metropole'",
    ),
    (
        "unknown-bundesland",
        "kommunen.csv",
        "Bamberg,grossstadt,DE,Bayern",
        "Bamberg,grossstadt,DE,Bayen",
        "kommunen.csv:2: bundesland: unbekanntes Bundesland 'Bayen' (meinten Sie: Bayern?)",
    ),
    (
        "bundesland-abroad",
        "kommunen.csv",
        "AT,,48.2085",
        "AT,Bayern,48.2085",
        "kommunen.csv:7: bundesland: muss leer sein, wenn land nicht DE ist (land: AT)",
    ),
    (
        "bundesland-missing",
        "kommunen.csv",
        "DE,Hessen,",
        "DE,,",
        "kommunen.csv:8: bundesland: Pflichtfeld für Kommunen in Deutschland (land DE)",
    ),
    (
        "latitude-range",
        "kommunen.csv",
        "Hessen,50.5,9.5",
        "Hessen,95,9.5",
        "kommunen.csv:8: lat: 95.0 liegt außerhalb von -90 bis 90",
    ),
    (
        "latitude-not-a-number",
        "kommunen.csv",
        "Hessen,50.5,9.5",
        "Hessen,fünfzig,9.5",
        "kommunen.csv:8: lat: erwartet: Dezimalzahl wie 48.1372, erhalten: 'fünfzig'",
    ),
    (
        "swapped-coordinates",
        "kommunen.csv",
        "Hessen,50.5,9.5",
        "Hessen,9.5,50.5",
        "kommunen.csv:8: lat: lat 9.5 und lon 50.5 liegen nicht in Deutschland – "
        "Breite und Länge vertauscht?",
    ),
    (
        "staffel-without-mpsc",
        "kommunen.csv",
        "51.2667,12.5,nein,,",
        "51.2667,12.5,nein,2020,",
        "kommunen.csv:6: staffel: Staffel nur für Modellprojekte (mpsc: ja) angeben",
    ),
    (
        "mpsc-without-staffel",
        "kommunen.csv",
        "13.4828,ja,2021",
        "13.4828,ja,",
        "kommunen.csv:3: staffel: Pflichtfeld für Modellprojekte (mpsc: ja)",
    ),
    (
        "unknown-staffel",
        "kommunen.csv",
        "13.4828,ja,2021",
        "13.4828,ja,2018",
        "kommunen.csv:3: staffel: unbekannte Staffel '2018' (erlaubt: 2019, 2020, 2021)",
    ),
    (
        "mpsc-vocabulary",
        "kommunen.csv",
        "13.4828,ja,2021",
        "13.4828,vielleicht,2021",
        "kommunen.csv:3: mpsc: erwartet: ja oder nein (auch x, leer), erhalten: 'vielleicht'",
    ),
    (
        "zeitraum-format",
        "verbindungen.csv",
        ",2023-H1,Gemeinsam",
        ",2023-1,Gemeinsam",
        "verbindungen.csv:2: zeitraum: erwartet: Halbjahr wie 2023-H1, erhalten: '2023-1'",
    ),
    (
        "zeitraum-after-datenstand",
        "verbindungen.csv",
        "soziale-inklusion,,2024-H2",
        "soziale-inklusion,,2025-H1",
        "verbindungen.csv:7: zeitraum: 2025-H1 liegt nach dem Datenstand 2024-12-31",
    ),
    (
        "ags-land-prefix",
        "kommunen.csv",
        "09461000",
        "08461000",
        "kommunen.csv:2: ags: beginnt mit 08, aber Bayern hat den Schlüssel 09",
    ),
    (
        "ags-format",
        "kommunen.csv",
        "09461000",
        "946100",
        "kommunen.csv:2: ags: erwartet: 8 Ziffern, erhalten: '946100'",
    ),
    (
        "website-scheme",
        "kommunen.csv",
        "https://www.bamberg.de",
        "javascript:alert(1)",
        "kommunen.csv:2: website: 'javascript:alert(1)' ist keine http- oder https-Adresse",
    ),
    (
        "id-slug",
        "kommunen.csv",
        "ohne,Ohnedorf",
        "Ohne Dorf,Ohnedorf",
        "kommunen.csv:8: id: 'Ohne Dorf' ist keine gültige id (erlaubt: a-z, 0-9 und Bindestrich",
    ),
    (
        "missing-name",
        "kommunen.csv",
        "ohne,Ohnedorf,",
        "ohne,,",
        "kommunen.csv:8: name: Pflichtfeld fehlt oder ist leer",
    ),
    (
        "missing-quelle",
        "verbindungen.csv",
        "2023-H2,,KTS",
        "2023-H2,,",
        "verbindungen.csv:3: quelle: Pflichtfeld fehlt oder ist leer",
    ),
    (
        "missing-column",
        "verbindungen.csv",
        "beschreibung,quelle",
        "beschreibung,herkunft",
        "verbindungen.csv:1: quelle: Spalte fehlt: quelle",
    ),
    (
        "handlungsfeld-colour",
        "handlungsfelder.yaml",
        '"#aa3377"',
        "rot",
        "handlungsfelder.yaml:3: farbe: erwartet: Farbe wie #1b7837, erhalten: 'rot'",
    ),
    (
        "duplicate-handlungsfeld",
        "handlungsfelder.yaml",
        "id: bauen-und-wohnen",
        "id: soziale-inklusion",
        "handlungsfelder.yaml:5: id: id 'soziale-inklusion' ist doppelt (schon in Zeile 1)",
    ),
    (
        "massnahme-unknown-kommune",
        "massnahmen.yaml",
        "kommunen: [regensburg]",
        "kommunen: [regensburgg]",
        "massnahmen.yaml:5: kommunen: Kommune 'regensburgg' ist unbekannt "
        "(meinten Sie: regensburg?)",
    ),
    (
        "massnahme-wrong-type",
        "massnahmen.yaml",
        "handlungsfelder: [bauen-und-wohnen]",
        "handlungsfelder: {bauen: ja}",
        "massnahmen.yaml:4: handlungsfelder: erwartet: Liste von Handlungsfeldern, erhalten: "
        "Schlüssel mit Werten",
    ),
    (
        "yaml-duplicate-key",
        "massnahmen.yaml",
        "  titel: Energiezwilling\n",
        "  titel: Energiezwilling\n  titel: Noch einmal\n",
        "massnahmen.yaml:3: titel: Schlüssel doppelt (schon in Zeile 2)",
    ),
    (
        "yaml-tab",
        "handlungsfelder.yaml",
        "  name: Bauen und Wohnen",
        "\tname: Bauen und Wohnen",
        "handlungsfelder.yaml:6: -: Tabulator zum Einrücken; YAML erlaubt nur Leerzeichen",
    ),
    (
        "yaml-syntax",
        "massnahmen.yaml",
        "kommunen: [regensburg]",
        "kommunen: [regensburg",
        "massnahmen.yaml:6: -: YAML nicht lesbar: ",
    ),
    (
        "yaml-text-instead-of-list",
        "massnahmen.yaml",
        "kommunen: [regensburg]",
        "kommunen: regensburg",
        "massnahmen.yaml:5: kommunen: erwartet: Liste von Kommunen wie [regensburg], erhalten: "
        "Text",
    ),
    (
        "yaml-list-instead-of-text",
        "massnahmen.yaml",
        "titel: Energiezwilling",
        "titel: [Energie, Zwilling]",
        "massnahmen.yaml:2: titel: erwartet: Text, erhalten: Liste",
    ),
    (
        "duplicate-massnahme",
        "massnahmen.yaml",
        "id: leer",
        "id: energiezwilling",
        "massnahmen.yaml:6: id: id 'energiezwilling' ist doppelt (schon in Zeile 1)",
    ),
    (
        "massnahme-url-scheme",
        "massnahmen.yaml",
        "  kommunen: [regensburg]\n",
        "  kommunen: [regensburg]\n  url: javascript:alert(1)\n",
        "massnahmen.yaml:6: url: 'javascript:alert(1)' ist keine http- oder https-Adresse",
    ),
    (
        "base-url-scheme",
        "site.yaml",
        "base_url: https://example.org/",
        "base_url: ftp://example.org/",
        "site.yaml:3: base_url: 'ftp://example.org/' ist keine http- oder https-Adresse",
    ),
    (
        "tiles-attribution-html",
        "site.yaml",
        "'&copy; Testkarte'",
        "'&copy; <img src=x onerror=alert(1)>'",
        "site.yaml:6: tiles: attribution: '<img src=x onerror=alert(1)>' ist nicht erlaubt",
    ),
    (
        "control-character",
        "kommunen.csv",
        "bamberg,Bamberg,",
        "bamberg,Bam\x01berg,",
        "kommunen.csv:2: name: unsichtbares Steuerzeichen U+0001 an Stelle 4; bitte entfernen",
    ),
    (
        "outside-germany",
        "kommunen.csv",
        "Hessen,50.5,9.5",
        "Hessen,45.5,9.5",
        "kommunen.csv:8: lat: lat 45.5 und lon 9.5 liegen nicht in Deutschland",
    ),
    (
        "datenstand",
        "site.yaml",
        "datenstand: 2024-12-31",
        "datenstand: gestern",
        "site.yaml:4: datenstand: erwartet: Datum wie 2026-06-30, erhalten: 'gestern'",
    ),
    (
        "massnahmen-url-placeholder",
        "site.yaml",
        "massnahmen/{id}",
        "massnahmen/",
        "site.yaml:9: massnahmen_url: Platzhalter {id} fehlt",
    ),
    (
        "barrierefreiheit-email",
        "site.yaml",
        "kontakt_email: barrierefreiheit@example.org",
        "kontakt_email: barrierefreiheit(at)example.org",
        "site.yaml:12: barrierefreiheit.kontakt_email: 'barrierefreiheit(at)example.org' ist "
        "keine E-Mail-Adresse",
    ),
    (
        "barrierefreiheit-name",
        "site.yaml",
        "kontakt_name: Testamt",
        "kontakt_name: ''",
        "site.yaml:11: barrierefreiheit.kontakt_name: Pflichtfeld fehlt oder ist leer",
    ),
    (
        "barrierefreiheit-stand",
        "site.yaml",
        "stand: 2024-12-31\n  status",
        "stand: Sommer\n  status",
        "site.yaml:13: barrierefreiheit.stand: erwartet: Datum wie 2026-06-30, erhalten: 'Sommer'",
    ),
    (
        "barrierefreiheit-status",
        "site.yaml",
        "status: teilweise",
        "status: meistens",
        "site.yaml:14: barrierefreiheit.status: unbekannter Stand der Vereinbarkeit 'meistens' "
        "(erlaubt: vollständig, teilweise, nicht)",
    ),
    (
        "barrierefreiheit-unknown-key",
        "site.yaml",
        "status: teilweise",
        "status: teilweise\n  kontakt_mail: a@example.org",
        "site.yaml:15: barrierefreiheit.kontakt_mail: unbekannter Schlüssel (meinten Sie: "
        "kontakt_email,",
    ),
    (
        "barrierefreiheit-phone",
        "site.yaml",
        "status: teilweise",
        "status: teilweise\n  kontakt_telefon: ruf an",
        "site.yaml:15: barrierefreiheit.kontakt_telefon: 'ruf an' ist keine Telefonnummer",
    ),
    (
        "barrierefreiheit-not-a-mapping",
        "site.yaml",
        "barrierefreiheit:\n",
        "barrierefreiheit: [a, b]\nalt:\n",
        "site.yaml:10: barrierefreiheit: erwartet: Schlüssel wie kontakt_email, erhalten: Liste",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_error_kind_names_file_line_field(content, file, old, new, expected):
    edit(content / file, old, new)
    found = problems_of(content)
    assert any(p.startswith(expected) for p in found), "\n".join(found)


def test_missing_file_is_reported(content):
    (content / "massnahmen.yaml").unlink()
    assert any(p.startswith("massnahmen.yaml: -: Datei fehlt") for p in problems_of(content))


def test_all_problems_are_reported_at_once_sorted_by_file_and_line(content):
    edit(content / "verbindungen.csv", "regensburg,wien,vorbild", "regensburg,wien,vorbilt")
    edit(content / "kommunen.csv", "Hessen,50.5,9.5", "Hessen,95,9.5")
    edit(content / "kommunen.csv", "Bamberg,grossstadt", "Bamberg,metropole")
    found = problems_of(content)
    assert found == [
        "kommunen.csv:2: typ: unbekannter Typ 'metropole' (erlaubt: grossstadt, mittelstadt, "
        "kleinstadt, landgemeinde, landkreis, region)",
        "kommunen.csv:8: lat: 95.0 liegt außerhalb von -90 bis 90",
        "massnahmen.yaml:6: id: Warnung: Maßnahme 'leer' wird von keiner Verbindung genannt "
        "(Spalte massnahme)",
        "verbindungen.csv:3: art: unbekannte Art 'vorbilt' (erlaubt: vorbild, wissensaustausch, "
        "entwicklungspartnerschaft, uebertragung)",
    ]


def test_directed_connections_in_both_directions_are_not_duplicates(content):
    edit(
        content / "verbindungen.csv",
        "grossposna,muenster,wissensaustausch,mobilitaet-und-erreichbarkeit",
        "wien,regensburg,vorbild,bauen-und-wohnen",
    )
    edit(content / "verbindungen.csv", ",2022-H1,", ",2023-H2,")
    net, _ = load_network(content)
    pairs = {(v.von, v.nach) for v in net.verbindungen if v.art == "vorbild"}
    assert pairs == {("regensburg", "wien"), ("wien", "regensburg")}


def test_valid_content_gives_a_sorted_model(content):
    net, warnings = load_network(content)
    assert [k.id for k in net.kommunen] == sorted(k.id for k in net.kommunen)
    assert [str(w) for w in warnings] == [UNUSED_MASSNAHME]
    ringelai = net.kommune_by_id["ringelai"]
    assert (ringelai.mpsc, ringelai.staffel, ringelai.bundesland) == (True, 2021, "Bayern")
    assert net.kommune_by_id["wien"].region_label == "Österreich"
    v = net.verbindungen[-1]
    assert v.zeitraum == "2024-H2" and v.illustrative


UNUSED_MASSNAHME = (
    "massnahmen.yaml:6: id: Warnung: Maßnahme 'leer' wird von keiner Verbindung genannt "
    "(Spalte massnahme)"
)


def test_maßnahme_that_no_verbindung_names_is_a_warning(content):
    edit(
        content / "verbindungen.csv", "soziale-inklusion,,2024-H2", "soziale-inklusion,leer,2024-H2"
    )
    _, warnings = load_network(content)
    assert warnings == []


def test_kommune_that_nothing_names_is_a_warning(content):
    edit(content / "massnahmen.yaml", "kommunen: [ohne]", "kommunen: [bamberg]")
    _, warnings = load_network(content)
    assert [str(w) for w in warnings] == [
        "kommunen.csv:8: id: Warnung: Kommune 'ohne' kommt in keiner Verbindung und keiner "
        "Maßnahme vor",
        UNUSED_MASSNAHME,
    ]


@pytest.mark.parametrize(
    ("yes", "no"),
    [("Ja", "Nein"), ("JA", "nein"), ("x", ""), ("X", ""), ("true", "false"), ("TRUE", "FALSE")],
)
def test_mpsc_as_excel_writes_it(content, yes, no):
    text = (content / "kommunen.csv").read_text("utf-8")
    text = text.replace(",ja,", f",{yes},").replace(",nein,", f",{no},")
    (content / "kommunen.csv").write_text(text, "utf-8")
    net, _ = load_network(content)
    assert {k.id for k in net.kommunen if k.mpsc} == {
        "bamberg",
        "ringelai",
        "regensburg",
        "muenster",
    }
    assert net.kommune_by_id["ringelai"].staffel == 2021


def test_tiles_host_that_would_break_the_security_policy(content):
    edit(content / "site.yaml", "https://tile.example.org/", "https://tile.example.org;script-src/")
    assert problems_of(content) == [
        UNUSED_MASSNAHME,
        "site.yaml:6: tiles: url: Rechnername 'tile.example.org;script-src' ist ungültig",
    ]


def test_an_unreadable_file_gives_one_error_not_one_per_reference(content):
    (content / "kommunen.csv").write_text("", "utf-8")
    errors = [p for p in problems_of(content) if ": Warnung: " not in p]
    assert errors == ["kommunen.csv:1: -: Datei ist leer (erwartet: Kopfzeile mit Spaltennamen)"]


def test_a_yaml_syntax_error_gives_one_error_not_one_per_reference(content):
    text = (content / "massnahmen.yaml").read_text("utf-8").splitlines(keepends=True)
    line = next(i for i, t in enumerate(text) if t.startswith("  ") and i > 0)
    text[line] = "\t" + text[line][2:]
    (content / "massnahmen.yaml").write_text("".join(text), "utf-8")
    errors = [p for p in problems_of(content) if ": Warnung: " not in p]
    assert len(errors) == 1 and "Tabulator" in errors[0], errors


def test_quelle_url_must_be_http(content):
    path = content / "verbindungen.csv"
    text = path.read_text("utf-8").replace("quelle\n", "quelle,quelle_url\n", 1)
    text = text.replace("Gemeinsam entwickelt.,KTS", "Gemeinsam entwickelt.,Presse,javascript:x")
    path.write_text(text, "utf-8")
    assert [p for p in problems_of(content) if p.startswith("verbindungen")] == [
        "verbindungen.csv:2: quelle_url: 'javascript:x' ist keine http- oder https-Adresse"
    ]


def test_a_source_without_address_is_a_warning_unless_illustrative_or_kts(content):
    edit(content / "verbindungen.csv", "Gemeinsam entwickelt.,KTS", "Gemeinsam entwickelt.,Presse")
    _, warnings = load_network(content)
    assert [str(w) for w in warnings if w.file == "verbindungen.csv"] == [
        "verbindungen.csv:2: quelle_url: Warnung: Quelle 'Presse' ohne Adresse: quelle_url "
        "angeben (öffentliche Quelle) oder die Quelle mit 'Beispiel' beginnen (illustrativer "
        "Eintrag)"
    ]


def test_embedding_origins_are_checked(content):
    edit(
        content / "site.yaml",
        "datenstand:",
        "einbetten:\n  erlaubte_seiten: [https://portal.example.org/seite, https://ok.example.org]\n"
        "datenstand:",
    )
    assert [p for p in problems_of(content) if "einbetten" in p] == [
        "site.yaml:5: einbetten: erlaubte_seiten: 'https://portal.example.org/seite' ist keine "
        "Herkunft wie https://www.example.org (nur Schema, Rechnername und Port, kein Pfad)"
    ]


def test_embedding_origins_reach_the_model(content):
    edit(
        content / "site.yaml",
        "datenstand:",
        "einbetten: {erlaubte_seiten: [https://a.org/]}\ndatenstand:",
    )
    net, _ = load_network(content)
    assert net.site.embed_origins == ("https://a.org",)


def test_missing_barrierefreiheit_is_a_warning_and_the_page_names_no_contact(content, tmp_path):
    from generator.commands.build import build
    from tests.conftest import TEMPLATES

    site = content / "site.yaml"
    text = site.read_text("utf-8")
    site.write_text(text[: text.index("barrierefreiheit:")], "utf-8")
    _, warnings = load_network(content)
    assert [str(w) for w in warnings if w.file == "site.yaml"] == [
        "site.yaml:1: barrierefreiheit: Warnung: fehlt: die Erklärung zur Barrierefreiheit braucht "
        "kontakt_name, kontakt_email, stand und status (siehe README)"
    ]
    build(content, TEMPLATES, tmp_path / "dist")
    page = (tmp_path / "dist" / "barrierefreiheit" / "index.html").read_text("utf-8")
    assert "noch keine Stelle" in page and "mailto:barrierefreiheit" not in page
    assert "Schlichtungsstelle" in page


# Issue 28: what fuzzing found.


@pytest.mark.parametrize("zeitraum", ["0000-H1", "0001-H1", "2018-H2"])
def test_a_zeitraum_before_the_programme_is_an_error_not_a_crash(content, tmp_path, zeitraum):
    # 0000-H1 made dt.date raise "year 0 is out of range"; 0001-H1 passed validation and
    # then failed in the analysis with KeyError: '0001-H1'.
    edit(content / "verbindungen.csv", ",2023-H1,", f",{zeitraum},")
    assert (
        f"verbindungen.csv:2: zeitraum: {zeitraum} liegt vor 2019-H1, dem ersten "
        "Berichtshalbjahr des Programms"
    ) in problems_of(content)
    from generator.cli import main

    assert main(["build", "--content", str(content), "--out", str(tmp_path / "dist")]) == 1


def test_the_first_half_year_of_the_programme_is_allowed(content):
    edit(content / "verbindungen.csv", ",2023-H1,", ",2019-H1,")
    net, _ = load_network(content)
    assert net.zeitraeume[0] == "2019-H1"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "handlungsfelder.yaml",
            "name: Soziale Inklusion",
            "name: '" + "<b><i>x</i></b>" * 70_000 + "'",
            "handlungsfelder.yaml:2: name: Text ist zu lang (1050000 Zeichen; erlaubt sind "
            "höchstens 200)",
        ),
        (
            "kommunen.csv",
            "bamberg,Bamberg,",
            "bamberg," + "B" * 201 + ",",
            "kommunen.csv:2: name: Text ist zu lang (201 Zeichen; erlaubt sind höchstens 200)",
        ),
        (
            "massnahmen.yaml",
            "- id: leer",
            "- id: " + "l" * 81,
            "massnahmen.yaml:6: id: Text ist zu lang (81 Zeichen; erlaubt sind höchstens 80)",
        ),
        (
            "verbindungen.csv",
            "Gemeinsam entwickelt.",
            "G" * 2001,
            "verbindungen.csv:2: beschreibung: Text ist zu lang (2001 Zeichen; erlaubt sind "
            "höchstens 2000)",
        ),
        (
            "massnahmen.yaml",
            "kommunen: [regensburg]",
            "kommunen: [" + ", ".join(["regensburg"] * 200) + "]",
            "massnahmen.yaml:5: kommunen: Liste ist zu lang (2398 Zeichen; erlaubt sind "
            "höchstens 2000)",
        ),
        (
            "site.yaml",
            "attribution: '&copy; Testkarte'",
            "attribution: '" + "<" * 2001 + "'",
            "site.yaml:6: tiles: Text ist zu lang (2001 Zeichen; erlaubt sind höchstens 2000)",
        ),
        (
            "site.yaml",
            "datenstand: 2024-12-31",
            "datenstand: '" + "2" * 41 + "'",
            "site.yaml:4: datenstand: Text ist zu lang (41 Zeichen; erlaubt sind höchstens 40)",
        ),
    ],
    ids=["huge-html-name", "name", "id", "beschreibung", "list", "attribution", "date"],
)
def test_a_field_longer_than_its_limit_is_an_error(content, file, old, new, expected):
    # A 1 MB Handlungsfeld name made of HTML tags kept the build busy past 60 s.
    edit(content / file, old, new)
    assert expected in problems_of(content)


def test_length_limits_are_declared_in_the_schema():
    from generator.content.schema import HANDLUNGSFELDER, KOMMUNEN, MASSNAHMEN, VERBINDUNGEN

    assert HANDLUNGSFELDER.by_name["name"].max_length == 200
    assert MASSNAHMEN.by_name["titel"].max_length == 200
    assert KOMMUNEN.by_name["id"].max_length == 80
    assert VERBINDUNGEN.by_name["quelle_url"].max_length == 2000
    assert VERBINDUNGEN.by_name["beschreibung"].max_length == 2000


def _with_kontakt(content: Path, kommune: str, massnahme: str) -> None:
    """Give Bamberg (kommunen.csv line 2) and the Energiezwilling (massnahmen.yaml line 6)
    a kontakt."""
    edit(content / "kommunen.csv", "ags,website\n", "ags,website,kontakt\n")
    edit(
        content / "kommunen.csv",
        "09461000,https://www.bamberg.de\n",
        f'09461000,https://www.bamberg.de,"{kommune}"\n',
    )
    edit(
        content / "massnahmen.yaml",
        "  kommunen: [regensburg]\n",
        f"  kommunen: [regensburg]\n  kontakt: '{massnahme}'\n",
    )


@pytest.mark.parametrize(
    "value",
    [
        "foo",
        "www.regensburg.de",
        "javascript:alert(1)",
        "ftp://daten.example.org/",
        "smart city@example.org",
        "a?subject=x@example.org",
        "mailto:",
    ],
)
def test_a_kontakt_that_is_neither_email_nor_web_address_names_file_line_field(content, value):
    _with_kontakt(content, value, value)
    found = problems_of(content)
    message = f"„{value}“ ist weder eine E-Mail-Adresse noch eine Web-Adresse (https://…)."
    assert f"kommunen.csv:2: kontakt: {message}" in found, "\n".join(found)
    assert f"massnahmen.yaml:6: kontakt: {message}" in found, "\n".join(found)


@pytest.mark.parametrize(
    ("value", "kept", "href"),
    [
        ("smart-city@example.org", "smart-city@example.org", "mailto:smart-city@example.org"),
        ("mailto:K.Ott@example.org", "K.Ott@example.org", "mailto:K.Ott@example.org"),
        ("https://www.example.org/kontakt", "https://www.example.org/kontakt", None),
        ("http://example.org/a?b=c", "http://example.org/a?b=c", None),
    ],
)
def test_a_kontakt_is_an_email_or_web_address_and_reaches_the_model(content, value, kept, href):
    _with_kontakt(content, value, value)
    net, _ = load_network(content)
    for record in (net.kommune_by_id["bamberg"], net.massnahme_by_id["energiezwilling"]):
        assert record.kontakt == kept
        assert record.kontakt_href == (href or kept)
    assert net.kommune_by_id["regensburg"].kontakt == ""
    assert net.kommune_by_id["regensburg"].kontakt_href == ""


def test_a_kontakt_reaches_the_downloads(content, tmp_path):
    import csv
    import io

    from generator.commands.build import build
    from tests.conftest import TEMPLATES

    _with_kontakt(content, "smart-city@example.org", "https://www.example.org/kontakt")
    build(content, TEMPLATES, tmp_path / "dist")
    daten = tmp_path / "dist" / "daten"
    kommunen = list(csv.DictReader(io.StringIO((daten / "kommunen.csv").read_text("utf-8"))))
    assert {k["id"]: k["kontakt"] for k in kommunen}["bamberg"] == "smart-city@example.org"
    massnahmen = list(csv.DictReader(io.StringIO((daten / "massnahmen.csv").read_text("utf-8"))))
    kontakt = {m["id"]: m["kontakt"] for m in massnahmen}
    assert kontakt["energiezwilling"] == "https://www.example.org/kontakt"


def _with_source(content, beleg: str | None) -> None:
    """The first Verbindung with a public source (and a beleg column when beleg is given)."""
    path = content / "verbindungen.csv"
    head = "quelle,quelle_url" + (",beleg" if beleg is not None else "")
    text = path.read_text("utf-8").replace("quelle\n", head + "\n", 1)
    url = "Gemeinsam entwickelt.,Presse,https://example.org/a"
    row = url + (f",{beleg}" if beleg is not None else "")
    path.write_text(text.replace("Gemeinsam entwickelt.,KTS", row), "utf-8")


def test_a_source_with_address_needs_its_beleg_even_without_the_column(content):
    _with_source(content, None)
    assert [p for p in problems_of(content) if p.startswith("verbindungen")] == [
        "verbindungen.csv:2: beleg: Pflichtfeld, wenn quelle_url angegeben ist: der Satz der "
        "Quelle im Wortlaut, der beide Seiten und die Art der Verbindung nennt"
    ]


def test_an_empty_beleg_is_refused_and_a_quoted_one_is_kept(content):
    _with_source(content, "")
    assert [p for p in problems_of(content) if p.startswith("verbindungen")] == [
        "verbindungen.csv:2: beleg: Pflichtfeld, wenn quelle_url angegeben ist: der Satz der "
        "Quelle im Wortlaut, der beide Seiten und die Art der Verbindung nennt"
    ]
    edit(content / "verbindungen.csv", "example.org/a,", "example.org/a,„Ringelai und Bamberg …“")
    net, _ = load_network(content)
    (ringelai,) = [v for v in net.verbindungen if v.von == "ringelai"]
    assert ringelai.beleg == "„Ringelai und Bamberg …“"


def test_a_beleg_longer_than_one_sentence_is_refused(content):
    _with_source(content, "x" * 301)
    problems = [p for p in problems_of(content) if p.startswith("verbindungen")]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.startswith("verbindungen.csv:2: beleg: ") and "300" in problem


def test_a_verbindung_carries_at_most_three_handlungsfelder(content):
    hf = content / "handlungsfelder.yaml"
    hf.write_text(
        hf.read_text("utf-8") + "- id: bildung\n  name: Bildung\n  farbe: '#123456'\n", "utf-8"
    )
    ids = [line.split(": ")[1] for line in hf.read_text("utf-8").splitlines() if "- id: " in line]
    assert len(ids) == 4
    edit(content / "verbindungen.csv", "bauen-und-wohnen|soziale-inklusion", "|".join(ids))
    assert [p for p in problems_of(content) if p.startswith("verbindungen")] == [
        "verbindungen.csv:4: handlungsfelder: höchstens 3 Einträge (hier 4)"
    ]
