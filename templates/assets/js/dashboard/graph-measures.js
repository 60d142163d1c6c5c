/* What a graph node's size can show (state.groesse): the partners, the Vorbild mentions or the
   betweenness, each per Kommune over the whole network, taken once when first asked. The
   betweenness is the build's (metrics.py, as the Analyse page ranks it: K.betweenness). */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data;

  KTS.SIZE_TEXT = {
    partner: lib.t("Punktgröße: Zahl der Partner."),
    vorbilder: lib.t("Punktgröße: wie oft als Vorbild genannt (oder übertragen von)."),
    betweenness: lib.t("Punktgröße: Vermittlerrolle (Betweenness: wie oft auf kürzesten Wegen zwischen anderen).")
  };
  var measured = {}; // per measure: its values, and the largest

  /** Per Kommune its value of the measure name (over all connections) and the largest. */
  KTS.sizeMeasure = function (name) {
    if (measured[name]) return measured[name];
    var values = name === "vorbilder" ? vorbildMentions() : name === "betweenness" ? data.K.betweenness : data.K.partners;
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
})();
