/* The page's map: called by the Folium map script once the Leaflet map exists. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib;
  var N = KTS.data.nodes, E = KTS.data.edges, A = KTS.data.arten, focus = KTS.focus;

  /**
   * Called by the Folium map script once the Leaflet map exists; draws the map in steps of a
   * task each (framed before its 1,450 paths are on it, so they are projected once: all of it
   * in one task took 78 ms of a Handlungsfeld page at L), then calls KTS.mapDrawn.
   */
  KTS.attachMap = function (map, tiles) {
    KTS.map = map;
    lib.prepareMap(map, tiles, "map-status");
    // A name for the focusable map, and where its content stands as text.
    var box = map.getContainer();
    box.setAttribute("role", "region");
    box.setAttribute("aria-roledescription", lib.t("Karte"));
    box.setAttribute("aria-label", lib.t("Karte der Kommunen und Verbindungen dieser Seite; dieselben Verbindungen stehen als Text in der Liste „Verbindungen“"));
    var lines = L.featureGroup([], { renderer: L.canvas({ pane: "kts-lines", tolerance: 3 }) });
    var points = L.featureGroup([], { renderer: L.canvas({ pane: "kts-points", tolerance: 2 }) });
    // Frame the German Kommunen (and the page's own); partners abroad point from the edge.
    var home = [], abroad = [], i;
    for (i = 0; i < N.name.length; i++) {
      if (N.kind && N.kind[i] === 2 && !focus.has(i)) {
        abroad.push({ lat: N.lat[i], lon: N.lon[i], name: N.name[i], colour: KTS.nodeColour(i) });
      } else {
        home.push([N.lat[i], N.lon[i]]);
      }
    }
    var bounds = home.length ? home : abroad.map(function (a) { return [a.lat, a.lon]; });
    function fit() {
      if (bounds.length > 1) {
        map.fitBounds(bounds, { paddingTopLeft: [24, 24], paddingBottomRight: [24, 24 + lib.footHeight(map)], maxZoom: 9, animate: false });
      }
      else if (bounds.length === 1) map.setView(bounds[0], 8, { animate: false });
      else lib.fitGermany(map, false);
    }
    // Printing gives the map another width: measure and frame it again, and back after.
    window.addEventListener("beforeprint", function () { map.invalidateSize({ animate: false }); fit(); });
    window.addEventListener("afterprint", function () { map.invalidateSize({ animate: false }); fit(); });
    lib.inTurn([
      function () {
        lib.fillLegend(lib.artLegend(A), lib.t("Art der Verbindung"), lib.FLOW_NOTE,
          N.colour ? lib.t("Punkte: Farbe des Clusters") : "");
        lib.frame(map, fit);
      },
      function () { lib.showTiles(map, tiles); },
      function () { addLines(lines); },
      function () { lines.addTo(map); },
      function () { addPoints(points); },
      function () { points.addTo(map); },
      function () {
        lib.overlayCanvas(map, function (ctx) {
          var taken = [];
          lib.drawEdgeMarks(ctx, map, abroad, taken);
          box.dataset.names = String(drawNames(ctx, map, taken));
        })();
        box.dataset.markers = String(N.name.length);
        box.dataset.lines = String(E.from.length);
        if (KTS.mapDrawn) KTS.mapDrawn();
      }
    ]);
  };

  var NAMES = 10; // Kommunen named on a page's map, besides its own

  /**
   * The names of the page's own Kommunen and of the best-connected others in view, beside
   * their points, none over another; returns how many were named.
   */
  function drawNames(ctx, map, taken) {
    var view = map.getBounds().pad(-0.02), mine = [], others = [], most = KTS.mostPartners(), i;
    for (i = 0; i < N.name.length; i++) {
      if (!view.contains([N.lat[i], N.lon[i]])) continue; // those abroad are named at the edge
      (focus.has(i) ? mine : others).push(i);
    }
    others.sort(function (a, b) { return N.partners[b] - N.partners[a] || (N.name[a] < N.name[b] ? -1 : 1); });
    var items = mine.concat(others.slice(0, NAMES)).map(function (k) {
      var p = map.latLngToContainerPoint([N.lat[k], N.lon[k]]);
      return { x: p.x, y: p.y, r: radius(k, most), text: N.name[k], bold: focus.has(k) };
    });
    var before = taken.length;
    return lib.placeLabels(ctx, items, 1, lib.nameBounds(map), taken) - before;
  }

  function radius(i, most) {
    return focus.has(i) ? 10 : 3 + 8 * Math.sqrt(N.partners[i] / most);
  }

  /** The page's connections into the group lines, a line each (directed: with a chevron). */
  function addLines(lines) {
    for (var j = 0; j < E.from.length; j++) {
      var a = [N.lat[E.from[j]], N.lon[E.from[j]]], b = [N.lat[E.to[j]], N.lon[E.to[j]]];
      var line = L.polyline(A[E.art[j]].directed ? [[a, b], lib.arrowHead(a, b)] : [a, b], {
        renderer: lines.options.renderer, pane: "kts-lines", weight: 2, opacity: 0.75, color: A[E.art[j]].colour
      });
      line.kts = j;
      lines.addLayer(line);
    }
    lines.bindTooltip(function (layer) { return lib.el("span", null, E.title[layer.kts]); }, { sticky: true });
  }

  /** The page's Kommunen into the group points, sized by partners; a click opens a Kommune's page. */
  function addPoints(points) {
    var most = KTS.mostPartners();
    for (var i = 0; i < N.name.length; i++) {
      var m = L.circleMarker([N.lat[i], N.lon[i]], {
        renderer: points.options.renderer, pane: "kts-points",
        radius: radius(i, most),
        color: focus.has(i) ? "#b35900" : "#ffffff", weight: focus.has(i) ? 3 : 1,
        fillColor: KTS.nodeColour(i), fillOpacity: 0.95
      });
      m.kts = i;
      points.addLayer(m);
    }
    points.bindTooltip(function (layer) { return lib.el("span", null, N.name[layer.kts]); }, { direction: "top" });
    points.on("click", function (e) { location.href = N.url[e.layer.kts]; });
  }
})();
