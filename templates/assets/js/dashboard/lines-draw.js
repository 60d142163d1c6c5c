/* Connections drawn as canvas lines, the same on the map (lines-layer.js) and in a big graph
   (graph-sheet.js): one pass per colour, translucent, a pair reported n times drawn wider. */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data;
  // Above THIN_LINES the lines are drawn straight and one device pixel wide (at most 1 px), in
  // paths of PATH_PIECE segments.
  var THIN_LINES = 3000, PATH_PIECE = 500;
  // Lines per step of a drawing in steps (KTS.lineSteps): under 10 ms of drawing and
  // rasterising (2,500 took 13–16 ms at the phone size of Lighthouse). A multiple of
  // PATH_PIECE: steps cut the paths where one pass does.
  KTS.STEP_LINES = 1500;
  var FADED = 0.12; // opacity of lines outside the focus (at most 25 %)

  var flowCache = null, lookCache = null, lookFor = null;

  /** Per Verbindung the ends in the direction of flow and a number for the pair (once). */
  KTS.lineWays = function () {
    if (flowCache) return flowCache;
    var V = data.V, nV = data.nV, a = new Int32Array(nV), b = new Int32Array(nV), pair = new Int32Array(nV);
    var back = data.D.arten.map(function (art, n) { return KTS.flowsBack(n); });
    for (var i = 0; i < nV; i++) {
      var turn = back[V.art[i]];
      a[i] = turn ? V.nach[i] : V.von[i];
      b[i] = turn ? V.von[i] : V.nach[i];
      // The pair's number (data.pair) for one direction, and the next number for the other.
      pair[i] = 2 * data.pair[i] + (a[i] < b[i] ? 0 : 1);
    }
    return (flowCache = { a: a, b: b, pair: pair, nPairs: 2 * data.nPairs });
  };

  /** Per Verbindung its colour's number in a list, for the colouring chosen now (cached). */
  KTS.lineLook = function () {
    var state = KTS.state, which = state.farbe === "hf" ? "hf|" + state.hf : state.farbe;
    if (lookFor === which) return lookCache;
    var nV = data.nV, of = new Uint8Array(nV), colours = [], index = {}, colour = KTS.edgeColours();
    for (var i = 0; i < nV; i++) {
      var c = colour(i);
      if (index[c] === undefined) { index[c] = colours.length; colours.push(c); }
      of[i] = index[c];
    }
    lookFor = which;
    return (lookCache = { of: of, colours: colours });
  };

  /**
   * The visible connections (0/1 per Verbindung) between Kommunen at px (x, y per Kommune, in
   * the context's units); strong: null, or 0/1 per Verbindung drawn bold while the rest fades.
   */
  KTS.drawLines = function (ctx, px, visible, strong) {
    KTS.lib.runSteps(KTS.lineSteps(ctx, px, visible, strong));
  };

  /**
   * The drawing of KTS.drawLines as steps (see lib.inTurn): the lines' order, then
   * KTS.STEP_LINES lines per step; run in order, in one task or one per task, they give the
   * same picture.
   */
  KTS.lineSteps = function (ctx, px, visible, strong) {
    var look, nC, lines, thin, scale, group, order;
    return [prepare];

    function prepare() {
      look = KTS.lineLook();
      nC = look.colours.length;
      lines = merge(visible, strong, KTS.lineWays(), look);
      var count = lines.count, groups = 2 * nC * 3, j, g;
      // Skia rasterises lines of one device pixel on a fast path (hairlines); 10,000 wider
      // ones take most of a second in software, as on a phone's 1.75 pixels per px. One path
      // per colour is cut into pieces for the same reason: the cost of filling one huge
      // stroked path grows faster than its length.
      thin = count > THIN_LINES;
      scale = ctx.getTransform().a;
      // The lines in drawing order: by kind (faint, then bold; by colour within), then by
      // width (a pair reported n times is wider). A counting sort.
      var starts = new Int32Array(groups + 1);
      group = new Int32Array(count);
      order = new Int32Array(count);
      for (j = 0; j < count; j++) starts[(group[j] = lines.kind[j] * 3 + lines.n[j] - 1) + 1]++;
      for (g = 0; g < groups; g++) starts[g + 1] += starts[g];
      var next = starts.slice(0, groups);
      for (j = 0; j < count; j++) order[next[group[j]]++] = j;
      var steps = [], piece = KTS.STEP_LINES;
      for (var from = 0; from < count; from += piece) steps.push(range(from, Math.min(count, from + piece)));
      return steps;
    }

    function range(from, to) {
      return function () { drawRange(from, to); };
    }

    /** Stroke style and width of a group. */
    function style(g) {
      var kind = (g / 3) | 0, n = (g % 3) + 1, bold = kind >= nC, hair = thin && !bold;
      // Translucent lines: where many cross, the colour deepens, so density reads as density.
      var alpha = bold ? 0.95 : strong ? FADED : 0.45;
      // A hairline on a dense screen covers 1/scale of a px: as much ink as layers of it would.
      ctx.globalAlpha = hair && scale > 1 ? 1 - Math.pow(1 - alpha, scale) : alpha;
      ctx.strokeStyle = look.colours[kind % nC];
      ctx.lineWidth = hair ? Math.min(1, 1 / scale) : (bold ? 2.6 : 1.3) * (n === 1 ? 1 : n === 2 ? 1.7 : 2.4);
      return hair;
    }

    /** The lines order[from..to), a path per group, cut every PATH_PIECE lines of order. */
    function drawRange(from, to) {
      var V = data.V, arten = data.D.arten, ways = KTS.lineWays(), now = -1, hair = false, inPath = 0;
      ctx.lineCap = "round";
      for (var k = from; k < to; k++) {
        var jj = order[k];
        if (inPath && k % PATH_PIECE === 0) {
          ctx.stroke();
          ctx.beginPath();
          inPath = 0;
        }
        if (group[jj] !== now) {
          if (inPath) ctx.stroke();
          now = group[jj];
          hair = style(now);
          ctx.beginPath();
          inPath = 0;
        }
        var i = lines.first[jj], a = ways.a[i], b = ways.b[i];
        var ax = px[2 * a], ay = px[2 * a + 1], bx = px[2 * b], by = px[2 * b + 1];
        // A gentle bow (to the right of the flow) keeps lines that share an end apart.
        var mx = (ax + bx) / 2 + (by - ay) * 0.12, my = (ay + by) / 2 - (bx - ax) * 0.12;
        ctx.moveTo(ax, ay);
        if (hair) ctx.lineTo(bx, by);
        else ctx.quadraticCurveTo(mx, my, bx, by);
        if (arten[V.art[i]].directed) chevron(ctx, ax, ay, hair ? (ax + bx) / 2 : mx, hair ? (ay + by) / 2 : my, bx, by);
        inPath++;
      }
      if (inPath) ctx.stroke();
      ctx.globalAlpha = 1;
    }
  };

  var slot = null; // per pair, colour and strength: 1 + the line drawn for it, or 0

  /**
   * One line per pair, colour and strength: repeated reports of a pair add to its width.
   * Per line: the Verbindung it stands for (first), how many it stands for (n, at most 3),
   * and its kind (colours * strength + colour).
   */
  function merge(visible, strong, ways, look) {
    var nV = data.nV, nC = look.colours.length, size = ways.nPairs * nC * 2;
    if (!slot || slot.length < size) slot = new Int32Array(size);
    var first = new Int32Array(nV), n = new Uint8Array(nV), kinds = new Int32Array(nV);
    var count = 0, i, j, key;
    for (i = 0; i < nV; i++) {
      if (!visible[i]) continue;
      var kind = (strong && strong[i] ? nC : 0) + look.of[i];
      key = ways.pair[i] * nC * 2 + kind;
      j = slot[key] - 1;
      if (j >= 0) {
        if (n[j] < 3) n[j]++;
        continue;
      }
      slot[key] = count + 1;
      first[count] = i;
      n[count] = 1;
      kinds[count++] = kind;
    }
    for (j = 0; j < count; j++) slot[ways.pair[first[j]] * nC * 2 + kinds[j]] = 0;
    return { first: first, n: n, kind: kinds, count: count };
  }

  /** The nearest visible connection within 5 units of (x, y), or -1. */
  KTS.nearestLine = function (px, visible, x, y) {
    var V = data.V, nV = data.nV, best = -1, bestD = 25;
    for (var i = 0; i < nV; i++) {
      if (!visible[i]) continue;
      var a = V.von[i], b = V.nach[i];
      var ax = px[2 * a], ay = px[2 * a + 1], dx = px[2 * b] - ax, dy = px[2 * b + 1] - ay;
      var len = dx * dx + dy * dy, t = len ? ((x - ax) * dx + (y - ay) * dy) / len : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      var ex = ax + t * dx - x, ey = ay + t * dy - y, d = ex * ex + ey * ey;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  };

  /** A chevron 55 % along the curve from a (via control point m) to b, 8 pixels long. */
  function chevron(ctx, ax, ay, mx, my, bx, by) {
    var dx = bx - ax, dy = by - ay, len = Math.sqrt(dx * dx + dy * dy);
    if (len < 24) return;
    // On the quadratic curve at t = 0.55, pointing along its tangent there.
    var t = 0.55, u = 1 - t;
    var tx = u * u * ax + 2 * u * t * mx + t * t * bx, ty = u * u * ay + 2 * u * t * my + t * t * by;
    var gx = 2 * u * (mx - ax) + 2 * t * (bx - mx), gy = 2 * u * (my - ay) + 2 * t * (by - my);
    var glen = Math.sqrt(gx * gx + gy * gy) || 1;
    var ux = gx / glen, uy = gy / glen, s = 8;
    ctx.moveTo(tx - s * (ux * 0.9 - uy * 0.45), ty - s * (uy * 0.9 + ux * 0.45));
    ctx.lineTo(tx, ty);
    ctx.lineTo(tx - s * (ux * 0.9 + uy * 0.45), ty - s * (uy * 0.9 - ux * 0.45));
  }
})();
