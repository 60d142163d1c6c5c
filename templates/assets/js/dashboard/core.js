/* Netzwerk-Dashboard: one filter state drives figures, chart, map, graph and list.
   Data arrive as columnar JSON (data.js, in parts: window.KTS_DATA_PARTS); every text from
   data is set with textContent.

   The parts of dashboard.js share one namespace, window.KTS (defined with KTS.lib in
   js/common/lib.js); this part adds:
     KTS.state  the filter and selection, the one object written to the address (state.js)
     KTS.data   the parsed data and what is derived from it once (load() below)
     KTS.view   what the current filters give (filter.js) and what the views show
     KTS.bus    events between the parts: on(name, fn), off(name, fn), emit(name, ...args),
                only the events of KTS.EVENTS (below, each with its arguments) */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib;

  /**
   * Every event of the bus, with what it carries; the bus refuses any other name, and
   * tests/test_js_events.py checks that each is emitted and listened to somewhere.
   */
  var EVENTS = {
    // The filter state changed (the form, its reset, a step of the playback): filter, redraw
    // everything, refit map and graph. The playback stops on one that is not its own step.
    filter: "no arguments",
    // Show Kommune i in the drawer, or close it; list, map and graph follow the selection.
    select: "(i, from): i the index of the Kommune, or -1 (closes the drawer); from what: map, " +
      "graph, list (list, hubs, ranking), details (a partner in the drawer), keyboard (the " +
      "cursor on map or graph), or nothing (closing the drawer)",
    // The focus switch ("Alle Verbindungen der Kommune") or the path's target (Weg zu)
    // changed in the state: highlight and list anew.
    focus: "no arguments",
    // Hovering a point, a line or a node previews its highlight (at most once per frame).
    preview: "(i): a hovered Kommune i >= 0, a hovered line -2 - j (Verbindung j), or -1 (ends it)",
    // The graph exists (vis-network loaded, KTS.network built): parts that hook into it bind.
    graph: "no arguments",
    // The views are up to date again, for parts that draw on top of them or follow them.
    render: "(reason): what brought it, start (the first time), filter, select, focus, or " +
      "hash (the address changed)"
  };

  /**
   * A small synchronous event bus: on(name, fn), off(name, fn), emit(name, ...args), for the
   * names of events only (else an Error). Handlers run in the order they were added (so in
   * the order of the script's parts); a handler added or removed while an event is emitted
   * takes effect from the next emit.
   */
  function createBus(events) {
    var handlers = {};
    function known(name) {
      if (!Object.prototype.hasOwnProperty.call(events, name)) {
        throw new Error("KTS.bus: no event \"" + name + "\" in KTS.EVENTS (js/dashboard/core.js)");
      }
      return name;
    }
    return {
      on: function (name, fn) {
        (handlers[known(name)] || (handlers[name] = [])).push(fn);
      },
      off: function (name, fn) {
        var list = handlers[known(name)];
        if (list) handlers[name] = list.filter(function (h) { return h !== fn; });
      },
      emit: function (name) {
        var args = Array.prototype.slice.call(arguments, 1);
        var list = (handlers[known(name)] || []).slice();
        for (var i = 0; i < list.length; i++) list[i].apply(null, args);
      }
    };
  }

  Object.assign(KTS, {
    EVENTS: EVENTS,
    bus: createBus(EVENTS),
    // Filter and selection; state.js fills it (KTS.defaults) and keeps its identity (parts may hold it).
    state: {},
    // D: the data (KTS.load); K, V, M: its columns of Kommunen, Verbindungen, Maßnahmen.
    data: {
      D: null, K: null, V: null, M: null, nK: 0, nV: 0,
      titelDe: null, // the Maßnahmen's German titles, on a page in another language
      pair: null, // per Verbindung: a number for its pair of Kommunen (either way), 0 to nPairs - 1
      nPairs: 0,
      mostPartners: 1 // the most partners of any Kommune (sizes of points and nodes)
    },
    view: {
      shown: 0, // list items shown (a multiple of PAGE)
      matching: [], // Verbindungen that pass all filters, in list order
      counts: null, // facet counts: art, hf, bl, z (cumulative), zArt
      inSelection: null, // Uint8Array per Kommune: in a matching Verbindung (what figures count)
      visibleKom: null, // inSelection plus the selected Kommune: drawn on map and graph
      selPartners: null, // Uint32Array per Kommune: partners within the matching Verbindungen
      opener: null, // the element focused when the drawer opened (gets focus back)
      graphAll: false, // the reader asked the graph for everything, not the best-connected part
      // The highlighted part (focus.js): null, or {k, kom, edges (0/1 per Kommune and per
      // Verbindung), path: null | {found, nodes, edges}}; preview: a hovered Kommune (i), a hovered line (-2 - j), or -1.
      focus: null,
      preview: -1
    },
    PAGE: 100 // list items per "Weitere anzeigen"
  });
  KTS.view.shown = KTS.PAGE;

  /** Position of value in list, or -1. */
  KTS.indexOf = function (list, value) {
    for (var i = 0; i < list.length; i++) if (list[i] === value) return i;
    return -1;
  };
  KTS.ids = function (list) {
    return list.map(function (x) { return x.id; });
  };

  /** Index of the selected Kommune, or -1. */
  KTS.selected = function () {
    return KTS.state.k ? KTS.indexOf(KTS.data.K.id, KTS.state.k) : -1;
  };

  var keys = null;

  /** Search keys of Kommune names (kom) and Maßnahme titles (mas), made when first searched. */
  KTS.searchKeys = function () {
    var data = KTS.data;
    if (!keys) {
      keys = { kom: data.K.name.map(lib.searchKey), mas: data.M.titel.map(lib.searchKey) };
    }
    return keys;
  };

  /**
   * Take in the data once: the parts of data.js (window.KTS_DATA_PARTS), each with whole keys
   * or some of a table's columns.
   */
  KTS.load = function () {
    var data = KTS.data;
    if (data.D) return;
    var D = (data.D = {});
    // The page's language's words (vocab-<lang>.js) replace the German ones last.
    var own = window.KTS_VOCAB ? [window.KTS_VOCAB] : [];
    window.KTS_DATA_PARTS.concat(own).forEach(function (part) {
      // The German titles of the Maßnahmen: those without a title of their own in the page's
      // language stay German and say so (KTS.titleInGerman).
      if (part === own[0] && D.massnahmen) data.titelDe = D.massnahmen.titel;
      Object.keys(part).forEach(function (key) {
        // A table's columns join those of other parts; whole keys (lists, texts) replace.
        var table = D[key] && typeof D[key] === "object" && !Array.isArray(D[key]);
        D[key] = table ? Object.assign(D[key], part[key]) : part[key];
      });
    });
    var K = (data.K = D.kommunen), V = (data.V = D.verbindungen);
    data.M = D.massnahmen;
    var nK = (data.nK = K.id.length);
    data.nV = V.von.length;
    KTS.state.arten = D.arten.map(function () { return true; });
    data.pair = V.pair; // numbered by the build
    data.nPairs = D.pairs;
    for (var i = 0; i < nK; i++) data.mostPartners = Math.max(data.mostPartners, K.partners[i]);
  };

  var curves = null;

  /**
   * Per Verbindung how many earlier ones join the same pair: parallel connections get
   * different curvature in the graph. Counted when the graph first needs it.
   */
  KTS.curve = function (i) {
    if (!curves) {
      var pair = KTS.data.pair, earlier = new Int32Array(KTS.data.nPairs);
      curves = new Int32Array(pair.length);
      for (var j = 0; j < pair.length; j++) curves[j] = earlier[pair[j]]++;
    }
    return curves[i];
  };
})();
