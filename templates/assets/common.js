/* Shared by every page: small DOM helpers, umlaut-insensitive search keys, map pieces, and the
   site search in the header. Text from data is only ever set with textContent. */
(function () {
  "use strict";

  var lib = (window.KTSLib = {});
  var SVG = "http://www.w3.org/2000/svg";

  lib.COLOURS = { mpsc: "#1d3f8f", other: "#8795a1", abroad: "#b07b12" };
  lib.GERMANY = [[47.27, 5.87], [55.06, 15.04]];

  lib.$ = function (id) { return document.getElementById(id); };

  lib.el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  };

  lib.svg = function (tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  };

  lib.setText = function (node, text) {
    if (node && node.textContent !== text) node.textContent = text;
  };

  /** German number format (1.234 and 12,5), as the build writes it. Intl.NumberFormat would
   * do the same, but loading its locale data costs 20 ms on the first call. */
  lib.fmt = function (n, digits) {
    var parts = Math.abs(n).toFixed(digits || 0).split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (n < 0 ? "-" : "") + whole + (parts[1] ? "," + parts[1] : "");
  };

  lib.safeUrl = function (u) {
    return /^https?:\/\//i.test(u || "") ? u : "";
  };

  // ---- search keys: case, ß, umlaut spelling and punctuation do not matter --------
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

  // ---- map pieces ------------------------------------------------------------------
  /** A chevron at 55 % of the way from a to b, sized by the line, locally undistorted. */
  lib.arrowHead = function (a, b) {
    var k = Math.cos(((a[0] + b[0]) / 2) * Math.PI / 180);
    var dx = (b[1] - a[1]) * k, dy = b[0] - a[0];
    var len = Math.sqrt(dx * dx + dy * dy) || 1;
    var size = Math.min(len * 0.12, 0.6);
    var ux = dx / len, uy = dy / len;
    var tip = [a[0] + dy * 0.55, (a[1] * k + dx * 0.55) / k];
    function back(angle) {
      var c = Math.cos(angle), s = Math.sin(angle);
      var rx = -(ux * c - uy * s) * size, ry = -(ux * s + uy * c) * size;
      return [tip[0] + ry, (tip[1] * k + rx) / k];
    }
    return [back(0.45), tip, back(-0.45)];
  };

  /** Panes, country outline (visible only without tiles), tile status, wheel-zoom on click. */
  lib.prepareMap = function (map, tiles, statusId) {
    map.createPane("kts-outline").style.zIndex = 150;
    map.createPane("kts-lines").style.zIndex = 410;
    map.createPane("kts-points").style.zIndex = 420;
    if (window.KTS_OUTLINE) {
      L.geoJSON(window.KTS_OUTLINE, {
        pane: "kts-outline",
        interactive: false,
        renderer: L.canvas({ pane: "kts-outline" }),
        style: function (f) {
          return { color: "#9aa7b3", weight: 1, fillColor: f.properties.de ? "#f4f1e8" : "#e9ecef", fillOpacity: 1 };
        }
      }).addTo(map);
    }
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.scrollWheelZoom.disable();
    map.on("click focus", function () { map.scrollWheelZoom.enable(); });
    map.on("mouseout blur", function () { map.scrollWheelZoom.disable(); });
    var failed = false;
    tiles.on("tileerror", function () {
      if (failed) return;
      failed = true;
      lib.setText(lib.$(statusId), "Kartenhintergrund nicht erreichbar (offline?): Es werden Landesumrisse gezeigt.");
    });
  };

  /** Fill the map legend: line colours (Art or Handlungsfeld) and the kinds of points. */
  lib.fillLegend = function (entries, title, note, pointsNote) {
    var box = document.querySelector(".map-legend");
    if (!box) return;
    var details = box.querySelector("details");
    if (!details) {
      details = lib.el("details");
      // On a small map (a phone, a side-by-side view) the open legend would cover it.
      var frame = box.closest(".leaflet-container");
      details.open = !frame || frame.clientWidth > 800;
      details.appendChild(lib.el("summary", null, "Legende"));
      details.appendChild(lib.el("div", "legend-body"));
      box.appendChild(details);
      L.DomEvent.disableClickPropagation(box);
    }
    var frag = document.createDocumentFragment();
    frag.appendChild(lib.el("strong", null, title));
    var ul = lib.el("ul", "legend-list");
    entries.forEach(function (e) {
      var li = lib.el("li"), sw = lib.el("span", "swatch" + (e.cls ? " " + e.cls : ""));
      if (e.colour) sw.style.background = e.colour;
      li.appendChild(sw);
      li.appendChild(document.createTextNode(e.label));
      ul.appendChild(li);
    });
    frag.appendChild(ul);
    if (note) frag.appendChild(lib.el("p", "legend-note", note));
    if (pointsNote) {
      frag.appendChild(lib.el("p", "legend-note", pointsNote));
    } else {
      var dots = lib.el("ul", "legend-list");
      [["mpsc", "Modellprojekt (MPSC)"], ["other", "weitere Kommune"], ["abroad", "Kommune im Ausland"]].forEach(function (d) {
        var li = lib.el("li");
        li.appendChild(lib.el("span", "dot " + d[0]));
        li.appendChild(document.createTextNode(d[1]));
        dots.appendChild(li);
      });
      frag.appendChild(dots);
    }
    details.querySelector(".legend-body").replaceChildren(frag);
  };

  lib.artLegend = function (arten) {
    return arten.map(function (a) { return { cls: "art-" + a.id, label: a.label + (a.directed ? " →" : "") }; });
  };
  lib.FLOW_NOTE = "→ Wissensfluss: vom Vorbild, vom Ursprung der Lösung";

  // ---- site search in the header -----------------------------------------------------
  function siteSearch() {
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
  }

  /** Kommunen A–Z: filter the list by name, Bundesland, Typ and MPSC without reloading; the
   * header search sends "?q=…" here when Enter is pressed before a result is chosen. */
  function kommunenFilter() {
    var form = lib.$("kommunen-filter");
    if (!form) return;
    var items = Array.prototype.slice.call(document.querySelectorAll(".kommunen-list li"));
    var keys = null;
    function apply() {
      var bl = form.elements.bl.value, typ = form.elements.typ.value, mpsc = form.elements.mpsc.checked;
      var words = lib.queryWords(form.elements.q.value);
      if (words.length && !keys) keys = items.map(function (li) { return lib.searchKey(li.querySelector("a").textContent); });
      var shown = 0;
      items.forEach(function (li, i) {
        var ok = (!bl || li.dataset.bl === bl) && (!typ || li.dataset.typ === typ) && (!mpsc || li.dataset.mpsc === "1") &&
          (!words.length || lib.matchesAll(keys[i], words));
        li.hidden = !ok;
        if (ok) shown++;
      });
      document.querySelectorAll("section.letter").forEach(function (s) {
        s.hidden = !s.querySelector("li:not([hidden])");
      });
      lib.setText(lib.$("kommunen-count"), lib.fmt(shown) + " Kommunen");
    }
    form.addEventListener("change", apply);
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var asked = new URLSearchParams(location.search).get("q");
    if (asked) {
      form.elements.q.value = asked;
      apply();
    }
  }

  function init() {
    siteSearch();
    kommunenFilter();
    // Pages without map and graph are ready now; the others say so when drawn.
    if (!lib.$("kts-view") && !lib.$("kts-data")) document.body.dataset.ready = "1";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
