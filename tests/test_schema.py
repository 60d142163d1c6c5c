"""The content schema is the one declaration: validation, model, downloads, datapackage.json,
the files that synth, beispiele and init write, and the README all say what it says."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
import yaml

from generator.content import model
from generator.content.schema import (
    HANDLUNGSFELDER,
    KOMMUNEN,
    MASSNAHMEN,
    TABLES,
    VERBINDUNGEN,
    Column,
    Table,
    readme_tables,
)
from generator.errors import Problems
from tests.conftest import FIXTURES, ROOT

# A valid first record per table in the mini fixture, and the row it stands in.
MODEL = {
    "kommunen": model.Kommune,
    "verbindungen": model.Verbindung,
    "massnahmen": model.Massnahme,
    "handlungsfelder": model.Handlungsfeld,
}


def _validate(content: Path) -> Problems:
    from generator.content.load import load_content
    from generator.content.validate import validate

    problems = Problems()
    validate(load_content(content, problems), problems)
    return problems


def _blank(content: Path, table: Table, name: str) -> int:
    """Empty one column of the table's first record; the line it stands on."""
    path = content / table.file
    if table.file.endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
        header = list(table.names)
        for row in rows:
            for col in header:
                row.setdefault(col, "")
        rows[0][name] = ""
        out = io.StringIO()
        writer = csv.DictWriter(out, header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), "utf-8")
        return 2
    records = yaml.safe_load(path.read_text("utf-8"))
    records[0][name] = None
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), "utf-8")
    return 1


def _required_here(col: Column, table: Table) -> bool:
    """Whether the column is required in the fixture's first record (conditions included)."""
    if col.required:
        return True
    # The fixture's first Kommune is a German Modellprojekt: both conditions hold there.
    return col.when is not None and table is KOMMUNEN


@pytest.mark.parametrize(
    ("table", "col"),
    [(t, c) for t in TABLES for c in t.columns],
    ids=[f"{t.name}.{c.name}" for t in TABLES for c in t.columns],
)
def test_a_blank_column_is_refused_exactly_when_the_schema_requires_it(content, table, col):
    _blank(content, table, col.name)
    problems = _validate(content)
    refused = [p for p in problems.errors if p.file == table.file and p.field == col.name]
    assert bool(refused) == _required_here(col, table), [str(p) for p in problems.errors]


def test_the_fixture_is_valid_to_begin_with(content):
    assert _validate(content).errors == []


def test_the_datapackage_states_required_and_enum_as_the_schema_does(tmp_path):
    from generator.commands.build import build

    build(FIXTURES / "mini", ROOT / "templates", tmp_path / "dist")
    package = json.loads((tmp_path / "dist" / "daten" / "datapackage.json").read_text("utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    for table in TABLES:
        for suffix in ("", "-excel"):
            fields = {f["name"]: f for f in resources[table.name + suffix]["schema"]["fields"]}
            assert list(fields) == [*table.names, *table.derived]
            for col in table.columns:
                constraints = fields[col.name].get("constraints", {})
                assert constraints.get("required", False) == col.required, col.name
                assert constraints.get("enum", []) == list(col.enum), col.name
    art = {f["name"]: f for f in resources["verbindungen"]["schema"]["fields"]}["art"]
    assert art["constraints"]["enum"] == [
        "vorbild",
        "wissensaustausch",
        "entwicklungspartnerschaft",
        "uebertragung",
    ]


def test_the_models_fields_are_the_schemas_columns():
    for name, cls in MODEL.items():
        fields = [f.name for f in dataclasses.fields(cls)]
        assert fields == list(next(t for t in TABLES if t.name == name).names)


def test_every_download_has_the_schemas_columns_in_order():
    from generator.site.downloads import SCHEMAS

    assert list(SCHEMAS) == [t.name for t in TABLES]
    for table in TABLES:
        assert [f.name for f in SCHEMAS[table.name]] == list(table.names)


def _csv_header(data: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(data.decode("utf-8"))))


def test_synth_beispiele_and_init_write_the_schemas_headers(tmp_path):
    from generator.commands.beispiele import HEADER
    from generator.commands.init import STARTER
    from generator.commands.synth import synthesize

    files = synthesize(kommunen=30, verbindungen=40, massnahmen=5, seed=1)
    assert _csv_header(files["kommunen.csv"]) == list(KOMMUNEN.names)
    assert _csv_header(files["verbindungen.csv"]) == list(VERBINDUNGEN.names)
    assert VERBINDUNGEN.names == HEADER
    for table in (KOMMUNEN, VERBINDUNGEN):
        assert _csv_header((STARTER / "content" / table.file).read_bytes()) == list(table.names)
    for table in (MASSNAHMEN, HANDLUNGSFELDER):
        records = yaml.safe_load((STARTER / "content" / table.file).read_text("utf-8"))
        assert all(set(r) <= set(table.names) for r in records)
        assert all(set(r) >= {c.name for c in table.columns if c.required} for r in records)


def test_synthetic_content_uses_only_the_handlungsfelder_it_declares_and_is_valid(tmp_path):
    from generator.commands.synth import write_synthetic

    write_synthetic(tmp_path / "c", kommunen=40, verbindungen=60, massnahmen=5, seed=3)
    shipped = {
        h["id"]
        for h in yaml.safe_load((ROOT / "content" / "handlungsfelder.yaml").read_text("utf-8"))
    }
    declared = {
        h["id"]
        for h in yaml.safe_load((tmp_path / "c" / "handlungsfelder.yaml").read_text("utf-8"))
    }
    assert declared <= shipped
    assert _validate(tmp_path / "c").errors == []


def test_the_readme_says_required_exactly_where_the_schema_does():
    for table in TABLES:
        for col in table.columns:
            row = f"| `{col.name}` | {col.requirement} |"
            assert row in readme_tables()
    assert "| `mpsc` | no |" in readme_tables()
    assert "| `typ` | yes |" in readme_tables()
