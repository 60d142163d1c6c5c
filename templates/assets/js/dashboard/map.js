/* The map view: Kommunen as canvas points, connections in KTS.LinesLayer, a ring around the
   selected Kommune, the legend. Sets KTS.map; a click on a point emits "select". */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, state = KTS.state, view = KTS.view;
  var el = lib.el;

  var map = null, tiles = null, lineLayer = null, pointLayer = null, rings = null, ring = null, labelLayer = null;

  /** Called by the Folium map script once the Leaflet map exists; its layers follow (layMap). */
  KTS.attachMap = function (leafletMap, tileLayer) {
    map = KTS.map = leafletMap;
    tiles = tileLayer;
    lib.prepareMap(map, tileLayer, "map-status");
  };

  /**
   * The map's frame, after the legend (the start's first step, a task of its own) moved below
   * the map, which then is smaller: measured and framed after that, so that the layers are
   * drawn once, for the final frame. layMap follows in a task of its own.
   */
  KTS.frameMap = function () {
    if (!map) return;
    map.invalidateSize();
    lib.frame(map, function () { lib.fitGermany(map, false); });
  };

  /** The map's tiles, for its final frame (a step of their own: making them takes 14 ms). */
  KTS.showTiles = function () {
    if (map) lib.showTiles(map, tiles);
  };

  /** The map's layers of Kommunen, lines and names, and its keys. */
  KTS.layMap = function () {
    if (!map) return;
    var D = data.D, K = data.K;
    lineLayer = new KTS.LinesLayer().addTo(map);
    pointLayer = new KTS.PointsLayer().addTo(map);
    // The selection's ring and the keyboard's cursor: two Leaflet circles above the points.
    rings = L.canvas({ pane: "kts-points" });
    var tip = L.tooltip({ direction: "top", offset: [0, -6] });
    pointLayer.on("hover", function (e) {
      if (e.i >= 0) {
        tip.setLatLng([K.lat[e.i], K.lon[e.i]]).setContent(el("span", null, K.name[e.i]));
        if (!map.hasLayer(tip)) tip.addTo(map);
        KTS.bus.emit("preview", e.i);
      } else {
        if (map.hasLayer(tip)) map.removeLayer(tip);
        if (KTS.view.preview >= 0) KTS.bus.emit("preview", -1);
      }
    });
    pointLayer.on("pick", function (e) {
      var i = e.i, box = el("div", "popup");
      box.appendChild(el("strong", null, K.name[i]));
      box.appendChild(el("div", null, D.typen[K.typ[i]] + " · " + lib.nt("%(n)s Partner", "%(n)s Partner", K.partners[i])));
      if (map.hasLayer(tip)) map.removeLayer(tip);
      L.popup().setLatLng(e.latlng).setContent(box).openOn(map);
      KTS.bus.emit("select", i, "map");
    });
    KTS.pointAt = function (point) { return pointLayer.pointAt(point); };
    labelLayer = new KTS.LabelLayer().addTo(map);
    KTS.bindMapKeys(map);
  };

  // From these sizes of the data on, the map's answer to a click (filter, selection, path) is
  // drawn after the next paint: drawing and rasterising 37,000 lines and 11,000 points took
  // 100 ms more before the ticked box, the figures and the list could show.
  KTS.LATER_LINES = 5000;
  KTS.LATER_POINTS = 3000;

  /** Map after a change of filter or focus: at once, or (a big network) after the next paint. */
  KTS.updateMap = function () {
    var how = data.nV >= KTS.LATER_LINES || data.nK >= KTS.LATER_POINTS ? "later" : undefined;
    KTS.updateMapLines(how);
    KTS.updateMapPoints(how);
  };

  /** What is drawn now on the map: a redraw left for after the paint is done at once. */
  KTS.drawMapNow = function () {
    if (lineLayer) lineLayer.drawNow();
    if (pointLayer) pointLayer.drawNow();
    if (labelLayer) labelLayer.drawNow();
  };

  /**
   * The connections: those that match, and the focus's, bold while the rest fades. Drawn as
   * how says (see CanvasLayer._redrawAs): with "steps", returns the steps to run one per task.
   */
  KTS.updateMapLines = function (how) {
    if (!lineLayer) return [];
    var on = KTS.matchingMask(), f = view.focus;
    if (f) for (var i = 0; i < data.nV; i++) if (f.edges[i]) on[i] = 1;
    lineLayer._hideTip();
    return lineLayer.setVisible(on, f ? f.edges : null, how);
  };

  /**
   * The Kommunen, their names and the selection's ring; outside the focus faded. Drawn as how
   * says (see CanvasLayer._redrawAs): with "steps", returns the points' steps and then the
   * names' step.
   */
  KTS.updateMapPoints = function (how) {
    if (!pointLayer) return [];
    var nK = data.nK, vis = view.visibleKom.slice(), f = view.focus, faded = null;
    if (f) {
      faded = new Uint8Array(nK);
      for (var i = 0; i < nK; i++) {
        if (f.kom[i]) vis[i] = 1;
        else faded[i] = 1;
      }
    }
    // The names after the points: at the start a step of their own (as long as the points').
    var steps = pointLayer.setPoints(vis, faded, how).concat(labelLayer.show(vis, how));
    updateRing();
    return steps;
  };

  var cursorRing = null;

  /** The keyboard cursor (keynav.js): a dashed dark ring around Kommune i, or none. */
  KTS.drawMapCursor = function (i) {
    if (cursorRing) { cursorRing.remove(); cursorRing = null; }
    if (i < 0) return;
    var K = data.K;
    cursorRing = L.circleMarker([K.lat[i], K.lon[i]], {
      pane: "kts-points", renderer: rings, interactive: false,
      radius: KTS.markerRadius(i) + 7, color: "#1c2530", weight: 3, dashArray: "5 3", fill: false
    }).addTo(map);
    if (!map.getBounds().contains([K.lat[i], K.lon[i]])) map.panTo([K.lat[i], K.lon[i]]);
  };

  /** A ring around the selected Kommune: visible without moving the map. */
  function updateRing() {
    var K = data.K, i = KTS.selected();
    if (ring) { ring.remove(); ring = null; }
    if (!map || i < 0) return;
    ring = L.circleMarker([K.lat[i], K.lon[i]], {
      pane: "kts-points", renderer: rings, interactive: false,
      radius: KTS.markerRadius(i) + 4, color: "#b35900", weight: 3, fill: false
    }).addTo(map);
  }

  /** Fit the map to the Kommunen shown; German ones first, so one far partner does not zoom out. */
  KTS.fitMap = function (all) {
    lib.frame(map, function () { fitMap(all); });
  };

  function fitMap(all) {
    if (map._animatingZoom) { map.once("zoomend", function () { fitMap(all); }); return; } // see fitFocus
    var K = data.K, vis = view.visibleKom, home = [], abroad = [];
    for (var i = 0; i < data.nK; i++) if (vis[i]) (K.bl[i] >= 0 ? home : abroad).push([K.lat[i], K.lon[i]]);
    var pts = all ? home.concat(abroad) : home.length ? home : abroad;
    if (!KTS.filterActive() && !all) lib.fitGermany(map);
    else if (pts.length) map.fitBounds(pts, { paddingTopLeft: [24, 24], paddingBottomRight: [24, 24 + lib.footHeight(map)], maxZoom: 9 });
  }

  /** Frame the focus (a Kommune and its partners, at home and abroad, or a path); bottom:
   * pixels hidden below. */
  KTS.fitFocus = function (bottom) {
    if (map && view.focus) lib.frame(map, function () { fitFocus(bottom); });
  };

  function fitFocus(bottom) {
    var f = view.focus, K = data.K, pts = [];
    if (!f) return;
    // Leaflet drops a new view while a zoom animation runs (and ends on that animation's
    // target): frame the focus once the running one has ended.
    if (map._animatingZoom) { map.once("zoomend", function () { fitFocus(bottom); }); return; }
    // Every partner, abroad too: each stands at its place, named beside its point.
    for (var i = 0; i < data.nK; i++) if (f.kom[i]) pts.push([K.lat[i], K.lon[i]]);
    if (pts.length) map.fitBounds(pts, { paddingTopLeft: [24, 24], paddingBottomRight: [24, 24 + Math.max(bottom, lib.footHeight(map))], maxZoom: 9 });
  }

  KTS.updateLegend = function () {
    var D = data.D;
    if (state.farbe === "hf") {
      lib.fillLegend(D.handlungsfelder.map(function (h) { return { colour: h.colour, label: h.name }; }),
        lib.t("Handlungsfeld"), lib.t("Bei mehreren Feldern zählt das gewählte, sonst das erste."));
    } else {
      lib.fillLegend(lib.artLegend(D.arten), lib.t("Art der Verbindung"), lib.FLOW_NOTE);
    }
  };

  KTS.mapShown = function () {
    return { markers: pointLayer ? pointLayer.count() : 0, lines: lineLayer ? count(lineLayer._visible) : 0 };
  };

  function count(mask) {
    var n = 0;
    for (var i = 0; i < mask.length; i++) n += mask[i];
    return n;
  }

  KTS.bindMap = function () {
    lib.$("map-fit").addEventListener("click", function () { KTS.fitMap(true); });
    lib.$("map-home").addEventListener("click", function () { lib.frame(map, function () { lib.fitGermany(map); }); });
  };
})();
