/* Filtering: the matching connections and, for every facet, how many connections each of
   its options would give. Writes KTS.view.matching, counts, inSelection, visibleKom. */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data, state = KTS.state, view = KTS.view;
  var indexOf = KTS.indexOf, ids = KTS.ids;

  KTS.computeMatches = function () {
    var D = data.D, K = data.K, V = data.V, nK = data.nK, nV = data.nV;
    var hf = state.hf ? indexOf(ids(D.handlungsfelder), state.hf) : -1;
    var bl = state.bl ? indexOf(D.bundeslaender, state.bl) : -1;
    var bis = state.bis ? indexOf(ids(D.zeitraeume), state.bis) : -1;
    var hits = KTS.searchHits(state.q);
    var kHit = hits.kom, mHit = hits.mas, allWords = hits.all, i;
    // One pass: the matching connections, and for each facet the counts it would have under
    // all the other filters (so every option says how many connections choosing it gives).
    var nA = D.arten.length, nZ = D.zeitraeume.length;
    var counts = {
      art: new Array(nA).fill(0),
      hf: new Array(D.handlungsfelder.length).fill(0),
      bl: new Array(D.bundeslaender.length).fill(0),
      z: new Array(nZ).fill(0),
      zArt: new Array(nZ * nA).fill(0),
      belegt: 0 // documented connections under all the other filters
    };
    // The build ships the connections in list order: newest first, then by names.
    var out = [];
    for (i = 0; i < nV; i++) {
      var a = V.von[i], b = V.nach[i], hfs = V.hf[i];
      var okRest = (!state.mpsc || (K.mpsc[a] && K.mpsc[b])) &&
        (!allWords || ((kHit[a] | kHit[b] | (V.m[i] >= 0 ? mHit[V.m[i]] : 0)) & allWords) === allWords);
      if (!okRest) continue;
      var okArt = state.arten[V.art[i]];
      var okHf = hf < 0 || hfs.indexOf(hf) >= 0;
      var okBl = bl < 0 || K.bl[a] === bl || K.bl[b] === bl;
      var okZ = bis < 0 || V.z[i] <= bis;
      var doc = KTS.isBelegt(i), okDoc = !state.belegt || doc;
      var misses = (okArt ? 0 : 1) + (okHf ? 0 : 1) + (okBl ? 0 : 1) + (okZ ? 0 : 1);
      if (misses === 0 && doc) counts.belegt++;
      if (!okDoc) continue;
      if (misses > 1) continue;
      if (misses === 0) out.push(i);
      if (okHf && okBl && okZ) counts.art[V.art[i]]++;
      if (okArt && okBl && okZ) for (var h = 0; h < hfs.length; h++) counts.hf[hfs[h]]++;
      if (okArt && okHf && okZ) {
        if (K.bl[a] >= 0) counts.bl[K.bl[a]]++;
        if (K.bl[b] >= 0 && K.bl[b] !== K.bl[a]) counts.bl[K.bl[b]]++;
      }
      if (okArt && okHf && okBl) { counts.z[V.z[i]]++; counts.zArt[V.z[i] * nA + V.art[i]]++; }
    }
    for (i = 1; i < nZ; i++) counts.z[i] += counts.z[i - 1];
    var visible = new Uint8Array(nK);
    if (!KTS.filterActive()) {
      visible.fill(1);
    } else {
      for (var j = 0; j < out.length; j++) { visible[V.von[out[j]]] = 1; visible[V.nach[out[j]]] = 1; }
    }
    view.matching = out;
    view.counts = counts;
    view.inSelection = visible.slice(); // what the figures count
    var sel = KTS.selected();
    if (sel >= 0) visible[sel] = 1; // the selected Kommune stays on map and graph
    view.visibleKom = visible;
  };

  /** True when connection i is documented (belegt): its source is not illustrative. */
  KTS.isBelegt = function (i) {
    return !data.D.quellenBeispiel[data.V.q[i]];
  };

  /** How many of the connections that match now are documented. */
  KTS.belegtShown = function () {
    var out = view.matching, n = 0;
    for (var j = 0; j < out.length; j++) if (KTS.isBelegt(out[j])) n++;
    return n;
  };

  /** The connections that match now, as a 0/1 array. */
  KTS.matchingMask = function () {
    var on = new Uint8Array(data.nV), out = view.matching;
    for (var j = 0; j < out.length; j++) on[out[j]] = 1;
    return on;
  };

  // For tests: the facet counts under the current filters.
  KTS.counts = function () {
    var c = view.counts;
    return { art: c.art, hf: c.hf, bl: c.bl, z: c.z, belegt: c.belegt };
  };
})();
