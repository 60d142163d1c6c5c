/* Search keys shared by the header search, the Kommunen list and the dashboard's filter:
   case, ß, umlaut spelling and punctuation do not matter. lib.fold is the site search's
   (js/common/site-search.js) one form of a text. */
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
  // Letters that NFD does not take apart, as a reader would type them.
  var PLAIN = { "ß": "ss", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th" };
  /**
   * Text folded for the site search, words apart by one space: case and accents do not
   * matter, ä = ae = a (ö, ü alike: "Görlitz", "Goerlitz" and "Gorlitz" are "gorlitz"),
   * ß = ss. Folding a word's beginning gives the beginning of the folded word.
   */
  lib.fold = function (s) {
    var t = String(s).toLowerCase().replace(/[ßłøđðıæœþ]/g, function (c) { return PLAIN[c]; });
    t = t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/([aou])e/g, "$1");
    return t.replace(/[^a-z0-9]+/g, " ").trim();
  };
  /** True when every word occurs in the key. */
  lib.matchesAll = function (key, words) {
    for (var i = 0; i < words.length; i++) if (key.indexOf(words[i]) < 0) return false;
    return true;
  };
})();
