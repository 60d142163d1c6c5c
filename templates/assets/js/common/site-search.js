/* The site search in the header: loads the index on first use, lists the best matches and
   is driven by the arrow keys, Enter and Escape. */
(function () {
  "use strict";

  var lib = window.KTSLib;

  lib.siteSearch = function () {
    var input = lib.$("site-search"), list = lib.$("site-search-results");
    if (!input || !list) return;
    var root = document.body.dataset.root || "";
    var keys = null, active = -1, results = [];

    function ensureIndex(then) {
      if (window.KTS_SEARCH) { then(); return; }
      // Loaded on first use: a local, content-hashed file, so it works offline and is cached.
      var s = document.createElement("script");
      s.src = document.body.dataset.search;
      s.onload = then;
      document.head.appendChild(s);
    }
    function run() {
      var entries = window.KTS_SEARCH || [];
      if (!keys) keys = entries.map(function (e) { return lib.searchKey(e[0]); });
      var words = lib.queryWords(input.value);
      results = [];
      if (words.length) {
        for (var i = 0; i < entries.length && results.length < 200; i++) {
          if (lib.matchesAll(keys[i], words)) results.push(i);
        }
        // Names that start with the query first, then the shorter ones.
        var first = " " + words[0];
        results.sort(function (a, b) {
          var sa = keys[a].indexOf(first) === 0 ? 0 : 1, sb = keys[b].indexOf(first) === 0 ? 0 : 1;
          return sa - sb || entries[a][0].length - entries[b][0].length || a - b;
        });
      }
      show(entries, results.slice(0, 12), words.length > 0);
    }
    function show(entries, top, asked) {
      var frag = document.createDocumentFragment();
      top.forEach(function (i, n) {
        var e = entries[i], li = lib.el("li"), a = lib.el("a");
        li.setAttribute("role", "option");
        li.id = "site-search-" + n;
        a.href = root + e[3];
        a.appendChild(lib.el("span", "name", e[0]));
        a.appendChild(lib.el("span", "kind", e[1] + (e[2] ? " · " + e[2] : "")));
        li.appendChild(a);
        frag.appendChild(li);
      });
      if (asked && !top.length) frag.appendChild(lib.el("li", "empty", "Nichts gefunden."));
      list.replaceChildren(frag);
      list.hidden = !asked;
      input.setAttribute("aria-expanded", asked ? "true" : "false");
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
    function move(step) {
      var items = list.querySelectorAll("li[role=option]");
      if (!items.length) return;
      if (active >= 0) items[active].classList.remove("active");
      active = (active + step + items.length) % items.length;
      items[active].classList.add("active");
      input.setAttribute("aria-activedescendant", items[active].id);
    }
    input.addEventListener("focus", function () { ensureIndex(function () {}); });
    input.addEventListener("input", function () { ensureIndex(run); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Escape") { list.hidden = true; input.setAttribute("aria-expanded", "false"); }
      else if (e.key === "Enter") {
        var items = list.querySelectorAll("li[role=option] a");
        var target = items[active >= 0 ? active : 0];
        if (target) { e.preventDefault(); location.href = target.href; }
      }
    });
    document.addEventListener("click", function (e) {
      if (!e.target.closest || !e.target.closest(".site-search")) list.hidden = true;
    });
  };
})();
