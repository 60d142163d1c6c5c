/* The "Vorbilder" ranking: the Kommunen of the selection most often taken as a model (the end
   an Art's knowledge comes from, its source: the nach side of a Vorbild, the von side of an
   Übertragung), and the entry card's link to it.
   Follows the filters through the bus; the build renders the unfiltered ranking. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view;
  var $ = lib.$, el = lib.el, fmt = lib.fmt;

  KTS.VORBILDER = 10; // Kommunen in the ranking (generator/analyse.py, VORBILDER)

  /** Per Kommune: how often the matching connections take it as a model. */
  KTS.vorbildCounts = function () {
    var V = data.V, out = view.matching, counts = new Uint32Array(data.nK);
    // Per Art the column of its model end, the one its knowledge comes from (none if undirected).
    var model = data.D.arten.map(function (art) {
      return art.source === "nach" ? V.nach : art.source === "von" ? V.von : null;
    });
    for (var j = 0; j < out.length; j++) {
      var i = out[j], end = model[V.art[i]];
      if (end) counts[end[i]]++;
    }
    return counts;
  };

  /** The top KTS.VORBILDER by count, ties by name (K.rank). */
  KTS.vorbildRanking = function () {
    var K = data.K, counts = KTS.vorbildCounts(), top = [];
    for (var i = 0; i < data.nK; i++) if (counts[i]) top.push(i);
    top.sort(function (a, b) { return counts[b] - counts[a] || K.rank[a] - K.rank[b]; });
    return top.slice(0, KTS.VORBILDER).map(function (k) { return { k: k, n: counts[k] }; });
  };

  KTS.updateVorbilder = function () {
    var list = $("vorbild-list");
    if (!list) return;
    var frag = document.createDocumentFragment(), top = KTS.vorbildRanking();
    top.forEach(function (x) {
      var li = el("li");
      li.appendChild(KTS.kommuneButton(x.k));
      li.appendChild(el("span", "n", fmt(x.n)));
      frag.appendChild(li);
    });
    list.replaceChildren(frag);
    $("vorbild-empty").hidden = top.length > 0;
  };

  KTS.reducedMotion = function () {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  };

  /** Links with data-jump (the entry card's "Rangliste der Vorbilder") scroll to their section
   * and focus its heading instead of changing the address: the hash holds the filter state, a
   * plain #vorbilder would reset it. Without script they stay ordinary anchors. */
  KTS.bindVorbilder = function () {
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[data-jump]");
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
      var heading = $(a.dataset.jump);
      if (!heading) return;
      e.preventDefault();
      var section = heading.closest("section") || heading;
      section.scrollIntoView({ behavior: KTS.reducedMotion() ? "auto" : "smooth", block: "start" });
      heading.focus({ preventScroll: true });
    });
  };

  KTS.bus.on("render", function (reason) {
    if (reason === "start") KTS.bindVorbilder();
    // A selection changes no ranking; redrawing would take the focus from the clicked button.
    if (reason !== "select") KTS.updateVorbilder();
  });
})();
