/* The map's Kommunen: one canvas layer for all of them (see KTS.PointsLayer). */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data;
  var HIT = 2; // pixels around a point that still hit it
  var THIN_RINGS = 1000; // above this many Kommunen, their white rings are hairlines

  /**
   * All visible Kommunen drawn on one canvas, one path per colour: a filter change or a focus
   * redraws 11,000 points in a few milliseconds, where Leaflet's own circle markers take
   * hundreds (each added, removed or restyled one by one). Hover and click find the point under
   * the mouse; the layer fires "hover" (i, or -1) and "pick" (i, latlng).
   */
  KTS.PointsLayer = KTS.CanvasLayer.extend({
    options: { pane: "kts-points", className: "kts-points-canvas" },
    onAdd: function (m) {
      this._visible = new Uint8Array(data.nK);
      this._faded = null;
      this._hovered = -1;
      this._order = drawOrder();
      KTS.CanvasLayer.prototype.onAdd.call(this, m);
    },
    _mapEvents: function () {
      return { mousemove: this._move, mouseout: this._out, click: this._click };
    },
    /**
     * on: 0/1 per Kommune; faded: null, or 0/1 per Kommune (drawn at FADED). Drawn as how
     * says (CanvasLayer._redrawAs; steps of KTS.STEP_POINTS points).
     */
    setPoints: function (on, faded, how) {
      this._visible = on;
      this._faded = faded || null;
      return this._redrawAs(how);
    },
    count: function () {
      var n = 0;
      for (var i = 0; i < this._visible.length; i++) n += this._visible[i];
      return n;
    },
    /** The points by colour, then KTS.STEP_POINTS of them per step (see CanvasLayer). */
    _drawSteps: function (ctx) {
      var self = this;
      return [function () {
        // Faded points first, so the focus stays on top of them.
        var runs = (self._faded ? self._runs(1, FADED) : []).concat(self._runs(0, 0.95));
        var shown = 0, piece = KTS.STEP_POINTS, steps = [], from = 0;
        runs.forEach(function (run) { shown += run.list.length; });
        // Many rings are one device pixel wide: Skia's fast path (see lines-draw.js), where
        // 2,000 rings 1.75 pixels wide take 35 ms to rasterise on a phone.
        var scale = ctx.getTransform().a, ring = shown > THIN_RINGS ? Math.min(1, 1 / scale) : 1;
        var px = self._points();
        for (var n = 0; n < runs.length; n++) {
          for (from = 0; from < runs[n].list.length; from += piece) {
            steps.push(fillRun(ctx, px, runs[n], from, Math.min(runs[n].list.length, from + piece), ring));
          }
        }
        return steps;
      }];
    },
    /** The visible points whose faded flag is fade, by colour: [{colour, alpha, fade, list}]. */
    _runs: function (fade, alpha) {
      var vis = this._visible, faded = this._faded, order = this._order, byColour = {}, runs = [];
      for (var n = 0; n < order.length; n++) {
        var i = order[n];
        if (!vis[i] || (faded ? faded[i] : 0) !== fade) continue;
        var col = KTS.nodeColour(i);
        if (!byColour[col]) runs.push((byColour[col] = { colour: col, alpha: alpha, fade: fade, list: [] }));
        byColour[col].list.push(i);
      }
      return runs;
    },
    /** The Kommune whose point is under the container point, the smallest on top; or -1. */
    pointAt: function (point) {
      var px = this._points(), at = this._projected(point);
      var best = -1, bestR = Infinity;
      for (var i = 0; i < data.nK; i++) {
        if (!this._visible[i]) continue;
        var r = KTS.markerRadius(i), dx = px[2 * i] - at.x, dy = px[2 * i + 1] - at.y;
        if (dx * dx + dy * dy <= (r + HIT) * (r + HIT) && r < bestR) { best = i; bestR = r; }
      }
      return best;
    },
    _move: function (e) {
      if (this._busy || this._map.dragging.moving()) return;
      this._busy = true;
      var self = this;
      requestAnimationFrame(function () {
        self._busy = false;
        if (!self._map) return;
        self._hover(self.pointAt(e.containerPoint));
      });
    },
    _out: function () {
      this._hover(-1);
    },
    _hover: function (i) {
      if (i === this._hovered) return;
      this._hovered = i;
      L.DomUtil[i >= 0 ? "addClass" : "removeClass"](this._map.getContainer(), "kts-on-point");
      this.fire("hover", { i: i });
    },
    _click: function (e) {
      var i = this.pointAt(e.containerPoint);
      if (i >= 0) this.fire("pick", { i: i, latlng: L.latLng(data.K.lat[i], data.K.lon[i]) });
    }
  });

  var FADED = 0.2; // opacity of points outside the focus (at most 25 %)
  // Points per step (a path each, drawn at once or one per task): about 10 ms of drawing and
  // rasterising on a phone.
  KTS.STEP_POINTS = 2000;

  /** The points run.list[from..to) as one path: filled in their colour, then ringed in white. */
  function fillRun(ctx, px, run, from, to, ring) {
    return function () {
      ctx.beginPath();
      for (var n = from; n < to; n++) {
        var i = run.list[n], r = KTS.markerRadius(i), x = px[2 * i], y = px[2 * i + 1];
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      }
      ctx.fillStyle = run.colour;
      ctx.globalAlpha = run.alpha;
      ctx.fill();
      ctx.globalAlpha = run.fade ? run.alpha : 1;
      ctx.lineWidth = ring;
      ctx.strokeStyle = "#ffffff";
      ctx.stroke();
      ctx.globalAlpha = 1;
    };
  }

  /**
   * Bigger points first, so a small one on top of a big one stays visible: by partners (the
   * radius grows with them), most first, then by number. A counting sort: sorting 11,000 with a
   * comparator took 7–10 ms of the dashboard's start on a phone.
   */
  function drawOrder() {
    var partners = data.K.partners, nK = data.nK, most = data.mostPartners, i;
    var start = new Int32Array(most + 2), order = new Int32Array(nK);
    for (i = 0; i < nK; i++) start[most - partners[i] + 1]++;
    for (i = 0; i <= most; i++) start[i + 1] += start[i];
    for (i = 0; i < nK; i++) order[start[most - partners[i]]++] = i;
    return order;
  }
})();
