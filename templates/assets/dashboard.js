/* Netzwerk-Dashboard: one filter state drives figures, map, graph and list.
   Data arrive as columnar JSON (#kts-data); every text from data is set with textContent. */
(function () {
  "use strict";

  var KTS = (window.KTS = {});
  var D = null; // the parsed data
  var K, V, M; // columns of Kommunen, Verbindungen, Maßnahmen
  var nK = 0, nV = 0;
  var PAGE = 200;
  var GERMANY = [[47.27, 5.87], [55.06, 15.04]];
  var COLOUR_MPSC = "#1d3f8f", COLOUR_OTHER = "#8795a1", COLOUR_ABROAD = "#b07b12";

  var state = defaults();
  var derived = { keyKom: [], keyKomPlain: [], keyMas: [], keyMasPlain: [], order: [], curve: [] };
  var view = { shown: PAGE, matching: [], visibleKom: null };

  var map = null, tiles = null, lineLayer = null, pointLayer = null, markers = [], lines = [];
  var network = null, nodes = null, edges = null;
  // What the graph and the map show now; updates send only what changed.
  var graphNodeOn = null, graphEdgeOn = null, mapPointOn = null, mapLineOn = null;
  var tileFailed = false;

  function defaults() {
    return { arten: null, hf: "", bl: "", bis: "", mpsc: false, q: "", k: "", farbe: "" };
  }

  // ---- text helpers ------------------------------------------------------
  function fold(s) {
    return s.toLowerCase().replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function foldUmlaut(s) {
    return fold(s.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue"));
  }
  function fmt(n, digits) {
    return n.toLocaleString("de-DE", { minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0 });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function safeUrl(u) {
    return /^https?:\/\//i.test(u || "") ? u : "";
  }
  function $(id) {
    return document.getElementById(id);
  }

  // ---- data ----------------------------------------------------------------
  function load() {
    if (D) return;
    D = JSON.parse($("kts-data").textContent);
    K = D.kommunen; V = D.verbindungen; M = D.massnahmen;
    nK = K.id.length; nV = V.von.length;
    state.arten = D.arten.map(function () { return true; });
    var i;
    for (i = 0; i < nK; i++) {
      derived.keyKom.push(foldUmlaut(K.name[i]));
      derived.keyKomPlain.push(fold(K.name[i]));
    }
    for (i = 0; i < M.id.length; i++) {
      derived.keyMas.push(foldUmlaut(M.titel[i]));
      derived.keyMasPlain.push(fold(M.titel[i]));
    }
    // Newest first, then by names: the order of the result list.
    var order = [];
    for (i = 0; i < nV; i++) order.push(i);
    order.sort(function (a, b) {
      return V.z[b] - V.z[a] || K.name[V.von[a]].localeCompare(K.name[V.von[b]], "de") ||
        K.name[V.nach[a]].localeCompare(K.name[V.nach[b]], "de") || a - b;
    });
    derived.order = order;
    // Parallel connections between the same pair get different curvature in the graph.
    var seen = {};
    for (i = 0; i < nV; i++) {
      var a = Math.min(V.von[i], V.nach[i]), b = Math.max(V.von[i], V.nach[i]);
      var key = a + ":" + b;
      seen[key] = (seen[key] || 0) + 1;
      derived.curve.push(seen[key] - 1);
    }
  }

  function indexOf(list, value) {
    for (var i = 0; i < list.length; i++) if (list[i] === value) return i;
    return -1;
  }

  // ---- filter state <-> URL hash ------------------------------------------
  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var s = defaults();
    var arten = p.get("art");
    s.arten = D.arten.map(function (a) {
      return arten === null ? true : arten.split(",").indexOf(a.id) >= 0;
    });
    s.hf = p.get("hf") || "";
    s.bl = p.get("bl") || "";
    s.bis = p.get("bis") || "";
    s.mpsc = p.get("mpsc") === "1";
    s.q = p.get("q") || "";
    s.k = p.get("k") || "";
    s.farbe = p.get("farbe") === "hf" ? "hf" : "";
    if (indexOf(D.handlungsfelder.map(function (h) { return h.id; }), s.hf) < 0) s.hf = "";
    if (indexOf(D.bundeslaender, s.bl) < 0) s.bl = "";
    if (indexOf(D.zeitraeume.map(function (z) { return z.id; }), s.bis) < 0) s.bis = "";
    if (indexOf(K.id, s.k) < 0) s.k = "";
    return s;
  }

  function hashOf(s) {
    var p = new URLSearchParams();
    if (s.arten.some(function (on) { return !on; })) {
      p.set("art", D.arten.filter(function (a, i) { return s.arten[i]; }).map(function (a) { return a.id; }).join(","));
    }
    if (s.hf) p.set("hf", s.hf);
    if (s.bl) p.set("bl", s.bl);
    if (s.bis) p.set("bis", s.bis);
    if (s.mpsc) p.set("mpsc", "1");
    if (s.q) p.set("q", s.q);
    if (s.farbe) p.set("farbe", s.farbe);
    if (s.k) p.set("k", s.k);
    return p.toString();
  }

  function writeHash() {
    var h = hashOf(state);
    if (location.hash.replace(/^#/, "") !== h) {
      history.replaceState(null, "", h ? "#" + h : location.pathname + location.search);
    }
  }

  function formToState() {
    var form = $("filter");
    state.arten = D.arten.map(function (a) {
      return form.querySelector('input[name="art"][value="' + a.id + '"]').checked;
    });
    state.hf = $("f-hf").value;
    state.bl = $("f-bl").value;
    state.bis = $("f-z").value;
    state.mpsc = $("f-mpsc").checked;
    state.q = $("f-q").value.trim();
    state.farbe = $("f-farbe").value;
  }

  function stateToForm() {
    var form = $("filter");
    D.arten.forEach(function (a, i) {
      form.querySelector('input[name="art"][value="' + a.id + '"]').checked = state.arten[i];
    });
    $("f-hf").value = state.hf;
    $("f-bl").value = state.bl;
    $("f-z").value = state.bis;
    $("f-mpsc").checked = state.mpsc;
    $("f-q").value = state.q;
    $("f-farbe").value = state.farbe;
  }

  function filterActive() {
    return state.arten.some(function (on) { return !on; }) || state.hf || state.bl || state.bis ||
      state.mpsc || state.q;
  }

  // ---- filtering -----------------------------------------------------------
  function computeMatches() {
    var hf = state.hf ? indexOf(D.handlungsfelder.map(function (h) { return h.id; }), state.hf) : -1;
    var bl = state.bl ? indexOf(D.bundeslaender, state.bl) : -1;
    var bis = state.bis ? indexOf(D.zeitraeume.map(function (z) { return z.id; }), state.bis) : -1;
    var qa = state.q ? foldUmlaut(state.q) : "", qb = state.q ? fold(state.q) : "";
    var kHit = null, mHit = null, i;
    if (qa) {
      kHit = new Uint8Array(nK);
      for (i = 0; i < nK; i++) {
        kHit[i] = derived.keyKom[i].indexOf(qa) >= 0 || derived.keyKomPlain[i].indexOf(qb) >= 0 ? 1 : 0;
      }
      mHit = new Uint8Array(M.id.length);
      for (i = 0; i < M.id.length; i++) {
        mHit[i] = derived.keyMas[i].indexOf(qa) >= 0 || derived.keyMasPlain[i].indexOf(qb) >= 0 ? 1 : 0;
      }
    }
    // One pass: the matching connections, and for each facet the counts it would have under
    // all the other filters (so every option says how many connections choosing it gives).
    var counts = {
      art: new Array(D.arten.length).fill(0),
      hf: new Array(D.handlungsfelder.length).fill(0),
      bl: new Array(D.bundeslaender.length).fill(0),
      z: new Array(D.zeitraeume.length).fill(0)
    };
    var out = [];
    var order = derived.order;
    for (var j = 0; j < order.length; j++) {
      i = order[j];
      var a = V.von[i], b = V.nach[i], hfs = V.hf[i];
      var okArt = state.arten[V.art[i]];
      var okHf = hf < 0 || hfs.indexOf(hf) >= 0;
      var okBl = bl < 0 || K.bl[a] === bl || K.bl[b] === bl;
      var okZ = bis < 0 || V.z[i] <= bis;
      var okRest = (!state.mpsc || (K.mpsc[a] && K.mpsc[b])) &&
        (!kHit || kHit[a] || kHit[b] || (V.m[i] >= 0 && mHit[V.m[i]]));
      if (!okRest) continue;
      var misses = (okArt ? 0 : 1) + (okHf ? 0 : 1) + (okBl ? 0 : 1) + (okZ ? 0 : 1);
      if (misses > 1) continue;
      if (misses === 0) out.push(i);
      if (okHf && okBl && okZ) counts.art[V.art[i]]++;
      if (okArt && okBl && okZ) for (var h = 0; h < hfs.length; h++) counts.hf[hfs[h]]++;
      if (okArt && okHf && okZ) {
        if (K.bl[a] >= 0) counts.bl[K.bl[a]]++;
        if (K.bl[b] >= 0 && K.bl[b] !== K.bl[a]) counts.bl[K.bl[b]]++;
      }
      if (okArt && okHf && okBl) counts.z[V.z[i]]++;
    }
    for (i = 1; i < counts.z.length; i++) counts.z[i] += counts.z[i - 1];
    view.counts = counts;
    var visible = new Uint8Array(nK);
    if (!filterActive()) {
      visible.fill(1);
    } else {
      for (j = 0; j < out.length; j++) { visible[V.von[out[j]]] = 1; visible[V.nach[out[j]]] = 1; }
    }
    var sel = state.k ? indexOf(K.id, state.k) : -1;
    if (sel >= 0) visible[sel] = 1;
    view.matching = out;
    view.visibleKom = visible;
  }

  // ---- figures ---------------------------------------------------------------
  function updateFigures() {
    var out = view.matching, vis = view.visibleKom;
    var kom = 0, mpsc = 0, i;
    for (i = 0; i < nK; i++) if (vis[i]) { kom++; if (K.mpsc[i]) mpsc++; }
    var byArt = D.arten.map(function () { return 0; });
    var abroad = 0, de = indexOf(D.laender.map(function (l) { return l.code; }), "DE");
    var pairs = new Set(), partnerSum = 0;
    for (var j = 0; j < out.length; j++) {
      i = out[j];
      var a = V.von[i], b = V.nach[i];
      byArt[V.art[i]]++;
      if (K.land[a] !== de || K.land[b] !== de) abroad++;
      if (K.mpsc[a] && !pairs.has(a * nK + b)) { pairs.add(a * nK + b); partnerSum++; }
      if (K.mpsc[b] && !pairs.has(b * nK + a)) { pairs.add(b * nK + a); partnerSum++; }
    }
    setFigure("kommunen", fmt(kom));
    setFigure("mpsc", fmt(mpsc));
    setFigure("verbindungen", fmt(out.length));
    D.arten.forEach(function (a, k) { setFigure("art-" + a.id, fmt(byArt[k])); });
    setFigure("international", fmt(abroad));
    setFigure("partners-per-mpsc", fmt(mpsc ? Math.round((partnerSum / mpsc) * 10) / 10 : 0, 1));
  }

  function setFigure(name, text) {
    setText(document.querySelector('[data-figure="' + name + '"]'), text);
  }

  /** Each filter option shows how many connections choosing it would give. */
  function updateFacetCounts() {
    var c = view.counts;
    D.arten.forEach(function (a, i) {
      setText(document.querySelector('#filter [data-count="art-' + a.id + '"]'), fmt(c.art[i]));
    });
    function label(select, list, values, text) {
      var options = $(select).options;
      for (var i = 1; i < options.length; i++) {
        var k = indexOf(list, options[i].value);
        if (k >= 0) setText(options[i], text(k) + " (" + fmt(values[k]) + ")");
      }
    }
    label("f-hf", D.handlungsfelder.map(function (h) { return h.id; }), c.hf, function (k) {
      return D.handlungsfelder[k].name;
    });
    label("f-bl", D.bundeslaender, c.bl, function (k) { return D.bundeslaender[k]; });
    label("f-z", D.zeitraeume.map(function (z) { return z.id; }), c.z, function (k) {
      return "bis " + D.zeitraeume[k].label;
    });
  }

  function setText(node, text) {
    if (node && node.textContent !== text) node.textContent = text;
  }

  // ---- result list -----------------------------------------------------------
  function kommuneButton(i) {
    var b = el("button", "k", K.name[i]);
    b.type = "button";
    b.dataset.k = K.id[i];
    return b;
  }

  function connectionItem(i) {
    var li = el("li");
    var art = D.arten[V.art[i]];
    var head = el("span", "pair");
    head.appendChild(kommuneButton(V.von[i]));
    head.appendChild(document.createTextNode(art.directed ? " → " : " – "));
    head.appendChild(kommuneButton(V.nach[i]));
    li.appendChild(head);
    var meta = el("span", "meta");
    var badge = el("span", "art art-" + art.id, art.label);
    meta.appendChild(badge);
    var parts = [V.hf[i].map(function (h) { return D.handlungsfelder[h].name; }).join(", ")];
    if (V.m[i] >= 0) parts.push("Maßnahme: " + M.titel[V.m[i]]);
    parts.push(D.zeitraeume[V.z[i]].label);
    meta.appendChild(document.createTextNode(" · " + parts.join(" · ")));
    li.appendChild(meta);
    var text = V.text[i];
    var quelle = D.quellen[V.q[i]];
    var src = el("span", "source");
    if (text) src.appendChild(el("span", "desc", text + " "));
    if (/^Beispiel/.test(quelle)) src.appendChild(el("span", "badge", "Beispiel"));
    src.appendChild(document.createTextNode(" Quelle: " + quelle));
    li.appendChild(src);
    return li;
  }

  function updateList() {
    var list = $("result-list"), out = view.matching;
    var shown = Math.min(view.shown, out.length);
    var frag = document.createDocumentFragment();
    for (var j = 0; j < shown; j++) frag.appendChild(connectionItem(out[j]));
    list.replaceChildren(frag);
    var count = out.length === nV ? fmt(nV) + " Verbindungen" : fmt(out.length) + " von " + fmt(nV) + " Verbindungen";
    if (out.length === 0) count = "Keine Verbindung passt zu den Filtern.";
    else if (shown < out.length) count += " (die ersten " + fmt(shown) + " angezeigt)";
    $("result-count").textContent = count;
    var more = $("result-more");
    more.hidden = shown >= out.length;
    more.textContent = "Weitere " + fmt(Math.min(PAGE, out.length - shown)) + " anzeigen";
  }

  // ---- map -------------------------------------------------------------------
  function markerFor(i) {
    if (markers[i]) return markers[i];
    var mp = K.mpsc[i], abroad = K.bl[i] < 0;
    var m = L.circleMarker([K.lat[i], K.lon[i]], {
      renderer: pointLayer.options.renderer,
      pane: "kts-points",
      radius: 3 + Math.sqrt(K.partners[i]) * 1.4,
      color: "#ffffff",
      weight: 1,
      fillColor: mp ? COLOUR_MPSC : abroad ? COLOUR_ABROAD : COLOUR_OTHER,
      fillOpacity: 0.95
    });
    m.kts = i;
    markers[i] = m;
    return m;
  }

  function arrowHead(a, b) {
    // A chevron at 55 % of the way, sized by the line, in a locally undistorted plane.
    var k = Math.cos(((a[0] + b[0]) / 2) * Math.PI / 180);
    var dx = (b[1] - a[1]) * k, dy = b[0] - a[0];
    var len = Math.sqrt(dx * dx + dy * dy) || 1;
    var size = Math.min(len * 0.12, 0.6);
    var ux = dx / len, uy = dy / len;
    var tip = [a[0] + dy * 0.55, (a[1] * k + dx * 0.55) / k];
    function back(angle) {
      var c = Math.cos(angle), s = Math.sin(angle);
      var rx = -(ux * c - uy * s) * size, ry = -(ux * s + uy * c) * size;
      return [tip[0] + ry, (tip[1] * k + rx) / k];
    }
    return [back(0.45), tip, back(-0.45)];
  }

  function lineFor(i) {
    if (lines[i]) return lines[i];
    var a = V.von[i], b = V.nach[i];
    var art = D.arten[V.art[i]];
    var pa = [K.lat[a], K.lon[a]], pb = [K.lat[b], K.lon[b]];
    var latlngs = art.directed ? [[pa, pb], arrowHead(pa, pb)] : [pa, pb];
    var line = L.polyline(latlngs, {
      renderer: lineLayer.options.renderer,
      pane: "kts-lines",
      weight: 1.6,
      opacity: 0.6,
      color: edgeColour(i)
    });
    line.kts = i;
    lines[i] = line;
    return line;
  }

  function connectionText(i) {
    var art = D.arten[V.art[i]];
    var t = K.name[V.von[i]] + (art.directed ? " → " : " – ") + K.name[V.nach[i]] + " (" + art.label + ")";
    t += ": " + V.hf[i].map(function (h) { return D.handlungsfelder[h].name; }).join(", ");
    if (V.m[i] >= 0) t += "; Maßnahme: " + M.titel[V.m[i]];
    return t + "; " + D.zeitraeume[V.z[i]].label;
  }

  function edgeColour(i) {
    return state.farbe === "hf" ? D.handlungsfelder[V.hf[i][0]].colour : D.arten[V.art[i]].colour;
  }

  KTS.attachMap = function (leafletMap, tileLayer) {
    load();
    map = leafletMap;
    tiles = tileLayer;
    map.createPane("kts-outline").style.zIndex = 150; // below the tiles: visible only without them
    map.createPane("kts-lines").style.zIndex = 410;
    map.createPane("kts-points").style.zIndex = 420;
    if (window.KTS_OUTLINE) {
      L.geoJSON(window.KTS_OUTLINE, {
        pane: "kts-outline",
        interactive: false,
        renderer: L.canvas({ pane: "kts-outline" }),
        style: function (f) {
          return { color: "#9aa7b3", weight: 1, fillColor: f.properties.de ? "#f4f1e8" : "#e9ecef", fillOpacity: 1 };
        }
      }).addTo(map);
    }
    // One tooltip and one click handler per group, not per layer: cheap to create and to swap.
    lineLayer = L.featureGroup([], { renderer: L.canvas({ pane: "kts-lines", tolerance: 3 }) }).addTo(map);
    lineLayer.bindTooltip(function (layer) { return el("span", null, connectionText(layer.kts)); }, { sticky: true });
    pointLayer = L.featureGroup([], { renderer: L.canvas({ pane: "kts-points", tolerance: 2 }) }).addTo(map);
    pointLayer.bindTooltip(function (layer) { return el("span", null, K.name[layer.kts]); }, { direction: "top" });
    pointLayer.on("click", function (e) { select(e.layer.kts, "map"); });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.fitBounds(GERMANY);
    tiles.on("tileerror", function () {
      if (tileFailed) return;
      tileFailed = true;
      $("map-status").textContent = "Kartenhintergrund nicht erreichbar (offline?): Es werden Landesumrisse gezeigt.";
    });
  };

  function updateMap() {
    if (!map) return;
    var on = matchingMask(), vis = view.visibleKom, i;
    if (!mapLineOn) { mapLineOn = new Uint8Array(nV); mapPointOn = new Uint8Array(nK); }
    for (i = 0; i < nV; i++) {
      if (on[i] && !mapLineOn[i]) lineLayer.addLayer(lineFor(i));
      else if (!on[i] && mapLineOn[i]) lineLayer.removeLayer(lines[i]);
    }
    for (i = 0; i < nK; i++) {
      if (vis[i] && !mapPointOn[i]) pointLayer.addLayer(markerFor(i));
      else if (!vis[i] && mapPointOn[i]) pointLayer.removeLayer(markers[i]);
    }
    mapLineOn = on;
    mapPointOn = vis.slice();
  }

  function fitMap() {
    var vis = view.visibleKom, pts = [];
    for (var i = 0; i < nK; i++) if (vis[i]) pts.push([K.lat[i], K.lon[i]]);
    if (pts.length) map.fitBounds(pts, { padding: [20, 20], maxZoom: 9 });
  }

  // ---- graph -------------------------------------------------------------------
  function buildGraph() {
    var container = $("graph");
    var options = JSON.parse($("kts-graph-options").textContent);
    // Sizes are fixed here rather than by vis-network's value scaling, which would re-measure
    // every label whenever the visible range of values changes.
    options.nodes.scaling = { label: { enabled: false, drawThreshold: 6, maxVisible: 26 } };
    var ns = [], es = [], i, most = 1;
    for (i = 0; i < nK; i++) most = Math.max(most, K.partners[i]);
    for (i = 0; i < nK; i++) {
      var share = Math.sqrt(K.partners[i] / most);
      ns.push({
        id: i,
        label: K.name[i],
        x: K.x[i],
        y: K.y[i],
        size: 5 + 24 * share,
        font: { size: Math.round(13 + 27 * share) },
        title: K.name[i] + " – " + fmt(K.partners[i]) + " Partner",
        color: { background: K.mpsc[i] ? COLOUR_MPSC : K.bl[i] < 0 ? COLOUR_ABROAD : COLOUR_OTHER, border: "#ffffff" },
        borderWidth: 1,
        hidden: !view.visibleKom[i]
      });
    }
    graphNodeOn = view.visibleKom.slice();
    graphEdgeOn = new Uint8Array(nV);
    view.matching.forEach(function (j) { graphEdgeOn[j] = 1; });
    for (i = 0; i < nV; i++) {
      var e = edgeOf(i);
      e.hidden = !graphEdgeOn[i];
      es.push(e);
    }
    nodes = new vis.DataSet(ns);
    edges = new vis.DataSet(es);
    network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    KTS.network = network;
    KTS.map = map;
    network.once("afterDrawing", function () { container.dataset.drawn = String(performance.now()); });
    network.on("click", function (p) { if (p.nodes.length) select(p.nodes[0], "graph"); });
  }

  function edgeOf(i) {
    var art = D.arten[V.art[i]];
    var k = derived.curve[i];
    return {
      id: i,
      from: V.von[i],
      to: V.nach[i],
      arrows: art.directed ? { to: { enabled: true, scaleFactor: 0.6 } } : undefined,
      color: { color: edgeColour(i), opacity: 0.8 },
      // Straight lines draw fast; only parallel connections of one pair are bent apart.
      smooth: k ? { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.12 * Math.ceil(k / 2) } : false,
      title: connectionText(i)
    };
  }

  /** The connections that match now, as a 0/1 array. */
  function matchingMask() {
    var on = new Uint8Array(nV), out = view.matching;
    for (var j = 0; j < out.length; j++) on[out[j]] = 1;
    return on;
  }

  var lastFarbe = "";
  function updateGraph() {
    if (!network) return;
    var on = matchingMask(), vis = view.visibleKom, i, changed = false;
    // DataSet.update re-parses every option of every touched item (about 0.2 ms each); for a
    // visibility change it is enough to flip the flag and let vis-network rebuild its indices.
    var body = network.body;
    for (i = 0; i < nK; i++) {
      if (graphNodeOn[i] !== vis[i]) { body.nodes[i].options.hidden = !vis[i]; changed = true; }
    }
    for (i = 0; i < nV; i++) {
      if (graphEdgeOn[i] !== on[i]) { body.edges[i].options.hidden = !on[i]; changed = true; }
    }
    graphNodeOn = vis.slice();
    graphEdgeOn = on;
    if (state.farbe !== lastFarbe) {
      lastFarbe = state.farbe;
      var upd = [];
      for (i = 0; i < nV; i++) upd.push({ id: i, hidden: !on[i], color: { color: edgeColour(i), opacity: 0.8 } });
      edges.update(upd);
      lines.forEach(function (line, j) { if (line) line.setStyle({ color: edgeColour(j) }); });
    } else if (changed) {
      body.emitter.emit("_dataChanged");
    }
    $("graph").dataset.edges = String(view.matching.length);
    $("graph").dataset.nodes = String(count(vis));
  }

  function count(mask) {
    var n = 0;
    for (var i = 0; i < mask.length; i++) n += mask[i];
    return n;
  }

  // ---- details ----------------------------------------------------------------
  function select(i, from) {
    state.k = i >= 0 ? K.id[i] : "";
    writeHash();
    if (i >= 0 && view.visibleKom && !view.visibleKom[i]) refresh();
    showDetails(from);
  }

  function showDetails(from) {
    var panel = $("details"), body = $("details-body");
    var i = state.k ? indexOf(K.id, state.k) : -1;
    if (i < 0) {
      panel.hidden = true;
      if (network) network.unselectAll();
      return;
    }
    $("details-titel").textContent = K.name[i];
    var facts = el("p", "facts");
    var region = K.bl[i] >= 0 ? D.bundeslaender[K.bl[i]] : D.laender[K.land[i]].name;
    var bits = [D.typen[K.typ[i]], region];
    bits.push(K.mpsc[i] ? "Modellprojekt Smart Cities, Staffel " + K.staffel[i] : "kein Modellprojekt");
    bits.push(fmt(K.partners[i]) + " Partner");
    facts.textContent = bits.join(" · ");
    var frag = document.createDocumentFragment();
    frag.appendChild(facts);
    if (K.text[i]) frag.appendChild(el("p", "about", K.text[i]));
    var web = safeUrl(K.web[i]);
    if (web) {
      var p = el("p"), a = el("a", null, "Website der Kommune");
      a.href = web; a.rel = "noopener"; a.target = "_blank";
      p.appendChild(a);
      frag.appendChild(p);
    }
    // Partners grouped by Art, with direction where the Art has one.
    var groups = D.arten.map(function () { return []; });
    var masSet = new Set();
    for (var j = 0; j < nV; j++) {
      var a2 = V.von[j], b2 = V.nach[j];
      if (a2 !== i && b2 !== i) continue;
      var other = a2 === i ? b2 : a2;
      var dir = D.arten[V.art[j]].directed ? (a2 === i ? "out" : "in") : "";
      var g = groups[V.art[j]];
      if (!g.some(function (x) { return x.k === other && x.dir === dir; })) g.push({ k: other, dir: dir });
      if (V.m[j] >= 0) masSet.add(V.m[j]);
    }
    for (j = 0; j < M.id.length; j++) if (M.kommunen[j].indexOf(i) >= 0) masSet.add(j);
    var any = false;
    D.arten.forEach(function (art, ai) {
      var g = groups[ai];
      if (!g.length) return;
      if (!any) frag.appendChild(el("h3", "sub", "Alle berichteten Partner, nach Art der Verbindung"));
      any = true;
      g.sort(function (x, y) { return K.name[x.k].localeCompare(K.name[y.k], "de"); });
      var box = el("div", "partner-group");
      box.appendChild(el("h4", null, art.label + " (" + g.length + ")"));
      (art.directed ? ["out", "in"] : [""]).forEach(function (dir) {
        var members = g.filter(function (x) { return x.dir === dir; });
        if (!members.length) return;
        var p = el("p", "partners");
        if (dir) p.appendChild(el("span", "dir", directionText(art.id, dir) + " "));
        members.forEach(function (x, n) {
          if (n) p.appendChild(document.createTextNode(", "));
          p.appendChild(kommuneButton(x.k));
        });
        box.appendChild(p);
      });
      frag.appendChild(box);
    });
    if (!any) frag.appendChild(el("p", null, "Für diese Kommune sind noch keine Verbindungen berichtet."));
    if (masSet.size) {
      frag.appendChild(el("h3", null, "Maßnahmen"));
      var mul = el("ul", "massnahmen");
      Array.from(masSet).sort(function (x, y) { return M.titel[x].localeCompare(M.titel[y], "de"); }).forEach(function (m) {
        var li = el("li"), url = safeUrl(M.url[m]);
        var link = el("a", null, M.titel[m]);
        if (url) { link.href = url; link.rel = "noopener"; link.target = "_blank"; }
        li.appendChild(link);
        li.appendChild(el("span", "hint", " – in der Maßnahmendatenbank"));
        mul.appendChild(li);
      });
      frag.appendChild(mul);
    }
    body.replaceChildren(frag);
    panel.hidden = false;
    if (network && view.visibleKom[i]) network.selectNodes([i]);
    if (map && from !== "map") {
      var mk = markerFor(i);
      if (from) map.setView(mk.getLatLng(), Math.max(map.getZoom(), 7));
    }
    if (map && from && from !== "hash") {
      markerFor(i).bindPopup(function () {
        var box = el("div", "popup");
        box.appendChild(el("strong", null, K.name[i]));
        box.appendChild(el("div", null, bits.join(" · ")));
        return box;
      }).openPopup();
    }
    if (from === "list") panel.scrollIntoView({ block: "nearest" });
  }

  function directionText(art, dir) {
    if (art === "vorbild") return dir === "out" ? "nimmt sich zum Vorbild:" : "ist Vorbild für:";
    return dir === "out" ? "überträgt an:" : "übernimmt von:";
  }

  // ---- orchestration -----------------------------------------------------------
  function refresh() {
    // Milliseconds per step of the last refresh, for the benchmark.
    var t = KTS.timings = {}, t0 = performance.now();
    function lap(name) { var now = performance.now(); t[name] = now - t0; t0 = now; }
    computeMatches(); lap("filter");
    updateFigures(); lap("figures");
    updateFacetCounts(); lap("facets");
    updateList(); lap("list");
    updateMap(); lap("map");
    updateGraph(); lap("graph");
    if (!document.body.dataset.ready) document.body.dataset.readyAt = String(performance.now());
    document.body.dataset.ready = "1";
  }

  function onFilterChange() {
    formToState();
    view.shown = PAGE;
    writeHash();
    refresh();
    if (network) network.fit({ animation: false });
  }

  KTS.start = function () {
    load();
    state = readHash();
    stateToForm();
    computeMatches();
    buildGraph();
    refresh();
    if (filterActive()) network.fit({ animation: false });
    if (state.k) showDetails("hash");
    var form = $("filter");
    form.addEventListener("change", onFilterChange);
    var timer = null;
    $("f-q").addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(onFilterChange, 120);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); onFilterChange(); });
    $("f-reset").addEventListener("click", function () {
      var k = state.k;
      state = defaults();
      state.arten = D.arten.map(function () { return true; });
      state.k = k;
      stateToForm();
      onFilterChange();
    });
    $("result-more").addEventListener("click", function () { view.shown += PAGE; updateList(); });
    document.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("button.k");
      if (b) select(indexOf(K.id, b.dataset.k), b.closest("#details") ? "details" : "list");
    });
    $("details-close").addEventListener("click", function () { select(-1); });
    $("map-fit").addEventListener("click", fitMap);
    $("graph-fit").addEventListener("click", function () { network.fit({ animation: false }); });
    window.addEventListener("hashchange", function () {
      state = readHash();
      stateToForm();
      refresh();
      showDetails("hash");
      if (network) network.fit({ animation: false });
    });
  };

  // For tests: the facet counts under the current filters.
  KTS.counts = function () { return view.counts; };

  // For tests and the benchmark: what is shown right now.
  KTS.snapshot = function () {
    return {
      matching: view.matching.length,
      markers: pointLayer ? pointLayer.getLayers().length : 0,
      lines: lineLayer ? lineLayer.getLayers().length : 0,
      nodes: network ? network.body.nodeIndices.length : 0,
      edges: network ? network.body.edgeIndices.length : 0
    };
  };
})();
