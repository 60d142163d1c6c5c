/* Search keys shared by the header search, the Kommunen list and the dashboard's filter:
   case, ß, umlaut spelling and punctuation do not matter. */
(function () {
  "use strict";

  var lib = window.KTSLib;

  function strip(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }
  /** A name in both spellings ("münster" as "muenster" and "munster"), space-padded. */
  lib.searchKey = function (s) {
    var plain = s.toLowerCase().replace(/ß/g, "ss");
    var spelled = plain.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue");
    return " " + strip(spelled) + " | " + strip(plain) + " ";
  };
  /** The words of a query in the spelled-out form. */
  lib.queryWords = function (q) {
    var s = q.toLowerCase().replace(/ß/g, "ss").replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue");
    return strip(s).split(" ").filter(Boolean);
  };
  /** True when every word occurs in the key. */
  lib.matchesAll = function (key, words) {
    for (var i = 0; i < words.length; i++) if (key.indexOf(words[i]) < 0) return false;
    return true;
  };
})();
