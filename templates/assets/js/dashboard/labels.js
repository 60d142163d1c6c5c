/* Names on map and graph: the most important first, none on top of another, at a fixed
   screen size at every zoom. KTS.labelItems picks them; lib.placeLabels draws them. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view;
  var HUB_LABELS = 12, FOCUS_LABELS = 60;

  /** Kommunen to name, most important first: the focus and its partners, else the hubs. */
  KTS.labelItems = function (shown) {
    var K = data.K, f = view.focus;
    var partners = view.selPartners || K.partners;
    var byWeight = function (a, b) { return partners[b] - partners[a] || K.rank[a] - K.rank[b]; };
    if (f) {
      if (f.path && f.path.found) return f.path.nodes.slice();
      var out = first(FOCUS_LABELS, function (i) { return f.kom[i] && i !== f.k; }, byWeight);
      out.unshift(f.k);
      return out;
    }
    return first(HUB_LABELS, function (i) { return shown[i] && partners[i] > 0; }, byWeight);
  };

  /**
   * The n first Kommunen that pass keep, in the order of compare: as sorting them all and
   * taking n, without sorting 11,000 (which took 5 ms per drawing of the names on a phone).
   */
  function first(n, keep, compare) {
    var out = [];
    for (var i = 0; i < data.nK; i++) {
      if (!keep(i)) continue;
      if (out.length < n) out.push(i);
      else if (compare(i, out[n - 1]) < 0) out[n - 1] = i;
      else continue;
      for (var j = out.length - 1; j > 0 && compare(out[j], out[j - 1]) < 0; j--) {
        var swap = out[j];
        out[j] = out[j - 1];
        out[j - 1] = swap;
      }
    }
    return out;
  }

  /**
   * The names on the map, on a canvas over the points, in screen pixels. show(mask, how) sets
   * the Kommunen that may be named and draws as how says (see CanvasLayer._redrawAs).
   */
  KTS.LabelLayer = KTS.CanvasLayer.extend({
    options: { pane: "kts-labels", className: "kts-labels" },
    initialize: function () {
      this._mask = new Uint8Array(data.nK);
    },
    show: function (mask, how) {
      this._mask = mask;
      return this._redrawAs(how);
    },
    _drawSteps: function (ctx) {
      return [this._draw.bind(this, ctx)];
    },
    _draw: function (ctx) {
      var map = this._map, K = data.K, shown = this._mask, f = view.focus, size = map.getSize();
      var ratio = window.devicePixelRatio || 1, taken = [], abroad = [], named = [], i, n;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      for (i = 0; i < data.nK; i++) {
        if (shown[i] && K.bl[i] < 0 && (!f || f.kom[i])) {
          abroad.push({ k: i, lat: K.lat[i], lon: K.lon[i], name: K.name[i], colour: KTS.nodeColour(i) });
        }
      }
      // Partners outside the view: an arrow at the edge, named beside it (one at a time, to
      // know which were named).
      abroad.forEach(function (item) {
        n = taken.length;
        lib.drawEdgeMarks(ctx, map, [item], taken);
        if (taken.length > n) named.push({ k: item.k, text: item.name, box: taken[n], edge: true });
      });
      // Those inside: named beside their points (a point just outside got its arrow above).
      KTS.labelItems(shown).forEach(function (k, m) {
        var p = map.latLngToContainerPoint([K.lat[k], K.lon[k]]);
        if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) return;
        n = taken.length;
        lib.placeLabels(ctx, [{ x: p.x, y: p.y, r: KTS.markerRadius(k), text: K.name[k], bold: m === 0 && !!f }], 1,
          lib.nameBounds(map), taken);
        if (taken.length > n) named.push({ k: k, text: K.name[k], box: taken[n], at: [p.x, p.y] });
      });
      KTS.mapLabels = named;
    }
  });

  /**
   * Draw items as lib.placeLabels does, on a vis-network graph's canvas (bounds in its
   * units); returns those named: k (item.k), text, box (page pixels of the graph, [x0, y0, x1, y1]) and
   * px (the font's size on screen).
   */
  KTS.placeNames = function (network, ctx, items, bounds) {
    var scale = network.getScale(), taken = [], named = [];
    items.forEach(function (item) {
      var n = taken.length;
      lib.placeLabels(ctx, [item], 1 / scale, bounds, taken);
      if (taken.length === n) return;
      var b = taken[n], a = network.canvasToDOM({ x: b[0], y: b[1] }), z = network.canvasToDOM({ x: b[2], y: b[3] });
      named.push({ k: item.k, text: item.text, box: [a.x, a.y, z.x, z.y], px: (z.y - a.y) / 1.25 });
    });
    return named;
  };
})();
