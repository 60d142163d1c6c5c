/* Kommunen outside a map's view (partners abroad, mostly): an arrow and the name at the map's
   edge, so that one far partner does not zoom the map out to all of Europe. */
(function () {
  "use strict";

  var lib = window.KTSLib;
  var INSET = 16; // pixels between an arrow and the map's edge

  /** True when box [x0, y0, x1, y1] overlaps any box in taken. */
  lib.overlaps = function (box, taken) {
    return taken.some(function (t) { return box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1]; });
  };

  /**
   * Draw an arrow (and the name, where it overlaps nothing in taken) for each item
   * {lat, lon, name, colour} that lies outside the map's view; returns how many were named.
   */
  lib.drawEdgeMarks = function (ctx, map, items, taken) {
    var size = map.getSize(), cx = size.x / 2, cy = size.y / 2, n = 0;
    ctx.save();
    ctx.font = "600 11px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    items.forEach(function (item) {
      var p = map.latLngToContainerPoint([item.lat, item.lon]);
      if (p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y) return;
      // Where the line from the centre to the point leaves the inset rectangle.
      var dx = p.x - cx, dy = p.y - cy;
      var t = Math.min((cx - INSET) / Math.abs(dx || 1e-9), (cy - INSET) / Math.abs(dy || 1e-9));
      var x = cx + dx * t, y = cy + dy * t, len = Math.sqrt(dx * dx + dy * dy), ux = dx / len, uy = dy / len;
      ctx.fillStyle = item.colour;
      ctx.beginPath();
      ctx.moveTo(x + ux * 9, y + uy * 9);
      ctx.lineTo(x - uy * 5, y + ux * 5);
      ctx.lineTo(x + uy * 5, y - ux * 5);
      ctx.fill();
      var w = ctx.measureText(item.name).width;
      var tx = Math.max(4, Math.min(size.x - w - 4, x - ux * 14 - (ux > 0 ? w : 0)));
      var ty = Math.max(8, Math.min(size.y - 8, y - uy * 12));
      var box = [tx - 2, ty - 8, tx + w + 2, ty + 8];
      if (lib.overlaps(box, taken)) return;
      taken.push(box);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(item.name, tx, ty);
      ctx.fillStyle = "#1c2530";
      ctx.fillText(item.name, tx, ty);
      n++;
    });
    ctx.restore();
    return n;
  };

  /** A canvas over the points of map, redrawn after every move by draw(ctx, map). */
  lib.overlayCanvas = function (map, draw) {
    var canvas = L.DomUtil.create("canvas", "kts-labels leaflet-zoom-hide");
    map.getPane("kts-labels").appendChild(canvas);
    function redraw() {
      var size = map.getSize(), ratio = window.devicePixelRatio || 1;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      draw(ctx, map);
    }
    map.on("moveend resize", redraw);
    redraw();
    return redraw;
  };
})();
