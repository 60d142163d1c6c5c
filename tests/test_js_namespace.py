"""The browser scripts declare each thing once: window.KTS in one file (the others add to it),
and what the Arten say (ids, sentences, the words seen from each end) only in the data."""

from __future__ import annotations

import re

from generator.content.vocab import ARTEN
from generator.site.assets import BUNDLES
from tests.test_js_events import _STRING, ASSETS, blank, js_string, scripts

DEFINES = "js/common/lib.js"


def test_window_kts_is_defined_in_one_file():
    defined = []
    for name, text in scripts().items():
        code = blank(text)
        defined += [name for _ in re.finditer(r"\bwindow\s*\.\s*KTS\s*=(?!=)", code)]
        # Elsewhere KTS is only taken from window (var KTS = window.KTS), never made anew.
        made = re.findall(r"(?<![\w$.])KTS\s*=(?!=)(?!\s*window\s*\.\s*KTS\b)", code)
        assert not made, f"{name}: KTS assigned"
    assert defined == [DEFINES]
    # The first script of every page, so that every other part finds it.
    assert next(iter(BUNDLES.values()))[0] == DEFINES


def _literals(text: str) -> list[str]:
    code = blank(text, strings=False)
    skeleton = blank(text)
    out, at = [], 0
    while (m := re.compile(r"[\"']").search(skeleton, at)) is not None:
        literal = re.compile(_STRING).match(code, m.start())
        if not literal:  # a quote inside a regular expression's blanked text cannot be here
            at = m.end()
            continue
        out.append(js_string(literal.group(0)))
        at = literal.end()
    return out


def test_the_scripts_name_no_art_and_say_none_of_its_words():
    ids = {art.id for art in ARTEN}
    words = set()
    for art in ARTEN:
        pieces = re.split(r"\{von\}|\{nach\}", art.sentence)
        pieces += [art.seen_from_von, art.seen_from_nach]
        words |= {p.strip() for p in pieces if re.search(r"[a-zäöü]", p)}
    assert words and ids
    found = []
    for name, text in scripts().items():
        for literal in _literals(text):
            if literal in ids or any(w in literal for w in words):
                found.append(f"{name}: {literal!r}")
    assert not found, "Art ids or Art sentences in the scripts (they come from D.arten):\n" + (
        "\n".join(found)
    )


def test_the_literal_finder_sees_strings_in_code_only():
    text = 'var a = "vorbild"; // "im Kommentar"\nb(\'x\\\'y\', "z") /* "w" */;'
    assert _literals(text) == ["vorbild", "x'y", "z"]
    assert (ASSETS / DEFINES).is_file()


def test_germany_and_the_kommune_pages_path_come_from_their_declarations():
    """The scripts take Germany's extent and the Kommune pages' path from the page (the build
    writes them from vocab.GERMANY and routes.ROUTE), never from a copy of their own."""
    import re

    from generator.content.vocab import GERMANY
    from tests.conftest import TEMPLATES

    for path in (TEMPLATES / "assets").rglob("*.js"):
        text = path.read_text("utf-8")
        for value in GERMANY:
            assert not re.search(rf"(?<![\d.]){re.escape(str(value))}(?![\d])", text), path
        assert '"kommunen/"' not in text, path
