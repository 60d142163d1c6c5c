/* The dashboard's start-up, from start.js (lib.start) until its views are drawn. It runs
   before dashboard.js, which it fetches, so it ships in common.js (BUNDLES in
   generator/site/assets.py); from dashboard.js on, js/dashboard/main.js says what runs when. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib;

  /**
   * The dashboard's scripts and data (#dashboard's data-scripts, empty in the one-file
   * snapshot, which has them inline) are fetched after the first paint: its text shows at
   * once, on a slow line seconds before the map, and the first tap is not stuck behind their
   * start. Then the data are taken in (KTS.load) and the dashboard starts (KTS.start).
   */
  lib.startDashboard = function () {
    var box = lib.$("dashboard");
    lib.sizeDashboard(); // before the first paint: the views keep their size from then on
    var srcs = box.dataset.scripts ? box.dataset.scripts.split(" ") : [];
    // A button tapped before the scripts have run (a tab, a hub, an export) is pressed again
    // once the views are drawn: the last one, so that a tap on a slow line is not lost. From
    // the start on, the buttons have their own handlers.
    var tapped = null, main = document.querySelector("main") || document.body;
    function remember(e) {
      var button = e.target.closest && e.target.closest("button[type=button]");
      if (!button || !main.contains(button)) return;
      // By id, or (a hub: the lists are drawn anew) by its Kommune within its list.
      var list = button.parentNode.closest("[id]");
      var k = button.dataset.k;
      tapped = button.id ? "#" + CSS.escape(button.id) : list && k ? "#" + CSS.escape(list.id) + " button[data-k=\"" + CSS.escape(k) + "\"]" : null;
    }
    document.addEventListener("click", remember, true);
    function start() {
      document.removeEventListener("click", remember, true);
      KTS.bus.on("render", function first(reason) {
        if (reason !== "start") return;
        KTS.bus.off("render", first);
        var button = tapped && document.querySelector(tapped);
        if (button) button.click();
      });
      KTS.start();
    }
    function load() {
      // The data are taken in (2–5 ms at L) in a task before the start's (12–27 ms at L).
      lib.loadScripts(srcs, function () { lib.inTurn([KTS.load, start]); }, function () {
        lib.setText(lib.$("map-status"), lib.t("Karte, Netzwerk und Liste konnten nicht geladen werden. Bitte die Seite neu laden."));
      });
    }
    // A tab opened in the background paints nothing (and runs no animation frame) until shown.
    if (document.visibilityState === "hidden") load();
    else requestAnimationFrame(function () { setTimeout(load, 0); });
  };

  /** The dashboard fills the window below what stands above it (header, notice, figures). */
  lib.sizeDashboard = function () {
    var top = lib.$("dashboard").getBoundingClientRect().top + window.scrollY;
    document.documentElement.style.setProperty("--dash-top", Math.round(top) + "px");
  };
})();
