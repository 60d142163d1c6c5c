"""diff: what changed between two content folders, builds or snapshots; exit 0/1/2."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from generator.cli import main
from generator.commands.build import build
from generator.commands.diff import compare, load_state, report_html
from generator.commands.snapshot import write_snapshot
from tests.conftest import TEMPLATES, edit

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def changed(content, tmp_path):
    """A copy of the mini content with known differences."""
    new = tmp_path / "neu"
    shutil.copytree(content, new)
    edit(new / "kommunen.csv", "bamberg,Bamberg,", "bamberg,Stadt Bamberg,")  # renamed
    with (new / "kommunen.csv").open("a", encoding="utf-8") as f:
        f.write(f'leipzig,"Leipzig {HOSTILE}",grossstadt,DE,Sachsen,51.34,12.37,nein,,,\n')
    edit(  # Handlungsfelder and Zeitraum changed: one change, not a removal and an addition
        new / "verbindungen.csv",
        "regensburg,wien,vorbild,bauen-und-wohnen,,2023-H2",
        "regensburg,wien,vorbild,bauen-und-wohnen|soziale-inklusion,,2024-H1",
    )
    edit(  # removed
        new / "verbindungen.csv",
        "grossposna,muenster,wissensaustausch,mobilitaet-und-erreichbarkeit,,2022-H1,,Beispiel\n",
        "",
    )
    with (new / "verbindungen.csv").open("a", encoding="utf-8") as f:
        f.write("leipzig,bamberg,uebertragung,soziale-inklusion,,2024-H2,,KTS\n")  # added
    edit(new / "massnahmen.yaml", "titel: Niemand nutzt mich", "titel: Jetzt genutzt")
    return new


def test_two_content_folders_with_known_differences(content, changed):
    report = compare(load_state(content), load_state(changed))
    kinds = {k.kind: k for k in report.kinds}
    k, v, m = kinds["kommunen"], kinds["verbindungen"], kinds["massnahmen"]
    assert [label for _, label in k.added] == [f"Leipzig {HOSTILE} (leipzig)"]
    assert k.removed == []
    assert [(c.label, c.fields) for c in k.changed] == [
        ("Stadt Bamberg (bamberg)", (("name", "Bamberg", "Stadt Bamberg"),))
    ]
    assert [label for _, label in v.added] == [
        f"Leipzig {HOSTILE} → Stadt Bamberg (Übertragung, 2. Halbjahr 2024)"
    ]
    assert [label for _, label in v.removed] == [
        "Großpösna – Münster (Wissensaustausch, 1. Halbjahr 2022)"
    ]
    assert [(c.label, c.fields) for c in v.changed] == [
        (
            "Regensburg → Wien (Vorbild, 1. Halbjahr 2024)",
            (
                ("handlungsfelder", "Bauen und Wohnen", "Bauen und Wohnen, Soziale Inklusion"),
                ("zeitraum", "2. Halbjahr 2023", "1. Halbjahr 2024"),
            ),
        )
    ]
    assert [(c.label, c.fields) for c in m.changed] == [
        ("Jetzt genutzt (leer)", (("titel", "Niemand nutzt mich", "Jetzt genutzt"),))
    ]
    by_art = {name: (a, b) for name, a, b in report.by_art}
    assert by_art["Wissensaustausch"] == (2, 1) and by_art["Übertragung"] == (1, 2)
    assert by_art["Vorbild"] == (1, 1)
    by_feld = {name: (a, b) for name, a, b in report.by_feld}
    assert by_feld["Mobilität und Erreichbarkeit"] == (1, 0)
    assert by_feld["Soziale Inklusion"] == (3, 5)
    assert report.changes == 6


def test_cli_exit_codes_and_text(content, changed, capsys):
    assert main(["diff", str(content), str(content)]) == 0
    assert "Keine Änderungen." in capsys.readouterr().out
    assert main(["diff", str(content), str(changed)]) == 1
    out = capsys.readouterr().out
    assert "+ Leipzig" in out and "- Großpösna – Münster" in out
    assert "~ Stadt Bamberg (bamberg)" in out
    assert "kommunen.csv (Kommunen 7 → 8): 1 neu, 0 entfernt, 1 geändert" in out
    assert re.search(r"Übertragung\s+1 → 2\s+\+1", out)
    assert "6 Änderungen im Inhalt." in out
    assert out.index("kommunen.csv") < out.index("verbindungen.csv") < out.index("je Art")
    assert main(["diff", str(content), str(changed), "--quiet"]) == 1
    assert capsys.readouterr().out == ""
    # Without NEW, the content folder (--content) is the new state.
    assert main(["diff", str(content), "--content", str(changed), "--quiet"]) == 1
    assert main(["diff", str(changed), "--content", str(changed), "--quiet"]) == 0


def test_errors_exit_2_without_traceback(content, tmp_path, capsys):
    assert main(["diff", str(content), str(tmp_path / "missing")]) == 2
    assert "nicht gefunden" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["diff", str(content), str(tmp_path / "empty")]) == 2
    assert "weder Build-Ordner" in capsys.readouterr().err
    (tmp_path / "x.html").write_text("<html></html>")
    assert main(["diff", str(tmp_path / "x.html"), str(content)]) == 2
    assert "keine Momentaufnahme" in capsys.readouterr().err
    broken = tmp_path / "broken"
    shutil.copytree(content, broken)
    edit(broken / "kommunen.csv", "Bamberg,grossstadt", "Bamberg,metropole")
    assert main(["diff", str(content), str(broken)]) == 2
    assert "unbekannter Typ 'metropole'" in capsys.readouterr().err
    assert main(["diff"]) == 2  # usage


def test_builds_and_snapshots_compare_like_their_content(content, changed, tmp_path):
    old_build, new_snap = tmp_path / "old-dist", tmp_path / "new.html"
    build(content, TEMPLATES, old_build)
    write_snapshot(changed, TEMPLATES, new_snap)
    from_content = compare(load_state(content), load_state(changed))
    mixed = compare(load_state(old_build), load_state(new_snap))
    assert [(k.added, k.removed, k.changed) for k in mixed.kinds] == [
        (k.added, k.removed, k.changed) for k in from_content.kinds
    ]
    assert mixed.by_art == from_content.by_art and mixed.by_feld == from_content.by_feld
    assert mixed.pages is not None and "kommunen/leipzig/index.html" in mixed.pages["added"]
    same = compare(load_state(old_build), load_state(old_build))
    assert same.changes == 0 and same.pages == {"added": [], "removed": [], "changed": []}


def test_html_report_is_escaped_and_self_contained(content, changed, tmp_path):
    out = tmp_path / "report" / "diff.html"
    assert main(["diff", str(content), str(changed), "--html", str(out)]) == 1
    page = out.read_text("utf-8")
    assert HOSTILE not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert not re.search(r"<(?:script|link|img)\b", page)
    assert "Stadt Bamberg" in page and "Großpösna – Münster" in page
    assert report_html(compare(load_state(content), load_state(content))).count('class="add"') == 0


def test_added_records_are_listed_with_their_fields(content, changed, capsys):
    assert main(["diff", str(content), str(changed)]) == 1
    out = capsys.readouterr().out
    added = out[out.index(f"  + Leipzig {HOSTILE} → Stadt Bamberg") :].splitlines()[:8]
    assert "      art: uebertragung" in added
    assert "      handlungsfelder: Soziale Inklusion" in added
    assert "      zeitraum: 2. Halbjahr 2024" in added and "      quelle: KTS" in added
    kommune = out[out.index(f"  + Leipzig {HOSTILE} (leipzig)") :].splitlines()[1:4]
    assert kommune[0] == f"      name: Leipzig {HOSTILE}"  # the id is in the label
    assert "      typ: grossstadt" in kommune


def test_builds_name_exactly_the_edited_records_not_the_derived_pages(content, tmp_path, capsys):
    old, new = tmp_path / "alt", tmp_path / "neu"
    build(content, TEMPLATES, old)
    # One record stops being illustrative: the notice on every page changes its numbers.
    edit(content / "verbindungen.csv", "2022-H1,,Beispiel", "2022-H1,,KTS")
    edit(content / "kommunen.csv", "Ohnedorf", "Ohnedorf am See")
    build(content, TEMPLATES, new)
    report = compare(load_state(old), load_state(new))
    assert report.page_changes > 10 and report.record_changes == 2 and report.changes == 2
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert (
        "  ~ Ohnedorf am See (ohne)" in out and "      name: 'Ohnedorf' → 'Ohnedorf am See'" in out
    )
    assert "  ~ Großpösna – Münster (Wissensaustausch, 1. Halbjahr 2022)" in out
    assert "      quelle: 'Beispiel' → 'KTS'" in out
    assert "zählt nicht extra" in out and out.rstrip().endswith("2 Änderungen im Inhalt.")
    assert "kommunen/ohne/index.html" not in out  # pages only as a count


def test_a_template_change_alone_counts_its_pages(content, tmp_path, capsys):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    build(content, templates, tmp_path / "alt")
    edit(templates / "daten.html", "{% block content %}", "{% block content %}<p>neu</p>")
    build(content, templates, tmp_path / "neu")
    assert main(["diff", str(tmp_path / "alt"), str(tmp_path / "neu")]) == 1
    out = capsys.readouterr().out
    # The Daten page in both editions.
    assert "ohne Datenänderung" in out and out.rstrip().endswith("2 Seiten mit anderem Inhalt.")


def git(repo, *args):
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def test_seit_compares_with_the_content_of_a_git_revision(content, tmp_path, capsys):
    repo = content.parent
    git(repo, "init", "-q")
    git(repo, "add", "content")
    git(repo, "commit", "-q", "-m", "Inhalt")
    assert main(["diff", "--seit", "HEAD", "--content", str(content)]) == 0
    assert "Keine Änderungen." in capsys.readouterr().out
    edit(content / "kommunen.csv", "bamberg,Bamberg,", "bamberg,Stadt Bamberg,")
    # serve or build may have rebuilt dist/ meanwhile: --seit does not look at it.
    build(content, TEMPLATES, tmp_path / "dist")
    assert main(["diff", "--seit", "HEAD", "--content", str(content)]) == 1
    out = capsys.readouterr().out
    assert "Inhalt im Git-Stand HEAD" in out
    assert "  ~ Stadt Bamberg (bamberg)" in out and "1 Änderung im Inhalt." in out
    assert main(["diff", "--seit", "HEAD", str(content), "--quiet"]) == 1  # folder as NEW
    git(repo, "commit", "-q", "-am", "umbenannt")
    assert main(["diff", "--seit", "HEAD~1", "--content", str(content), "--quiet"]) == 1
    assert main(["diff", "--seit", "HEAD", "--content", str(content), "--quiet"]) == 0


def test_seit_errors_exit_2_in_german(content, tmp_path, capsys):
    assert main(["diff", "--seit", "HEAD", "--content", str(content)]) == 2
    assert "keinem Git-Repository" in capsys.readouterr().err
    git(content.parent, "init", "-q")
    assert main(["diff", "--seit", "HEAD", "--content", str(content)]) == 2
    assert "diesen Git-Stand gibt es nicht" in capsys.readouterr().err
    git(content.parent, "add", "content/site.yaml")
    git(content.parent, "commit", "-q", "-m", "nur site.yaml")
    assert main(["diff", "--seit", "HEAD", "--content", str(content)]) == 2
    err = capsys.readouterr().err
    assert "im Git-Stand HEAD fehlt handlungsfelder.yaml, kommunen.csv, verbindungen.csv, " in err
    assert main(["diff", "--seit", "HEAD", str(content), str(content)]) == 2
    assert main(["diff"]) == 2
    assert "OLD oder --seit" in capsys.readouterr().err


STORIES = """\
- id: probe
  titel: Probe
  schritte:
  - text: Bamberg im Netz.
    ansicht: "#k=bamberg"
- id: zweite
  titel: Zweite
  schritte:
  - text: Regensburg und Wien.
    ansicht: "#k=regensburg&weg=wien"
"""
STORIES_CHANGED = f"""\
- id: probe
  titel: Probe <b>neu</b>
  schritte:
  - text: Bamberg in Bayern.
    ansicht: "#bl=Bayern&k=bamberg"
  - text: Und Münster.
    ansicht: "#k=muenster"
- id: dritte
  titel: "Dritte {HOSTILE}"
  schritte:
  - text: Großpösna.
    ansicht: "#k=grossposna"
"""


@pytest.fixture
def stories(content, tmp_path):
    """The mini content with two stories (old) and a copy with one changed, one removed and
    one added (new)."""
    (content / "geschichten.yaml").write_text(STORIES, "utf-8")
    new = tmp_path / "neu"
    shutil.copytree(content, new)
    (new / "geschichten.yaml").write_text(STORIES_CHANGED, "utf-8")
    return content, new


def test_stories_are_compared_by_id_and_titel(stories, capsys):
    old, new = stories
    report = compare(load_state(old), load_state(new))
    kd = {k.kind: k for k in report.kinds}["geschichten"]
    assert (kd.before, kd.after) == (2, 2) and kd.file == "geschichten.yaml"
    assert kd.added == [("dritte", f"Dritte {HOSTILE} (dritte)")]
    assert kd.removed == [("zweite", "Zweite (zweite)")]
    assert [(c.label, c.fields) for c in kd.changed] == [
        (
            "Probe <b>neu</b> (probe)",
            (
                ("titel", "Probe", "Probe <b>neu</b>"),
                ("schritte", "1", "2"),
                ("Schritt 1 text", "Bamberg im Netz.", "Bamberg in Bayern."),
                ("Schritt 1 ansicht", "k=bamberg", "bl=Bayern&k=bamberg"),
                ("Schritt 2 text", "", "Und Münster."),
                ("Schritt 2 ansicht", "", "k=muenster"),
            ),
        )
    ]
    assert report.changes == 3
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "geschichten.yaml (Geschichten 2 → 2): 1 neu, 1 entfernt, 1 geändert" in out
    assert "  ~ Probe <b>neu</b> (probe)\n      titel: 'Probe' → 'Probe <b>neu</b>'\n" in out
    assert f"  + Dritte {HOSTILE} (dritte)\n      titel: Dritte {HOSTILE}\n" in out
    assert "      Schritt 1 ansicht: k=grossposna\n" in out and "  - Zweite (zweite)\n" in out
    assert out.rstrip().endswith("3 Änderungen im Inhalt.")
    page = report_html(report)
    assert "<h2>geschichten.yaml (Geschichten 2 → 2)</h2>" in page
    assert HOSTILE not in page and "Probe &lt;b&gt;neu&lt;/b&gt; (probe)" in page
    assert main(["diff", str(new), str(new)]) == 0


def test_stories_of_builds_and_snapshots_compare_like_their_content(stories, tmp_path):
    old, new = stories
    old_build, new_snap = tmp_path / "old-dist", tmp_path / "new.html"
    build(old, TEMPLATES, old_build)
    write_snapshot(new, TEMPLATES, new_snap)
    from_content = compare(load_state(old), load_state(new))
    mixed = compare(load_state(old_build), load_state(new_snap))
    assert load_state(old_build).records["geschichten"] == load_state(old).records["geschichten"]
    assert [(k.added, k.removed, k.changed) for k in mixed.kinds] == [
        (k.added, k.removed, k.changed) for k in from_content.kinds
    ]
    assert compare(load_state(new_snap), load_state(new)).changes == 0


def test_without_stories_the_report_leaves_geschichten_out(content, changed, capsys):
    assert main(["diff", str(content), str(changed)]) == 1
    assert "geschichten.yaml" not in capsys.readouterr().out
    (changed / "geschichten.yaml").write_text(STORIES, "utf-8")
    assert main(["diff", str(content), str(changed)]) == 1
    out = capsys.readouterr().out
    assert "geschichten.yaml (Geschichten 0 → 2): 2 neu, 0 entfernt, 0 geändert" in out
    assert out.rstrip().endswith("8 Änderungen im Inhalt.")


def test_seit_takes_the_stories_of_the_revision(stories, capsys):
    content, _ = stories
    repo = content.parent
    git(repo, "init", "-q")
    git(repo, "add", "content/site.yaml", "content/kommunen.csv", "content/verbindungen.csv")
    git(repo, "add", "content/massnahmen.yaml", "content/handlungsfelder.yaml")
    git(repo, "commit", "-q", "-m", "ohne Geschichten")  # geschichten.yaml is optional
    assert main(["diff", "--seit", "HEAD", "--content", str(content)]) == 1
    assert "geschichten.yaml (Geschichten 0 → 2): 2 neu" in capsys.readouterr().out
    git(repo, "add", "content/geschichten.yaml")
    git(repo, "commit", "-q", "-m", "Geschichten")
    assert main(["diff", "--seit", "HEAD", "--content", str(content)]) == 0
    assert "geschichten.yaml (Geschichten 2 → 2): 0 neu" in capsys.readouterr().out
    edit(content / "geschichten.yaml", "titel: Zweite", "titel: Zweite Geschichte")
    assert main(["diff", "--seit", "HEAD", "--content", str(content)]) == 1
    out = capsys.readouterr().out
    assert "  ~ Zweite Geschichte (zweite)\n      titel: 'Zweite' → 'Zweite Geschichte'" in out
    assert out.rstrip().endswith("1 Änderung im Inhalt.")
