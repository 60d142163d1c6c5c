/* Map and graph of a single page (Kommune, Maßnahme, Handlungsfeld, Analyse), drawn from the
   page's own JSON (#kts-view) with the shared Leaflet and vis-network files.
   This part adds to the namespace window.KTS (defined in js/common/lib.js) what map.js and
   graph.js read: data, focus, nodeColour, mostPartners, snapshot. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib;
  var view = JSON.parse(lib.$("kts-view").textContent);
  var N = view.nodes, E = view.edges;

  KTS.data = view; // { nodes: {name, lat, lon, partners, kind|colour, url, x, y}, edges, arten, focus, level? }
  KTS.focus = new Set(view.focus); // the page's own Kommunen: drawn larger, with an orange border

  KTS.nodeColour = function (i) {
    if (N.colour) return N.colour[i];
    return N.kind[i] === 0 ? lib.COLOURS.mpsc : N.kind[i] === 2 ? lib.COLOURS.abroad : lib.COLOURS.other;
  };

  /** The largest number of partners of any Kommune on the page (at least 1). */
  KTS.mostPartners = function () {
    var most = 1;
    for (var i = 0; i < N.partners.length; i++) most = Math.max(most, N.partners[i]);
    return most;
  };

  KTS.snapshot = function () {
    return { markers: N.name.length, lines: E.from.length, nodes: N.name.length, edges: E.from.length };
  };
})();

/* Map and graph each start when they come near the screen, with their libraries fetched only
   then (on a phone they stand below the page's text). The page is ready once each is drawn or
   known to wait for the reader. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib;
  var waiting = { map: true, graph: true };

  /** part ("map" or "graph") is drawn, or waits until it is near the screen. */
  KTS.settle = function (part) {
    waiting[part] = false;
    if (!waiting.map && !waiting.graph) document.body.dataset.ready = "1";
  };

  /** Called by start.js, the last script of the page. */
  KTS.start = function () {
    var frame = document.querySelector(".map-frame[data-libs]");
    if (!frame) KTS.settle("map");
    else {
      KTS.loadMap = lib.once(function () {
        // map-page.js (Folium's) creates the map and calls KTS.attachMap (map.js), which draws
        // it in steps and then calls KTS.mapDrawn.
        KTS.mapDrawn = function () {
          KTS.printable(frame);
          KTS.settle("map");
        };
        lib.loadScripts(frame.dataset.libs.split(" "), function () {}, function () {
          lib.setText(lib.$("map-status"), lib.t("Die Karte konnte nicht geladen werden. Die Seite nennt dieselben Verbindungen als Text."));
          KTS.settle("map");
        });
      });
      lib.whenNear(frame, KTS.loadMap, function () { KTS.settle("map"); });
    }
    KTS.startGraph();
    window.addEventListener("beforeprint", function () {
      if (frame && !frame.querySelector(".leaflet-container")) {
        unprinted(frame, lib.t("Die Karte war beim Drucken noch nicht geladen und wird jetzt geladen. Bitte erneut drucken; dieselben Verbindungen stehen als Text auf dieser Seite."),
          KTS.loadMap);
      }
      var graph = lib.$("graph");
      if (graph && KTS.loadGraph && !graph.dataset.drawn) {
        unprinted(graph, lib.t("Der Netzwerkgraph war beim Drucken noch nicht geladen und wird jetzt geladen. Bitte erneut drucken; dieselben Verbindungen stehen als Text auf dieser Seite."),
          KTS.loadGraph);
      }
    });
  };

  /**
   * Printed before it came near the screen (on a phone, map and graph load only then), a view
   * is left off the paper with a note in its place, not printed as an empty box; it loads now.
   */
  function unprinted(box, note, load) {
    if (!box.ktsNote) {
      box.classList.add("unprinted");
      box.ktsNote = lib.el("p", "print-only unprinted-note", note);
      box.parentNode.insertBefore(box.ktsNote, box.nextSibling);
    }
    load();
  }

  /** box is drawn: printed as it is from now on. */
  KTS.printable = function (box) {
    box.classList.remove("unprinted");
    if (box.ktsNote) box.ktsNote.remove();
    box.ktsNote = null;
  };
})();
