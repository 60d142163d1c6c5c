"""Forgiving values (issue 26, item 4): what has one meaning is read as its canonical form."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.build import load_network
from generator.content.load import RawContent, load_content
from generator.content.normalise import fold, normalise, reader
from generator.content.schema import TABLES
from generator.errors import ContentError, Problems
from tests.conftest import ROOT, edit


def readings(content: Path, file: str, old: str, new: str) -> tuple[list[str], RawContent]:
    """Edit one content file, then normalise: the readings as the CLI prints them."""
    edit(content / file, old, new)
    problems = Problems()
    raw = normalise(load_content(content, problems), problems)
    assert not problems.errors, problems.errors
    return [str(r) for r in problems.readings], raw


def read_as(line: int, field: str, given: str, canonical: str, file: str = "") -> str:
    """The reading's text: file:line: field: "given" verstanden als "canonical"."""
    file = file or ("kommunen.csv" if field in KOMMUNE_FIELDS else "verbindungen.csv")
    return f'{file}:{line}: {field}: "{given}" verstanden als "{canonical}"'


KOMMUNE_FIELDS = {"typ", "land", "bundesland", "mpsc", "staffel", "ags"}


def test_the_note_of_a_reading_names_file_line_and_field(content):
    found, raw = readings(
        content,
        "verbindungen.csv",
        "regensburg,bamberg,wissensaustausch",
        "regensburg,bamberg,Wissensaustausch",
    )
    assert found == [
        'verbindungen.csv:4: art: "Wissensaustausch" verstanden als "wissensaustausch"'
    ]
    assert raw.verbindungen[2].values["art"] == "wissensaustausch"


@pytest.mark.parametrize(
    ("given", "canonical", "after"),
    [
        ("Übertragung", "uebertragung", "muenster,regensburg,{}"),
        ("ÜBERTRAGUNG", "uebertragung", "muenster,regensburg,{}"),
        ("uebertragung", "uebertragung", "muenster,regensburg,{}"),
        ("Entwicklungspartnerschaft", "entwicklungspartnerschaft", "ringelai,bamberg,{}"),
        ("Vorbild", "vorbild", "regensburg,wien,{}"),
    ],
)
def test_art_in_any_case_and_by_its_label(content, given, canonical, after):
    old = after.format(canonical)
    found, _ = readings(content, "verbindungen.csv", old, after.format(given))
    line = {"muenster": 5, "ringelai": 2, "regensburg": 3}[after.split(",")[0]]
    assert found == ([] if given == canonical else [read_as(line, "art", given, canonical)])


@pytest.mark.parametrize(
    ("given", "canonical", "row"),
    [
        ("Großstadt", "grossstadt", "bamberg,Bamberg,{}"),
        ("GROSSSTADT", "grossstadt", "bamberg,Bamberg,{}"),
        ("Region / Kooperation", "region", "ohne,Ohnedorf,{}"),
        ("Landgemeinde", "landgemeinde", "ohne,Ohnedorf,{}"),
    ],
)
def test_typ_by_its_label(content, given, canonical, row):
    old = row.format("grossstadt" if "Bamberg" in row else "landgemeinde")
    found, _ = readings(content, "kommunen.csv", old, row.format(given))
    assert found == [read_as(2 if "Bamberg" in row else 8, "typ", given, canonical)]


@pytest.mark.parametrize(
    "given",
    [
        "2. Halbjahr 2023",
        "2.Halbjahr 2023",
        "zweites Halbjahr 2023",
        "H2 2023",
        "h2/2023",
        "HJ2 2023",
        "2023/2",
        "2023 H2",
        "2023H2",
        "2023-h2",
        "2. HJ 2023",
        "2. Hj. 2023",
        "2023, 2. Halbjahr",
    ],
)
def test_half_years_in_german_forms(content, given):
    cell = f'"{given}"' if "," in given else given
    found, raw = readings(content, "verbindungen.csv", ",2023-H2,", f",{cell},")
    assert found == [read_as(3, "zeitraum", given, "2023-H2")]
    assert raw.verbindungen[1].values["zeitraum"] == "2023-H2"


def test_first_half_year_with_abbreviation(content):
    found, _ = readings(
        content, "verbindungen.csv", ",energiezwilling,2024-H1,", ",energiezwilling,1. Hj. 2024,"
    )
    assert found == [read_as(4, "zeitraum", "1. Hj. 2024", "2024-H1")]


@pytest.mark.parametrize(
    "given", ["Sommer 2023", "2/2023", "2023-02", "2023-H3", "3. Halbjahr 2023"]
)
def test_what_is_no_one_half_year_stays_an_error(content, given):
    """2/2023 and 2023-02 may be February: they stay as given, and validate refuses them."""
    edit(content / "verbindungen.csv", ",2023-H2,", f",{given},")
    problems = Problems()
    with pytest.raises(ContentError) as info:
        load_network(content, problems)
    assert problems.readings == []
    assert f"verbindungen.csv:3: zeitraum: erwartet: Halbjahr wie 2023-H1, erhalten: '{given}'" in [
        str(p) for p in info.value.problems
    ]


@pytest.mark.parametrize(
    ("given", "canonical"),
    [("BY", "Bayern"), ("by", "Bayern"), ("bayern", "Bayern"), ("BAYERN", "Bayern")],
)
def test_bundesland_by_its_code_and_in_any_case(content, given, canonical):
    found, _ = readings(content, "kommunen.csv", "DE,Bayern,49.8917", f"DE,{given},49.8917")
    assert found == [read_as(2, "bundesland", given, canonical)]


def test_bundesland_with_umlaut_spelled_out_and_codes_of_other_laender(content):
    edit(content / "kommunen.csv", "DE,Nordrhein-Westfalen,", "DE,NW,")
    found, _ = readings(content, "kommunen.csv", "DE,Sachsen,", "DE,sn,")
    assert found == [
        read_as(5, "bundesland", "NW", "Nordrhein-Westfalen"),
        read_as(6, "bundesland", "sn", "Sachsen"),
    ]


@pytest.mark.parametrize(("given", "canonical"), [("at", "AT"), ("Österreich", "AT")])
def test_land_in_upper_case_and_by_its_german_name(content, given, canonical):
    found, _ = readings(
        content, "kommunen.csv", "wien,Wien,grossstadt,AT,", f"wien,Wien,grossstadt,{given},"
    )
    assert found == [read_as(7, "land", given, canonical)]


def test_staffel_with_decimals_from_libreoffice(content):
    found, raw = readings(content, "kommunen.csv", ",ja,2020,", ",ja,2020.0,")
    assert found == [read_as(2, "staffel", "2020.0", "2020")]
    assert raw.kommunen[0].values["staffel"] == "2020"


@pytest.mark.parametrize("given", ["Ja", "JA", "x", "X", "TRUE", "wahr", "j"])
def test_mpsc_yes(content, given):
    found, _ = readings(content, "kommunen.csv", "10.8917,ja,", f"10.8917,{given},")
    assert found == [read_as(2, "mpsc", given, "ja")]


@pytest.mark.parametrize("given", ["Nein", "FALSE", "falsch", ""])
def test_mpsc_no_and_empty_is_nein(content, given):
    """The shipped kommunen.csv writes every mpsc as ja or nein: an empty cell is read as nein."""
    found, _ = readings(content, "kommunen.csv", "12.5,nein,", f"12.5,{given},")
    assert found == [read_as(6, "mpsc", given, "nein")]


def test_mpsc_that_means_nothing_stays_an_error(content):
    edit(content / "kommunen.csv", "12.5,nein,", "12.5,vielleicht,")
    with pytest.raises(ContentError) as info:
        load_network(content)
    assert (
        "kommunen.csv:6: mpsc: erwartet: ja oder nein (auch x, leer), erhalten: 'vielleicht'"
        in [str(p) for p in info.value.problems]
    )


@pytest.mark.parametrize("given", ["9461000", "9461000.0", "09461000.0"])
def test_ags_that_a_spreadsheet_read_as_a_number(content, given):
    found, raw = readings(content, "kommunen.csv", ",09461000,", f",{given},")
    assert found == [read_as(2, "ags", given, "09461000")]
    assert raw.kommunen[0].values["ags"] == "09461000"


def test_ags_note_once_in_the_notes_and_a_reading_per_record(content):
    edit(content / "kommunen.csv", ",09461000,", ",9461000,")
    edit(content / "kommunen.csv", "7.6257,ja,2021,,", "7.6257,ja,2021,5515000,")
    problems = Problems()
    net, _ = load_network(content, problems)
    assert net.kommune_by_id["muenster"].ags == "05515000"
    assert [str(r) for r in problems.readings] == [
        read_as(2, "ags", "9461000", "09461000"),
        read_as(5, "ags", "5515000", "05515000"),
    ]
    assert [n for n in problems.notes if "führender 0" in n] == [
        "kommunen.csv: ags: 2 Werte mit 7 Ziffern als 8-stelliger AGS mit führender 0 gelesen "
        "(Excel entfernt führende Nullen; beim Öffnen 'Daten › Aus Text/CSV' wählen und die "
        "Spalte ags als Text festlegen)"
    ]


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("Bauen und Wohnen", "bauen-und-wohnen"),
        ("bauen und wohnen", "bauen-und-wohnen"),
        ("BAUEN-UND-WOHNEN", "bauen-und-wohnen"),
        ("Mobilität und Erreichbarkeit", "mobilitaet-und-erreichbarkeit"),
    ],
)
def test_handlungsfeld_by_its_name_in_verbindungen(content, given, canonical):
    found, raw = readings(
        content, "verbindungen.csv", "wien,vorbild,bauen-und-wohnen,", f"wien,vorbild,{given},"
    )
    assert found == [read_as(3, "handlungsfelder", given, canonical)]
    assert raw.verbindungen[1].values["handlungsfelder"] == canonical


@pytest.mark.parametrize(
    "given",
    [
        "bauen-und-wohnen;soziale-inklusion",
        "bauen-und-wohnen, soziale-inklusion",
        "bauen-und-wohnen | soziale-inklusion",
        "Bauen und Wohnen; Soziale Inklusion",
        "Bauen und Wohnen|soziale-inklusion",
    ],
)
def test_list_separators_in_a_csv_cell(content, given):
    old = "bauen-und-wohnen|soziale-inklusion"
    found, _ = readings(content, "verbindungen.csv", old, f'"{given}"')
    assert found == [read_as(4, "handlungsfelder", given, old)]


def test_a_list_entry_that_means_nothing_stays_and_the_others_are_read(content):
    edit(
        content / "verbindungen.csv",
        "bauen-und-wohnen|soziale-inklusion",
        "Bauen und Wohnen;Gartenbau",
    )
    problems = Problems()
    with pytest.raises(ContentError) as info:
        load_network(content, problems)
    assert [str(r) for r in problems.readings] == [
        read_as(4, "handlungsfelder", "Bauen und Wohnen;Gartenbau", "bauen-und-wohnen|Gartenbau")
    ]
    assert "verbindungen.csv:4: handlungsfelder: Handlungsfeld 'Gartenbau' ist unbekannt" in [
        str(p) for p in info.value.problems
    ]


def test_handlungsfeld_and_kommune_by_name_in_massnahmen(content):
    edit(
        content / "massnahmen.yaml",
        "handlungsfelder: [bauen-und-wohnen]",
        "handlungsfelder: [Bauen und Wohnen]",
    )
    edit(content / "massnahmen.yaml", "kommunen: [regensburg]", "kommunen:\n    - Regensburg")
    problems = Problems()
    net, _ = load_network(content, problems)
    assert [str(r) for r in problems.readings] == [
        read_as(4, "handlungsfelder", "Bauen und Wohnen", "bauen-und-wohnen", "massnahmen.yaml"),
        read_as(6, "kommunen", "Regensburg", "regensburg", "massnahmen.yaml"),
    ]
    zwilling = next(m for m in net.massnahmen if m.id == "energiezwilling")
    assert (zwilling.handlungsfelder, zwilling.kommunen) == (("bauen-und-wohnen",), ("regensburg",))


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("Regensburg", "regensburg"),
        ("REGENSBURG", "regensburg"),
        ("Münster", "muenster"),
        ("Gemeinde Ringelai und Ilzer Land", "ringelai"),  # by its name
    ],
)
def test_kommune_id_in_any_case_and_by_its_name(content, given, canonical):
    old = f"{canonical},bamberg," if canonical != "muenster" else "muenster,regensburg,"
    new = old.replace(canonical, given, 1)
    found, _ = readings(content, "verbindungen.csv", old, new)
    line = {"regensburg": 4, "muenster": 5, "ringelai": 2}[canonical]
    assert found == [read_as(line, "von", given, canonical)]


def test_kommune_by_an_exact_name_with_brackets(content):
    with (content / "kommunen.csv").open("a", encoding="utf-8") as f:
        f.write("ffo,Frankfurt (Oder),mittelstadt,DE,Brandenburg,52.34,14.55,nein,,,\n")
    found, _ = readings(
        content, "verbindungen.csv", "grossposna,muenster,", '"Frankfurt (Oder)",muenster,'
    )
    assert found == [read_as(6, "von", "Frankfurt (Oder)", "ffo")]


def test_massnahme_by_its_titel(content):
    found, _ = readings(
        content, "verbindungen.csv", "energiezwilling,2024-H1", "Energiezwilling,2024-H1"
    )
    assert found == [read_as(4, "massnahme", "Energiezwilling", "energiezwilling")]


def test_a_name_two_kommunen_share_stays_an_error_with_suggestions(content):
    with (content / "kommunen.csv").open("a", encoding="utf-8") as f:
        f.write("neustadt-a,Neustadt,kleinstadt,DE,Hessen,50.8,9.1,nein,,,\n")
        f.write("neustadt-b,Neustadt,kleinstadt,DE,Sachsen,51.0,14.2,nein,,,\n")
    edit(content / "verbindungen.csv", "grossposna,muenster,", "Neustadt,muenster,")
    problems = Problems()
    with pytest.raises(ContentError) as info:
        load_network(content, problems)
    assert problems.readings == []
    assert (
        "verbindungen.csv:6: von: unbekannte Kommune 'Neustadt' (meinten Sie: neustadt-b, "
        "neustadt-a?)" in [str(p) for p in info.value.problems]
    )


def test_an_id_in_other_case_that_is_another_kommunes_name_stays_an_error(content):
    """'Wien' would be the id wien and the name of the Kommune stadt-wien: ambiguous."""
    edit(content / "kommunen.csv", "ohne,Ohnedorf,", "stadt-wien,Wien,")
    edit(content / "massnahmen.yaml", "[ohne]", "[stadt-wien]")
    edit(content / "verbindungen.csv", "regensburg,wien,", "regensburg,Wien,")
    problems = Problems()
    with pytest.raises(ContentError) as info:
        load_network(content, problems)
    assert problems.readings == []
    assert "verbindungen.csv:3: nach: unbekannte Kommune 'Wien'" in str(info.value.report())


def test_a_valid_id_is_taken_as_it_is_even_when_a_name_folds_to_it(content):
    edit(content / "kommunen.csv", "ohne,Ohnedorf,", "stadt-wien,Wien,")
    edit(content / "massnahmen.yaml", "[ohne]", "[stadt-wien]")
    problems = Problems()
    load_network(content, problems)
    assert problems.readings == []


def test_normalise_copies_and_leaves_the_raw_records_as_they_were(content):
    edit(content / "verbindungen.csv", "regensburg,wien,vorbild", "Regensburg,wien,Vorbild")
    problems = Problems()
    raw = load_content(content, problems)
    normalised = normalise(raw, problems)
    assert raw.verbindungen[1].values["von"] == "Regensburg"
    assert normalised.verbindungen[1].values["von"] == "regensburg"
    assert normalised.verbindungen[1] is not raw.verbindungen[1]
    assert normalised.verbindungen[1].lines is not raw.verbindungen[1].lines


def test_the_read_values_build_the_same_network_as_the_canonical_ones(content):
    canonical, _ = load_network(content)
    edit(
        content / "verbindungen.csv",
        "ringelai,bamberg,entwicklungspartnerschaft,soziale-inklusion,,2023-H1",
        "Gemeinde Ringelai und Ilzer Land,Bamberg,Entwicklungspartnerschaft,Soziale Inklusion,,"
        "1. Halbjahr 2023",
    )
    edit(
        content / "kommunen.csv",
        "DE,Bayern,49.8917,10.8917,ja,2020",
        "de,BY,49.8917,10.8917,X,2020.0",
    )
    problems = Problems()
    forgiven, _ = load_network(content, problems)
    assert len(problems.readings) == 9
    assert forgiven == canonical


@pytest.mark.parametrize("folder", [ROOT / "content", ROOT / "tests" / "fixtures" / "mini"])
def test_canonical_content_gives_no_readings(folder):
    problems = Problems()
    raw = load_content(folder, problems)
    normalise(raw, problems)
    assert problems.readings == []


def test_every_column_with_a_vocabulary_or_references_has_a_reader():
    for table in TABLES:
        for col in table.columns:
            if col.enum or col.references:
                assert reader(table, col) is not None, f"{table.name}.{col.name}"


def test_fold():
    assert fold("Frankfurt (Oder)") == "frankfurt-oder"
    assert fold("Baden-Württemberg") == fold("baden wuerttemberg") == "baden-wuerttemberg"
    assert fold("Großstadt") == "grossstadt"
    assert fold("Kraków") == "krakow"
