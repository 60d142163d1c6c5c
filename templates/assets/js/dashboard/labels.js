/* Names on map and graph: the most important first, none on top of another, at a fixed
   screen size at every zoom. KTS.labelItems picks them; KTS.placeLabels draws them. */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data, view = KTS.view;
  var FONT = 12, HUB_LABELS = 12, FOCUS_LABELS = 60;
  var POSITIONS = [[1, 0], [-1, 0], [0, -1], [0, 1]]; // right, left, above, below the point

  /** Kommunen to name, most important first: the focus and its partners, else the hubs. */
  KTS.labelItems = function (shown) {
    var K = data.K, f = view.focus, out = [], i;
    var partners = view.selPartners || K.partners;
    var byWeight = function (a, b) { return partners[b] - partners[a] || K.rank[a] - K.rank[b]; };
    if (f) {
      for (i = 0; i < data.nK; i++) if (f.kom[i] && i !== f.k) out.push(i);
      out.sort(byWeight);
      out = out.slice(0, FOCUS_LABELS);
      out.unshift(f.k);
      if (f.path && f.path.found) out = f.path.nodes.slice();
      return out;
    }
    for (i = 0; i < data.nK; i++) if (shown[i] && partners[i] > 0) out.push(i);
    return out.sort(byWeight).slice(0, HUB_LABELS);
  };

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
        var box = [x - 2 * scale, y - h / 2, x + w + 2 * scale, y + h / 2];
        if (bounds && (box[0] < bounds[0] || box[1] < bounds[1] || box[2] > bounds[2] || box[3] > bounds[3])) continue;
        if (taken.some(function (t) { return box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1]; })) continue;
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

  /** Partners outside the view (abroad, mostly): an arrow and the name at the map's edge. */
  function edgeMarks(ctx, map, shown, size, taken) {
    var K = data.K, f = view.focus, inset = 16, n = 0;
    var cx = size.x / 2, cy = size.y / 2;
    ctx.save();
    ctx.font = "600 11px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    for (var i = 0; i < data.nK; i++) {
      if (!shown[i] || K.bl[i] >= 0 || (f && !f.kom[i])) continue;
      var p = map.latLngToContainerPoint([K.lat[i], K.lon[i]]);
      if (p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y) continue;
      // Where the line from the centre to the point leaves the inset rectangle.
      var dx = p.x - cx, dy = p.y - cy;
      var t = Math.min((cx - inset) / Math.abs(dx || 1e-9), (cy - inset) / Math.abs(dy || 1e-9));
      var x = cx + dx * t, y = cy + dy * t, len = Math.sqrt(dx * dx + dy * dy), ux = dx / len, uy = dy / len;
      ctx.fillStyle = KTS.nodeColour(i);
      ctx.beginPath();
      ctx.moveTo(x + ux * 9, y + uy * 9);
      ctx.lineTo(x - uy * 5, y + ux * 5);
      ctx.lineTo(x + uy * 5, y - ux * 5);
      ctx.fill();
      var w = ctx.measureText(K.name[i]).width;
      var tx = Math.max(4, Math.min(size.x - w - 4, x - ux * 14 - (ux > 0 ? w : 0)));
      var ty = Math.max(8, Math.min(size.y - 8, y - uy * 12));
      var box = [tx - 2, ty - 8, tx + w + 2, ty + 8];
      if (taken.some(function (t) { return box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1]; })) continue;
      taken.push(box);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(K.name[i], tx, ty);
      ctx.fillStyle = "#1c2530";
      ctx.fillText(K.name[i], tx, ty);
      n++;
    }
    ctx.restore();
    return n;
  }

  /** The labels on the map: a canvas over the points, redrawn after every move. */
  KTS.LabelsLayer = L.Layer.extend({
    onAdd: function (m) {
      this._canvas = L.DomUtil.create("canvas", "kts-labels leaflet-zoom-hide");
      m.getPane("kts-labels").appendChild(this._canvas);
      m.on("moveend zoomend resize", this.redraw, this);
      this._shown = new Uint8Array(data.nK);
      this.redraw();
    },
    onRemove: function (m) {
      m.off("moveend zoomend resize", this.redraw, this);
      L.DomUtil.remove(this._canvas);
    },
    setShown: function (shown) {
      this._shown = shown;
      this.redraw();
    },
    redraw: function () {
      var map = this._map, K = data.K, c = this._canvas;
      if (!map) return;
      var size = map.getSize(), ratio = window.devicePixelRatio || 1;
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
      c.width = size.x * ratio;
      c.height = size.y * ratio;
      c.style.width = size.x + "px";
      c.style.height = size.y + "px";
      var ctx = c.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      var items = KTS.labelItems(this._shown).map(function (i) {
        var p = map.latLngToContainerPoint([K.lat[i], K.lon[i]]);
        return { x: p.x, y: p.y, r: KTS.markerRadius(i), text: K.name[i] };
      });
      var taken = [];
      this._abroad = edgeMarks(ctx, map, this._shown, size, taken);
      this._count = KTS.placeLabels(ctx, items, 1, [0, 0, size.x, size.y], taken) - this._abroad;
    }
  });
})();
