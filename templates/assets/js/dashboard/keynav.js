/* Map and graph by keyboard: arrow keys move a visible cursor to the nearest Kommune in that
   direction, Enter selects it, Escape leaves the cursor. A polite live region says where it is. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view;
  var $ = lib.$;
  var DIRECTIONS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  var CONE = 0.5; // cos of the widest angle from the arrow's direction that counts as "that way"

  // The cursor of each view: a Kommune index or -1.
  var cursor = { map: -1, graph: -1 };

  /** Screen position of Kommune i in a view, or null when it is not shown there. */
  function position(where, i) {
    if (!view.visibleKom[i] && !(view.focus && view.focus.kom[i])) return null;
    if (where === "map") {
      var p = KTS.map.latLngToContainerPoint([data.K.lat[i], data.K.lon[i]]);
      return { x: p.x, y: p.y };
    }
    var net = KTS.network, node = net && net.body.nodes[i];
    if (!node || node.options.hidden) return null;
    return net.canvasToDOM(net.getPosition(i));
  }

  /** Where the cursor starts: the selected Kommune, else the one with most partners shown. */
  function start(where) {
    var sel = KTS.selected();
    if (sel >= 0 && position(where, sel)) return sel;
    var best = -1, partners = view.selPartners || data.K.partners;
    for (var i = 0; i < data.nK; i++) {
      if (position(where, i) && (best < 0 || partners[i] > partners[best])) best = i;
    }
    return best;
  }

  /** The nearest Kommune from i in direction d, favouring those straight ahead. */
  function next(where, i, d) {
    var from = position(where, i), best = -1, bestScore = Infinity;
    if (!from) return start(where);
    for (var k = 0; k < data.nK; k++) {
      if (k === i) continue;
      var p = position(where, k);
      if (!p) continue;
      var dx = p.x - from.x, dy = p.y - from.y, dist = Math.sqrt(dx * dx + dy * dy);
      if (dist < 1) continue;
      var along = (dx * d[0] + dy * d[1]) / dist;
      if (along < CONE) continue;
      var score = dist * (2 - along);
      if (score < bestScore) { bestScore = score; best = k; }
    }
    return best < 0 ? i : best;
  }

  function say(text) {
    lib.setText($("kbd-status"), text);
  }

  function describe(i) {
    var K = data.K, partners = view.selPartners ? view.selPartners[i] : K.partners[i];
    return lib.nt("%(name)s, %(n)s Partner in der Auswahl. Eingabetaste wählt die Kommune aus.",
      "%(name)s, %(n)s Partner in der Auswahl. Eingabetaste wählt die Kommune aus.", partners, { name: K.name[i] });
  }

  function move(where, i) {
    cursor[where] = i;
    if (i >= 0) say(describe(i));
    if (where === "map") KTS.drawMapCursor(i);
    else if (KTS.network) KTS.network.redraw();
  }

  /** The graph's cursor: a dark ring drawn after the graph (vis-network calls this). */
  KTS.drawGraphCursor = function (ctx) {
    var i = cursor.graph;
    if (i < 0 || !KTS.network.body.nodes[i]) return;
    var node = KTS.network.body.nodes[i], scale = KTS.network.getScale();
    ctx.save();
    ctx.lineWidth = 3 / scale;
    ctx.strokeStyle = "#1c2530";
    ctx.setLineDash([5 / scale, 3 / scale]);
    ctx.beginPath();
    ctx.arc(node.x, node.y, node.options.size + 6 / scale, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.restore();
  };

  function handler(where) {
    return function (e) {
      var d = DIRECTIONS[e.key];
      if (d) {
        e.preventDefault();
        e.stopPropagation();
        move(where, cursor[where] < 0 ? start(where) : next(where, cursor[where], d));
      } else if (e.key === "Enter" && cursor[where] >= 0) {
        e.preventDefault();
        KTS.bus.emit("select", cursor[where], "keyboard");
        say(lib.t("%(name)s ausgewählt. Ihre Verbindungen stehen in der Liste.", { name: data.K.name[cursor[where]] }));
      } else if (e.key === "Escape" && cursor[where] >= 0) {
        e.stopPropagation();
        move(where, -1);
        say(lib.t("Auswahl mit den Pfeiltasten beendet."));
      }
    };
  }

  /** Called when the Leaflet map exists (map.js). */
  KTS.bindMapKeys = function (map) {
    var box = map.getContainer();
    map.keyboard.disable(); // the arrows move between Kommunen, not the map
    box.setAttribute("aria-label", lib.t("Karte der Verbindungen. Pfeiltasten wechseln zur nächsten Kommune in dieser Richtung, die Eingabetaste wählt sie aus, Escape beendet."));
    box.setAttribute("aria-describedby", "keys-hint");
    box.addEventListener("keydown", handler("map"), true);
    box.addEventListener("blur", function () { if (cursor.map >= 0) move("map", -1); });
  };

  KTS.bindKeys = function () {
    var graph = $("graph");
    graph.tabIndex = 0;
    graph.addEventListener("keydown", handler("graph"), true);
    graph.addEventListener("blur", function () { if (cursor.graph >= 0) move("graph", -1); });
    function bindNetwork() {
      // One tab stop: vis-network's own frame inside would be a second, unnamed one.
      var inner = graph.querySelector(".vis-network");
      if (inner) inner.tabIndex = -1;
      KTS.network.on("afterDrawing", KTS.drawGraphCursor);
    }
    if (KTS.network) bindNetwork();
    else KTS.bus.on("graph", bindNetwork);
  };
})();
