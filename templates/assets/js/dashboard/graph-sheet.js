/* Big selections in the graph ("Alle zeigen"): vis-network keeps the Kommunen (hit-testing,
   hover, selection); this sheet draws the connections in one pass per colour (KTS.drawLines)
   instead of an object per line, and the nodes in one path per look. While the view is dragged
   or zoomed, the last frame is moved and scaled instead of drawn anew. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view;

  /**
   * Draws connections on network's canvas, below its nodes; lines(visible, strong) sets them
   * (0/1 per Verbindung, or null for none). A line under the mouse gets a tooltip and goes to
   * hooks.preview(-2 - j), its end to hooks.endPreview(shown).
   */
  KTS.GraphSheet = function (network, hooks) {
    var renderer = network.renderer, body = network.body, full = renderer._redraw;
    var visible = null, strong = null, px = new Float64Array(data.nK * 2);
    // The view of the last full frame; a copy of that frame, taken when a move starts.
    var drawnAt = null, frame = document.createElement("canvas"), framed = null;

    network.on("beforeDrawing", function (ctx) {
      if (!visible) return;
      placePoints();
      var ratio = renderer.canvas.pixelRatio;
      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      KTS.drawLines(ctx, px, visible, strong);
      ctx.restore();
    });

    // vis-network draws each node on its own (a save, a path, a fill and a restore): 11,000
    // take 90 ms. Big graphs draw them in one path per look; the hovered and the selected
    // ones still by vis-network, on top, with its highlight.
    var drawNodes = renderer._drawNodes;
    renderer._drawNodes = function (ctx, always) {
      if (!visible) return drawNodes.call(renderer, ctx, always);
      var nodes = body.nodes, ids = body.nodeIndices, looks = {}, top = [], i, key;
      for (i = 0; i < ids.length; i++) {
        var node = nodes[ids[i]];
        // As vis-network does for nodes out of view: hit-testing reads these boxes.
        node.updateBoundingBox(ctx, node.selected);
        if (node.hover || node.isSelected()) { top.push(node); continue; }
        var c = node.options.color;
        key = c.background + " " + c.border;
        (looks[key] || (looks[key] = [])).push(node);
      }
      ctx.lineWidth = 1 / body.view.scale;
      for (key in looks) {
        var list = looks[key], colour = list[0].options.color;
        ctx.fillStyle = colour.background;
        ctx.strokeStyle = colour.border;
        ctx.beginPath();
        for (i = 0; i < list.length; i++) {
          var n = list[i], r = n.options.size;
          ctx.moveTo(n.x + r, n.y);
          ctx.arc(n.x, n.y, r, 0, 2 * Math.PI);
        }
        ctx.fill();
        ctx.stroke();
      }
      for (i = 0; i < top.length; i++) top[i].draw(ctx);
      return { drawExternalLabels: null };
    };

    // vis-network draws every node again for each frame of a drag or zoom: 11,000 of them
    // take longer than a frame. Moving the last full frame keeps the view under the mouse.
    renderer._redraw = function (hidden) {
      if (visible && framed && !hidden && (renderer.dragging || renderer.zooming)) {
        drawMoved();
        return;
      }
      full.call(renderer, hidden);
      var v = body.view;
      // A hidden draw (vis-network measuring) leaves the canvas empty.
      drawnAt = hidden ? null : { x: v.translation.x, y: v.translation.y, s: v.scale };
      framed = null;
    };
    // Copied when a move starts, not after each full frame: by then the canvas is on screen,
    // and copying it does not wait for 50,000 lines to be rasterised.
    network.on("dragStart", keep);
    network.on("zoom", keep);

    /** Where the Kommunen stand on the canvas now (CSS pixels). */
    function placePoints() {
      var K = data.K, v = body.view, s = v.scale, tx = v.translation.x, ty = v.translation.y;
      for (var i = 0; i < data.nK; i++) {
        var node = body.nodes[i];
        px[2 * i] = (node ? node.x : K.x[i]) * s + tx;
        px[2 * i + 1] = (node ? node.y : K.y[i]) * s + ty;
      }
    }

    function keep() {
      if (!visible || framed || !drawnAt) return;
      var c = renderer.canvas.frame.canvas;
      if (frame.width !== c.width || frame.height !== c.height) {
        frame.width = c.width;
        frame.height = c.height;
      }
      var fctx = frame.getContext("2d");
      fctx.clearRect(0, 0, frame.width, frame.height);
      fctx.drawImage(c, 0, 0);
      framed = drawnAt;
    }

    function drawMoved() {
      var c = renderer.canvas.frame.canvas, ctx = c.getContext("2d"), v = body.view;
      var ratio = renderer.canvas.pixelRatio, k = v.scale / framed.s;
      renderer.redrawRequested = false;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, c.width, c.height);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      // A point drawn at p then stands at translation + k (p - framed translation).
      ctx.drawImage(frame, v.translation.x - k * framed.x, v.translation.y - k * framed.y, c.clientWidth * k, c.clientHeight * k);
    }

    hover(network.canvas.frame);

    /** The connection drawn within 5 pixels of canvas point (x, y), or -1 (none while moving). */
    function nearest(x, y) {
      if (!visible || renderer.dragging || renderer.zooming) return -1;
      placePoints();
      return KTS.nearestLine(px, visible, x, y);
    }

    /** Tooltip and preview of the sheet's lines (vis-network's own are for its edges). */
    function hover(frame) {
      var tip = null, busy = false, shown = -1;
      // quiet: the line's preview ends without ending a node's (vis-network previews that).
      function show(j, x, y, quiet) {
        if (j !== shown) {
          shown = j;
          if (j >= 0) {
            if (!tip) frame.appendChild((tip = lib.el("div", "vis-tooltip sheet-tip")));
            lib.setText(tip, KTS.connectionText(j));
            hooks.preview(-2 - j);
          } else if (!quiet) hooks.endPreview(view.preview <= -2);
        }
        if (!tip) return;
        tip.style.visibility = j >= 0 ? "visible" : "hidden";
        if (j < 0) return;
        // Beside the mouse, inside the graph's frame.
        tip.style.left = Math.max(0, Math.min(x + 12, frame.clientWidth - tip.offsetWidth - 4)) + "px";
        tip.style.top = (y + 12 + tip.offsetHeight > frame.clientHeight ? y - 12 - tip.offsetHeight : y + 12) + "px";
      }
      frame.addEventListener("mousemove", function (e) {
        if (busy || (!visible && shown < 0)) return;
        busy = true;
        requestAnimationFrame(function () {
          busy = false;
          var r = frame.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top;
          // A node under the mouse wins over the lines that end in it.
          var onNode = network.getNodeAt({ x: x, y: y }) !== undefined;
          show(onNode ? -1 : nearest(x, y), x, y, onNode);
        });
      });
      frame.addEventListener("mouseleave", function () { if (shown >= 0) show(-1, 0, 0); });
    }

    return {
      lines: function (on, bold) {
        visible = on;
        strong = bold || null;
        if (!on) framed = null;
      },
      count: function () {
        var n = 0;
        if (visible) for (var i = 0; i < visible.length; i++) n += visible[i];
        return n;
      }
    };
  };
})();
