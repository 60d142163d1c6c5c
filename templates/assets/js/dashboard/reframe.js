/* Wider screens than a phone's: the map follows a selection. The selected Kommune and what is
   shown with it (its partners, or its path) come into the map's view: where they already lie
   in view (with a margin), the map stays where it is; else it moves as little as it must, at
   the reader's zoom where they fit there, else zoomed out just as far as needed (never in),
   animated unless the reader asks for reduced motion. On a phone tabs.js frames the focus
   above the details' sheet; a story's step frames its own view (stories.js). */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view, state = KTS.state;
  var PHONE = "(max-width: 600px)", MARGIN = 24;
  var shown = ""; // the selection and path target last brought into view ("k|weg")
  var pending = false; // a selection made while the map had no size: shown once it has one

  /** The focus's Kommunen as [lat, lon] (the path's when one is found: computeFocus). */
  function focusPoints() {
    var f = view.focus, K = data.K, pts = [];
    if (!f || f.line !== undefined) return pts;
    for (var i = 0; i < data.nK; i++) if (f.kom[i]) pts.push([K.lat[i], K.lon[i]]);
    return pts;
  }

  /**
   * The part of the map's box (container pixels) to show them in: within a margin, above the
   * attribution, beside or above a sheet fixed over the map (the details' drawer, a story's).
   */
  function area(map, size) {
    var box = map.getContainer().getBoundingClientRect();
    var a = { left: MARGIN, top: MARGIN, right: size.x - MARGIN, bottom: size.y - MARGIN - lib.footHeight(map) };
    [lib.$("details"), lib.$("geschichte")].forEach(function (sheet) {
      if (!sheet || sheet.hidden || getComputedStyle(sheet).position !== "fixed") return;
      var r = sheet.getBoundingClientRect();
      if (r.top >= box.bottom || r.bottom <= box.top || r.left >= box.right || r.right <= box.left) return;
      if (r.left <= box.left + 1) a.bottom = Math.min(a.bottom, r.top - box.top - MARGIN);
      else a.right = Math.min(a.right, r.left - box.left - MARGIN);
    });
    return a;
  }

  /** The shift (pixels) that brings lo..hi into from..to, moving least; centred if too long. */
  function shift(lo, hi, from, to) {
    if (hi - lo > to - from) return (lo + hi - from - to) / 2;
    return lo < from ? lo - from : hi > to ? hi - to : 0;
  }

  /** Where the map goes to show pts in a at zoom z: its centre, or null where it may stay. */
  function target(map, pts, a, z) {
    var size = map.getSize(), c = map.project(map.getCenter(), z);
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    pts.forEach(function (ll) {
      var p = map.project(ll, z);
      x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x);
      y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y);
    });
    var dx = c.x - size.x / 2, dy = c.y - size.y / 2;
    var mx = shift(x0 - dx, x1 - dx, a.left, a.right), my = shift(y0 - dy, y1 - dy, a.top, a.bottom);
    if (z === map.getZoom() && !mx && !my) return null;
    return map.unproject(c.add([mx, my]), z);
  }

  /** Bring the focus into view (see above); animate: false for none. True if the map moved. */
  function bring(map, animate) {
    var pts = focusPoints(), size = map.getSize();
    if (!pts.length || matchMedia(PHONE).matches) return false;
    // Leaflet drops a new view while a zoom runs: after a running zoom or pan (a refit).
    if (map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) {
      map.once(map._animatingZoom ? "zoomend" : "moveend", function () { bring(map, animate); });
      return false;
    }
    // A hidden map (the graph's tab) keeps its last size, if no resize made it 0: moved at once.
    if (!size.x || !size.y) { pending = true; return false; }
    if (!map.getContainer().clientWidth) animate = false;
    var a = area(map, size);
    if (a.right - a.left < 2 * MARGIN || a.bottom - a.top < 2 * MARGIN) return false;
    var pad = L.point(size.x - a.right + a.left, size.y - a.bottom + a.top);
    var z = Math.min(map.getZoom(), map.getBoundsZoom(L.latLngBounds(pts), false, pad));
    var centre = target(map, pts, a, z);
    if (!centre) return false;
    map.setView(centre, z, { animate: animate && !KTS.reducedMotion() });
    return true;
  }

  /**
   * Show the focus on the map (animate: false for at once), and keep it there when the map's
   * box changes size (lib.frame): after the frame before, where the map did not move for it.
   */
  function follow(animate) {
    var map = KTS.map;
    if (!map) return;
    if (!watching) {
      watching = true;
      // The map got its size (a tab shown): a selection made meanwhile comes into view.
      map.on("resize", function () { if (pending) { pending = false; follow(false); } });
    }
    var moved = bring(map, animate), before = map._ktsFrame;
    var base = before && before.followsFocus ? before.base : before;
    var frame = function () {
      if (frame.base) frame.base();
      bring(map, false);
    };
    frame.followsFocus = true;
    frame.base = moved ? null : base;
    map._ktsFrame = frame;
  }

  var watching = false;

  KTS.bus.on("render", function (reason) {
    var key = state.k + "|" + state.weg, before = shown;
    shown = key;
    if (!state.k || view.preview !== -1) return;
    // A story's step frames its own view; the focus's switches frame the focus (focus.js):
    // of the focus's changes here only a new path target.
    var story = KTS.stories && KTS.stories.current();
    if (reason === "select" || (reason === "focus" && key !== before)) follow(true);
    else if ((reason === "start" || reason === "hash") && !story) follow(reason === "hash");
  });
})();
