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
    /** on: 0/1 per Kommune; faded: null, or 0/1 per Kommune (drawn at FADED). */
    setPoints: function (on, faded) {
      this._visible = on;
      this._faded = faded || null;
      this._shown = true;
      this._redraw();
    },
    count: function () {
      var n = 0;
      for (var i = 0; i < this._visible.length; i++) n += this._visible[i];
      return n;
    },
    _draw: function (ctx) {
      // Faded points first, so the focus stays on top of them.
      if (this._faded) this._pass(ctx, 1, FADED);
      this._pass(ctx, 0, 0.95);
    },
    /** One pass of the points whose faded flag is fade: a path per colour, filled, then ringed. */
    _pass: function (ctx, fade, alpha) {
      var px = this._points(), vis = this._visible, faded = this._faded, order = this._order;
      var byColour = {}, shown = 0, n, i, col;
      for (n = 0; n < order.length; n++) {
        i = order[n];
        if (!vis[i] || (faded ? faded[i] : 0) !== fade) continue;
        shown++;
        col = KTS.nodeColour(i);
        (byColour[col] || (byColour[col] = [])).push(i);
      }
      // Many rings are one device pixel wide: Skia's fast path (see lines-draw.js), where
      // 2,000 rings 1.75 pixels wide take 35 ms to rasterise on a phone.
      var scale = ctx.getTransform().a, many = shown > THIN_RINGS;
      ctx.lineWidth = many ? Math.min(1, 1 / scale) : 1;
      ctx.strokeStyle = "#ffffff";
      for (col in byColour) {
        var list = byColour[col];
        ctx.beginPath();
        for (n = 0; n < list.length; n++) {
          i = list[n];
          var r = KTS.markerRadius(i), x = px[2 * i], y = px[2 * i + 1];
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, 2 * Math.PI);
        }
        ctx.fillStyle = col;
        ctx.globalAlpha = alpha;
        ctx.fill();
        ctx.globalAlpha = fade ? alpha : 1;
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
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

  /** Bigger points first, so a small one on top of a big one stays visible. */
  function drawOrder() {
    var order = [];
    for (var i = 0; i < data.nK; i++) order.push(i);
    var partners = data.K.partners; // the radius grows with them
    return order.sort(function (a, b) { return partners[b] - partners[a] || a - b; });
  }
})();
