/* Fading in the graph: what lies outside the focus is drawn faint, by setting vis-network's
   drawn options directly (graph.js makes vis-network re-read them). */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data, view = KTS.view;

  /** A fader for network, whose items in the graph inGraph marks (nodes, edges: 0/1). */
  KTS.GraphFader = function (network, inGraph) {
    var FADED = 0.15; // opacity of nodes and edges outside the focus (at most 25 %)
    var fadedNode = null, fadedEdge = null; // per item: drawn faded now

    /** Fade what lies outside the focus (vis: Kommunen shown, on: connections shown). */
    function fade(vis, on) {
      var f = view.focus, body = network.body, nK = data.nK, nV = data.nV, i, any = false;
      if (!fadedNode) { fadedNode = new Uint8Array(nK); fadedEdge = new Uint8Array(nV); }
      for (i = 0; i < nK; i++) {
        var fn = f && vis[i] && !f.kom[i] ? 1 : 0;
        if (inGraph.nodes[i] && fn !== fadedNode[i]) {
          // vis-network applies a node's opacity to images only: fade the colours instead.
          var c = body.nodes[i].options.color, base = KTS.nodeColour(i);
          c.background = fn ? rgba(base, FADED) : base;
          c.border = fn ? rgba("#ffffff", FADED) : "#ffffff";
          fadedNode[i] = fn;
          any = true;
        }
      }
      for (i = 0; i < nV; i++) {
        var fe = f && on[i] && !f.edges[i] ? 1 : 0;
        if (inGraph.edges[i] && fe !== fadedEdge[i]) {
          var o = body.edges[i].options;
          o.color.opacity = fe ? FADED : 0.85;
          o.width = f && !fe ? 2.4 : 1.2;
          fadedEdge[i] = fe;
          any = true;
        }
      }
      return any;
    }

    function rgba(hex, alpha) {
      var n = parseInt(hex.slice(1), 16);
      return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
    }

    return {
      fade: fade,
      edgesReset: function () { if (fadedEdge) fadedEdge.fill(0); }
    };
  };
})();
