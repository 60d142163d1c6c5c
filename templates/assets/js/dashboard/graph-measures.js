/* What a graph node's size can show (state.groesse): the partners, the Vorbild mentions or the
   betweenness, each per Kommune over the whole network, worked out once when first asked. */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data;

  KTS.SIZE_TEXT = {
    partner: "Punktgröße: Zahl der Partner.",
    vorbilder: "Punktgröße: wie oft als Vorbild genannt (oder übertragen von).",
    betweenness: "Punktgröße: Vermittlerrolle (Betweenness: wie oft auf kürzesten Wegen zwischen anderen)."
  };
  var measured = {}; // per measure: its values, and the largest

  /** Per Kommune its value of the measure name (over all connections) and the largest. */
  KTS.sizeMeasure = function (name) {
    if (measured[name]) return measured[name];
    var values = name === "vorbilder" ? vorbildMentions() : name === "betweenness" ? betweenness() : data.K.partners;
    var most = 0;
    for (var i = 0; i < data.nK; i++) most = Math.max(most, values[i]);
    return (measured[name] = { values: values, most: most || 1 });
  };

  /** How often each Kommune is the model end (the source) of a connection, over all of them. */
  function vorbildMentions() {
    var V = data.V, counts = new Float64Array(data.nK);
    var model = data.D.arten.map(function (art) {
      return art.source === "nach" ? V.nach : art.source === "von" ? V.von : null;
    });
    for (var j = 0; j < data.nV; j++) if (model[V.art[j]]) counts[model[V.art[j]][j]]++;
    return counts;
  }

  var BETWEENNESS_SOURCES = 400; // above this many Kommunen, shortest paths from a sample

  /**
   * Betweenness of every Kommune in the whole network, without direction (Brandes): the
   * shortest paths through it. Above BETWEENNESS_SOURCES Kommunen from an even sample.
   */
  function betweenness() {
    var nK = data.nK, V = data.V, start = new Int32Array(nK + 1), i, j;
    // One link per pair of Kommunen, however many connections join them.
    var links = [];
    for (j = 0; j < data.nV; j++) if (KTS.curve(j) === 0 && V.von[j] !== V.nach[j]) links.push(j);
    links.forEach(function (l) { start[V.von[l] + 1]++; start[V.nach[l] + 1]++; });
    for (i = 0; i < nK; i++) start[i + 1] += start[i];
    var fill = start.slice(0, nK), next = new Int32Array(2 * links.length);
    links.forEach(function (l) { next[fill[V.von[l]]++] = V.nach[l]; next[fill[V.nach[l]]++] = V.von[l]; });
    var score = new Float64Array(nK), sigma = new Float64Array(nK), dist = new Int32Array(nK);
    var delta = new Float64Array(nK), order = new Int32Array(nK);
    var step = Math.max(1, Math.ceil(nK / BETWEENNESS_SOURCES));
    for (var s = 0; s < nK; s += step) {
      dist.fill(-1);
      sigma.fill(0);
      delta.fill(0);
      dist[s] = 0;
      sigma[s] = 1;
      var head = 0, tail = 0;
      order[tail++] = s;
      while (head < tail) {
        var a = order[head++];
        for (j = start[a]; j < start[a + 1]; j++) {
          var b = next[j];
          if (dist[b] < 0) { dist[b] = dist[a] + 1; order[tail++] = b; }
          if (dist[b] === dist[a] + 1) sigma[b] += sigma[a];
        }
      }
      for (var t = tail - 1; t > 0; t--) {
        var w = order[t];
        for (j = start[w]; j < start[w + 1]; j++) {
          var v = next[j];
          if (dist[v] === dist[w] - 1) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
        }
        score[w] += delta[w];
      }
    }
    return score;
  }
})();
