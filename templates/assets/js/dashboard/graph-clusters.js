/* The clusters in the graph: each Louvain cluster of the build (D.clusters, K.cluster) as a
   soft region behind its nodes, the rounded hull of those shown, in the Analyse page's colour
   of the cluster (colours.css: --cluster-N), faint outside the focus; and named at its edge
   ("Cluster 3: Mobilität, Regensburg") where the name covers no Kommune's name nor node
   (with a focus, only the cluster of its Kommune).
   state.cluster switches them (the checkbox "Cluster zeigen", cluster=0 in the address). */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, state = KTS.state, view = KTS.view;
  var $ = lib.$;
  var FILL = 0.1, RIM = 0.35, FADED = 0.3; // alpha of a region and its rim; times FADED outside the focus
  var MARGIN = 10; // canvas units between a region's edge and its outer nodes
  var FONT = 12, MAX_NAMED = 12; // screen pixels of a cluster's name; the biggest named at most
  var colours = null, members = null, regions = [];

  /** The clusters' colours as colours.css declares them (the Analyse page's swatches). */
  function clusterColours() {
    if (colours) return colours;
    var style = getComputedStyle(document.documentElement), c;
    colours = [];
    while ((c = style.getPropertyValue("--cluster-" + colours.length).trim())) colours.push(c);
    return colours;
  }

  /** Per cluster of D.clusters (in its order) the indices of its Kommunen. */
  function clusterMembers() {
    if (members) return members;
    var at = {}, K = data.K;
    members = data.D.clusters.map(function (c, n) { at[c.n] = n; return []; });
    for (var i = 0; i < data.nK; i++) if (K.cluster[i]) members[at[K.cluster[i]]].push(i);
    return members;
  }

  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  function cross(o, a, b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  }

  /** The convex hull of points sorted by x, then y (Andrew's monotone chain). */
  function hull(pts) {
    if (pts.length < 3) return pts.slice();
    var lower = [], upper = [], i;
    for (i = 0; i < pts.length; i++) {
      while (lower.length > 1 && cross(lower[lower.length - 2], lower[lower.length - 1], pts[i]) <= 0) lower.pop();
      lower.push(pts[i]);
    }
    for (i = pts.length - 1; i >= 0; i--) {
      while (upper.length > 1 && cross(upper[upper.length - 2], upper[upper.length - 1], pts[i]) <= 0) upper.pop();
      upper.push(pts[i]);
    }
    return lower.slice(0, -1).concat(upper.slice(0, -1));
  }

  /** The path of a hull widened by r: its sides pushed out, its corners rounded. */
  function outline(ctx, pts, r) {
    var n = pts.length;
    ctx.beginPath();
    if (n === 1) ctx.arc(pts[0][0], pts[0][1], r, 0, 2 * Math.PI);
    for (var i = 0; i < n && n > 1; i++) {
      var a = pts[(i + n - 1) % n], p = pts[i], b = pts[(i + 1) % n];
      ctx.arc(p[0], p[1], r, Math.atan2(a[0] - p[0], p[1] - a[1]), Math.atan2(p[0] - b[0], b[1] - p[1]));
    }
    ctx.closePath();
  }

  var outlined = null, moved = false, watched = false; // the nodeIndices outlined; a node dragged since

  /**
   * The regions of the clusters of the nodes shown now, each {cluster, ks (its Kommunen
   * shown), pts (its hull), r, colour}: outlined anew when vis-network's shown nodes change
   * (a new nodeIndices: filters, sizes) or a node was dragged, not at every frame.
   */
  function outlineRegions(network) {
    var body = network.body;
    if (body.nodeIndices === outlined && !moved) return regions;
    if (!watched) network.on("dragging", function (p) { if (p.nodes.length) moved = true; });
    watched = true;
    outlined = body.nodeIndices;
    moved = false;
    var shown = new Uint8Array(data.nK), colours = clusterColours();
    body.nodeIndices.forEach(function (i) { shown[i] = 1; });
    regions = [];
    clusterMembers().forEach(function (all, n) {
      var ks = all.filter(function (k) { return shown[k]; });
      if (ks.length < 2) return;
      var pad = 0, pts = ks.map(function (k) {
        var node = body.nodes[k];
        pad = Math.max(pad, node.options.size);
        return [node.x, node.y];
      });
      pts.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      var c = data.D.clusters[n];
      regions.push({ cluster: c, ks: ks, pts: hull(unique(pts)), r: pad + MARGIN, colour: colours[(c.n - 1) % colours.length] });
    });
    return regions;
  }

  /** The clusters' regions behind the nodes (beforeDrawing, canvas units), faint outside the focus. */
  KTS.drawClusters = function (ctx) {
    var network = KTS.network, graph = $("graph"), f = view.focus;
    if (!state.cluster || !network || !data.D.clusters.length || !clusterColours().length) {
      regions = [];
      outlined = null;
      graph.dataset.clusters = graph.dataset.clustersFaded = "0";
      return;
    }
    ctx.save();
    outlineRegions(network).forEach(function (g) {
      g.faded = !!f && !g.ks.some(function (k) { return f.kom[k]; });
      var a = g.faded ? FADED : 1;
      outline(ctx, g.pts, g.r);
      ctx.fillStyle = rgba(g.colour, FILL * a);
      ctx.fill();
      ctx.lineWidth = 1.5 / network.getScale();
      ctx.strokeStyle = rgba(g.colour, RIM * a);
      ctx.stroke();
    });
    ctx.restore();
    graph.dataset.clusters = String(regions.length);
    graph.dataset.clustersFaded = String(regions.filter(function (g) { return g.faded; }).length);
  };

  /** Sorted points without repeats (two nodes at one place make no side of a hull). */
  function unique(pts) {
    return pts.filter(function (p, i) { return !i || p[0] !== pts[i - 1][0] || p[1] !== pts[i - 1][1]; });
  }

  /** A cluster's name: its number, its first Handlungsfeld and its biggest Kommune. */
  function nameOf(c) {
    var parts = [];
    if (c.felder.length) parts.push(data.D.handlungsfelder[c.felder[0]].name);
    if (c.members.length) parts.push(data.K.name[c.members[0]]);
    return parts.length ? lib.t("Cluster %(n)s: %(parts)s", { n: c.n, parts: parts.join(", ") }) : lib.t("Cluster %(n)s", { n: c.n });
  }

  /**
   * Name the regions drawn (afterDrawing, once the Kommunen are named: names, their boxes in
   * page pixels of the graph), the most Kommunen shown first: above, below, left or right of
   * the region, in the view, over no name, node or other cluster's name; else not at all.
   * KTS.graphClusterLabels: what is named, where (as KTS.graphLabels).
   */
  KTS.nameClusters = function (network, ctx, names) {
    var named = [], scale = network.getScale(), u = 1 / scale, canvas = ctx.canvas;
    var tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: canvas.clientWidth, y: canvas.clientHeight });
    var taken = names.map(function (n) {
      var a = network.DOMtoCanvas({ x: n.box[0], y: n.box[1] }), z = network.DOMtoCanvas({ x: n.box[2], y: n.box[3] });
      return [a.x, a.y, z.x, z.y];
    });
    var body = network.body, discs = [];
    body.nodeIndices.forEach(function (i) {
      var node = body.nodes[i], r = node.options.size;
      if (node.x + r > tl.x && node.x - r < br.x && node.y + r > tl.y && node.y - r < br.y) discs.push([node.x, node.y, r]);
    });
    // With a focus only its Kommune's cluster is named: the names of its partners come first.
    var f = view.focus, own = f && f.k >= 0 ? data.K.cluster[f.k] : 0;
    var order = regions.filter(function (g) { return !g.faded && (!f || g.cluster.n === own); }).sort(function (a, b) { return b.ks.length - a.ks.length || a.cluster.n - b.cluster.n; });
    ctx.save();
    ctx.font = "600 " + FONT * u + "px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    order.slice(0, MAX_NAMED).forEach(function (g) {
      var text = nameOf(g.cluster), w = ctx.measureText(text).width + 8 * u, h = FONT * 1.25 * u;
      var box = place(g, w, h, [tl.x, tl.y, br.x, br.y], taken, discs, u);
      if (!box) return;
      taken.push(box);
      drawName(ctx, g, text, box, u);
      var a = network.canvasToDOM({ x: box[0], y: box[1] }), z = network.canvasToDOM({ x: box[2], y: box[3] });
      named.push({ n: g.cluster.n, text: text, box: [a.x, a.y, z.x, z.y], px: (z.y - a.y) / 1.25, colour: g.colour });
    });
    ctx.restore();
    KTS.graphClusterLabels = named;
    $("graph").dataset.clusterLabels = String(named.length);
  };

  /** Where a name w × h (canvas units) stands at region g's edge, or null when nowhere free. */
  function place(g, w, h, bounds, taken, discs, u) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, gap = g.r + 4 * u;
    g.pts.forEach(function (p) { x0 = Math.min(x0, p[0]); y0 = Math.min(y0, p[1]); x1 = Math.max(x1, p[0]); y1 = Math.max(y1, p[1]); });
    var cx = (x0 + x1) / 2 - w / 2, cy = (y0 + y1) / 2 - h / 2;
    var spots = [[cx, y0 - gap - h], [cx, y1 + gap], [x0 - gap - w, cy], [x1 + gap, cy]];
    for (var s = 0; s < spots.length; s++) {
      var x = Math.max(bounds[0] + 2 * u, Math.min(spots[s][0], bounds[2] - w - 2 * u)), y = spots[s][1];
      var box = [x, y, x + w, y + h];
      if (box[1] < bounds[1] || box[3] > bounds[3] || box[0] < bounds[0] || box[2] > bounds[2]) continue;
      if (lib.overlaps(box, taken) || covers(box, discs)) continue;
      return box;
    }
    return null;
  }

  /** True when box touches any node's disc [x, y, r]. */
  function covers(box, discs) {
    return discs.some(function (d) {
      var dx = d[0] - Math.max(box[0], Math.min(d[0], box[2])), dy = d[1] - Math.max(box[1], Math.min(d[1], box[3]));
      return dx * dx + dy * dy < d[2] * d[2];
    });
  }

  /** A cluster's name on a white box (its text at 4.5:1 and more), rimmed in its colour. */
  function drawName(ctx, g, text, box, u) {
    ctx.beginPath();
    if (ctx.roundRect) ctx.roundRect(box[0], box[1], box[2] - box[0], box[3] - box[1], 3 * u);
    else ctx.rect(box[0], box[1], box[2] - box[0], box[3] - box[1]);
    ctx.fillStyle = "rgba(255,255,255,0.94)";
    ctx.fill();
    ctx.lineWidth = 1.5 * u;
    ctx.strokeStyle = g.colour;
    ctx.stroke();
    ctx.fillStyle = "#1c2530";
    ctx.fillText(text, box[0] + 4 * u, (box[1] + box[3]) / 2);
  }

  /** The checkbox follows the state (a new address, a story's step); the graph redraws. */
  function sync() {
    var box = $("graph-cluster");
    if (!box || box.checked === state.cluster) return;
    box.checked = state.cluster;
    if (KTS.network) KTS.network.redraw();
  }

  KTS.bus.on("render", function (reason) {
    if (reason === "start" && $("graph-cluster")) {
      $("graph-cluster").addEventListener("change", function () {
        state.cluster = this.checked;
        KTS.writeHash();
        if (KTS.network) KTS.network.redraw();
      });
    }
    sync();
  });
})();
