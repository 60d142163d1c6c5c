/* Names on map and graph: the most important first, none on top of another, at a fixed
   screen size at every zoom. KTS.labelItems picks them; KTS.placeLabels draws them. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view;
  var FONT = 12, HUB_LABELS = 12, FOCUS_LABELS = 60;
  var POSITIONS = [[1, 0], [-1, 0], [0, -1], [0, 1]]; // right, left, above, below the point

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
   * Draw each label (x, y: the point in canvas units; r: its radius in screen pixels) beside
   * its point where it overlaps no label drawn before; scale: canvas units per screen pixel.
   */
  KTS.placeLabels = function (ctx, items, scale, bounds, taken) {
    taken = taken || [];
    ctx.save();
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    items.forEach(function (item, n) {
      var size = FONT * scale;
      ctx.font = (n === 0 && view.focus ? "700 " : "600 ") + size + "px system-ui, sans-serif";
      var w = ctx.measureText(item.text).width, h = size * 1.25, gap = (item.r + 3) * scale;
      for (var p = 0; p < POSITIONS.length; p++) {
        var dx = POSITIONS[p][0], dy = POSITIONS[p][1];
        var x = dx > 0 ? item.x + gap : dx < 0 ? item.x - gap - w : item.x - w / 2;
        var y = dy < 0 ? item.y - gap - h / 2 : dy > 0 ? item.y + gap + h / 2 : item.y;
        // Above or below a point near the side, the name slides inwards (else it had no place).
        if (bounds && dx === 0) x = Math.max(bounds[0] + 2 * scale, Math.min(x, bounds[2] - w - 2 * scale));
        var box = [x - 2 * scale, y - h / 2, x + w + 2 * scale, y + h / 2];
        if (bounds && (box[0] < bounds[0] || box[1] < bounds[1] || box[2] > bounds[2] || box[3] > bounds[3])) continue;
        if (lib.overlaps(box, taken)) continue;
        taken.push(box);
        ctx.lineWidth = 3.5 * scale;
        ctx.strokeStyle = "rgba(255,255,255,0.92)";
        ctx.strokeText(item.text, x, y);
        ctx.fillStyle = "#1c2530";
        ctx.fillText(item.text, x, y);
        break;
      }
    });
    ctx.restore();
    return taken.length;
  };

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
      var ratio = window.devicePixelRatio || 1, taken = [], abroad = [];
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      for (var i = 0; i < data.nK; i++) {
        if (shown[i] && K.bl[i] < 0 && (!f || f.kom[i])) {
          abroad.push({ lat: K.lat[i], lon: K.lon[i], name: K.name[i], colour: KTS.nodeColour(i) });
        }
      }
      lib.drawEdgeMarks(ctx, map, abroad, taken);
      var items = KTS.labelItems(shown).map(function (k) {
        var p = map.latLngToContainerPoint([K.lat[k], K.lon[k]]);
        return { x: p.x, y: p.y, r: KTS.markerRadius(k), text: K.name[k] };
      });
      // Names stay clear of the attribution and the scale at the map's foot.
      var foot = lib.footHeight(map, "left"), free = size.y - (foot ? foot + 4 : 0);
      KTS.placeLabels(ctx, items, 1, [0, 0, size.x, free], taken);
    }
  });
})();
