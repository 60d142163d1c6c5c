/* Names on maps and graphs: beside their points without overlaps (lib.placeLabels), and for
   Kommunen outside a map's view (partners abroad, mostly) an arrow and the name at the map's
   edge, so that one far partner does not zoom the map out to all of Europe. */
(function () {
  "use strict";

  var lib = window.KTSLib;
  var INSET = 16; // pixels between an arrow and the map's edge
  var FONT = 12; // screen pixels of a name beside its point
  var POSITIONS = [[1, 0], [-1, 0], [0, -1], [0, 1]]; // right, left, above, below the point

  /** True when box [x0, y0, x1, y1] overlaps any box in taken. */
  lib.overlaps = function (box, taken) {
    return taken.some(function (t) { return box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1]; });
  };

  /**
   * Draw each label (x, y: the point in canvas units; r: its radius in screen pixels; bold)
   * beside its point where it overlaps no label drawn before and stays within bounds; scale:
   * canvas units per screen pixel. Returns how many boxes are taken.
   */
  lib.placeLabels = function (ctx, items, scale, bounds, taken) {
    taken = taken || [];
    ctx.save();
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    items.forEach(function (item) {
      var size = FONT * scale;
      ctx.font = (item.bold ? "700 " : "600 ") + size + "px system-ui, sans-serif";
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

  /** Where names may stand on a map: its view, clear of the attribution and scale at its foot. */
  lib.nameBounds = function (map) {
    var size = map.getSize(), foot = lib.footHeight(map, "left");
    return [0, 0, size.x, size.y - (foot ? foot + 4 : 0)];
  };

  var markWidths = new Map(); // names measured once: the marks' font never changes

  /**
   * Draw an arrow (and the name, where it overlaps nothing in taken) for each item
   * {lat, lon, name, colour} that lies outside the map's view; returns how many were named.
   */
  lib.drawEdgeMarks = function (ctx, map, items, taken) {
    var size = map.getSize(), cx = size.x / 2, cy = size.y / 2, n = 0, marks = [], byColour = new Map();
    items.forEach(function (item) {
      var p = map.latLngToContainerPoint([item.lat, item.lon]);
      if (p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y) return;
      // Where the line from the centre to the point leaves the inset rectangle.
      var dx = p.x - cx, dy = p.y - cy;
      var t = Math.min((cx - INSET) / Math.abs(dx || 1e-9), (cy - INSET) / Math.abs(dy || 1e-9));
      var len = Math.sqrt(dx * dx + dy * dy);
      var mark = { item: item, x: cx + dx * t, y: cy + dy * t, ux: dx / len, uy: dy / len };
      marks.push(mark);
      if (!byColour.has(item.colour)) byColour.set(item.colour, []);
      byColour.get(item.colour).push(mark);
    });
    ctx.save();
    // The arrows in one path per colour (hundreds may point out of a view), the names above.
    byColour.forEach(function (list, colour) {
      ctx.fillStyle = colour;
      ctx.beginPath();
      list.forEach(function (m) {
        ctx.moveTo(m.x + m.ux * 9, m.y + m.uy * 9);
        ctx.lineTo(m.x - m.uy * 5, m.y + m.ux * 5);
        ctx.lineTo(m.x + m.uy * 5, m.y - m.ux * 5);
        ctx.closePath();
      });
      ctx.fill();
    });
    ctx.font = "600 11px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3;
    marks.forEach(function (m) {
      var name = m.item.name, w = markWidths.get(name);
      if (w === undefined) markWidths.set(name, (w = ctx.measureText(name).width));
      var tx = Math.max(4, Math.min(size.x - w - 4, m.x - m.ux * 14 - (m.ux > 0 ? w : 0)));
      var ty = Math.max(8, Math.min(size.y - 8, m.y - m.uy * 12));
      var box = [tx - 2, ty - 8, tx + w + 2, ty + 8];
      if (lib.overlaps(box, taken)) return;
      taken.push(box);
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(name, tx, ty);
      ctx.fillStyle = "#1c2530";
      ctx.fillText(name, tx, ty);
      n++;
    });
    ctx.restore();
    return n;
  };

  /**
   * canvas at width x height CSS pixels, empty and with a fresh context. A new bitmap only when
   * the size changes: allocating one per redraw cost more than drawing the map's names.
   */
  lib.clearCanvas = function (canvas, width, height) {
    var ratio = window.devicePixelRatio || 1, ctx = canvas.getContext("2d");
    if (canvas.width !== width * ratio || canvas.height !== height * ratio) {
      canvas.width = width * ratio;
      canvas.height = height * ratio;
      canvas.style.width = width + "px";
      canvas.style.height = height + "px";
    } else if (ctx.reset) {
      ctx.reset();
    } else {
      ctx.restore(); // the state saved below, as a new bitmap would have it
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
    }
    ctx.save();
    return ctx;
  };

  /**
   * A canvas over map's view in pane (the names' by default), drawn by draw(ctx, map) after
   * every move and when the function returned is called.
   */
  lib.overlayCanvas = function (map, draw, pane) {
    pane = pane || "kts-labels";
    var canvas = L.DomUtil.create("canvas", pane + " leaflet-zoom-hide");
    map.getPane(pane).appendChild(canvas);
    function redraw() {
      var size = map.getSize(), ratio = window.devicePixelRatio || 1;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      var ctx = lib.clearCanvas(canvas, size.x, size.y);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      draw(ctx, map);
    }
    map.on("moveend resize", redraw);
    return redraw;
  };
})();
