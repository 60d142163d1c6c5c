/* The search box in the header: lists the best matches of the engine (search-engine.js) and
   is driven by the arrow keys, Enter and Escape; "Alle N Treffer zeigen" opens the page Suche.
   A combobox with a listbox: the focus stays in the box, the options are no links (a link
   inside an option is a control in a control); each carries its target in data-href, and
   Enter or a click opens it (Ctrl, Shift or the middle button in a new tab). */
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
        var h = lib.searchHit(hit, result.words, root), li = option(n, h.href);
        var name = li.appendChild(lib.el("span", "name", h.title));
        if (h.titleLang) name.lang = h.titleLang;
        li.appendChild(lib.el("span", "kind", h.label + (h.sub ? " · " + h.sub : "")));
        if (h.text) {
          var excerpt = li.appendChild(lib.el("span", "excerpt"));
          if (h.textLang) excerpt.lang = h.textLang;
          excerpt.appendChild(lib.searchPassage(h.text, result.words, 80));
        }
        frag.appendChild(li);
      });
      if (found) {
        var all = option(top.length, lib.searchPage(root, input.value));
        all.classList.add("all");
        all.textContent = found === 1 ? lib.t("Den Treffer auf der Suchseite zeigen") :
          lib.nt("Alle %(n)s Treffer zeigen", "Alle %(n)s Treffer zeigen", found);
        frag.appendChild(all);
      }
      var asked = result.words.length > 0;
      if (asked && !found) frag.appendChild(lib.el("li", "empty", lib.t("Nichts gefunden.")));
      list.replaceChildren(frag);
      list.hidden = !asked;
      input.setAttribute("aria-expanded", asked ? "true" : "false");
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
    function option(n, href) {
      var li = lib.el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.id = "site-search-" + n;
      li.dataset.href = href;
      return li;
    }
    function move(step) {
      var items = list.querySelectorAll("li[role=option]");
      if (!items.length) return;
      if (active >= 0) mark(items[active], false);
      active = (active + step + items.length) % items.length;
      mark(items[active], true);
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }
    function mark(item, on) {
      item.classList.toggle("active", on);
      item.setAttribute("aria-selected", on ? "true" : "false");
    }
    // An option's target, here or (asked for) in a new tab.
    function open(href, newTab) {
      if (newTab) window.open(href, "_blank", "noopener");
      else location.href = href;
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
      var items = list.querySelectorAll("li[role=option]"), target = items[active >= 0 ? active : 0];
      e.preventDefault();
      open(target && found ? target.dataset.href : lib.searchPage(root, input.value), e.ctrlKey || e.metaKey || e.shiftKey);
    }
    function choose(e) {
      var item = e.target.closest && e.target.closest("li[role=option]");
      if (!item || !list.contains(item) || (e.type === "auxclick" && e.button !== 1)) return;
      e.preventDefault();
      open(item.dataset.href, e.type === "auxclick" || e.ctrlKey || e.metaKey || e.shiftKey);
    }
    list.addEventListener("click", choose);
    list.addEventListener("auxclick", choose);
    // A press on an option keeps the focus (and the list) in the box.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    document.addEventListener("click", function (e) {
      if (!e.target.closest || !e.target.closest(".site-search")) list.hidden = true;
    });
  };
})();
