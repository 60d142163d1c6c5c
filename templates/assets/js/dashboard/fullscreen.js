/* "Vollbild": map or graph over the whole window, and back (the button or Escape). A class,
   not the Fullscreen API: it works inside an embedding page's frame and from file://. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, $ = lib.$, setText = lib.setText;

  /** The view shown over the whole window, or null. */
  function fullView() {
    return document.querySelector(".dashboard > .view.is-full");
  }

  /** Map and graph measure their box again after it changed size. */
  function resized(view) {
    if (view.id === "view-karte" && KTS.map) KTS.map.invalidateSize();
    if (view.id === "view-netzwerk") { KTS.ensureGraph(); KTS.fitGraph(); }
  }

  /** Show view (an element) over the whole window, or back in its place (on false). */
  KTS.setFull = function (view, on) {
    var button = view.querySelector(".full-toggle");
    view.classList.toggle("is-full", on);
    document.body.classList.toggle("has-full", on);
    setText(button, on ? lib.t("Vollbild beenden") : lib.t("Vollbild"));
    button.setAttribute("aria-expanded", on ? "true" : "false");
    resized(view);
    button.focus();
  };

  KTS.bindFullscreen = function () {
    Array.prototype.forEach.call(document.querySelectorAll(".full-toggle"), function (button) {
      var view = $(button.dataset.full);
      button.addEventListener("click", function () { KTS.setFull(view, !view.classList.contains("is-full")); });
    });
    // Escape leaves the full view first (before it closes the details).
    document.addEventListener("keydown", function (e) {
      var view = fullView();
      if (e.key !== "Escape" || !view) return;
      var inSearch = e.target.closest && e.target.closest(".site-search");
      if (inSearch) return;
      e.stopImmediatePropagation();
      KTS.setFull(view, false);
    }, true);
  };
})();
