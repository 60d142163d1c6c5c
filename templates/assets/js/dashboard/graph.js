/* The graph view (vis-network): built the first time it is on screen (a phone shows the map
   first, and vis-network is loaded only then); items are created when first shown and hidden,
   not removed, when filtered out. Sets KTS.network and emits "graph" once it exists; a click
   on a node emits "select". */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, state = KTS.state, view = KTS.view;
  var $ = lib.$, setText = lib.setText;

  var network = null, nodes = null, edges = null, sheet = null, fader = null;
  // What the graph shows now; updates send only what changed.
  var graphNodeOn = null, graphEdgeOn = null, inGraph = null;
  var lastFarbe = "", lastHf = ""; // the colouring the edges have

  var lastGroesse = ""; // the measure the sizes drawn show

  /** A node's size: by the chosen measure (state.groesse), as area. */
  function sizeOf(i) {
    var m = KTS.sizeMeasure(state.groesse);
    return 5 + 24 * Math.sqrt(m.values[i] / m.most);
  }

  function nodeOf(i) {
    var K = data.K;
    // No vis-network label: labels.js names the important nodes without overlaps.
    return {
      id: i,
      x: K.x[i],
      y: K.y[i],
      size: sizeOf(i),
      title: lib.nt("%(name)s – insgesamt %(n)s Partner", "%(name)s – insgesamt %(n)s Partner", K.partners[i], { name: K.name[i] }),
      color: { background: KTS.nodeColour(i), border: "#ffffff" },
      borderWidth: 1
    };
  }

  function edgeOf(i) {
    var art = data.D.arten[data.V.art[i]], k = KTS.curve(i), ends = KTS.flow(i);
    return {
      id: i,
      from: ends[0],
      to: ends[1],
      arrows: art.directed ? { to: { enabled: true, scaleFactor: 0.7 } } : undefined,
      color: { color: KTS.edgeColour(i), opacity: 0.85 },
      // Straight lines draw fast; only parallel connections of one pair are bent apart.
      smooth: k ? { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.12 * Math.ceil(k / 2) } : undefined
    };
  }

  var asked = false;

  /** Builds the graph once it is on screen, after loading vis-network; until then a no-op. */
  KTS.ensureGraph = function () {
    var container = $("graph");
    if (asked) return;
    if (!container.offsetParent) {
      // In a hidden tab nothing is drawn until the tab shows: it is as drawn as it gets.
      if (!container.dataset.drawn) container.dataset.drawn = String(performance.now());
      return;
    }
    asked = true;
    lib.loadScript(container.dataset.lib, function () {
      buildGraph();
      KTS.oneGraphDraw(function () {
        KTS.updateGraph();
        KTS.fitGraph();
      });
      KTS.bus.emit("graph");
    }, function () {
      setText(container, lib.t("Der Netzwerkgraph konnte nicht geladen werden. Die Liste zeigt dieselben Verbindungen."));
    });
  };

  function buildGraph() {
    var nK = data.nK, nV = data.nV;
    var container = $("graph");
    var options = JSON.parse($("kts-graph-options").textContent);
    // Sizes are fixed here rather than by vis-network's value scaling, which would re-measure
    // every label whenever the visible range of values changes.
    options.nodes.scaling = { label: { enabled: false, drawThreshold: 9, maxVisible: 26 } };
    options.interaction.zoomView = false; // enabled by a click, like the map
    graphNodeOn = new Uint8Array(nK);
    graphEdgeOn = new Uint8Array(nV);
    inGraph = { nodes: new Uint8Array(nK), edges: new Uint8Array(nV) };
    var want = KTS.graphWanted();
    var ns = [], es = [];
    want.nodes.forEach(function (k) { ns.push(nodeOf(k)); inGraph.nodes[k] = graphNodeOn[k] = 1; });
    want.edges.forEach(function (j) { es.push(edgeOf(j)); inGraph.edges[j] = graphEdgeOn[j] = 1; });
    nodes = new vis.DataSet(ns);
    edges = new vis.DataSet(es);
    network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    network.on("beforeDrawing", KTS.drawClusters); // behind everything, the sheet's lines too
    sheet = KTS.GraphSheet(network, { preview: preview, endPreview: endPreview });
    KTS.showGraphNote(want);
    fader = KTS.GraphFader(network, inGraph);
    KTS.network = network;
    network.once("afterDrawing", function () { container.dataset.drawn = String(performance.now()); });
    network.on("afterDrawing", drawLabels);
    // No previews while the view is dragged: the pointer only passes over those items.
    var dragging = false;
    network.on("dragStart", function () { dragging = true; clearTimeout(waiting); });
    network.on("dragEnd", function () { dragging = false; });
    network.on("hoverNode", function (p) { if (!dragging) preview(p.node); });
    network.on("blurNode", function () { endPreview(view.preview >= 0); });
    network.on("hoverEdge", function (p) {
      // The tooltip's text is written when first asked for (before its 120 ms delay ends):
      // 50,000 texts up front cost "Alle zeigen" time for lines nobody points at.
      var edge = network.body.edges[p.edge];
      if (edge && edge.title === undefined) edge.title = KTS.connectionText(p.edge);
      if (!dragging) preview(-2 - p.edge);
    });
    network.on("blurEdge", function () { endPreview(view.preview <= -2); });
    network.on("click", function (p) {
      network.setOptions({ interaction: { zoomView: true } });
      if (p.nodes.length) KTS.bus.emit("select", p.nodes[0], "graph");
    });
    container.addEventListener("mouseleave", function () {
      network.setOptions({ interaction: { zoomView: false } });
    });
    lastFarbe = state.farbe;
    lastHf = state.hf;
    lastGroesse = state.groesse;
    rest = options.interaction.tooltipDelay;
  }

  var waiting = 0, rest = 0;

  /**
   * Preview a hovered node (i) or line (-2 - j). In a big graph only once the mouse rests, as
   * long as the tooltip waits: each preview redraws map and graph, and a mouse crossing
   * thousands of nodes would stall both.
   */
  function preview(i) {
    clearTimeout(waiting);
    if (!big) KTS.bus.emit("preview", i);
    else waiting = setTimeout(function () { KTS.bus.emit("preview", i); }, rest);
  }

  /** The mouse left a node or line: its preview ends (shown: it had begun). */
  function endPreview(shown) {
    clearTimeout(waiting);
    if (shown) KTS.bus.emit("preview", -1);
  }

  KTS.updateGraph = function () {
    if (!network) { showSizeText(); return; }
    var nK = data.nK, nV = data.nV;
    var want = KTS.graphWanted(), i, changed = false;
    var on = new Uint8Array(nV), vis = new Uint8Array(nK), wanted = new Uint8Array(nV);
    want.nodes.forEach(function (k) { vis[k] = 1; });
    want.edges.forEach(function (j) { wanted[j] = 1; });
    // Above KTS.GRAPH_EDGES connections ("Alle zeigen") the sheet draws them, not vis-network.
    var many = want.edges.length > KTS.GRAPH_EDGES;
    if (!many) on = wanted;
    sheet.lines(many ? wanted : null, many && view.focus ? view.focus.edges : null);
    setBig(many);
    // New items are added once; known ones only flip their hidden flag. DataSet.update would
    // re-parse every option of every touched item (about 0.2 ms each); for a visibility change
    // it is enough to flip the flag and let vis-network rebuild its indices.
    var addN = [], addE = [];
    for (i = 0; i < nK; i++) if (vis[i] && !inGraph.nodes[i]) { addN.push(nodeOf(i)); inGraph.nodes[i] = 1; graphNodeOn[i] = 1; }
    for (i = 0; i < nV; i++) if (on[i] && !inGraph.edges[i]) { addE.push(edgeOf(i)); inGraph.edges[i] = 1; graphEdgeOn[i] = 1; }
    var body = network.body;
    for (i = 0; i < nK; i++) {
      if (inGraph.nodes[i] && graphNodeOn[i] !== vis[i]) { body.nodes[i].options.hidden = !vis[i]; changed = true; }
    }
    for (i = 0; i < nV; i++) {
      if (inGraph.edges[i] && graphEdgeOn[i] !== on[i]) { body.edges[i].options.hidden = !on[i]; changed = true; }
    }
    graphNodeOn = vis;
    graphEdgeOn = on;
    if (addN.length) nodes.add(addN);
    if (addE.length) edges.add(addE);
    if (state.groesse !== lastGroesse) resize();
    var recolour = state.farbe !== lastFarbe || (state.farbe === "hf" && state.hf !== lastHf);
    lastFarbe = state.farbe;
    lastHf = state.hf;
    if (recolour) {
      var upd = [], colour = KTS.edgeColours();
      for (i = 0; i < nV; i++) {
        if (inGraph.edges[i]) upd.push({ id: i, hidden: !on[i], color: { color: colour(i), opacity: 0.85 } });
      }
      edges.update(upd);
      fader.edgesReset(); // update() set every edge's opacity anew
      KTS.updateLegend();
    }
    // Fading sets drawn options directly (after new items exist): vis-network must re-read them.
    if (fader.fade(vis, on) || (changed && !recolour)) body.emitter.emit("_dataChanged");
    KTS.showGraphNote(want);
    // A tooltip of a connection that is gone would mislead.
    document.querySelectorAll("div.vis-tooltip:not(.sheet-tip)").forEach(function (t) { t.style.visibility = "hidden"; });
    var sel = KTS.selected();
    // unselectAll redraws at once, forcing a layout: only when something is selected.
    if (sel >= 0 && vis[sel]) network.selectNodes([sel]);
    else if (network.getSelectedNodes().length || network.getSelectedEdges().length) network.unselectAll();
    $("graph").dataset.edges = String(want.edges.length);
  };

  /** Every node at the size of the measure now chosen, and the legend saying which. */
  function resize() {
    lastGroesse = state.groesse;
    var body = network.body;
    for (var i = 0; i < data.nK; i++) {
      if (inGraph.nodes[i]) body.nodes[i].setOptions({ size: sizeOf(i) });
    }
    body.emitter.emit("_dataChanged");
    showSizeText();
  }

  function showSizeText() {
    setText($("graph-groesse-text"), KTS.SIZE_TEXT[state.groesse]);
    $("graph-groesse").value = state.groesse;
  }

  var big = false;

  /** Big graphs: nodes stay where the layout put them (the sheet's lines start there). */
  function setBig(now) {
    if (now === big) return;
    big = now;
    network.setOptions({ interaction: { dragNodes: !big } });
  }

  /**
   * Names of the hubs, or of the focus and its partners, at 12 screen pixels at every zoom,
   * the most important first, none over another (one that would overlap is left out). Drawn
   * anew with every frame, so zooming in names more. KTS.graphLabels: what is named, where.
   */
  function drawLabels(ctx) {
    var K = data.K, scale = network.getScale(), body = network.body;
    var items = KTS.labelItems(graphNodeOn).filter(function (i) { return inGraph.nodes[i] && graphNodeOn[i]; });
    var canvas = ctx.canvas, tl = network.DOMtoCanvas({ x: 0, y: 0 });
    var br = network.DOMtoCanvas({ x: canvas.clientWidth, y: canvas.clientHeight });
    var bold = !!KTS.view.focus;
    KTS.graphLabels = KTS.placeNames(network, ctx, items.map(function (i, n) {
      var node = body.nodes[i];
      return { k: i, x: node.x, y: node.y, r: node.options.size * scale, text: K.name[i], bold: bold && n === 0 };
    }), [tl.x, tl.y, br.x, br.y]);
    $("graph").dataset.labels = String(KTS.graphLabels.length);
    KTS.nameClusters(network, ctx, KTS.graphLabels);
  }

  /**
   * Runs fn with the graph drawn once afterwards, on the next frame. vis-network redraws at
   * once for every add, data change and fit: three or four full draws per filter change.
   */
  KTS.oneGraphDraw = function (fn) {
    if (!network) { fn(); return; }
    var emitter = network.body.emitter;
    emitter.emit("_blockRedraw");
    try {
      fn();
    } finally {
      emitter.emit("_allowRedraw");
      emitter.emit("_requestRedraw");
    }
  };

  KTS.fitGraph = function () {
    if (network) network.fit({ animation: false });
  };

  /** Frame the graph to the focus (a Kommune and its neighbourhood, or a path), if any. */
  KTS.fitGraphFocus = function () {
    var f = view.focus, ids = [];
    if (!network || !f) return;
    for (var i = 0; i < data.nK; i++) if (f.kom[i] && inGraph.nodes[i] && graphNodeOn[i]) ids.push(i);
    if (ids.length) network.fit({ nodes: ids, animation: false, maxZoomLevel: 1.5 });
    // A sheet over the lower part (the details on a phone): the focus into the part above it.
    var box = $("graph").getBoundingClientRect(), panel = $("details"), at = network.getViewPosition();
    var cover = panel.hidden || !matchMedia("(max-width: 600px)").matches ? 0 : box.bottom - panel.getBoundingClientRect().top;
    var scale = network.getScale() * (box.height - cover) / box.height;
    if (cover > 0 && box.height > cover) network.moveTo({ position: { x: at.x, y: at.y + cover / 2 / scale }, scale: scale, animation: false });
  };

  KTS.graphShown = function () {
    if (!network) return { nodes: 0, edges: 0 };
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length + sheet.count() };
  };

  KTS.bindGraph = function () {
    $("graph-fit").addEventListener("click", KTS.fitGraph);
    showSizeText();
    $("graph-groesse").addEventListener("change", function () {
      state.groesse = KTS.SIZE_MEASURES.indexOf(this.value) >= 0 ? this.value : "partner";
      KTS.writeHash();
      if (network) KTS.oneGraphDraw(resize);
      else showSizeText();
    });
    $("graph-all").addEventListener("click", function () {
      view.graphAll = true;
      KTS.oneGraphDraw(function () {
        KTS.updateGraph();
        network.fit({ animation: false });
      });
    });
  };
})();
