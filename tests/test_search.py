"""The site search's index (generator/site/assets.py search_index) and its engine
(js/common/search-keys.js lib.fold, js/common/search-engine.js lib.search), the engine run in
node over the index of the shipped content: words from names and descriptions, folded."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.commands.build import load_network
from generator.content.vocab import ARTEN
from generator.site.assets import search_index
from generator.site.routes import NAV, ROUTE, client_routes, in_sitemap
from tests.conftest import FIXTURES, ROOT

JS = ROOT / "templates" / "assets" / "js" / "common"
GOERLITZ_APP = """- id: goerlitz-quartiers-app
  titel: Quartiers-App
  beschreibung: App für das Quartier mit Mängelmelder, Terminen und Nachbarschaftshilfe; \
Hinweise als <b>fett</b> und <img src=x onerror=alert(1)> bleiben Text.
  handlungsfelder:
  - soziale-inklusion
  kommunen:
  - goerlitz
"""

# Runs the engine as the browser does: lib.fold and lib.search over the index (window.KTS_SEARCH).
_NODE = r"""
const fs = require("fs"), vm = require("vm");
const [keys, engine, index, asked] = process.argv.slice(1);
global.window = { KTSLib: {} };
for (const f of [keys, engine, index]) {
  vm.runInThisContext(fs.readFileSync(f, "utf-8"), { filename: f });
}
const lib = window.KTSLib, q = JSON.parse(asked), out = { fold: {}, search: {} };
for (const s of q.fold) out.fold[s] = lib.fold(s);
for (const s of q.search) {
  const r = lib.search(s);
  out.search[s] = { words: r.words, counts: r.counts, hits: r.hits.map(function (h) {
    const d = lib.searchHit(h, r.words, "");
    return { kind: h[0], score: h[2], title: d.title, label: d.label, sub: d.sub, href: d.href,
             text: d.text };
  }) };
}
process.stdout.write(JSON.stringify(out));
"""


def goerlitz_content(target: Path) -> Path:
    """The shipped content with one more Maßnahme: a Quartiers-App of Görlitz with a
    Mängelmelder (the shipped content has a Quartiers-App of Iserlohn)."""
    shutil.copytree(ROOT / "content", target)
    path = target / "massnahmen.yaml"
    path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + GOERLITZ_APP, "utf-8")
    return target


def index_of(content: Path) -> dict:
    """The index the build writes for the content, as Python objects."""
    net, _ = load_network(content)
    text = search_index(net).decode("utf-8")
    assert text.startswith("window.KTS_SEARCH=") and text.endswith(";\n")
    return json.loads(text[len("window.KTS_SEARCH=") : -2])


def engine(content: Path, tmp_path: Path, search=(), fold=()) -> dict:
    """lib.fold of each text of fold and lib.search of each query of search, run in node."""
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed (npm ci installs the lint tools with it)")
    net, _ = load_network(content)
    index = tmp_path / "search.js"
    index.write_bytes(search_index(net))
    asked = json.dumps({"search": list(search), "fold": list(fold)})
    run = subprocess.run(
        [
            node,
            "-e",
            _NODE,
            str(JS / "search-keys.js"),
            str(JS / "search-engine.js"),
            str(index),
            asked,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def goerlitz(tmp_path_factory) -> Path:
    return goerlitz_content(tmp_path_factory.mktemp("goerlitz") / "content")


def test_the_index_carries_every_name_and_description_and_finds_records_by_position():
    net, _ = load_network(ROOT / "content")
    x = index_of(ROOT / "content")
    assert [k[:2] for k in x["k"]] == [[k.id, k.name] for k in net.kommunen]
    assert [x["regionen"][k[2]] for k in x["k"]] == [k.region_label for k in net.kommunen]
    assert [(m[0], m[1], m[2]) for m in x["m"]] == [
        (m.id, m.titel, m.beschreibung) for m in net.massnahmen
    ]
    assert [[x["k"][i][0] for i in m[3]] for m in x["m"]] == [
        list(m.kommunen) for m in net.massnahmen
    ]
    assert [h for h in x["h"]] == [[h.id, h.name, h.beschreibung] for h in net.handlungsfelder]
    described = [v for v in net.verbindungen if v.beschreibung]
    assert len(x["v"]) == len(described) > 0
    for row, v in zip(x["v"], described, strict=True):
        assert (x["k"][row[0]][0], x["k"][row[1]][0], row[3]) == (v.von, v.nach, v.beschreibung)
        assert ARTEN[row[2]].id == v.art
        assert (x["m"][row[4]][0] if len(row) > 4 else None) == v.massnahme
    assert x["arten"] == [[a.label, a.sentence] for a in ARTEN]


def test_a_verbindung_without_description_is_not_in_the_index():
    net, _ = load_network(FIXTURES / "mini")
    x = index_of(FIXTURES / "mini")
    described = [v for v in net.verbindungen if v.beschreibung]
    assert 0 < len(described) < len(net.verbindungen)  # the fixture has both
    assert [r[3] for r in x["v"]] == [v.beschreibung for v in described]


def test_the_index_takes_its_paths_from_the_routes_and_names_no_path_per_record():
    x = index_of(ROOT / "content")
    assert x["pfade"] == {
        **client_routes(),
        "dashboard": ROUTE["dashboard"].path,
        "suche": ROUTE["suche"].path,
    }
    text = search_index(load_network(ROOT / "content")[0]).decode("utf-8")
    assert text.count("index.html") == len(x["pfade"])  # compact: ids, not paths
    assert search_index(load_network(ROOT / "content")[0]) == text.encode("utf-8")


def test_the_search_page_is_a_route_outside_nav_and_sitemap():
    route = ROUTE["suche"]
    assert (route.path, route.title, route.template) == ("suche/index.html", "Suche", "suche.html")
    assert route.path not in [path for _, path in NAV]
    assert not in_sitemap(route.path)


def test_folding_makes_umlauts_their_spellings_and_sharp_s_one(tmp_path):
    words = ["Görlitz", "Goerlitz", "Gorlitz", "GÖRLITZ", "Straße", "Strasse", "Łódź", "Mängelm"]
    out = engine(FIXTURES / "mini", tmp_path, fold=words)["fold"]
    assert out["Görlitz"] == out["Goerlitz"] == out["Gorlitz"] == out["GÖRLITZ"] == "gorlitz"
    assert out["Straße"] == out["Strasse"] == "strasse"
    assert out["Łódź"] == "lodz"
    assert out["Mängelm"] == "mangelm"


def test_every_word_of_every_description_folded_finds_its_record(tmp_path):
    """The index holds the descriptions' words: each word of a Maßnahme's, a Handlungsfeld's
    and a Verbindung's description, and its first four letters, finds that record."""
    x = index_of(ROOT / "content")
    records = [("Maßnahme", ROUTE["massnahme"].path_of(m[0]), m[2]) for m in x["m"]]
    records += [("Handlungsfeld", ROUTE["handlungsfeld"].path_of(h[0]), h[2]) for h in x["h"]]
    records += [
        ("Verbindung", ROUTE["dashboard"].path + "#k=" + x["k"][v[0]][0], v[3]) for v in x["v"]
    ][:: max(1, len(x["v"]) // 60)]
    wanted = {
        (label, href, q)
        for label, href, text in records
        for word in re.findall(r"[^\W\d_]{4,}", text)
        for q in (word, word[:4])
    }
    found = engine(ROOT / "content", tmp_path, search=sorted({q for _, _, q in wanted}))
    assert len(wanted) > 500
    missing = [
        (label, href, q)
        for label, href, q in sorted(wanted)
        if not any((h["label"], h["href"]) == (label, href) for h in found["search"][q]["hits"])
    ]
    assert missing == []


def test_smart_village_app_bad_belzig_finds_the_app_first_and_the_connections(tmp_path):
    out = engine(ROOT / "content", tmp_path, search=["Smart Village App Bad Belzig"])
    hits = out["search"]["Smart Village App Bad Belzig"]["hits"]
    assert hits[0]["label"] == "Maßnahme" and hits[0]["title"] == "Bad Belzig-App"
    assert hits[0]["href"] == ROUTE["massnahme"].path_of("bad-belzig-app")
    assert "Smart Village App" in hits[0]["text"]  # found through its Verbindungen' text
    rest = hits[1:]
    assert rest and all(h["label"] == "Verbindung" for h in rest)
    assert all("Smart Village App" in h["text"] and "Bad Belzig" in h["title"] for h in rest)
    # A connection leads to the dashboard with its Kommune selected.
    assert all(h["href"] == ROUTE["dashboard"].path + "#k=bad-belzig" for h in rest)


def test_words_in_any_order_as_beginnings_and_in_any_spelling(goerlitz, tmp_path):
    queries = [
        "Görlitz Mängelmelder",
        "mängelmelder goerlitz",
        "Gorlitz Mangelm",
        "GOERL MÄNGEL",
        "Quartiers-App",
    ]
    found = engine(goerlitz, tmp_path, search=queries)["search"]
    for q in queries[:4]:
        hits = found[q]["hits"]
        assert [h["title"] for h in hits] == ["Quartiers-App"], q
        assert hits[0]["sub"] == "Görlitz" and "Mängelmelder" in hits[0]["text"]
        assert hits[0]["href"] == ROUTE["massnahme"].path_of("goerlitz-quartiers-app")
    # Both Quartiers-Apps by their title; the Görlitz words leave Iserlohn's out above.
    assert {h["sub"] for h in found["Quartiers-App"]["hits"][:2]} == {"Iserlohn", "Görlitz"}


def test_every_word_must_match_and_names_rank_above_descriptions_whole_words_above_starts(
    goerlitz, tmp_path
):
    queries = ["Görlitz Mängelmelder Zeppelin", "Regensburg", "Smart"]
    found = engine(goerlitz, tmp_path, search=queries)["search"]
    assert found["Görlitz Mängelmelder Zeppelin"]["hits"] == []
    regensburg = found["Regensburg"]["hits"]
    assert (regensburg[0]["label"], regensburg[0]["title"]) == ("Kommune", "Regensburg")
    assert all(h["score"] < regensburg[0]["score"] for h in regensburg[1:])
    # "Smart" is a whole word of a Kommune's name, the start of two Maßnahmen's titles, and
    # stands in descriptions as a word ("Smart Village App") or a word's start ("Smarte").
    smart = found["Smart"]["hits"]
    assert smart[0]["title"] == "Smart Region AUF (Fuchstal)"
    assert {h["title"] for h in smart[1:3]} == {"Smartes Parken", "Smarte Baumbewässerung"}
    rest = smart[3:]
    assert rest and all(h["score"] <= 4 for h in rest)  # a Verbindung's Kommune, a description
    by_text = [h for h in rest if "smart" not in (h["title"] + h["sub"]).lower()]
    # A word as the engine sees it: letters and digits, so "smart_mobility" holds "smart".
    whole = [bool(re.search(r"(?<![^\W_])smart(?![^\W_])", h["text"], re.I)) for h in by_text]
    assert True in whole and False in whole and whole == sorted(whole, reverse=True), whole
    scores = [h["score"] for h in smart]
    assert scores == sorted(scores, reverse=True)
