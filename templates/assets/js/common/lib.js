/* Shared by every page: the namespaces, small DOM helpers, number format and script loading.
   Text from data is only ever set with textContent.

   window.KTS is defined here, once, for every page (common.js is the first script): KTS.lib
   holds what the pages share (also window.KTSLib, the same object). page.js (map and graph of a
   page, js/page/core.js) or dashboard.js (js/dashboard/core.js) adds its own parts to it. */
(function () {
  "use strict";

  var lib = (window.KTSLib = {});
  window.KTS = { lib: lib };
  var SVG = "http://www.w3.org/2000/svg";

  // Node colours come from the build (generator/vocab.py NODE_COLOURS, via colours.css).
  var root = getComputedStyle(document.documentElement);
  lib.COLOURS = {};
  ["mpsc", "other", "abroad"].forEach(function (kind) {
    lib.COLOURS[kind] = root.getPropertyValue("--node-" + kind).trim() || "#56636f";
  });
  // Germany's extent, as the build declares it (vocab.GERMANY): [[south, west], [north, east]].
  lib.GERMANY = (function (b) { return [[b[0], b[1]], [b[2], b[3]]]; })(
    document.body.dataset.germany.split(",").map(Number));

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

  // The page's language: its catalogue's strings (strings-<lang>.js, from the build's
  // locale/<lang>/LC_MESSAGES/messages.po) or, in the source language German, none.
  var I18N = window.KTS_I18N || { lang: "de", messages: {}, plural: { one: 0, other: 1 },
    number: { group: ".", decimal: "," } };
  lib.LANG = I18N.lang;
  var plurals = null;

  /** The number format of the page's language (1.234 and 12,5 in German, 1,234 and 12.5 in
   * English), as the build writes it. Intl.NumberFormat would do the same, but loading its
   * locale data costs 20 ms on the first call. */
  lib.fmt = function (n, digits) {
    var parts = Math.abs(n).toFixed(digits || 0).split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, I18N.number.group);
    return (n < 0 ? "-" : "") + whole + (parts[1] ? I18N.number.decimal + parts[1] : "");
  };

  /** %(name)s in text replaced by params' values (numbers in the page's format). */
  function fill(text, params) {
    if (!params) return text;
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      var v = params[name];
      return typeof v === "number" ? lib.fmt(v) : String(v);
    });
  }

  /** An interface string in the page's language: lib.t("Karte der Auswahl"), with
   * %(name)s parameters filled from params. */
  lib.t = function (message, params) {
    var found = I18N.messages[message];
    return fill(typeof found === "string" && found ? found : message, params);
  };

  /** The plural form for n: lib.nt("%(n)s Verbindung", "%(n)s Verbindungen", n); n is
   * given as %(n)s unless params name it otherwise. */
  lib.nt = function (singular, plural, n, params) {
    var forms = I18N.messages[singular], index;
    if (forms && typeof forms !== "string") {
      plurals = plurals || new Intl.PluralRules(I18N.lang);
      index = I18N.plural[plurals.select(n)] || 0;
    }
    var text = forms && typeof forms !== "string" && forms[index] ? forms[index] : n === 1 ? singular : plural;
    return fill(text, Object.assign({ n: n }, params));
  };

  lib.safeUrl = function (u) {
    return /^https?:\/\//i.test(u || "") ? u : "";
  };

  var scripts = {}; // src -> { ran: bool, waiting: [fn] }

  /**
   * Runs done once the script src has run, loading it on first need (a library that only one
   * view uses, such as vis-network, is fetched when that view is shown). An empty src means
   * the script is in the page already (the one-file snapshot); failed(src) if it cannot load.
   */
  lib.loadScript = function (src, done, failed) {
    if (!src) { done(); return; }
    var entry = scripts[src];
    if (!entry) {
      entry = scripts[src] = { ran: false, waiting: [] };
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = function () {
        entry.ran = true;
        entry.waiting.forEach(function (fn) { fn(); });
        entry.waiting = [];
      };
      tag.onerror = function () { if (failed) failed(src); };
      document.head.appendChild(tag);
    }
    if (entry.ran) done();
    else entry.waiting.push(done);
  };

  /** fn, run the first time the function returned is called and never again. */
  lib.once = function (fn) {
    var done = false;
    return function () {
      if (done) return;
      done = true;
      fn();
    };
  };

  /** Runs fn in a task after the next paint: what a click changed shows before fn's work. */
  lib.afterPaint = function (fn) {
    requestAnimationFrame(function () { setTimeout(fn, 0); });
  };

  /** Runs the steps (as for inTurn) one after another in this task. */
  lib.runSteps = function (steps) {
    steps.forEach(function (step) {
      var more = step();
      if (Array.isArray(more)) lib.runSteps(more);
    });
  };

  /**
   * Runs the functions one after another, each in a task of its own, from the next task on:
   * a page that starts in one long task cannot answer a tap until it is done. A step may
   * return further steps (an array), run right after it.
   */
  lib.inTurn = function (steps) {
    var n = 0;
    steps = steps.slice();
    function next() {
      var more = steps[n++]();
      if (Array.isArray(more)) steps.splice.apply(steps, [n, 0].concat(more));
      if (n < steps.length) setTimeout(next, 0);
    }
    setTimeout(next, 0);
  };

  /**
   * Starts the page's script (start.js, the last one; no inline script: see the CSP): on the
   * dashboard its loader (js/dashboard/start.js, which fetches dashboard.js), else page.js.
   */
  lib.start = function () {
    if (lib.$("dashboard")) lib.startDashboard();
    else window.KTS.start();
  };

  /** Calls near() once el is within 200 px of the screen; far() if it is not at first. */
  lib.whenNear = function (el, near, far) {
    if (!window.IntersectionObserver) { near(); return; }
    var first = true;
    var watch = new IntersectionObserver(function (entries) {
      if (entries[entries.length - 1].isIntersecting) { watch.disconnect(); near(); }
      else if (first) far();
      first = false;
    }, { rootMargin: "200px 0px" });
    watch.observe(el);
  };

  /**
   * Runs the scripts of srcs one after the other (each may use the ones before), each in a
   * task of its own, then done. They are fetched at once (preloaded): asked for one after the
   * other, each waited a round trip on a slow line.
   */
  lib.loadScripts = function (srcs, done, failed) {
    // Five requests per task: each costs the main thread 1–2 ms (the dashboard's scripts and
    // data are nine files at L).
    (function preload(from) {
      srcs.slice(from, from + 5).forEach(function (src) {
        if (!src || scripts[src] || document.querySelector('link[rel=preload][href="' + src + '"]')) return;
        var link = document.createElement("link");
        link.rel = "preload";
        link.as = "script";
        link.href = src;
        document.head.appendChild(link);
      });
      if (from + 5 < srcs.length) setTimeout(function () { preload(from + 5); }, 0);
    })(0);
    (function next(n) {
      if (n === srcs.length) { done(); return; }
      lib.loadScript(srcs[n], function () { next(n + 1); }, failed);
    })(0);
  };
})();
