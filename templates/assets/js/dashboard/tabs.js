/* Narrow screens: the views as tabs (Karte, Netzwerk, Liste) and the filters as a panel that
   opens and closes. Touch: one finger scrolls the page until a view is tapped. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, $ = lib.$, setText = lib.setText;
  var TABS = ["karte", "netzwerk", "liste"];

  /** Show one view (on narrow screens; wide ones show all of them). */
  KTS.showTab = function (name, focus) {
    var dash = $("dashboard");
    if (dash.dataset.tab === "netzwerk" && name !== "netzwerk") KTS.keepGraphFrame();
    dash.dataset.tab = name;
    TABS.forEach(function (t) {
      var tab = $("tab-" + t), on = t === name;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      if (on && focus) tab.focus();
    });
    // A view that was hidden has no size yet: measure again now that it shows.
    if (name === "karte" && KTS.map) KTS.map.invalidateSize();
    if (name === "netzwerk") { KTS.ensureGraph(); frameGraph(); }
  };

  /** The graph framed to the focus when there is one, else to all it shows. */
  function frameGraph() {
    if (KTS.view.focus) KTS.fitGraphFocus();
    else KTS.fitGraph();
  }

  function setFilters(open) {
    $("filter").dataset.open = open ? "1" : "0";
    $("filter-toggle").setAttribute("aria-expanded", open ? "true" : "false");
  }

  /** Maps and graphs take a finger only after a tap on them, so a swipe scrolls the page. */
  function gateTouch() {
    if (!window.matchMedia || !matchMedia("(pointer: coarse)").matches) return;
    var frames = [document.querySelector(".map-frame"), $("graph")], armed = false;
    function arm(on) {
      armed = on;
      if (KTS.map) { if (on) KTS.map.dragging.enable(); else KTS.map.dragging.disable(); }
      if (KTS.network) KTS.network.setOptions({ interaction: { dragView: on } });
    }
    arm(false);
    KTS.bus.on("graph", function () { arm(armed); });
    document.addEventListener("pointerdown", function (e) {
      arm(frames.some(function (f) { return f && f.contains(e.target); }));
    }, true);
  }

  KTS.bindTabs = function () {
    window.addEventListener("resize", lib.sizeDashboard);
    setFilters(!matchMedia("(max-width: 1000px)").matches);
    $("filter-toggle").addEventListener("click", function () {
      setFilters($("filter").dataset.open !== "1");
    });
    TABS.forEach(function (t, n) {
      var tab = $("tab-" + t);
      tab.addEventListener("click", function () { KTS.showTab(t); });
      tab.addEventListener("keydown", function (e) {
        var step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
        if (step) KTS.showTab(TABS[(n + step + TABS.length) % TABS.length], true);
      });
    });
    gateTouch();
    // On a phone the details are a sheet over the lower part: show the view above it, framed
    // to the focus, so a selection or a path can be seen at once.
    function showFocus() {
      if (!matchMedia("(max-width: 600px)").matches || KTS.selected() < 0) return;
      if ($("details").getAttribute("role") === "dialog") return; // covers the view anyway
      if ($("dashboard").dataset.tab === "liste") KTS.showTab("karte");
      $("dashboard").scrollIntoView({ block: "start" });
      KTS.fitFocus($("details").getBoundingClientRect().height);
    }
    // The graph is built when first shown: frame it to the focus once it is there.
    KTS.bus.on("graph", function () { if ($("dashboard").dataset.tab === "netzwerk") frameGraph(); });
    KTS.bus.on("render", function (reason) {
      if (reason === "select" || reason === "focus" || reason === "start") showFocus();
      setText($("filter-toggle"), toggleText());
    });
  };

  /** "Filter", or "Filter (n)" with the number of filters set: seen while the panel is shut. */
  function toggleText() {
    var n = KTS.filtersSet();
    return n ? lib.t("Filter (%(n)s)", { n: n }) : lib.t("Filter");
  }
})();
