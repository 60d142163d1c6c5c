/* Netzwerk-Dashboard: one filter state drives figures, chart, map, graph and list.
   Data arrive as columnar JSON (#kts-data); every text from data is set with textContent. */
(function () {
  "use strict";

  var KTS = (window.KTS = {});
  var D = null; // the parsed data
  var K, V, M; // columns of Kommunen, Verbindungen, Maßnahmen
  var nK = 0, nV = 0;
  var PAGE = 100, HUBS = 8;
  var GERMANY = window.KTSLib.GERMANY, COLOURS = window.KTSLib.COLOURS;

  var state = defaults();
  var derived = { keyKom: [], keyMas: [], curve: [] };
  var view = { shown: PAGE, matching: [], visibleKom: null, counts: null, opener: null };

  var map = null, tiles = null, lineLayer = null, pointLayer = null, ring = null;
  var markers = [];
  var network = null, nodes = null, edges = null;
  // What the graph and the map show now; updates send only what changed.
  var graphNodeOn = null, graphEdgeOn = null, mapPointOn = null, inGraph = null;
  // Map lines: above THIN_LINES they are drawn 1 px wide, in paths of PATH_PIECE segments.
  var THIN_LINES = 3000, PATH_PIECE = 500;
  // Above these, the graph shows the best-connected part of the selection (see graphWanted).
  var GRAPH_NODES = 500, GRAPH_EDGES = 1500, GRAPH_CUT_NODES = 200, GRAPH_CUT_EDGES = 600;
  var lastFarbe = "";

  function defaults() {
    return { arten: null, hf: "", bl: "", bis: "", mpsc: false, q: "", k: "", farbe: "" };
  }

  var lib = window.KTSLib;
  var $ = lib.$, el = lib.el, svg = lib.svg, fmt = lib.fmt, setText = lib.setText, safeUrl = lib.safeUrl;
  var searchKey = lib.searchKey, queryWords = lib.queryWords;

  function indexOf(list, value) {
    for (var i = 0; i < list.length; i++) if (list[i] === value) return i;
    return -1;
  }
  function ids(list) {
    return list.map(function (x) { return x.id; });
  }

  // ---- data ----------------------------------------------------------------
  function load() {
    if (D) return;
    D = JSON.parse($("kts-data").textContent);
    K = D.kommunen; V = D.verbindungen; M = D.massnahmen;
    nK = K.id.length; nV = V.von.length;
    state.arten = D.arten.map(function () { return true; });
    var i;
    for (i = 0; i < nK; i++) derived.keyKom.push(searchKey(K.name[i]));
    for (i = 0; i < M.id.length; i++) derived.keyMas.push(searchKey(M.titel[i]));
    // Parallel connections between the same pair get different curvature in the graph.
    var seen = {};
    for (i = 0; i < nV; i++) {
      var key = Math.min(V.von[i], V.nach[i]) + ":" + Math.max(V.von[i], V.nach[i]);
      seen[key] = (seen[key] || 0) + 1;
      derived.curve.push(seen[key] - 1);
    }
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
    if (indexOf(ids(D.handlungsfelder), s.hf) < 0) s.hf = "";
    if (indexOf(D.bundeslaender, s.bl) < 0) s.bl = "";
    if (indexOf(ids(D.zeitraeume), s.bis) < 0) s.bis = "";
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

  /** The view in the address; a new history entry per selected Kommune (so Back returns to
   * the previous one), filter changes replace the current entry. */
  function writeHash(newEntry) {
    var h = hashOf(state);
    if (location.hash.replace(/^#/, "") !== h) {
      var url = h ? "#" + h : location.pathname + location.search;
      if (newEntry) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
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
    var hf = state.hf ? indexOf(ids(D.handlungsfelder), state.hf) : -1;
    var bl = state.bl ? indexOf(D.bundeslaender, state.bl) : -1;
    var bis = state.bis ? indexOf(ids(D.zeitraeume), state.bis) : -1;
    var words = queryWords(state.q);
    var kHit = null, mHit = null, i, w;
    if (words.length) {
      // Bit w is set when word w occurs in the name (or title).
      kHit = new Uint32Array(nK);
      mHit = new Uint32Array(M.id.length);
      for (w = 0; w < words.length && w < 30; w++) {
        for (i = 0; i < nK; i++) if (derived.keyKom[i].indexOf(words[w]) >= 0) kHit[i] |= 1 << w;
        for (i = 0; i < M.id.length; i++) if (derived.keyMas[i].indexOf(words[w]) >= 0) mHit[i] |= 1 << w;
      }
    }
    var allWords = words.length ? (1 << Math.min(words.length, 30)) - 1 : 0;
    // One pass: the matching connections, and for each facet the counts it would have under
    // all the other filters (so every option says how many connections choosing it gives).
    var nA = D.arten.length, nZ = D.zeitraeume.length;
    var counts = {
      art: new Array(nA).fill(0),
      hf: new Array(D.handlungsfelder.length).fill(0),
      bl: new Array(D.bundeslaender.length).fill(0),
      z: new Array(nZ).fill(0),
      zArt: new Array(nZ * nA).fill(0)
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
      var misses = (okArt ? 0 : 1) + (okHf ? 0 : 1) + (okBl ? 0 : 1) + (okZ ? 0 : 1);
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
    if (!filterActive()) {
      visible.fill(1);
    } else {
      for (var j = 0; j < out.length; j++) { visible[V.von[out[j]]] = 1; visible[V.nach[out[j]]] = 1; }
    }
    view.matching = out;
    view.counts = counts;
    view.inSelection = visible.slice(); // what the figures count
    var sel = state.k ? indexOf(K.id, state.k) : -1;
    if (sel >= 0) visible[sel] = 1; // the selected Kommune stays on map and graph
    view.visibleKom = visible;
  }

  // ---- figures, hubs, growth ------------------------------------------------
  function updateFigures() {
    var out = view.matching, vis = view.inSelection;
    var kom = 0, mpsc = 0, i, j;
    for (i = 0; i < nK; i++) if (vis[i]) { kom++; if (K.mpsc[i]) mpsc++; }
    var byArt = D.arten.map(function () { return 0; });
    var abroad = 0, de = indexOf(D.laender.map(function (l) { return l.code; }), "DE");
    var pairs = new Set(), partners = new Uint32Array(nK), mpscPartners = 0;
    for (j = 0; j < out.length; j++) {
      i = out[j];
      var a = V.von[i], b = V.nach[i];
      byArt[V.art[i]]++;
      if (K.land[a] !== de || K.land[b] !== de) abroad++;
      var key = Math.min(a, b) * nK + Math.max(a, b);
      if (!pairs.has(key)) {
        pairs.add(key);
        partners[a]++; partners[b]++;
        if (K.mpsc[a]) mpscPartners++;
        if (K.mpsc[b]) mpscPartners++;
      }
    }
    setFigure("kommunen", fmt(kom));
    setFigure("mpsc", fmt(mpsc));
    setFigure("verbindungen", fmt(out.length));
    D.arten.forEach(function (a, k) { setFigure("art-" + a.id, fmt(byArt[k])); });
    setFigure("international", fmt(abroad));
    setFigure("partners-per-mpsc", fmt(mpsc ? Math.round((mpscPartners / mpsc) * 10) / 10 : 0, 1));
    view.selPartners = partners;
    updateHubs(partners);
  }

  function setFigure(name, text) {
    setText(document.querySelector('[data-figure="' + name + '"]'), text);
  }

  function updateHubs(partners) {
    var top = [];
    for (var i = 0; i < nK; i++) if (partners[i]) top.push(i);
    top.sort(function (a, b) { return partners[b] - partners[a] || K.rank[a] - K.rank[b]; });
    var list = $("hub-list"), frag = document.createDocumentFragment();
    top.slice(0, HUBS).forEach(function (k) {
      var li = el("li");
      li.appendChild(kommuneButton(k));
      li.appendChild(el("span", "n", fmt(partners[k])));
      frag.appendChild(li);
    });
    list.replaceChildren(frag);
    $("hub-empty").hidden = top.length > 0;
  }

  /** New connections per half-year, stacked by Art, under all filters but the Zeitraum. */
  function updateGrowth() {
    var box = $("growth"), c = view.counts, nA = D.arten.length, nZ = D.zeitraeume.length;
    var bis = state.bis ? indexOf(ids(D.zeitraeume), state.bis) : nZ - 1;
    var totals = [], most = 1, z, a;
    for (z = 0; z < nZ; z++) {
      var t = 0;
      for (a = 0; a < nA; a++) t += c.zArt[z * nA + a];
      totals.push(t);
      most = Math.max(most, t);
    }
    // Drawn at the box's own width so that the text keeps its size.
    var W = Math.max(box.clientWidth || 560, 280), H = 170, top = 18, bottom = 22, gap = Math.max(4, W / nZ / 8);
    var bw = (W - gap * (nZ + 1)) / nZ;
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", "class": "growth-chart" });
    var title = svg("title", {});
    title.textContent = "Neue Verbindungen je Berichtszeitraum: " + D.zeitraeume.map(function (p, k) {
      return p.label + " " + fmt(totals[k]);
    }).join(", ");
    chart.appendChild(title);
    for (z = 0; z < nZ; z++) {
      var x = gap + z * (bw + gap), y = H - bottom, group = svg("g", { "class": z > bis ? "later" : "" });
      for (a = 0; a < nA; a++) {
        var v = c.zArt[z * nA + a];
        if (!v) continue;
        var h = (v / most) * (H - top - bottom);
        y -= h;
        group.appendChild(svg("rect", { x: x, y: y, width: bw, height: h, fill: D.arten[a].colour }));
      }
      var value = svg("text", { x: x + bw / 2, y: y - 4, "text-anchor": "middle", "class": "value" });
      value.textContent = fmt(totals[z]);
      group.appendChild(value);
      var label = svg("text", { x: x + bw / 2, y: H - bottom + 14, "text-anchor": "middle" });
      label.textContent = bw < 34 ? D.zeitraeume[z].id.slice(2).replace("-", "") : D.zeitraeume[z].id.replace("-", " ");
      group.appendChild(label);
      chart.appendChild(group);
    }
    box.replaceChildren(chart);
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
    label("f-hf", ids(D.handlungsfelder), c.hf, function (k) { return D.handlungsfelder[k].name; });
    label("f-bl", D.bundeslaender, c.bl, function (k) { return D.bundeslaender[k]; });
    label("f-z", ids(D.zeitraeume), c.z, function (k) { return "bis " + D.zeitraeume[k].label; });
  }

  // ---- result list -----------------------------------------------------------
  function kommuneButton(i) {
    var b = el("button", "k", K.name[i]);
    b.type = "button";
    b.dataset.k = K.id[i];
    return b;
  }

  /** "A nimmt sich B zum Vorbild", "A überträgt an B", "A – B" as nodes with buttons. */
  function pairNodes(i, parent) {
    var art = D.arten[V.art[i]];
    parent.appendChild(kommuneButton(V.von[i]));
    if (art.id === "vorbild") {
      parent.appendChild(document.createTextNode(" nimmt sich "));
      parent.appendChild(kommuneButton(V.nach[i]));
      parent.appendChild(document.createTextNode(" zum Vorbild"));
    } else {
      parent.appendChild(document.createTextNode(art.id === "uebertragung" ? " überträgt an " : " – "));
      parent.appendChild(kommuneButton(V.nach[i]));
    }
  }

  function connectionItem(i) {
    var li = el("li");
    var art = D.arten[V.art[i]];
    var head = el("span", "pair");
    pairNodes(i, head);
    li.appendChild(head);
    var meta = el("span", "meta");
    meta.appendChild(el("span", "art art-" + art.id, art.label));
    var parts = [V.hf[i].map(function (h) { return D.handlungsfelder[h].name; }).join(", ")];
    if (V.m[i] >= 0) parts.push("Maßnahme: " + M.titel[V.m[i]]);
    parts.push(D.zeitraeume[V.z[i]].label);
    meta.appendChild(document.createTextNode(" · " + parts.join(" · ")));
    li.appendChild(meta);
    var quelle = D.quellen[V.q[i]];
    var src = el("span", "source");
    if (V.text[i]) src.appendChild(el("span", "desc", V.text[i] + " "));
    if (/^Beispiel/.test(quelle)) src.appendChild(el("span", "badge", "Beispiel"));
    src.appendChild(document.createTextNode(" Quelle: " + quelle));
    li.appendChild(src);
    return li;
  }

  function updateList(focusFrom) {
    var list = $("result-list"), out = view.matching;
    var shown = Math.min(view.shown, out.length);
    var frag = document.createDocumentFragment();
    for (var j = 0; j < shown; j++) frag.appendChild(connectionItem(out[j]));
    list.replaceChildren(frag);
    var text = out.length === nV ? fmt(nV) + " Verbindungen" : fmt(out.length) + " von " + fmt(nV) + " Verbindungen";
    if (out.length === 0) text = "Keine Verbindung passt zu den Filtern.";
    else if (shown < out.length) text += " (die ersten " + fmt(shown) + " angezeigt)";
    setText($("result-count"), text);
    $("result-reset").hidden = out.length > 0 || !filterActive();
    var more = $("result-more");
    more.hidden = shown >= out.length;
    more.textContent = "Weitere " + fmt(Math.min(PAGE, out.length - shown)) + " anzeigen";
    if (focusFrom !== undefined && list.children[focusFrom]) list.children[focusFrom].querySelector("button").focus();
  }

  // ---- map -------------------------------------------------------------------
  function nodeColour(i) {
    return K.mpsc[i] ? COLOURS.mpsc : K.bl[i] < 0 ? COLOURS.abroad : COLOURS.other;
  }

  /** 3 to 12 pixels by the share of the busiest Kommune's partners. */
  function markerRadius(i) {
    if (!derived.mostPartners) {
      derived.mostPartners = 1;
      for (var j = 0; j < nK; j++) derived.mostPartners = Math.max(derived.mostPartners, K.partners[j]);
    }
    return 3 + 9 * Math.sqrt(K.partners[i] / derived.mostPartners);
  }

  function markerFor(i) {
    if (markers[i]) return markers[i];
    var m = L.circleMarker([K.lat[i], K.lon[i]], {
      renderer: pointLayer.options.renderer,
      pane: "kts-points",
      radius: markerRadius(i),
      color: "#ffffff",
      weight: 1,
      fillColor: nodeColour(i),
      fillOpacity: 0.95
    });
    m.kts = i;
    markers[i] = m;
    return m;
  }

  /** The Art's direction as a flow of knowledge: from the role model, from the origin. */
  function flow(i) {
    var a = V.von[i], b = V.nach[i];
    return D.arten[V.art[i]].id === "vorbild" ? [b, a] : [a, b];
  }

  /**
   * All visible connections drawn on one canvas in one pass per colour: fast for 50,000 lines,
   * where a Leaflet layer per line is not. Hovering finds the nearest line for its tooltip.
   */
  var LinesLayer = L.Layer.extend({
    onAdd: function (m) {
      this._canvas = L.DomUtil.create("canvas", "kts-lines-canvas leaflet-zoom-hide");
      m.getPane("kts-lines").appendChild(this._canvas);
      this._visible = new Uint8Array(nV);
      this._zoom = null;
      m.on("moveend zoomend resize", this._redraw, this);
      m.on("mousemove", this._hover, this);
      m.on("mouseout", this._unhover, this);
      this._redraw();
    },
    onRemove: function (m) {
      m.off("moveend zoomend resize", this._redraw, this);
      m.off("mousemove", this._hover, this);
      m.off("mouseout", this._unhover, this);
      L.DomUtil.remove(this._canvas);
    },
    setVisible: function (on) {
      this._visible = on;
      this._redraw();
    },
    /** Kommunen in pixels at the current zoom, cached per zoom level. */
    _points: function () {
      var z = map.getZoom();
      if (this._zoom !== z) {
        this._zoom = z;
        this._px = new Float64Array(nK * 2);
        for (var i = 0; i < nK; i++) {
          var p = map.project([K.lat[i], K.lon[i]], z);
          this._px[2 * i] = p.x;
          this._px[2 * i + 1] = p.y;
        }
      }
      return this._px;
    },
    _redraw: function () {
      var size = map.getSize(), ratio = window.devicePixelRatio || 1, c = this._canvas;
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(c, topLeft);
      c.width = size.x * ratio;
      c.height = size.y * ratio;
      c.style.width = size.x + "px";
      c.style.height = size.y + "px";
      var ctx = c.getContext("2d"), px = this._points();
      var origin = map.getPixelOrigin().add(topLeft);
      ctx.setTransform(ratio, 0, 0, ratio, -origin.x * ratio, -origin.y * ratio);
      ctx.globalAlpha = 0.65;
      ctx.lineCap = "round";
      var byColour = {}, i, shown = 0;
      for (i = 0; i < nV; i++) {
        if (!this._visible[i]) continue;
        var colour = edgeColour(i);
        (byColour[colour] || (byColour[colour] = [])).push(i);
        shown++;
      }
      // Skia rasterises 1-pixel lines on a fast path; 50,000 wider ones take seconds in
      // software. One path per colour is cut into pieces for the same reason: the cost of
      // filling one huge stroked path grows faster than its length.
      ctx.lineWidth = shown > THIN_LINES ? 1 : 1.6;
      var zoomScale = Math.pow(2, map.getZoom());
      for (var colour in byColour) {
        ctx.strokeStyle = colour;
        ctx.beginPath();
        var list = byColour[colour];
        for (var j = 0; j < list.length; j++) {
          i = list[j];
          var ends = flow(i), a = ends[0], b = ends[1];
          var ax = px[2 * a], ay = px[2 * a + 1], bx = px[2 * b], by = px[2 * b + 1];
          ctx.moveTo(ax, ay);
          ctx.lineTo(bx, by);
          if (D.arten[V.art[i]].directed) chevron(ctx, ax, ay, bx, by, zoomScale);
          if (j % PATH_PIECE === PATH_PIECE - 1) {
            ctx.stroke();
            ctx.beginPath();
          }
        }
        ctx.stroke();
      }
      this._drawn = byColour;
    },
    /** The nearest visible line within 5 pixels of the mouse, or -1. */
    _nearest: function (point) {
      var px = this._points(), origin = map.getPixelOrigin();
      var x = point.x + origin.x, y = point.y + origin.y, best = -1, bestD = 25;
      for (var i = 0; i < nV; i++) {
        if (!this._visible[i]) continue;
        var a = V.von[i], b = V.nach[i];
        var ax = px[2 * a], ay = px[2 * a + 1], dx = px[2 * b] - ax, dy = px[2 * b + 1] - ay;
        var len = dx * dx + dy * dy, t = len ? ((x - ax) * dx + (y - ay) * dy) / len : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        var ex = ax + t * dx - x, ey = ay + t * dy - y, d = ex * ex + ey * ey;
        if (d < bestD) { bestD = d; best = i; }
      }
      return best;
    },
    _hover: function (e) {
      if (this._busy) return;
      this._busy = true;
      var self = this;
      requestAnimationFrame(function () {
        self._busy = false;
        var i = self._nearest(e.containerPoint);
        if (i < 0) { self._unhover(); return; }
        if (!self._tip) self._tip = L.tooltip({ sticky: true, className: "kts-line-tip" });
        self._tip.setLatLng(e.latlng).setContent(el("span", null, connectionText(i)));
        if (!map.hasLayer(self._tip)) self._tip.addTo(map);
      });
    },
    _unhover: function () {
      if (this._tip && map.hasLayer(this._tip)) map.removeLayer(this._tip);
    }
  });

  /** A chevron at 55 % of the way from a to b, 8 pixels long, pointing towards b. */
  function chevron(ctx, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay, len = Math.sqrt(dx * dx + dy * dy);
    if (len < 24) return;
    var ux = dx / len, uy = dy / len, tx = ax + dx * 0.55, ty = ay + dy * 0.55, s = 8;
    ctx.moveTo(tx - s * (ux * 0.9 - uy * 0.45), ty - s * (uy * 0.9 + ux * 0.45));
    ctx.lineTo(tx, ty);
    ctx.lineTo(tx - s * (ux * 0.9 + uy * 0.45), ty - s * (uy * 0.9 - ux * 0.45));
  }

  function connectionText(i) {
    var art = D.arten[V.art[i]], a = K.name[V.von[i]], b = K.name[V.nach[i]];
    var t = art.id === "vorbild" ? a + " nimmt sich " + b + " zum Vorbild" :
      art.id === "uebertragung" ? a + " überträgt an " + b : a + " – " + b + " (" + art.label + ")";
    t += ": " + V.hf[i].map(function (h) { return D.handlungsfelder[h].name; }).join(", ");
    if (V.m[i] >= 0) t += "; Maßnahme: " + M.titel[V.m[i]];
    return t + "; " + D.zeitraeume[V.z[i]].label;
  }

  /** Colour by Art, or by Handlungsfeld (the filtered one when a connection carries it). */
  function edgeColour(i) {
    if (state.farbe !== "hf") return D.arten[V.art[i]].colour;
    var chosen = state.hf ? indexOf(ids(D.handlungsfelder), state.hf) : -1;
    var h = chosen >= 0 && V.hf[i].indexOf(chosen) >= 0 ? chosen : V.hf[i][0];
    return D.handlungsfelder[h].colour;
  }

  KTS.attachMap = function (leafletMap, tileLayer) {
    load();
    map = leafletMap;
    tiles = tileLayer;
    lib.prepareMap(map, tiles, "map-status");
    lineLayer = new LinesLayer().addTo(map);
    // One tooltip and one click handler for all points, not one per point.
    pointLayer = L.featureGroup([], { renderer: L.canvas({ pane: "kts-points", tolerance: 2 }) }).addTo(map);
    pointLayer.bindTooltip(function (layer) { return el("span", null, K.name[layer.kts]); }, { direction: "top" });
    pointLayer.bindPopup(function (layer) {
      var i = layer.kts, box = el("div", "popup");
      box.appendChild(el("strong", null, K.name[i]));
      box.appendChild(el("div", null, D.typen[K.typ[i]] + " · " + fmt(K.partners[i]) + " Partner"));
      return box;
    });
    pointLayer.on("click", function (e) { select(e.layer.kts, "map"); });
    map.fitBounds(GERMANY);
  };

  function updateMap() {
    if (!map) return;
    var on = matchingMask(), vis = view.visibleKom, i;
    if (!mapPointOn) mapPointOn = new Uint8Array(nK);
    lineLayer.setVisible(on);
    for (i = 0; i < nK; i++) {
      if (vis[i] && !mapPointOn[i]) pointLayer.addLayer(markerFor(i));
      else if (!vis[i] && mapPointOn[i]) pointLayer.removeLayer(markers[i]);
    }
    mapPointOn = vis.slice();
    lineLayer._unhover();
    updateRing();
  }

  /** A ring around the selected Kommune: visible without moving the map. */
  function updateRing() {
    var i = state.k ? indexOf(K.id, state.k) : -1;
    if (ring) { ring.remove(); ring = null; }
    if (!map || i < 0) return;
    ring = L.circleMarker([K.lat[i], K.lon[i]], {
      pane: "kts-points", renderer: pointLayer.options.renderer, interactive: false,
      radius: markerRadius(i) + 4, color: "#f0a500", weight: 3, fill: false
    }).addTo(map);
  }

  /** Fit the map to the Kommunen shown; German ones first, so one far partner does not zoom out. */
  function fitMap(all) {
    var vis = view.visibleKom, home = [], abroad = [];
    for (var i = 0; i < nK; i++) if (vis[i]) (K.bl[i] >= 0 ? home : abroad).push([K.lat[i], K.lon[i]]);
    var pts = all ? home.concat(abroad) : home.length ? home : abroad;
    if (!filterActive() && !all) map.fitBounds(GERMANY);
    else if (pts.length) map.fitBounds(pts, { padding: [24, 24], maxZoom: 9 });
  }

  function updateLegend() {
    if (state.farbe === "hf") {
      lib.fillLegend(D.handlungsfelder.map(function (h) { return { colour: h.colour, label: h.name }; }),
        "Handlungsfeld", "Bei mehreren Feldern zählt das gewählte, sonst das erste.");
    } else {
      lib.fillLegend(lib.artLegend(D.arten), "Art der Verbindung", lib.FLOW_NOTE);
    }
  }

  // ---- graph -------------------------------------------------------------------
  function nodeOf(i) {
    var share = Math.sqrt(K.partners[i] / derived.mostPartners);
    return {
      id: i,
      label: K.name[i],
      x: K.x[i],
      y: K.y[i],
      size: 5 + 24 * share,
      font: { size: Math.round(13 + 27 * share) },
      title: K.name[i] + " – insgesamt " + fmt(K.partners[i]) + " Partner",
      color: { background: nodeColour(i), border: "#ffffff" },
      borderWidth: 1
    };
  }

  function buildGraph() {
    var container = $("graph");
    var options = JSON.parse($("kts-graph-options").textContent);
    // Sizes are fixed here rather than by vis-network's value scaling, which would re-measure
    // every label whenever the visible range of values changes.
    options.nodes.scaling = { label: { enabled: false, drawThreshold: 9, maxVisible: 26 } };
    options.interaction.zoomView = false; // enabled by a click, like the map
    markerRadius(0); // computes derived.mostPartners
    // Items are created when first shown and hidden, not removed, when filtered out.
    graphNodeOn = new Uint8Array(nK);
    graphEdgeOn = new Uint8Array(nV);
    inGraph = { nodes: new Uint8Array(nK), edges: new Uint8Array(nV) };
    var want = graphWanted();
    var ns = [], es = [];
    want.nodes.forEach(function (k) { ns.push(nodeOf(k)); inGraph.nodes[k] = graphNodeOn[k] = 1; });
    want.edges.forEach(function (j) { es.push(edgeOf(j)); inGraph.edges[j] = graphEdgeOn[j] = 1; });
    nodes = new vis.DataSet(ns);
    edges = new vis.DataSet(es);
    network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    showGraphNote(want);
    KTS.network = network;
    KTS.map = map;
    network.once("afterDrawing", function () { container.dataset.drawn = String(performance.now()); });
    network.on("click", function (p) {
      network.setOptions({ interaction: { zoomView: true } });
      if (p.nodes.length) select(p.nodes[0], "graph");
    });
    container.addEventListener("mouseleave", function () {
      network.setOptions({ interaction: { zoomView: false } });
    });
  }

  /**
   * What the graph should show: everything that matches, or, when that is more than a graph
   * can show legibly (and draw quickly), the Kommunen with most partners in the selection and
   * the connections among them, until the reader narrows the filters or asks for all.
   */
  function graphWanted() {
    var out = view.matching, vis = view.visibleKom, i, j;
    var visible = [];
    for (i = 0; i < nK; i++) if (vis[i]) visible.push(i);
    if (view.graphAll || (visible.length <= GRAPH_NODES && out.length <= GRAPH_EDGES)) {
      return { nodes: visible, edges: out, cut: false };
    }
    var partners = view.selPartners;
    var ranked = visible.slice().sort(function (a, b) { return partners[b] - partners[a] || a - b; });
    var keep = new Uint8Array(nK), kept = [], edgesKept = [];
    ranked.slice(0, GRAPH_CUT_NODES).forEach(function (k) { keep[k] = 1; });
    var sel = state.k ? indexOf(K.id, state.k) : -1;
    if (sel >= 0) keep[sel] = 1;
    for (j = 0; j < out.length && edgesKept.length < GRAPH_CUT_EDGES; j++) {
      if (keep[V.von[out[j]]] && keep[V.nach[out[j]]]) edgesKept.push(out[j]);
    }
    for (i = 0; i < nK; i++) if (keep[i]) kept.push(i);
    return { nodes: kept, edges: edgesKept, cut: true, totalNodes: visible.length, totalEdges: out.length };
  }

  function showGraphNote(want) {
    var note = $("graph-note");
    note.hidden = !want.cut && !view.graphAll;
    if (want.cut) {
      setText($("graph-note-text"), "Ausschnitt: " + fmt(want.nodes.length) + " von " + fmt(want.totalNodes) +
        " Kommunen (die mit den meisten Partnern in der Auswahl) und " + fmt(want.edges.length) + " von " +
        fmt(want.totalEdges) + " Verbindungen. Filter eingrenzen, um mehr zu sehen.");
      $("graph-all").hidden = false;
    } else if (view.graphAll) {
      setText($("graph-note-text"), "Alle Kommunen und Verbindungen der Auswahl werden gezeigt.");
      $("graph-all").hidden = true;
    }
  }

  function edgeOf(i) {
    var art = D.arten[V.art[i]], k = derived.curve[i], ends = flow(i);
    return {
      id: i,
      from: ends[0],
      to: ends[1],
      arrows: art.directed ? { to: { enabled: true, scaleFactor: 0.7 } } : undefined,
      color: { color: edgeColour(i), opacity: 0.85 },
      // Straight lines draw fast; only parallel connections of one pair are bent apart.
      smooth: k ? { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.12 * Math.ceil(k / 2) } : undefined,
      title: connectionText(i)
    };
  }

  function count(mask) {
    var n = 0;
    for (var i = 0; i < mask.length; i++) n += mask[i];
    return n;
  }

  /** The connections that match now, as a 0/1 array. */
  function matchingMask() {
    var on = new Uint8Array(nV), out = view.matching;
    for (var j = 0; j < out.length; j++) on[out[j]] = 1;
    return on;
  }

  function updateGraph() {
    if (!network) return;
    var want = graphWanted(), i, changed = false;
    var on = new Uint8Array(nV), vis = new Uint8Array(nK);
    want.nodes.forEach(function (k) { vis[k] = 1; });
    want.edges.forEach(function (j) { on[j] = 1; });
    // New items are added once; known ones only flip their hidden flag. DataSet.update would
    // re-parse every option of every touched item (about 0.2 ms each); for a visibility change
    // it is enough to flip the flag and let vis-network rebuild its indices.
    var addN = [], addE = [];
    for (i = 0; i < nK; i++) if (vis[i] && !inGraph.nodes[i]) { addN.push(nodeOf(i)); inGraph.nodes[i] = 1; graphNodeOn[i] = 1; }
    for (i = 0; i < nV; i++) if (on[i] && !inGraph.edges[i]) { addE.push(edgeOf(i)); inGraph.edges[i] = 1; graphEdgeOn[i] = 1; }
    var body = network.body;
    for (i = 0; i < nK; i++) {
      if (inGraph.nodes[i] && graphNodeOn[i] !== vis[i]) { body.nodes[i].options.hidden = !vis[i]; changed = true; }
    }
    for (i = 0; i < nV; i++) {
      if (inGraph.edges[i] && graphEdgeOn[i] !== on[i]) { body.edges[i].options.hidden = !on[i]; changed = true; }
    }
    graphNodeOn = vis;
    graphEdgeOn = on;
    if (addN.length) nodes.add(addN);
    if (addE.length) edges.add(addE);
    var recolour = state.farbe !== lastFarbe || (state.farbe === "hf" && state.hf !== lastHf);
    lastFarbe = state.farbe;
    lastHf = state.hf;
    if (recolour) {
      var upd = [];
      for (i = 0; i < nV; i++) {
        if (inGraph.edges[i]) upd.push({ id: i, hidden: !on[i], color: { color: edgeColour(i), opacity: 0.85 } });
      }
      edges.update(upd);
      updateLegend();
    } else if (changed) {
      body.emitter.emit("_dataChanged");
    }
    showGraphNote(want);
    // A tooltip of a connection that is gone would mislead.
    document.querySelectorAll("div.vis-tooltip").forEach(function (t) { t.style.visibility = "hidden"; });
    var sel = state.k ? indexOf(K.id, state.k) : -1;
    // unselectAll redraws at once, forcing a layout: only when something is selected.
    if (sel >= 0 && vis[sel]) network.selectNodes([sel]);
    else if (network.getSelectedNodes().length || network.getSelectedEdges().length) network.unselectAll();
    $("graph").dataset.edges = String(want.edges.length);
  }
  var lastHf = "";

  // ---- details ----------------------------------------------------------------
  function select(i, from) {
    if (i >= 0) view.opener = document.activeElement;
    state.k = i >= 0 ? K.id[i] : "";
    writeHash(true);
    // Only map and graph depend on the selection (it stays visible there); the list and the
    // figures do not, so the button that was clicked keeps its place and focus.
    computeMatches();
    updateMap();
    oneGraphDraw(updateGraph);
    showDetails(from);
  }

  function closeDetails() {
    var opener = view.opener;
    select(-1);
    if (opener && document.body.contains(opener)) opener.focus();
  }

  function showDetails(from) {
    var panel = $("details"), body = $("details-body");
    var i = state.k ? indexOf(K.id, state.k) : -1;
    if (i < 0) {
      panel.hidden = true;
      return;
    }
    setText($("details-titel"), K.name[i]);
    var region = K.bl[i] >= 0 ? D.bundeslaender[K.bl[i]] : D.laender[K.land[i]].name;
    var bits = [D.typen[K.typ[i]], region];
    bits.push(K.mpsc[i] ? "Modellprojekt Smart Cities, Staffel " + K.staffel[i] : "kein Modellprojekt");
    bits.push(fmt(K.partners[i]) + " Partner");
    var frag = document.createDocumentFragment();
    frag.appendChild(el("p", "facts", bits.join(" · ")));
    if (K.text[i]) frag.appendChild(el("p", "about", K.text[i]));
    var links = el("p", "links"), page = el("a", null, "Seite der Kommune");
    page.href = (document.body.dataset.root || "") + "kommunen/" + K.id[i] + "/index.html";
    links.appendChild(page);
    var web = safeUrl(K.web[i]);
    if (web) {
      var a = el("a", null, "Website der Kommune");
      a.href = web; a.rel = "noopener"; a.target = "_blank";
      links.appendChild(document.createTextNode(" · "));
      links.appendChild(a);
    }
    frag.appendChild(links);
    // Partners grouped by Art, with direction where the Art has one.
    var groups = D.arten.map(function () { return []; });
    var masSet = new Set(), j;
    for (j = 0; j < nV; j++) {
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
      var grp = groups[ai];
      if (!grp.length) return;
      if (!any) frag.appendChild(el("h3", "sub", "Alle berichteten Partner (unabhängig von den Filtern)"));
      any = true;
      grp.sort(function (x, y) { return K.rank[x.k] - K.rank[y.k]; });
      var box = el("div", "partner-group");
      box.appendChild(el("h4", null, art.label + " (" + grp.length + ")"));
      (art.directed ? ["out", "in"] : [""]).forEach(function (d) {
        var members = grp.filter(function (x) { return x.dir === d; });
        if (!members.length) return;
        var line = el("p", "partners");
        if (d) line.appendChild(el("span", "dir", directionText(art.id, d) + " "));
        members.forEach(function (x, n) {
          if (n) line.appendChild(document.createTextNode(", "));
          line.appendChild(kommuneButton(x.k));
        });
        box.appendChild(line);
      });
      frag.appendChild(box);
    });
    if (!any) frag.appendChild(el("p", null, "Für diese Kommune sind noch keine Verbindungen berichtet."));
    if (masSet.size) {
      frag.appendChild(el("h3", null, "Maßnahmen"));
      var mul = el("ul", "massnahmen");
      Array.from(masSet).sort(function (x, y) { return M.rank[x] - M.rank[y]; }).forEach(function (m) {
        var li = el("li"), url = safeUrl(M.url[m]);
        var link = el("a", null, M.titel[m]);
        if (url) { link.href = url; link.rel = "noopener"; link.target = "_blank"; }
        li.appendChild(link);
        li.appendChild(el("span", "hint", " (Maßnahmendatenbank)"));
        mul.appendChild(li);
      });
      frag.appendChild(mul);
    }
    body.replaceChildren(frag);
    panel.hidden = false;
    panel.scrollTop = 0;
    if (from && from !== "hash") $("details-titel").focus();
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
    updateFacetCounts(); updateGrowth(); lap("facets");
    updateList(); lap("list");
    updateMap(); lap("map");
    updateGraph(); lap("graph");
    markReady();
  }

  function markReady() {
    if (!document.body.dataset.ready) document.body.dataset.readyAt = String(performance.now());
    document.body.dataset.ready = "1";
  }

  function refit() {
    if (network) network.fit({ animation: false });
    if (map) fitMap(false);
  }

  function onFilterChange() {
    formToState();
    view.shown = PAGE;
    writeHash();
    oneGraphDraw(function () {
      refresh();
      refit();
    });
  }

  /**
   * Runs fn with the graph drawn once afterwards, on the next frame. vis-network redraws at
   * once for every add, data change and fit: three or four full draws per filter change.
   */
  function oneGraphDraw(fn) {
    if (!network) { fn(); return; }
    var emitter = network.body.emitter;
    emitter.emit("_blockRedraw");
    try {
      fn();
    } finally {
      emitter.emit("_allowRedraw");
      emitter.emit("_requestRedraw");
    }
  }

  KTS.start = function () {
    load();
    state = readHash();
    stateToForm();
    computeMatches();
    updateFigures();
    buildGraph();
    updateLegend();
    lastFarbe = state.farbe;
    lastHf = state.hf;
    updateMap();
    if (filterActive()) refit();
    // Map and graph go on screen first; the list and the facet counts follow right after that
    // frame (a hundred list items cost as much layout as both views).
    requestAnimationFrame(function () {
      setTimeout(function () {
        updateFacetCounts();
        updateGrowth();
        updateList();
        updateGraph();
        if (state.k) showDetails("hash");
        markReady();
      }, 0);
    });
    var form = $("filter");
    form.addEventListener("change", onFilterChange);
    var timer = null;
    $("f-q").addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(onFilterChange, 120);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); onFilterChange(); });
    function reset() {
      var keep = { k: state.k, farbe: state.farbe };
      state = defaults();
      state.arten = D.arten.map(function () { return true; });
      state.k = keep.k;
      state.farbe = keep.farbe;
      stateToForm();
      onFilterChange();
    }
    $("f-reset").addEventListener("click", reset);
    $("result-reset").addEventListener("click", reset);
    $("result-more").addEventListener("click", function () {
      var first = view.shown;
      view.shown += PAGE;
      updateList(first);
    });
    document.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("button.k");
      if (b) select(indexOf(K.id, b.dataset.k), b.closest("#details") ? "details" : "list");
    });
    $("details-close").addEventListener("click", closeDetails);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !$("details").hidden) closeDetails();
    });
    $("map-fit").addEventListener("click", function () { fitMap(true); });
    $("map-home").addEventListener("click", function () { map.fitBounds(GERMANY); });
    $("graph-fit").addEventListener("click", function () { network.fit({ animation: false }); });
    $("graph-all").addEventListener("click", function () {
      view.graphAll = true;
      oneGraphDraw(function () {
        updateGraph();
        network.fit({ animation: false });
      });
    });
    var resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(function () { updateGrowth(); network.fit({ animation: false }); }, 150);
    });
    window.addEventListener("hashchange", function () {
      state = readHash();
      stateToForm();
      oneGraphDraw(function () {
        refresh();
        showDetails("hash");
        refit();
      });
    });
  };

  // For tests: the facet counts under the current filters.
  KTS.counts = function () {
    var c = view.counts;
    return { art: c.art, hf: c.hf, bl: c.bl, z: c.z };
  };

  // For tests and the benchmark: what is shown right now.
  KTS.snapshot = function () {
    return {
      matching: view.matching.length,
      markers: pointLayer ? pointLayer.getLayers().length : 0,
      lines: lineLayer ? count(lineLayer._visible) : 0,
      nodes: network ? network.body.nodeIndices.length : 0,
      edges: network ? network.body.edgeIndices.length : 0
    };
  };
})();
