/* Starts the shared page behaviour once the document is parsed (the last part of common.js). */
(function () {
  "use strict";

  var lib = window.KTSLib;

  function init() {
    lib.siteSearch();
    lib.kommunenFilter();
    // Pages without map and graph are ready now; the others say so when drawn.
    if (!lib.$("kts-view") && !lib.$("dashboard")) document.body.dataset.ready = "1";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
