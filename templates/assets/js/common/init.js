/* Starts the shared page behaviour once the document is parsed (the last part of common.js). */
(function () {
  "use strict";

  var lib = window.KTSLib;

  /** The link to the page in the other language takes the dashboard's view along (#…). */
  function keepHash() {
    document.querySelectorAll("a[data-keep-hash]").forEach(function (a) {
      var base = a.getAttribute("href").split("#")[0];
      function update() { a.setAttribute("href", base + location.hash); }
      update();
      window.addEventListener("hashchange", update);
      ["click", "pointerdown", "focus"].forEach(function (e) { a.addEventListener(e, update); });
    });
  }

  function init() {
    keepHash();
    lib.siteSearch();
    lib.kommunenFilter();
    // Pages without map and graph are ready now; the others say so when drawn.
    if (!lib.$("kts-view") && !lib.$("dashboard")) document.body.dataset.ready = "1";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
