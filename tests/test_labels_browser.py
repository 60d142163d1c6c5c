"""Names in the graphs: at least 11 px on screen at every zoom and never over one another, on
the dashboard and on the Kommune and Handlungsfeld pages; the node size's measure in the
address (axe with these controls: tests/a11y.py DASHBOARD_STATES)."""

from __future__ import annotations

import pytest

from tests.browser import show_graph

pytestmark = pytest.mark.browser
MIN_PX = 11

# What the graph names on screen: the label layer's boxes (KTS.graphLabels), and any label
# vis-network itself draws, at its font size times the zoom.
NAMES = """() => {
    const net = KTS.network, scale = net.getScale(), own = [];
    for (const id of net.body.nodeIndices) {
        const node = net.body.nodes[id];
        if (node.options.hidden || !node.labelModule.elementOptions.label) continue;
        own.push({text: node.labelModule.elementOptions.label,
                  px: node.options.font.size * scale});
    }
    return {layer: KTS.graphLabels || [], own: own};
}"""

ZOOM = """(factor) => new Promise(r => {
    const net = KTS.network;
    net.once('afterDrawing', () => requestAnimationFrame(r));
    // Around the selected Kommune, if any (on a phone the view's centre lies under the
    // details' sheet, the focus above it).
    const k = KTS.selected ? KTS.selected() : -1, at = k >= 0 ? {position: net.getPosition(k)} : {};
    net.moveTo({...at, scale: net.getScale() * factor, animation: false});
})"""


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    """Pairs of names whose boxes overlap."""
    out = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            (a0, a1, a2, a3), (b0, b1, b2, b3) = a["box"], b["box"]
            if a0 < b2 and b0 < a2 and a1 < b3 and b1 < a3:
                out.append((a["text"], b["text"]))
    return out


def check_names(page, least: int) -> list[dict]:
    """The graph's names: at least least of them, each >= MIN_PX on screen, none overlapping."""
    names = page.evaluate(NAMES)
    small = [n["text"] for n in names["own"] + names["layer"] if n["px"] < MIN_PX]
    assert small == [], f"names below {MIN_PX} px: {small[:10]}"
    assert len(names["layer"]) + len(names["own"]) >= least
    assert overlapping(names["layer"]) == []
    assert names["own"] == []  # vis-network's own labels would overlap (it does not place them)
    return names["layer"]


@pytest.mark.parametrize("size", [(1400, 900), (390, 844)])
def test_the_dashboard_graph_names_legibly_and_more_when_zoomed_in(
    shipped_site, offline_page, size
):
    view = offline_page(width=size[0], height=size[1])
    page = view.page
    view.open(shipped_site / "index.html", "#k=regensburg")
    show_graph(page)
    focused = check_names(page, 8)
    assert focused[0]["text"] == "Regensburg"
    page.evaluate(ZOOM, 3)
    zoomed = check_names(page, 8)
    assert len(zoomed) >= 8
    page.evaluate("location.hash = ''")
    page.wait_for_function("() => document.getElementById('details').hidden")
    page.evaluate("KTS.fitGraph()")
    page.evaluate(ZOOM, 1)
    check_names(page, 6)
    assert view.errors == []


@pytest.mark.parametrize(
    "path", ["kommunen/regensburg/index.html", "handlungsfelder/bauen-und-wohnen/index.html"]
)
@pytest.mark.parametrize("size", [(1400, 900), (390, 844)])
def test_a_page_graph_names_legibly_without_overlaps(shipped_site, offline_page, path, size):
    view = offline_page(width=size[0], height=size[1])
    page = view.page
    view.open(shipped_site / path)
    page.evaluate(ZOOM, 1)
    fitted = check_names(page, 6)
    # The page's own Kommune first (a Handlungsfeld page has none: the best-connected).
    if path.startswith("kommunen/"):
        assert fitted[0]["text"] == "Regensburg"
    page.evaluate(ZOOM, 2.5)
    zoomed = check_names(page, 3)
    # Zoomed in, the names that still fit keep their place: none is drawn over another.
    assert overlapping(zoomed) == []
    assert view.errors == []


SIZES = """() => {
    const body = KTS.network.body, K = KTS.data.K;
    return body.nodeIndices.map(i => [K.id[i], body.nodes[i].options.size]);
}"""


def test_the_node_size_measure_is_chosen_and_kept_in_the_address(shipped_site, offline_page):
    view = offline_page(width=1400, height=900)
    page = view.page
    view.open(shipped_site / "index.html")
    show_graph(page)
    legend = page.locator("#graph-groesse-text")
    assert legend.inner_text() == "Punktgröße: Zahl der Partner."
    by_partners = dict(page.evaluate(SIZES))
    page.get_by_label("Punktgröße nach").select_option("vorbilder")
    page.wait_for_function("() => location.hash.includes('groesse=vorbilder')")
    assert "Vorbild" in legend.inner_text()
    by_models = dict(page.evaluate(SIZES))
    # The most named model is the biggest node; one never named as a model the smallest.
    counts = page.evaluate(
        "() => { const c = KTS.sizeMeasure('vorbilder').values; return KTS.data.K.id.map("
        "(id, i) => [id, c[i]]); }"
    )
    top = max(counts, key=lambda c: c[1])
    assert by_models[top[0]] == max(by_models.values())
    assert by_models[min(counts, key=lambda c: c[1])[0]] == min(by_models.values())
    assert by_models != by_partners
    page.reload()
    view.wait_ready()
    show_graph(page)
    assert page.get_by_label("Punktgröße nach").input_value() == "vorbilder"
    assert "Vorbild" in legend.inner_text()
    assert dict(page.evaluate(SIZES)) == by_models
    page.get_by_label("Punktgröße nach").select_option("betweenness")
    page.wait_for_function("() => location.hash.includes('groesse=betweenness')")
    assert "Betweenness" in legend.inner_text()
    # Betweenness as the Analyse page ranks it: its first is the biggest node here.
    ranked = page.evaluate(
        "() => { const c = KTS.sizeMeasure('betweenness').values; let b = 0;"
        " for (let i = 0; i < c.length; i++) if (c[i] > c[b]) b = i; return KTS.data.K.id[b]; }"
    )
    assert dict(page.evaluate(SIZES))[ranked] == max(dict(page.evaluate(SIZES)).values())
    page.get_by_label("Punktgröße nach").select_option("partner")
    page.wait_for_function("() => !location.hash.includes('groesse')")
    assert dict(page.evaluate(SIZES)) == by_partners
    assert view.errors == []
