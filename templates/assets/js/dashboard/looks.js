/* How Kommunen and connections look and read, the same on map, graph, list and drawer:
   colours, sizes, direction and texts. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, state = KTS.state;
  var COLOURS = lib.COLOURS;

  KTS.nodeColour = function (i) {
    var K = data.K;
    return K.mpsc[i] ? COLOURS.mpsc : K.bl[i] < 0 ? COLOURS.abroad : COLOURS.other;
  };

  /** 3 to 12 pixels by the share of the busiest Kommune's partners. */
  KTS.markerRadius = function (i) {
    return 3 + 9 * Math.sqrt(data.K.partners[i] / data.mostPartners);
  };

  /** The Art's direction as a flow of knowledge: from the role model, from the origin. */
  KTS.flow = function (i) {
    var V = data.V, a = V.von[i], b = V.nach[i];
    return KTS.flowsBack(V.art[i]) ? [b, a] : [a, b];
  };

  /** Whether knowledge flows from nach to von in connections of Art art: its source, the
   * end the knowledge comes from, is nach (the role model of a Vorbild). */
  KTS.flowsBack = function (art) {
    return data.D.arten[art].source === "nach";
  };

  /** Colour by Art, or by Handlungsfeld (the filtered one when a connection carries it). */
  KTS.edgeColour = function (i) {
    return KTS.edgeColours()(i);
  };

  /** KTS.edgeColour for the colouring chosen now, for many connections in a row. */
  KTS.edgeColours = function () {
    var D = data.D, V = data.V;
    if (state.farbe !== "hf") return function (i) { return D.arten[V.art[i]].colour; };
    var chosen = state.hf ? KTS.indexOf(KTS.ids(D.handlungsfelder), state.hf) : -1;
    return function (i) {
      var h = chosen >= 0 && V.hf[i].indexOf(chosen) >= 0 ? chosen : V.hf[i][0];
      return D.handlungsfelder[h].colour;
    };
  };

  /**
   * The sentence of connection i's Art ("{von} nimmt sich {nach} zum Vorbild", from the
   * build), told in pieces: words(text) for its words, end(k) for each Kommune it names.
   */
  KTS.tellConnection = function (i, words, end) {
    var V = data.V;
    data.D.arten[V.art[i]].sentence.split(/(\{von\}|\{nach\})/).forEach(function (bit) {
      if (bit === "{von}") end(V.von[i]);
      else if (bit === "{nach}") end(V.nach[i]);
      else if (bit) words(bit);
    });
  };

  /** node marked as German (lang="de") on a page in another language: content that has no
   * translation (descriptions, the sources' sentences and names, stories); returns node. */
  KTS.german = function (node) {
    if (lib.LANG !== "de") node.lang = "de";
    return node;
  };

  /** Whether Maßnahme m's title shows in German on a page in another language (it has no
   * title of its own there). */
  KTS.titleInGerman = function (m) {
    var de = data.titelDe;
    return lib.LANG !== "de" && !!de && data.M.titel[m] === de[m];
  };

  /** One line about a connection, for the tooltips of map and graph. */
  KTS.connectionText = function (i) {
    var D = data.D, K = data.K, V = data.V, M = data.M;
    var art = D.arten[V.art[i]], t = "";
    KTS.tellConnection(i, function (words) { t += words; }, function (k) { t += K.name[k]; });
    // An undirected Art's sentence ("A – B") does not name it.
    if (!art.directed) t += " (" + art.label + ")";
    t += ": " + V.hf[i].map(function (h) { return D.handlungsfelder[h].name; }).join(", ");
    if (V.m[i] >= 0) t += "; " + lib.t("Maßnahme:") + " " + M.titel[V.m[i]];
    return t + "; " + D.zeitraeume[V.z[i]].label;
  };

  /** A Kommune's name as a button that selects it (see "select" in main.js). */
  KTS.kommuneButton = function (i) {
    var b = lib.el("button", "k", data.K.name[i]);
    b.type = "button";
    b.dataset.k = data.K.id[i];
    return b;
  };
})();
