/* Focus on one Kommune: its connections and partners (1 step, or 2: also the partners'
   partners) stay strong on map and graph, the rest fades; "Weg zu" finds a shortest path to
   another Kommune. Writes KTS.view.focus. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, state = KTS.state, view = KTS.view;
  var $ = lib.$, el = lib.el;

  /**
   * Kommune i's neighbourhood: the Kommunen within depth steps (1: its partners, 2: also
   * theirs) and the connections that lead there, over every connection (all) or the matching
   * ones; as 0/1 per Kommune (kom) and per Verbindung (edges).
   */
  KTS.reach = function (i, all, depth) {
    var V = data.V, nV = data.nV, kom = new Uint8Array(data.nK), edges = new Uint8Array(nV);
    var pool = all ? null : view.matching, n = all ? nV : pool.length, ring = [i], x, j, s;
    kom[i] = 1;
    for (var step = 0; step < depth && ring.length; step++) {
      var inRing = new Uint8Array(data.nK), next = [];
      ring.forEach(function (k) { inRing[k] = 1; });
      for (x = 0; x < n; x++) {
        j = all ? x : pool[x];
        var a = V.von[j], b = V.nach[j];
        if (!inRing[a] && !inRing[b]) continue;
        edges[j] = 1;
        for (s = 0; s < 2; s++) {
          var k = s ? b : a;
          if (!kom[k]) { kom[k] = 1; next.push(k); }
        }
      }
      ring = next;
    }
    return { kom: kom, edges: edges };
  };

  /** The selected Kommune's neighbourhood as the state asks for it (alle, tiefe), or null. */
  KTS.selectionReach = function () {
    var i = KTS.selected(), f = view.focus;
    if (i < 0) return null;
    if (f && view.preview === -1 && f.k === i && !f.path) return f;
    return KTS.reach(i, state.alle, state.tiefe);
  };

  /** Focus of the hovered Kommune (a preview) or else of the selected one, with its path. */
  KTS.computeFocus = function () {
    var V = data.V, nV = data.nV, nK = data.nK;
    // preview: a hovered Kommune i (>= 0) or a hovered line j (as -2 - j), else -1.
    var preview = view.preview, i = preview >= 0 ? preview : KTS.selected();
    var kom = new Uint8Array(nK), edges = new Uint8Array(nV), j;
    if (preview <= -2) {
      j = -2 - preview;
      edges[j] = kom[V.von[j]] = kom[V.nach[j]] = 1;
      view.focus = { k: V.von[j], kom: kom, edges: edges, path: null, line: j };
      return;
    }
    if (i < 0) { view.focus = null; return; }
    // A preview shows the hovered Kommune's partners; the selection as deep as the state says.
    var own = preview === -1, near = KTS.reach(i, state.alle && own, own ? state.tiefe : 1);
    kom = near.kom;
    edges = near.edges;
    var path = own && state.weg ? KTS.shortestPath(i, KTS.indexOf(data.K.id, state.weg)) : null;
    if (path && path.found) {
      kom = new Uint8Array(nK);
      edges = new Uint8Array(nV);
      path.nodes.forEach(function (k) { kom[k] = 1; });
      path.edges.forEach(function (e) { edges[e] = 1; });
    }
    view.focus = { k: i, kom: kom, edges: edges, path: path, depth: own ? state.tiefe : 1 };
  };

  /** Breadth-first search over the matching connections, ignoring direction. */
  KTS.shortestPath = function (from, to) {
    var V = data.V, nK = data.nK, out = view.matching;
    if (from < 0 || to < 0) return { found: false, nodes: [], edges: [] };
    var adjacency = new Array(nK), j, k;
    for (k = 0; k < nK; k++) adjacency[k] = [];
    // Lowest index first per pair: the list order (newest, then by names) decides ties.
    for (j = out.length - 1; j >= 0; j--) {
      var e = out[j];
      adjacency[V.von[e]].push(e);
      adjacency[V.nach[e]].push(e);
    }
    var via = new Int32Array(nK).fill(-1), seen = new Uint8Array(nK), queue = [from];
    seen[from] = 1;
    for (var head = 0; head < queue.length && !seen[to]; head++) {
      var a = queue[head], list = adjacency[a];
      for (j = list.length - 1; j >= 0; j--) {
        var b = V.von[list[j]] === a ? V.nach[list[j]] : V.von[list[j]];
        if (seen[b]) continue;
        seen[b] = 1;
        via[b] = list[j];
        queue.push(b);
      }
    }
    if (!seen[to]) return { found: false, nodes: [], edges: [] };
    var nodes = [to], edges = [];
    for (k = to; k !== from;) {
      var edge = via[k];
      edges.unshift(edge);
      k = V.von[edge] === k ? V.nach[edge] : V.von[edge];
      nodes.unshift(k);
    }
    return { found: true, nodes: nodes, edges: edges };
  };

  /** The controls of the focus and the written-out path. */
  KTS.updateFocusControls = function () {
    var K = data.K, D = data.D, V = data.V, f = view.focus;
    $("f-alle").checked = state.alle;
    $("f-tiefe").value = String(state.tiefe);
    var input = $("f-weg");
    if (document.activeElement !== input) input.value = state.weg ? K.name[KTS.indexOf(K.id, state.weg)] : "";
    if (problemFor !== KTS.selected()) problem("");
    var box = $("weg"), listEl = $("weg-liste"), text = $("weg-text");
    var path = f && view.preview === -1 ? f.path : null;
    box.hidden = !path;
    if (!path) return;
    var target = K.name[KTS.indexOf(K.id, state.weg)], frag = document.createDocumentFragment();
    if (path.found) {
      path.nodes.forEach(function (k, n) {
        var li = el("li");
        li.appendChild(KTS.kommuneButton(k));
        if (n < path.edges.length) {
          var art = D.arten[V.art[path.edges[n]]];
          li.appendChild(el("span", "art art-" + art.id, art.label));
        }
        frag.appendChild(li);
      });
      lib.setText(text, lib.nt("Weg von %(von)s nach %(nach)s in %(n)s Schritt.", "Weg von %(von)s nach %(nach)s in %(n)s Schritten.",
        path.edges.length, { von: K.name[f.k], nach: target }));
    } else {
      lib.setText(text, lib.t("Kein Weg von %(von)s nach %(nach)s im Netz der Auswahl. Andere Filter können einen Weg öffnen.",
        { von: K.name[f.k], nach: target }));
    }
    listEl.replaceChildren(frag);
  };

  var problemFor = -1;

  /**
   * Say why the "Weg zu" text leads nowhere (or nothing); the field is invalid meanwhile. It
   * is said for the selected Kommune and goes when another is selected.
   */
  function problem(text) {
    problemFor = KTS.selected();
    lib.setText($("weg-problem"), text);
    if (text) $("f-weg").setAttribute("aria-invalid", "true");
    else $("f-weg").removeAttribute("aria-invalid");
  }

  var suggested = false;

  // Filled when the field is first used: up to 11,000 options would cost every start.
  /** The names for the "Weg zu" field's suggestions, by rank. */
  function fillSuggestions() {
    if (suggested) return;
    suggested = true;
    var K = data.K, order = [];
    for (var i = 0; i < data.nK; i++) order.push(i);
    order.sort(function (a, b) { return K.rank[a] - K.rank[b]; });
    var frag = document.createDocumentFragment();
    order.forEach(function (i) { var o = el("option"); o.value = K.name[i]; frag.appendChild(o); });
    $("weg-vorschlaege").replaceChildren(frag);
  }

  /** The Kommune whose name the text is (ignoring case and umlaut spelling), or -1. */
  function byName(text) {
    var name = " " + lib.queryWords(text).join(" ") + " ";
    if (name === "  ") return -1;
    var keys = KTS.searchKeys().kom;
    for (var i = 0; i < data.nK; i++) {
      // A key holds the name in both spellings: " muenster | munster ".
      var halves = keys[i].split("|");
      if (halves[0] === name || halves[1] === name) return i;
    }
    return -1;
  }

  /**
   * Map and graph framed to the focus, once it has grown or shrunk (all connections, another
   * depth): on a phone clear of the details' sheet over the lower part.
   */
  function frameFocus() {
    var sheet = matchMedia("(max-width: 600px)").matches && !$("details").hidden;
    KTS.fitFocus(sheet ? $("details").getBoundingClientRect().height : 0);
    KTS.fitGraphFocus();
  }

  KTS.bindFocus = function () {
    $("f-weg").addEventListener("focus", fillSuggestions);
    $("f-alle").addEventListener("change", function () {
      state.alle = this.checked;
      KTS.bus.emit("focus");
      frameFocus();
    });
    $("f-tiefe").addEventListener("change", function () {
      state.tiefe = this.value === "2" ? 2 : 1;
      KTS.bus.emit("focus");
      frameFocus();
    });
    var input = $("f-weg");
    function choose() {
      var t = byName(input.value), typed = input.value.trim();
      if (typed && t < 0) problem(lib.t("Keine Kommune „%(name)s“ gefunden: bitte einen Namen aus den Vorschlägen wählen.", { name: typed }));
      else if (t >= 0 && t === KTS.selected()) problem(lib.t("Das ist die ausgewählte Kommune selbst: bitte eine andere wählen."));
      else problem("");
      var id = t >= 0 && t !== KTS.selected() ? data.K.id[t] : "";
      if (id === state.weg) return;
      state.weg = id;
      KTS.bus.emit("focus");
    }
    input.addEventListener("change", choose);
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); choose(); } });
    // While typing, a name found is taken at once; a problem is said on Enter or leaving.
    input.addEventListener("input", function () {
      if (!input.value || byName(input.value) >= 0) choose();
      else problem("");
    });
    $("focus-clear").addEventListener("click", KTS.closeDetails);
  };
})();
