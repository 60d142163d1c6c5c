/* The filter state and the address: defaults, reading and writing the URL hash.
   KTS.state = { arten: [bool per Art], hf, bl, bis: ids or "", mpsc: bool,
                 belegt: only documented connections (bool), q: text,
                 k: id of the selected Kommune or "", farbe: "" (by Art) or "hf",
                 alle: show all of k's connections, not only the filtered ones,
                 weg: id of the Kommune a path from k leads to, or "",
                 tiefe: steps of k's neighbourhood in focus, 1 or 2,
                 groesse: what a graph node's size shows, "partner", "vorbilder" or "betweenness",
                 cluster: the graph shows the clusters as regions (bool) }. */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data, state = KTS.state;
  var indexOf = KTS.indexOf, ids = KTS.ids;
  // What a graph node's size may show (the first by default; graph.js measures them).
  KTS.SIZE_MEASURES = ["partner", "vorbilder", "betweenness"];

  /** A fresh state: no filter, nothing selected (arten is filled once the data are loaded). */
  KTS.defaults = function () {
    return { arten: null, hf: "", bl: "", bis: "", mpsc: false, belegt: false, q: "", k: "", farbe: "", alle: false, weg: "", tiefe: 1, groesse: "partner", cluster: true };
  };

  /** Replace every field of the one state object (which keeps its identity). */
  KTS.setState = function (s) {
    for (var key in KTS.defaults()) state[key] = s[key];
  };
  KTS.setState(KTS.defaults());

  /** The state an address gives (the page's own, or hash: one given, with or without '#'). */
  KTS.readHash = function (hash) {
    var D = data.D;
    var p = new URLSearchParams((hash === undefined ? location.hash : hash).replace(/^#/, ""));
    var s = KTS.defaults();
    var arten = p.get("art");
    s.arten = D.arten.map(function (a) {
      return arten === null ? true : arten.split(",").indexOf(a.id) >= 0;
    });
    s.hf = p.get("hf") || "";
    s.bl = p.get("bl") || "";
    s.bis = p.get("bis") || "";
    s.mpsc = p.get("mpsc") === "1";
    s.belegt = p.get("belegt") === "1";
    s.q = p.get("q") || "";
    s.k = p.get("k") || "";
    s.farbe = p.get("farbe") === "hf" ? "hf" : "";
    if (indexOf(ids(D.handlungsfelder), s.hf) < 0) s.hf = "";
    if (indexOf(D.bundeslaender, s.bl) < 0) s.bl = "";
    if (indexOf(ids(D.zeitraeume), s.bis) < 0) s.bis = "";
    if (indexOf(data.K.id, s.k) < 0) s.k = "";
    s.alle = s.k !== "" && p.get("alle") === "1";
    s.weg = p.get("weg") || "";
    if (!s.k || s.weg === s.k || indexOf(data.K.id, s.weg) < 0) s.weg = "";
    s.tiefe = s.k && p.get("tiefe") === "2" ? 2 : 1;
    s.groesse = KTS.SIZE_MEASURES.indexOf(p.get("groesse")) > 0 ? p.get("groesse") : "partner";
    s.cluster = p.get("cluster") !== "0";
    return s;
  };

  KTS.hashOf = function (s) {
    var D = data.D;
    var p = new URLSearchParams();
    if (s.arten.some(function (on) { return !on; })) {
      p.set("art", D.arten.filter(function (a, i) { return s.arten[i]; }).map(function (a) { return a.id; }).join(","));
    }
    if (s.hf) p.set("hf", s.hf);
    if (s.bl) p.set("bl", s.bl);
    if (s.bis) p.set("bis", s.bis);
    if (s.mpsc) p.set("mpsc", "1");
    if (s.belegt) p.set("belegt", "1");
    if (s.q) p.set("q", s.q);
    if (s.farbe) p.set("farbe", s.farbe);
    if (s.k) p.set("k", s.k);
    if (s.k && s.alle) p.set("alle", "1");
    if (s.k && s.weg) p.set("weg", s.weg);
    if (s.k && s.tiefe === 2) p.set("tiefe", "2");
    if (s.groesse !== "partner") p.set("groesse", s.groesse);
    if (!s.cluster) p.set("cluster", "0");
    return p.toString();
  };

  /** The view in the address; a new history entry per selected Kommune (so Back returns to
   * the previous one), filter changes replace the current entry. */
  KTS.writeHash = function (newEntry) {
    var h = KTS.hashOf(state);
    if (location.hash.replace(/^#/, "") !== h) {
      var url = h ? "#" + h : location.pathname + location.search;
      if (newEntry) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    }
  };

  /** True when any filter narrows the connections (the selection and the colouring do not). */
  KTS.filterActive = function () {
    return KTS.filtersSet() > 0;
  };

  /** How many filters are set (Art, Handlungsfeld, Bundesland, Zeitraum, MPSC, belegt, search). */
  KTS.filtersSet = function () {
    var set = [state.arten.some(function (on) { return !on; }), state.hf, state.bl, state.bis, state.mpsc, state.belegt, state.q];
    return set.filter(Boolean).length;
  };
})();
