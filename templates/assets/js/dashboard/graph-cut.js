/* What the graph shows: everything that matches, or the best-connected part of a big
   selection, and the note that says so. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view;
  var $ = lib.$, setText = lib.setText;
  // Above these, the graph shows the best-connected part of the selection (see graphWanted).
  var GRAPH_NODES = 500, GRAPH_CUT_NODES = 200, GRAPH_CUT_EDGES = 600;
  var GRAPH_EDGES = (KTS.GRAPH_EDGES = 1500);

  /**
   * What the graph should show: everything that matches, or, when that is more than a graph
   * can show legibly (and draw quickly), the Kommunen with most partners in the selection and
   * the connections among them, until the reader narrows the filters or asks for all. The
   * selected Kommune's neighbourhood (all its connections with "Alle Verbindungen", two steps
   * with tiefe=2) is always drawn whole, beyond the cut and the filters.
   */
  KTS.graphWanted = function () {
    var V = data.V, nK = data.nK;
    var out = view.matching, vis = view.visibleKom, near = KTS.selectionReach(), i, j;
    var visible = [];
    for (i = 0; i < nK; i++) if (vis[i]) visible.push(i);
    if (view.graphAll || (visible.length <= GRAPH_NODES && out.length <= GRAPH_EDGES)) {
      return withReach({ nodes: visible, edges: out, cut: false }, near, vis);
    }
    var keep = topByPartners(visible, GRAPH_CUT_NODES), kept = [], edgesKept = [];
    var sel = KTS.selected();
    if (sel >= 0) keep[sel] = 1;
    for (j = 0; j < out.length && edgesKept.length < GRAPH_CUT_EDGES; j++) {
      if (keep[V.von[out[j]]] && keep[V.nach[out[j]]]) edgesKept.push(out[j]);
    }
    for (i = 0; i < nK; i++) if (keep[i]) kept.push(i);
    return withReach({ nodes: kept, edges: edgesKept, cut: true, totalNodes: visible.length, totalEdges: out.length }, near, keep);
  };

  /** want, with the Kommunen and connections of near (or none) that it lacks; has: want's nodes, 0/1. */
  function withReach(want, near, has) {
    if (!near) return want;
    var nodes = want.nodes.slice(), edges = want.edges.slice(), taken = new Uint8Array(data.nV), i;
    for (i = 0; i < data.nK; i++) if (near.kom[i] && !has[i]) nodes.push(i);
    for (i = 0; i < edges.length; i++) taken[edges[i]] = 1;
    for (i = 0; i < data.nV; i++) if (near.edges[i] && !taken[i]) edges.push(i);
    return Object.assign(want, { nodes: nodes, edges: edges, extra: nodes.length - want.nodes.length });
  }

  /**
   * The n Kommunen of list with most partners in the selection (ties: the earlier), as 0/1 per
   * Kommune: counted by partner number, not sorted (11,000 Kommunen at every filter change).
   */
  function topByPartners(list, n) {
    var partners = view.selPartners, most = 0, i, p;
    for (i = 0; i < list.length; i++) most = Math.max(most, partners[list[i]]);
    var count = new Uint32Array(most + 2);
    for (i = 0; i < list.length; i++) count[partners[list[i]]]++;
    // The lowest partner number still kept, and how many of it fit.
    var room = n, cut = most + 1;
    while (cut > 0 && room >= count[cut - 1]) room -= count[--cut];
    var keep = new Uint8Array(data.nK);
    for (i = 0; i < list.length; i++) {
      p = partners[list[i]];
      if (p >= cut) keep[list[i]] = 1;
      else if (p === cut - 1 && room > 0) { keep[list[i]] = 1; room--; }
    }
    return keep;
  }

  KTS.showGraphNote = function (want) {
    var note = $("graph-note");
    note.hidden = !want.cut && !view.graphAll;
    if (want.cut) {
      setText($("graph-note-text"), lib.t("Ausschnitt: %(nodes)s von %(totalNodes)s Kommunen (die mit den meisten Partnern in der Auswahl) und %(edges)s von %(totalEdges)s Verbindungen. Filter eingrenzen, um mehr zu sehen.",
        { nodes: want.nodes.length, totalNodes: want.totalNodes, edges: want.edges.length, totalEdges: want.totalEdges }));
      $("graph-all").hidden = false;
    } else if (view.graphAll) {
      setText($("graph-note-text"), lib.t("Alle Kommunen und Verbindungen der Auswahl werden gezeigt."));
      $("graph-all").hidden = true;
    }
  };
})();
