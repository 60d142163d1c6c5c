/* The page Suche: every match of the site search (js/common/site-search.js) for the query,
   best first, each with its kind and, for a match in a description, the passage with the
   words marked. The query comes as ?q=… (from the header search) and stays in the address
   while typing; ArrowDown and ArrowUp walk from the field through the results. */
(function () {
  "use strict";

  var lib = window.KTSLib;
  var STEP = 50; // results shown at once; "Weitere Treffer zeigen" adds as many
  var ROOM = 180; // characters of a passage

  function countText(result) {
    var n = result.hits.length;
    if (!result.words.length) return lib.t("Bitte geben Sie ein oder mehrere Wörter ein.");
    if (!n) return lib.t("Keine Treffer. Weniger oder kürzere Wörter finden mehr.");
    var parts = [];
    Object.keys(lib.SEARCH_KINDS).forEach(function (k) {
      var c = result.counts[k];
      if (c) parts.push(lib.SEARCH_KINDS[k].count(c));
    });
    return lib.nt("%(n)s Treffer: %(kinds)s", "%(n)s Treffer: %(kinds)s", n, { kinds: parts.join(", ") });
  }

  function item(h, words) {
    var li = lib.el("li", "treffer"), a = lib.el("a", "treffer-titel", h.title);
    a.href = h.href;
    if (h.titleLang) a.lang = h.titleLang;
    var head = lib.el("p", "treffer-kopf");
    head.appendChild(lib.el("span", "treffer-art", h.label));
    head.appendChild(a);
    if (h.sub) head.appendChild(lib.el("span", "treffer-sub", h.sub));
    li.appendChild(head);
    if (h.text) {
      var passage = li.appendChild(lib.el("p", "treffer-auszug"));
      if (h.textLang) passage.lang = h.textLang;
      passage.appendChild(lib.searchPassage(h.text, words, ROOM));
    }
    return li;
  }

  function start() {
    var form = lib.$("suche");
    if (!form) return;
    var input = lib.$("suche-q"), list = lib.$("suche-treffer"), count = lib.$("suche-anzahl");
    var more = lib.$("suche-mehr"), root = document.body.dataset.root || "";
    var result = null, shown = 0;

    function showMore() {
      var frag = document.createDocumentFragment(), upto = Math.min(result.hits.length, shown + STEP);
      for (var n = shown; n < upto; n++) frag.appendChild(item(lib.searchHit(result.hits[n], result.words, root), result.words));
      list.appendChild(frag);
      shown = upto;
      more.hidden = shown >= result.hits.length;
      lib.setText(more, lib.t("Weitere Treffer zeigen (%(next)s von %(rest)s)",
        { next: Math.min(STEP, result.hits.length - shown), rest: result.hits.length - shown }));
    }
    function run() {
      result = lib.search(input.value);
      shown = 0;
      list.replaceChildren();
      showMore();
      lib.setText(count, countText(result));
      document.title = (input.value.trim() ? input.value.trim() + " – " : "") + title;
      remember(input.value.trim());
    }
    // The address keeps the query (back and reload find it again); file:// allows it too.
    function remember(q) {
      var search = q ? "?q=" + encodeURIComponent(q) : "";
      if (location.search === search) return;
      history.replaceState(null, "", location.pathname + search);
    }
    var title = document.title;
    form.addEventListener("submit", function (e) { e.preventDefault(); lib.searchIndex(run); });
    input.addEventListener("input", function () { lib.searchIndex(run); });
    more.addEventListener("click", function () {
      var first = shown;
      showMore();
      var next = list.children[first];
      if (next) next.querySelector("a").focus();
    });
    form.addEventListener("keydown", function (e) { if (e.key === "ArrowDown" && e.target === input) step(e, 0); });
    list.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a.treffer-titel"));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (e.key === "ArrowDown") step(e, at + 1);
      else if (e.key === "ArrowUp") {
        e.preventDefault();
        if (at === 0) input.focus();
        else links[at - 1].focus();
      }
    });
    function step(e, n) {
      var link = list.querySelectorAll("a.treffer-titel")[n];
      if (!link) return;
      e.preventDefault();
      link.focus();
    }
    var asked = new URLSearchParams(location.search).get("q");
    if (asked) input.value = asked;
    lib.setText(count, lib.t("Suchindex wird geladen …"));
    lib.searchIndex(function () {
      if (input.value.trim()) run();
      else lib.setText(count, countText({ words: [], hits: [] }));
      form.dataset.bereit = "1";
    });
  }
  start();
})();
