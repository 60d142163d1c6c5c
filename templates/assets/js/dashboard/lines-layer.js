/* The map's connections: one canvas layer for all of them (see KTS.LinesLayer). */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data;
  // Above THIN_LINES the lines are drawn 1 px wide, in paths of PATH_PIECE segments.
  var THIN_LINES = 3000, PATH_PIECE = 500;

  /**
   * All visible connections drawn on one canvas in one pass per colour: fast for 50,000 lines,
   * where a Leaflet layer per line is not. Hovering finds the nearest line for its tooltip.
   */
  KTS.LinesLayer = L.Layer.extend({
    onAdd: function (m) {
      this._canvas = L.DomUtil.create("canvas", "kts-lines-canvas leaflet-zoom-hide");
      m.getPane("kts-lines").appendChild(this._canvas);
      this._visible = new Uint8Array(data.nV);
      this._zoom = null;
      m.on("moveend zoomend resize", this._redraw, this);
      m.on("mousemove", this._hover, this);
      m.on("mouseout", this._unhover, this);
      this._redraw();
    },
    onRemove: function (m) {
      m.off("moveend zoomend resize", this._redraw, this);
      m.off("mousemove", this._hover, this);
      m.off("mouseout", this._unhover, this);
      L.DomUtil.remove(this._canvas);
    },
    setVisible: function (on) {
      this._visible = on;
      this._redraw();
    },
    /** Kommunen in pixels at the current zoom, cached per zoom level. */
    _points: function () {
      var map = this._map, K = data.K, nK = data.nK;
      var z = map.getZoom();
      if (this._zoom !== z) {
        this._zoom = z;
        this._px = new Float64Array(nK * 2);
        for (var i = 0; i < nK; i++) {
          var p = map.project([K.lat[i], K.lon[i]], z);
          this._px[2 * i] = p.x;
          this._px[2 * i + 1] = p.y;
        }
      }
      return this._px;
    },
    _redraw: function () {
      var map = this._map, arten = data.D.arten, V = data.V, nV = data.nV;
      var size = map.getSize(), ratio = window.devicePixelRatio || 1, c = this._canvas;
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(c, topLeft);
      c.width = size.x * ratio;
      c.height = size.y * ratio;
      c.style.width = size.x + "px";
      c.style.height = size.y + "px";
      var ctx = c.getContext("2d"), px = this._points();
      var origin = map.getPixelOrigin().add(topLeft);
      ctx.setTransform(ratio, 0, 0, ratio, -origin.x * ratio, -origin.y * ratio);
      ctx.globalAlpha = 0.65;
      ctx.lineCap = "round";
      var byColour = {}, i, shown = 0;
      for (i = 0; i < nV; i++) {
        if (!this._visible[i]) continue;
        var colour = KTS.edgeColour(i);
        (byColour[colour] || (byColour[colour] = [])).push(i);
        shown++;
      }
      // Skia rasterises 1-pixel lines on a fast path; 50,000 wider ones take seconds in
      // software. One path per colour is cut into pieces for the same reason: the cost of
      // filling one huge stroked path grows faster than its length.
      ctx.lineWidth = shown > THIN_LINES ? 1 : 1.6;
      var zoomScale = Math.pow(2, map.getZoom());
      for (var col in byColour) {
        ctx.strokeStyle = col;
        ctx.beginPath();
        var list = byColour[col];
        for (var j = 0; j < list.length; j++) {
          i = list[j];
          var ends = KTS.flow(i), a = ends[0], b = ends[1];
          var ax = px[2 * a], ay = px[2 * a + 1], bx = px[2 * b], by = px[2 * b + 1];
          ctx.moveTo(ax, ay);
          ctx.lineTo(bx, by);
          if (arten[V.art[i]].directed) chevron(ctx, ax, ay, bx, by, zoomScale);
          if (j % PATH_PIECE === PATH_PIECE - 1) {
            ctx.stroke();
            ctx.beginPath();
          }
        }
        ctx.stroke();
      }
      this._drawn = byColour;
    },
    /** The nearest visible line within 5 pixels of the mouse, or -1. */
    _nearest: function (point) {
      var V = data.V, nV = data.nV;
      var px = this._points(), origin = this._map.getPixelOrigin();
      var x = point.x + origin.x, y = point.y + origin.y, best = -1, bestD = 25;
      for (var i = 0; i < nV; i++) {
        if (!this._visible[i]) continue;
        var a = V.von[i], b = V.nach[i];
        var ax = px[2 * a], ay = px[2 * a + 1], dx = px[2 * b] - ax, dy = px[2 * b + 1] - ay;
        var len = dx * dx + dy * dy, t = len ? ((x - ax) * dx + (y - ay) * dy) / len : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        var ex = ax + t * dx - x, ey = ay + t * dy - y, d = ex * ex + ey * ey;
        if (d < bestD) { bestD = d; best = i; }
      }
      return best;
    },
    _hover: function (e) {
      if (this._busy) return;
      this._busy = true;
      var self = this, map = this._map;
      requestAnimationFrame(function () {
        self._busy = false;
        var i = self._nearest(e.containerPoint);
        if (i < 0) { self._unhover(); return; }
        if (!self._tip) self._tip = L.tooltip({ sticky: true, className: "kts-line-tip" });
        self._tip.setLatLng(e.latlng).setContent(KTS.lib.el("span", null, KTS.connectionText(i)));
        if (!map.hasLayer(self._tip)) self._tip.addTo(map);
      });
    },
    _unhover: function () {
      var map = this._map;
      if (this._tip && map.hasLayer(this._tip)) map.removeLayer(this._tip);
    }
  });

  /** A chevron at 55 % of the way from a to b, 8 pixels long, pointing towards b. */
  function chevron(ctx, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay, len = Math.sqrt(dx * dx + dy * dy);
    if (len < 24) return;
    var ux = dx / len, uy = dy / len, tx = ax + dx * 0.55, ty = ay + dy * 0.55, s = 8;
    ctx.moveTo(tx - s * (ux * 0.9 - uy * 0.45), ty - s * (uy * 0.9 + ux * 0.45));
    ctx.lineTo(tx, ty);
    ctx.lineTo(tx - s * (ux * 0.9 + uy * 0.45), ty - s * (uy * 0.9 - ux * 0.45));
  }
})();
