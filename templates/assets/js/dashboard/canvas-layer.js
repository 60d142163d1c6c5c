/* What the map's two canvas layers share (lines-layer.js, points-layer.js). */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data;

  /**
   * A canvas over the map's view in one pane (options.pane, options.className), drawn in
   * projected pixels after every view change by the subclass's _drawSteps(ctx): the drawing
   * as functions run in order, at once or one per task, each of which may return further
   * steps (as for lib.inTurn). _mapEvents() may add map events; Leaflet binds them with the
   * layer and unbinds them when it is removed.
   */
  KTS.CanvasLayer = L.Layer.extend({
    onAdd: function (m) {
      this._canvas = L.DomUtil.create("canvas", this.options.className + " leaflet-zoom-hide");
      m.getPane(this.options.pane).appendChild(this._canvas);
      this._redraw();
    },
    onRemove: function () {
      L.DomUtil.remove(this._canvas);
    },
    getEvents: function () {
      // moveend follows every zoomend: one redraw per view change.
      return L.extend({ moveend: this._redraw, resize: this._redraw }, this._mapEvents());
    },
    _mapEvents: function () {
      return {};
    },
    /** Size and place the canvas over the view, then draw (once the subclass has _shown). */
    _redraw: function () {
      if (!this._shown) return;
      this._late = false;
      var map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1, c = this._canvas;
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(c, topLeft);
      var ctx = KTS.lib.clearCanvas(c, size.x, size.y), origin = map.getPixelOrigin().add(topLeft);
      ctx.setTransform(ratio, 0, 0, ratio, -origin.x * ratio, -origin.y * ratio);
      var run = (this._run = (this._run || 0) + 1), self = this;
      var steps = this._drawSteps(ctx);
      if (!this._inSteps) { KTS.lib.runSteps(steps); return; }
      this._pending = guard(steps);
      // Each step, and the steps it returns, only while no later redraw began.
      function guard(list) {
        return list.map(function (step) {
          return function () {
            var more = self._run === run ? step() : null;
            return Array.isArray(more) ? guard(more) : [];
          };
        });
      }
    },
    /**
     * Redraw: at once (how undefined); as the steps returned, to run one per task (how
     * "steps": the start, see main.js); or after the next paint (how "later": a click's own
     * feedback shows first). A redraw in between makes pending steps or a later redraw void.
     */
    _redrawAs: function (how) {
      this._shown = true;
      if (how === "later") {
        var self = this, run = (this._run = (this._run || 0) + 1);
        this._late = true;
        KTS.lib.afterPaint(function () { if (self._run === run) self._redraw(); });
        return [];
      }
      this._inSteps = how === "steps";
      this._redraw();
      this._inSteps = false;
      var steps = this._pending || [];
      this._pending = null;
      return steps;
    },
    /** A redraw left for later, now (before the canvas is read: a picture, printing). */
    drawNow: function () {
      if (this._late) this._redraw();
    },
    /** Kommunen in projected pixels at the current zoom (x, y per Kommune), cached per zoom. */
    _points: function () {
      var z = this._map.getZoom();
      if (this._zoom !== z) {
        var unit = mercator(), scale = this._map.options.crs.scale(z), px = new Float64Array(unit.length);
        for (var i = 0; i < unit.length; i++) px[i] = unit[i] * scale;
        this._zoom = z;
        this._px = px;
      }
      return this._px;
    },
    /** A container point in the projected pixels of _points. */
    _projected: function (point) {
      return this._map.containerPointToLayerPoint(point).add(this._map.getPixelOrigin());
    }
  });

  var unitPoints = null;

  /** The Kommunen at zoom 0 over a unit square (lib.mercator), computed once. */
  function mercator() {
    if (unitPoints) return unitPoints;
    var K = data.K, nK = data.nK;
    unitPoints = new Float64Array(nK * 2);
    for (var i = 0; i < nK; i++) KTS.lib.mercator(K.lat[i], K.lon[i], unitPoints, 2 * i);
    return unitPoints;
  }
})();
