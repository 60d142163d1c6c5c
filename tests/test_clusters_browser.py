"""The clusters in the dashboard's graph: soft regions in the Analyse page's colours behind
their nodes, following the filters and the focus; their names at least 11 px, over no
Kommune's name, at 4.5:1; the switch "Cluster zeigen" kept in the address (axe with it:
tests/a11y.py DASHBOARD_STATES)."""

from __future__ import annotations

import pytest

from generator.site.pages import CLUSTER_COLOURS
from tests.browser import show_graph
from tests.conftest import dashboard_data
from tests.test_labels_browser import MIN_PX, ZOOM, overlapping

pytestmark = pytest.mark.browser

REDRAWN = """() => new Promise(r => {
    const net = KTS.network;
    net.once('afterDrawing', () => requestAnimationFrame(r));
    net.redraw();
})"""
GRAB = """() => {
    const c = KTS.network.canvas.frame.canvas;
    window.__withRegions = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
}"""
# The graph drawn without the regions against the one grabbed with them: the pixels that
# are only a region's fill over nothing (alpha 0.1) per cluster colour, and the nodes whose
# centre differs (none: the nodes are drawn over the regions).
COMPARE = """(colours) => {
    const net = KTS.network, c = net.canvas.frame.canvas, a = window.__withRegions;
    const b = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const rgb = colours.map(h => [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16)));
    const perColour = colours.map(() => 0);
    const same = i => [0, 1, 2, 3].every(j => a[i + j] === b[i + j]);
    let differ = 0;
    for (let i = 0; i < a.length; i += 4) {
        if (same(i)) continue;
        differ++;
        if (b[i + 3] !== 0 || Math.abs(a[i + 3] - 26) > 2) continue;
        rgb.forEach((col, n) => {
            if (col.every((v, j) => Math.abs(a[i + j] - v) < 16)) perColour[n]++;
        });
    }
    const ratio = c.width / c.clientWidth;
    let centres = 0, changed = 0;
    for (const id of net.body.nodeIndices) {
        const node = net.body.nodes[id], p = net.canvasToDOM({x: node.x, y: node.y});
        const x = Math.round(p.x * ratio), y = Math.round(p.y * ratio);
        if (x < 0 || y < 0 || x >= c.width || y >= c.height) continue;
        centres++;
        if (!same(4 * (y * c.width + x))) changed++;
    }
    return {differ, perColour, centres, changed};
}"""
# Per cluster name drawn: the contrast of its darkest pixel (the text) to its commonest (the
# box), composited over the graph's background as the reader sees them.
CONTRAST = """() => {
    const net = KTS.network, c = net.canvas.frame.canvas, ratio = c.width / c.clientWidth;
    const bg = getComputedStyle(document.getElementById('graph')).backgroundColor
        .match(/\\d+/g).map(Number);
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const lum = rgb => {
        const [r, g, b] = rgb.map(v => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    return (KTS.graphClusterLabels || []).map(l => {
        const seen = new Map();
        let least = 2;
        const [x0, y0, x1, y1] = l.box.map(
            (v, j) => j < 2 ? Math.ceil(v * ratio) + 2 : Math.floor(v * ratio) - 2);
        for (let y = y0; y < y1; y++) {
            for (let x = x0; x < x1; x++) {
                const i = 4 * (y * c.width + x), al = px[i + 3] / 255;
                const rgb = [0, 1, 2].map(j => Math.round(px[i + j] * al + bg[j] * (1 - al)));
                const key = rgb.join();
                seen.set(key, (seen.get(key) || 0) + 1);
                least = Math.min(least, lum(rgb));
            }
        }
        const box = [...seen.entries()].sort((p, q) => q[1] - p[1])[0][0].split(',').map(Number);
        return {text: l.text, ratio: (lum(box) + 0.05) / (least + 0.05)};
    });
}"""
# The clusters that have at least two Kommunen drawn, and those without one in the focus.
EXPECTED = """() => {
    const K = KTS.data.K, f = KTS.view.focus, shown = {}, focused = {};
    for (const i of KTS.network.body.nodeIndices) {
        if (!K.cluster[i]) continue;
        shown[K.cluster[i]] = (shown[K.cluster[i]] || 0) + 1;
        if (f && f.kom[i]) focused[K.cluster[i]] = true;
    }
    const drawn = Object.keys(shown).filter(n => shown[n] >= 2);
    return {drawn: drawn.length, faded: f ? drawn.filter(n => !focused[n]).length : 0,
            own: f ? K.cluster[f.k] : 0};
}"""


def graph_data(page, key: str) -> str:
    return page.evaluate(f"() => document.getElementById('graph').dataset.{key}")


def check_cluster_names(page) -> list[dict]:
    """The clusters' names: each >= MIN_PX, none over another or over a Kommune's name."""
    names = page.evaluate("() => KTS.graphLabels || []")
    clusters = page.evaluate("() => KTS.graphClusterLabels || []")
    assert [c["text"] for c in clusters if c["px"] < MIN_PX] == []
    assert overlapping(names + clusters) == []
    return clusters


@pytest.mark.parametrize("size", [(1400, 900), (390, 844)])
def test_the_clusters_are_regions_behind_their_nodes_named_at_their_edge(
    shipped_site, offline_page, size
):
    view = offline_page(width=size[0], height=size[1])
    page = view.page
    view.open(shipped_site / "index.html")
    show_graph(page)
    expected = page.evaluate(EXPECTED)
    assert expected["drawn"] >= 3
    assert graph_data(page, "clusters") == str(expected["drawn"])
    page.evaluate(REDRAWN)
    page.evaluate(GRAB)
    named = check_cluster_names(page)
    assert len(named) >= 2
    # Named as the Analyse page names them: the number, the first field, the biggest Kommune.
    data = dashboard_data(shipped_site)
    by_number = {c["n"]: c for c in data["clusters"]}
    for label in named:
        c = by_number[label["n"]]
        field = data["handlungsfelder"][c["felder"][0]]["name"]
        biggest = data["kommunen"]["name"][c["members"][0]]
        assert label["text"] == f"Cluster {c['n']}: {field}, {biggest}"
        assert label["colour"] == CLUSTER_COLOURS[(c["n"] - 1) % len(CLUSTER_COLOURS)]
    contrast = page.evaluate(CONTRAST)
    assert len(contrast) == len(named)
    assert [c for c in contrast if c["ratio"] < 4.5] == []
    page.get_by_label("Cluster zeigen").uncheck()
    page.evaluate(REDRAWN)
    assert graph_data(page, "clusters") == "0"
    found = page.evaluate(COMPARE, list(CLUSTER_COLOURS))
    assert found["differ"] > 2000
    # Each region drawn tints the empty canvas in its cluster's colour (alpha 0.1) ...
    coloured = [n for n, count in enumerate(found["perColour"]) if count >= 50]
    assert len(coloured) == expected["drawn"]
    # ... and lies behind the nodes: no node's centre changes with it.
    assert found["centres"] > 50 and found["changed"] == 0
    page.evaluate(ZOOM, 2.5)
    page.get_by_label("Cluster zeigen").check()
    page.evaluate(REDRAWN)
    check_cluster_names(page)
    assert view.errors == []


def test_the_regions_follow_the_filters_and_fade_outside_the_focus(shipped_site, offline_page):
    view = offline_page(width=1400, height=900)
    page = view.page
    data = dashboard_data(shipped_site)
    view.open(shipped_site / "index.html", "#hf=" + data["handlungsfelder"][0]["id"] + "&bl=Bayern")
    show_graph(page)
    filtered = page.evaluate(EXPECTED)
    assert graph_data(page, "clusters") == str(filtered["drawn"])
    # A Kommune with one partner: the clusters without it or its partner are faint.
    ks = data["kommunen"]
    lonely = next(
        i
        for i in sorted(range(len(ks["id"])), key=lambda i: ks["name"][i])
        if ks["partners"][i] == 1 and ks["cluster"][i]
    )
    page.evaluate(f"location.hash = 'k={ks['id'][lonely]}'")
    page.wait_for_function(f"() => KTS.view.focus && KTS.view.focus.k === {lonely}")
    page.evaluate(REDRAWN)
    focused = page.evaluate(EXPECTED)
    assert focused["faded"] >= 3
    assert graph_data(page, "clustersFaded") == str(focused["faded"])
    assert graph_data(page, "clusters") == str(focused["drawn"])
    # With a focus only its Kommune's cluster may be named.
    named = {c["n"] for c in page.evaluate("() => KTS.graphClusterLabels")}
    assert named <= {focused["own"]}
    assert view.errors == []


def test_the_cluster_switch_is_kept_in_the_address(shipped_site, offline_page):
    view = offline_page(width=1400, height=900)
    page = view.page
    view.open(shipped_site / "index.html")
    show_graph(page)
    drawn = graph_data(page, "clusters")
    assert int(drawn) >= 3
    switch = page.get_by_label("Cluster zeigen")
    assert switch.is_checked()
    switch.uncheck()
    page.wait_for_function("() => location.hash.includes('cluster=0')")
    page.evaluate(REDRAWN)
    assert graph_data(page, "clusters") == "0"
    assert page.evaluate("() => KTS.graphClusterLabels.length") == 0
    page.reload()
    view.wait_ready()
    show_graph(page)
    page.evaluate(REDRAWN)
    assert not switch.is_checked()
    assert graph_data(page, "clusters") == "0"
    switch.check()
    page.wait_for_function("() => !location.hash.includes('cluster')")
    page.evaluate(REDRAWN)
    assert graph_data(page, "clusters") == drawn
    # Back in history the address turns them off again, and the switch follows.
    page.evaluate("location.hash = 'cluster=0'")
    page.wait_for_function("() => !document.getElementById('graph-cluster').checked")
    assert view.errors == []
