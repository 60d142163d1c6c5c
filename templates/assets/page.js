/* Map and graph of a single page (Kommune, Maßnahme, Handlungsfeld, Analyse), drawn from the
   page's own JSON (#kts-view) with the shared Leaflet and vis-network files. */
(function () {
  "use strict";

  var lib = window.KTSLib;
  var KTS = (window.KTS = {});
  var view = JSON.parse(lib.$("kts-view").textContent);
  var N = view.nodes, E = view.edges, A = view.arten;
  var focus = new Set(view.focus);

  function nodeColour(i) {
    if (N.colour) return N.colour[i];
    return N.kind[i] === 0 ? lib.COLOURS.mpsc : N.kind[i] === 2 ? lib.COLOURS.abroad : lib.COLOURS.other;
  }

  KTS.attachMap = function (map, tiles) {
    KTS.map = map;
    lib.prepareMap(map, tiles, "map-status");
    var lines = L.featureGroup([], { renderer: L.canvas({ pane: "kts-lines", tolerance: 3 }) }).addTo(map);
    var points = L.featureGroup([], { renderer: L.canvas({ pane: "kts-points", tolerance: 2 }) }).addTo(map);
    var j, i;
    for (j = 0; j < E.from.length; j++) {
      var a = [N.lat[E.from[j]], N.lon[E.from[j]]], b = [N.lat[E.to[j]], N.lon[E.to[j]]];
      var line = L.polyline(A[E.art[j]].directed ? [[a, b], lib.arrowHead(a, b)] : [a, b], {
        renderer: lines.options.renderer, pane: "kts-lines", weight: 2, opacity: 0.75, color: A[E.art[j]].colour
      });
      line.kts = j;
      lines.addLayer(line);
    }
    lines.bindTooltip(function (layer) { return lib.el("span", null, E.title[layer.kts]); }, { sticky: true });
    var bounds = [], most = 1;
    for (i = 0; i < N.partners.length; i++) most = Math.max(most, N.partners[i]);
    for (i = 0; i < N.name.length; i++) {
      var m = L.circleMarker([N.lat[i], N.lon[i]], {
        renderer: points.options.renderer, pane: "kts-points",
        radius: focus.has(i) ? 10 : 3 + 8 * Math.sqrt(N.partners[i] / most),
        color: focus.has(i) ? "#f0a500" : "#ffffff", weight: focus.has(i) ? 3 : 1,
        fillColor: nodeColour(i), fillOpacity: 0.95
      });
      m.kts = i;
      points.addLayer(m);
      bounds.push([N.lat[i], N.lon[i]]);
    }
    points.bindTooltip(function (layer) { return lib.el("span", null, N.name[layer.kts]); }, { direction: "top" });
    points.on("click", function (e) { location.href = N.url[e.layer.kts]; });
    if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 9 });
    else if (bounds.length === 1) map.setView(bounds[0], 8);
    else map.fitBounds(lib.GERMANY);
    lib.fillLegend(lib.artLegend(A), "Art der Verbindung", lib.FLOW_NOTE,
      N.colour ? "Punkte: Farbe des Clusters" : "");
    map.getContainer().dataset.markers = String(N.name.length);
    map.getContainer().dataset.lines = String(E.from.length);
  };

  KTS.start = function () {
    var container = lib.$("graph");
    var options = JSON.parse(lib.$("kts-graph-options").textContent);
    options.nodes.scaling = { label: { enabled: false, drawThreshold: 5, maxVisible: 24 } };
    options.interaction.zoomView = false;
    var hierarchical = !!view.level;
    if (hierarchical) {
      options.layout = { hierarchical: { enabled: true, direction: "LR", sortMethod: "directed", levelSeparation: 260, nodeSpacing: 90 } };
    }
    var most = 1, i, j;
    for (i = 0; i < N.partners.length; i++) most = Math.max(most, N.partners[i]);
    var nodes = [], edges = [];
    for (i = 0; i < N.name.length; i++) {
      var share = Math.sqrt(N.partners[i] / most);
      var node = {
        id: i, label: N.name[i], title: N.name[i] + " – " + lib.fmt(N.partners[i]) + " Partner",
        size: focus.has(i) ? 22 : 6 + 18 * share,
        font: { size: focus.has(i) ? 26 : Math.round(14 + 14 * share) },
        color: { background: nodeColour(i), border: focus.has(i) ? "#f0a500" : "#ffffff" },
        borderWidth: focus.has(i) ? 4 : 1
      };
      if (hierarchical) node.level = view.level[i];
      else { node.x = N.x[i]; node.y = N.y[i]; }
      nodes.push(node);
    }
    var seen = {};
    for (j = 0; j < E.from.length; j++) {
      var key = Math.min(E.from[j], E.to[j]) + ":" + Math.max(E.from[j], E.to[j]);
      var k = (seen[key] = (seen[key] || 0) + 1) - 1;
      edges.push({
        id: j, from: E.from[j], to: E.to[j], title: E.title[j],
        arrows: A[E.art[j]].directed ? { to: { enabled: true, scaleFactor: 0.7 } } : undefined,
        color: { color: A[E.art[j]].colour, opacity: 0.85 }, width: 2,
        smooth: k ? { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.15 * Math.ceil(k / 2) } : undefined
      });
    }
    var network = new vis.Network(container, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, options);
    KTS.network = network;
    network.once("afterDrawing", function () {
      container.dataset.drawn = String(performance.now());
      document.body.dataset.ready = "1";
    });
    network.on("click", function (p) {
      network.setOptions({ interaction: { zoomView: true } });
      if (p.nodes.length && !focus.has(p.nodes[0])) location.href = N.url[p.nodes[0]];
    });
    container.addEventListener("mouseleave", function () { network.setOptions({ interaction: { zoomView: false } }); });
    lib.$("graph-fit").addEventListener("click", function () { network.fit({ animation: false }); });
    if (!N.name.length) document.body.dataset.ready = "1";
  };

  KTS.snapshot = function () {
    return { markers: N.name.length, lines: E.from.length, nodes: N.name.length, edges: E.from.length };
  };
})();
