/* The figures above the views, the Kommunen with most partners, and the filter options'
   counts. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view;
  var $ = lib.$, el = lib.el, fmt = lib.fmt, setText = lib.setText;
  var indexOf = KTS.indexOf, ids = KTS.ids;

  KTS.updateFigures = function () {
    var D = data.D, K = data.K, V = data.V, nK = data.nK;
    var out = view.matching, vis = view.inSelection;
    var kom = 0, mpsc = 0, i, j;
    for (i = 0; i < nK; i++) if (vis[i]) { kom++; if (K.mpsc[i]) mpsc++; }
    var byArt = D.arten.map(function () { return 0; });
    var abroad = 0, de = indexOf(D.laender.map(function (l) { return l.code; }), "DE");
    var counted = new Uint8Array(data.nPairs), partners = new Uint32Array(nK), mpscPartners = 0;
    for (j = 0; j < out.length; j++) {
      i = out[j];
      var a = V.von[i], b = V.nach[i];
      byArt[V.art[i]]++;
      if (K.land[a] !== de || K.land[b] !== de) abroad++;
      if (!counted[data.pair[i]]) {
        counted[data.pair[i]] = 1;
        partners[a]++; partners[b]++;
        if (K.mpsc[a]) mpscPartners++;
        if (K.mpsc[b]) mpscPartners++;
      }
    }
    setFigure("kommunen", fmt(kom));
    setFigure("mpsc", fmt(mpsc));
    setFigure("verbindungen", fmt(out.length));
    setFigure("belegt", fmt(KTS.belegtShown()));
    D.arten.forEach(function (a, k) { setFigure("art-" + a.id, fmt(byArt[k])); });
    setFigure("international", fmt(abroad));
    setFigure("partners-per-mpsc", fmt(mpsc ? Math.round((mpscPartners / mpsc) * 10) / 10 : 0, 1));
    view.selPartners = partners;
    updateHubs(partners);
  };

  function setFigure(name, text) {
    setText(document.querySelector('[data-figure="' + name + '"]'), text);
  }

  function updateHubs(partners) {
    var K = data.K, top = [], n = data.D.hubs; // as many as the list without script (analyse.HUBS)
    function better(a, b) { return partners[a] > partners[b] || (partners[a] === partners[b] && K.rank[a] < K.rank[b]); }
    // The best n in one pass: sorting 11,000 Kommunen cost more than the rest of the update.
    for (var i = 0; i < data.nK; i++) {
      if (!partners[i] || (top.length === n && !better(i, top[n - 1]))) continue;
      var at = top.length;
      while (at > 0 && better(i, top[at - 1])) at--;
      top.splice(at, 0, i);
      if (top.length > n) top.pop();
    }
    var list = $("hub-list"), frag = document.createDocumentFragment();
    top.forEach(function (k) {
      var li = el("li");
      li.appendChild(KTS.kommuneButton(k));
      li.appendChild(el("span", "n", fmt(partners[k])));
      frag.appendChild(li);
    });
    list.replaceChildren(frag);
    $("hub-empty").hidden = top.length > 0;
  }

  /** Each filter option shows how many connections choosing it would give. */
  KTS.updateFacetCounts = function () {
    var D = data.D, c = view.counts;
    D.arten.forEach(function (a, i) {
      setText(document.querySelector('#filter [data-count="art-' + a.id + '"]'), fmt(c.art[i]));
    });
    setText(document.querySelector('#filter [data-count="belegt"]'), fmt(c.belegt));
    function label(select, list, values, text) {
      var options = $(select).options;
      for (var i = 1; i < options.length; i++) {
        var k = indexOf(list, options[i].value);
        if (k >= 0) setText(options[i], text(k) + " (" + fmt(values[k]) + ")");
      }
    }
    label("f-hf", ids(D.handlungsfelder), c.hf, function (k) { return D.handlungsfelder[k].name; });
    label("f-bl", D.bundeslaender, c.bl, function (k) { return D.bundeslaender[k]; });
    label("f-z", ids(D.zeitraeume), c.z, function (k) { return lib.t("bis %(zeitraum)s", { zeitraum: D.zeitraeume[k].label }); });
  };
})();
