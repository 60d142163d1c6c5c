/* The search box in the header: lists the best matches of the engine (search-engine.js) and
   is driven by the arrow keys, Enter and Escape; "Alle N Treffer zeigen" opens the page Suche. */
(function () {
  "use strict";

  var lib = window.KTSLib;
  var HEADER_HITS = 6;

  /** The page Suche with the query q (relative to the site's root). */
  lib.searchPage = function (root, q) {
    return root + window.KTS_SEARCH.pfade.suche + "?q=" + encodeURIComponent(q.trim());
  };

  lib.siteSearch = function () {
    var input = lib.$("site-search"), list = lib.$("site-search-results");
    if (!input || !list) return;
    var root = document.body.dataset.root || "";
    var active = -1, found = 0;

    function run() {
      var result = lib.search(input.value), top = result.hits.slice(0, HEADER_HITS);
      found = result.hits.length;
      var frag = document.createDocumentFragment();
      top.forEach(function (hit, n) {
        var h = lib.searchHit(hit, result.words, root), a = lib.el("a");
        a.href = h.href;
        a.appendChild(lib.el("span", "name", h.title));
        a.appendChild(lib.el("span", "kind", h.label + (h.sub ? " · " + h.sub : "")));
        if (h.text) a.appendChild(lib.el("span", "excerpt")).appendChild(lib.searchPassage(h.text, result.words, 80));
        frag.appendChild(option(n, a));
      });
      if (found) {
        var all = lib.el("a", "", found === 1 ? "Den Treffer auf der Suchseite zeigen" : "Alle " + lib.fmt(found) + " Treffer zeigen");
        all.href = lib.searchPage(root, input.value);
        frag.appendChild(option(top.length, all)).classList.add("all");
      }
      var asked = result.words.length > 0;
      if (asked && !found) frag.appendChild(lib.el("li", "empty", "Nichts gefunden."));
      list.replaceChildren(frag);
      list.hidden = !asked;
      input.setAttribute("aria-expanded", asked ? "true" : "false");
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
    function option(n, a) {
      var li = lib.el("li");
      li.setAttribute("role", "option");
      li.id = "site-search-" + n;
      li.appendChild(a);
      return li;
    }
    function move(step) {
      var items = list.querySelectorAll("li[role=option]");
      if (!items.length) return;
      if (active >= 0) items[active].classList.remove("active");
      active = (active + step + items.length) % items.length;
      items[active].classList.add("active");
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }
    // On focus the index is fetched and folded in a task of its own, before the first key.
    input.addEventListener("focus", function () { lib.searchIndex(function () { setTimeout(lib.searchPrepare, 0); }); });
    input.addEventListener("input", function () { lib.searchIndex(run); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Escape") { list.hidden = true; input.setAttribute("aria-expanded", "false"); }
      else if (e.key === "Enter") enter(e);
    });
    // Enter opens the chosen match, else the best; with none, the page Suche says so.
    function enter(e) {
      if (!window.KTS_SEARCH || !lib.searchWords(input.value).length) return;
      var items = list.querySelectorAll("li[role=option] a"), target = items[active >= 0 ? active : 0];
      e.preventDefault();
      location.href = target && found ? target.href : lib.searchPage(root, input.value);
    }
    document.addEventListener("click", function (e) {
      if (!e.target.closest || !e.target.closest(".site-search")) list.hidden = true;
    });
  };
})();
