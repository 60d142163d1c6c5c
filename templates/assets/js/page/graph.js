/* The page's graph (vis-network): built, and vis-network loaded, only when the graph comes
   near the screen (on a phone it stands below the map). */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib;
  var view = KTS.data, N = view.nodes, E = view.edges, A = view.arten, focus = KTS.focus;

  function ready() {
    KTS.settle("graph");
  }

  /** Builds the graph once it comes near the screen (see core.js). */
  KTS.startGraph = function () {
    var container = lib.$("graph");
    if (!N.name.length) { ready(); return; }
    KTS.loadGraph = lib.once(function () {
      lib.loadScript(container.dataset.lib, function () { build(container); }, function () {
        lib.setText(container, lib.t("Der Netzwerkgraph konnte nicht geladen werden. Die Seite nennt dieselben Verbindungen als Text."));
        ready();
      });
    });
    lib.whenNear(container, KTS.loadGraph, ready);
  };

  /** The nodes, most important first: the page's own Kommunen, then by partners, then name. */
  function byImportance() {
    var order = [];
    for (var i = 0; i < N.name.length; i++) order.push(i);
    return order.sort(function (a, b) {
      return (focus.has(b) ? 1 : 0) - (focus.has(a) ? 1 : 0) || N.partners[b] - N.partners[a] ||
        (N.name[a] < N.name[b] ? -1 : N.name[a] > N.name[b] ? 1 : 0);
    });
  }

  /**
   * The names at 12 screen pixels at every zoom, beside their nodes, the most important first;
   * one that would overlap another is left out (zooming in names more). KTS.graphLabels: the
   * names drawn, with their boxes (page pixels of the graph) and font size on screen.
   */
  function drawNames(network, ctx, order) {
    var scale = network.getScale(), body = network.body, taken = [], named = [];
    var c = ctx.canvas, tl = network.DOMtoCanvas({ x: 0, y: 0 });
    var br = network.DOMtoCanvas({ x: c.clientWidth, y: c.clientHeight });
    order.forEach(function (i) {
      var node = body.nodes[i], n = taken.length;
      if (!node) return;
      var item = { x: node.x, y: node.y, r: node.options.size * scale, text: N.name[i], bold: focus.has(i) };
      lib.placeLabels(ctx, [item], 1 / scale, [tl.x, tl.y, br.x, br.y], taken);
      if (taken.length === n) return;
      var b = taken[n], a = network.canvasToDOM({ x: b[0], y: b[1] }), z = network.canvasToDOM({ x: b[2], y: b[3] });
      named.push({ k: i, text: item.text, box: [a.x, a.y, z.x, z.y], px: (z.y - a.y) / 1.25 });
    });
    KTS.graphLabels = named;
    lib.$("graph").dataset.labels = String(named.length);
  }

  function build(container) {
    var options = JSON.parse(lib.$("kts-graph-options").textContent);
    options.nodes.scaling = { label: { enabled: false, drawThreshold: 5, maxVisible: 24 } };
    options.interaction.zoomView = false;
    var hierarchical = !!view.level;
    if (hierarchical) {
      options.layout = { hierarchical: { enabled: true, direction: "LR", sortMethod: "directed", levelSeparation: 260, nodeSpacing: 90 } };
    }
    var most = KTS.mostPartners(), i, j;
    var nodes = [], edges = [];
    for (i = 0; i < N.name.length; i++) {
      var share = Math.sqrt(N.partners[i] / most);
      // No vis-network label (its size follows the zoom: 5–7 px once fitted): see drawNames.
      var node = {
        id: i, title: lib.nt("%(name)s – %(n)s Partner", "%(name)s – %(n)s Partner", N.partners[i], { name: N.name[i] }),
        size: focus.has(i) ? 22 : 6 + 18 * share,
        color: { background: KTS.nodeColour(i), border: focus.has(i) ? "#b35900" : "#ffffff" },
        borderWidth: focus.has(i) ? 4 : 1
      };
      if (hierarchical) node.level = view.level[i];
      else { node.x = N.x[i]; node.y = N.y[i]; }
      nodes.push(node);
    }
    var seen = {};
    for (j = 0; j < E.from.length; j++) {
      var key = Math.min(E.from[j], E.to[j]) + ":" + Math.max(E.from[j], E.to[j]);
      var k = (seen[key] = (seen[key] || 0) + 1) - 1;
      edges.push({
        id: j, from: E.from[j], to: E.to[j], title: E.title[j],
        arrows: A[E.art[j]].directed ? { to: { enabled: true, scaleFactor: 0.7 } } : undefined,
        color: { color: A[E.art[j]].colour, opacity: 0.85 }, width: 2,
        smooth: k ? { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.15 * Math.ceil(k / 2) } : undefined
      });
    }
    var network = new vis.Network(container, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, options);
    KTS.network = network;
    network.once("afterDrawing", function () {
      container.dataset.drawn = String(performance.now());
      KTS.printable(container);
      ready();
    });
    var order = byImportance();
    network.on("afterDrawing", function (ctx) { drawNames(network, ctx, order); });
    network.on("click", function (p) {
      network.setOptions({ interaction: { zoomView: true } });
      if (p.nodes.length && !focus.has(p.nodes[0])) location.href = N.url[p.nodes[0]];
    });
    container.addEventListener("mouseleave", function () { network.setOptions({ interaction: { zoomView: false } }); });
    lib.$("graph-fit").addEventListener("click", function () { network.fit({ animation: false }); });
    function refit() { network.setSize("100%", "100%"); network.redraw(); network.fit({ animation: false }); }
    window.addEventListener("beforeprint", refit);
    window.addEventListener("afterprint", refit);
  }
})();
