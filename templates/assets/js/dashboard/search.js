/* The filter's text search: which Kommunen and Maßnahmen contain which words of the query. */
(function () {
  "use strict";

  var KTS = window.KTS, data = KTS.data;

  /**
   * For the query q: { kom, mas, all } where bit w of kom[i] (mas[i]) is set when word w occurs
   * in the name of Kommune i (the title of Maßnahme i), and all has a bit for every word (up
   * to 30); all is 0 and kom, mas are null for an empty query.
   */
  KTS.searchHits = function (q) {
    var words = KTS.lib.queryWords(q);
    var nK = data.nK, nM = data.M.id.length, kHit = null, mHit = null, i, w;
    if (words.length) {
      var keyKom = KTS.searchKeys().kom, keyMas = KTS.searchKeys().mas;
      // Bit w is set when word w occurs in the name (or title).
      kHit = new Uint32Array(nK);
      mHit = new Uint32Array(nM);
      for (w = 0; w < words.length && w < 30; w++) {
        for (i = 0; i < nK; i++) if (keyKom[i].indexOf(words[w]) >= 0) kHit[i] |= 1 << w;
        for (i = 0; i < nM; i++) if (keyMas[i].indexOf(words[w]) >= 0) mHit[i] |= 1 << w;
      }
    }
    var allWords = words.length ? (1 << Math.min(words.length, 30)) - 1 : 0;
    return { kom: kHit, mas: mHit, all: allWords };
  };
})();
