/* The map's connections: one canvas layer for all of them (see KTS.LinesLayer). */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data;

  /**
   * All visible connections drawn on one canvas (KTS.drawLines): fast for 50,000 lines, where
   * a Leaflet layer per line is not. Hovering finds the nearest line for its tooltip.
   */
  KTS.LinesLayer = KTS.CanvasLayer.extend({
    options: { pane: "kts-lines", className: "kts-lines-canvas" },
    onAdd: function (m) {
      this._visible = new Uint8Array(data.nV);
      KTS.CanvasLayer.prototype.onAdd.call(this, m);
    },
    _mapEvents: function () {
      return { mousemove: this._hover, mouseout: this._unhover };
    },
    /**
     * on: 0/1 per Verbindung; strong: null, or 0/1 per Verbindung (the rest fades). Drawn as
     * how says (CanvasLayer._redrawAs; the steps are KTS.lineSteps).
     */
    setVisible: function (on, strong, how) {
      this._visible = on;
      this._strong = strong || null;
      return this._redrawAs(how);
    },
    _drawSteps: function (ctx) {
      return KTS.lineSteps(ctx, this._points(), this._visible, this._strong);
    },
    /** The nearest visible line within 5 pixels of the mouse, or -1. */
    _nearest: function (point) {
      // Container to projected pixels, as _redraw maps them (the map may have been panned).
      var at = this._projected(point);
      return KTS.nearestLine(this._points(), this._visible, at.x, at.y);
    },
    _hover: function (e) {
      if (this._busy || this._map.dragging.moving()) return;
      this._busy = true;
      var self = this, map = this._map;
      requestAnimationFrame(function () {
        self._busy = false;
        // A point under the mouse wins over the lines that end in it.
        var i = KTS.pointAt(e.containerPoint) >= 0 ? -1 : self._nearest(e.containerPoint);
        if (i < 0) { self._unhover(); return; }
        KTS.bus.emit("preview", -2 - i);
        if (!self._tip) self._tip = L.tooltip({ sticky: true, className: "kts-line-tip" });
        self._tip.setLatLng(e.latlng).setContent(KTS.lib.el("span", null, KTS.connectionText(i)));
        if (!map.hasLayer(self._tip)) self._tip.addTo(map);
      });
    },
    _unhover: function () {
      this._hideTip();
      if (KTS.view.preview <= -2) KTS.bus.emit("preview", -1);
    },
    _hideTip: function () {
      var map = this._map;
      if (this._tip && map.hasLayer(this._tip)) map.removeLayer(this._tip);
    }
  });

})();
