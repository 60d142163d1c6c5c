/* Orchestration: what happens, in which order, when the page starts, the filters change, a
   Kommune is selected or the address changes. The last part of dashboard.js. */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data, state = KTS.state, view = KTS.view, bus = KTS.bus;
  var $ = KTS.lib.$;

  /** Bring everything up to date with the state (not the drawer); matched: the matches are. */
  function refresh(matched) {
    if (!matched) KTS.computeMatches();
    KTS.computeFocus();
    // The map before the page's text: its canvases read the style (fonts), which after the
    // changes below would cost a recalculation of the whole page's style.
    KTS.updateMap();
    KTS.updateFigures();
    KTS.updateFacetCounts();
    // The growth chart stands below the views: drawn after the next paint, not before it.
    KTS.lib.afterPaint(KTS.updateGrowth);
    KTS.updateList();
    KTS.updateGraph();
    KTS.updateFocusControls();
    markReady();
  }

  /** Only the highlight changed (hover, the focus switch, the path): map, graph, list. */
  function refocus(withList) {
    KTS.computeFocus();
    KTS.updateMap();
    KTS.oneGraphDraw(KTS.updateGraph);
    if (withList) {
      view.shown = KTS.PAGE;
      KTS.updateList();
      KTS.updateFocusControls();
    }
  }

  function markReady() {
    if (!document.body.dataset.ready) document.body.dataset.readyAt = String(performance.now());
    document.body.dataset.ready = "1";
  }

  function refit() {
    // While the playback runs, map and graph keep their frame: the network grows in place
    // (framing each step anew zoomed the map every second and hid its layers meanwhile).
    if (KTS.playback && KTS.playback.playing()) return;
    // The graph is framed in the next frame, before it is drawn there: framing measures its
    // canvas, which here would force a layout of the page changed just before.
    requestAnimationFrame(KTS.fitGraph);
    if (KTS.map) KTS.fitMap(false);
  }
  KTS.refit = refit;

  bus.on("filter", function () {
    view.shown = KTS.PAGE;
    var lost = dropLostSelection();
    KTS.writeHash();
    KTS.oneGraphDraw(function () {
      refresh(true);
      refit();
    });
    if (lost) closeLostDetails();
    bus.emit("render", "filter");
  });

  /**
   * A selected Kommune that had connections in the selection and has none under the new
   * filters is deselected (its drawer closes, k= leaves the address). Not while the playback
   * runs (its early steps pass periods without them), nor with "Alle Verbindungen der
   * Kommune", which shows them whatever the filters say. Computes the matches; true if it
   * deselected.
   */
  function dropLostSelection() {
    var i = KTS.selected();
    var had = i >= 0 && data.K.partners[i] > 0 && view.inSelection && view.inSelection[i] === 1;
    KTS.computeMatches();
    if (!had || view.inSelection[i] || state.alle || (KTS.playback && KTS.playback.playing())) return false;
    state.k = "";
    state.weg = "";
    KTS.computeMatches(); // without the selected Kommune on map and graph
    return true;
  }

  function closeLostDetails() {
    var inside = $("details").contains(document.activeElement);
    KTS.showDetails();
    if (inside) $("verbindungen-titel").focus();
  }

  bus.on("select", function (i, from) {
    if (i >= 0 && from !== "details") view.opener = document.activeElement;
    state.k = i >= 0 ? data.K.id[i] : "";
    if (i < 0) { state.alle = false; state.weg = ""; }
    if (state.weg === state.k) state.weg = "";
    view.preview = -1;
    KTS.writeHash(true);
    // Only map and graph depend on the selection (it stays visible there); the list and the
    // figures do not, so the button that was clicked keeps its place and focus.
    KTS.computeMatches();
    KTS.computeFocus();
    KTS.updateMap();
    KTS.oneGraphDraw(KTS.updateGraph);
    view.shown = KTS.PAGE;
    KTS.updateList();
    KTS.updateFocusControls();
    KTS.showDetails(from);
    bus.emit("render", "select");
  });

  // The focus switch or the path target changed.
  bus.on("focus", function () {
    KTS.writeHash();
    refocus(true);
    bus.emit("render", "focus");
  });

  // Hovering a point or a line previews its highlight; i = -1 ends the preview.
  // At most one preview per frame, the latest: a mouse crossing a dense graph passes many.
  var previewNext = null;
  bus.on("preview", function (i) {
    if (previewNext === null && view.preview === i) return;
    if (previewNext === null) {
      requestAnimationFrame(function () {
        var j = previewNext;
        previewNext = null;
        if (view.preview === j) return;
        view.preview = j;
        refocus(false);
      });
    }
    previewNext = i;
  });

  KTS.start = function () {
    KTS.load();
    KTS.setState(KTS.readHash());
    // Filters set while the scripts were on their way count, unless the address says otherwise.
    if (!location.hash.slice(1)) KTS.formToState();
    KTS.stateToForm();
    // What the state gives, before anything can be clicked (the views follow in steps).
    KTS.computeMatches();
    KTS.computeFocus();
    KTS.bindForm();
    KTS.bindList();
    KTS.bindDetails();
    KTS.bindMap();
    KTS.bindGraph();
    KTS.bindFocus();
    KTS.bindKeys();
    KTS.bindPrint();
    KTS.bindExport();
    KTS.bindTabs();
    KTS.bindFullscreen();
    // In tasks of their own, so that a tap is answered between them: the map's legend, frame,
    // tiles and layers, the figures, the map's points, names and lines (in steps), the graph
    // and the facet counts, then the list (a hundred list items cost as much layout as both
    // views).
    KTS.lib.inTurn([
      KTS.updateLegend,
      KTS.frameMap,
      KTS.showTiles,
      KTS.layMap,
      KTS.updateFigures,
      function () {
        // Refitting redraws the map at once; without a filter, points and lines come in steps.
        if (KTS.filterActive()) { KTS.updateMap(); refit(); return []; }
        return KTS.updateMapPoints("steps");
      },
      // The lines' directions and colours, computed once (each as long as drawing them).
      KTS.lineWays,
      KTS.lineLook,
      function () { return KTS.filterActive() ? [] : KTS.updateMapLines("steps"); },
      function () {
        KTS.ensureGraph();
        KTS.updateFacetCounts();
        KTS.updateGrowth();
      },
      function () {
        KTS.updateList();
        KTS.updateGraph();
        KTS.updateFocusControls();
        if (state.k) KTS.showDetails("hash");
        markReady();
        bus.emit("render", "start");
      }
    ]);
    var resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(function () {
        KTS.updateGrowth();
        if (KTS.map) KTS.map.invalidateSize();
        KTS.ensureGraph();
        KTS.fitGraph();
      }, 150);
    });
    window.addEventListener("hashchange", function () {
      KTS.setState(KTS.readHash());
      KTS.stateToForm();
      KTS.oneGraphDraw(function () {
        refresh();
        KTS.showDetails("hash");
        refit();
      });
      bus.emit("render", "hash");
    });
  };

  // For tests and the benchmark: what is shown right now.
  KTS.snapshot = function () {
    var onMap = KTS.mapShown(), inGraph = KTS.graphShown();
    return {
      matching: view.matching.length,
      markers: onMap.markers,
      lines: onMap.lines,
      nodes: inGraph.nodes,
      edges: inGraph.edges
    };
  };
})();
