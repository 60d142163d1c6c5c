/* Geschichten: guided stories through the dashboard (content/geschichten.yaml, rendered by
   _partials/geschichten.html). "Geschichten" in the head lists them; starting one shows its
   first step in a panel at the top of the .side column (a sheet at the foot on narrower
   screens) and that step's view; Weiter and Zurück move one step, Beenden (or Escape in the
   panel) returns to the view before the story.
   A step's view is an address of the dashboard (data-ansicht, checked and written by the build
   as KTS.hashOf writes it). A step is shown as an address of its own, the view's parameters
   and geschichte=<id>&schritt=<n>, so the browser's Back goes to the step before and the
   address can be shared; main.js applies it as any address ("hashchange"), and the panel
   follows the address on the bus's render "hash". Changing a filter during a story leaves the
   panel open (the address then holds the free view). */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, view = KTS.view, data = KTS.data;
  var $ = lib.$, setText = lib.setText;
  var STORY = "geschichte", STEP = "schritt";
  var NARROW = "(max-width: 1000px)"; // the panel is a sheet at the foot of the screen

  /** The stories of the page: [{id, titel, schritte: [{text, ansicht}]}] (none without). */
  var stories = Array.prototype.map.call(document.querySelectorAll("ol.geschichte-schritte"), function (ol) {
    return {
      id: ol.dataset.geschichte,
      titel: ol.dataset.titel,
      schritte: Array.prototype.map.call(ol.children, function (li) {
        return { text: li.textContent.trim(), ansicht: li.dataset.ansicht || "" };
      })
    };
  });
  var panel = $("geschichte");
  // The running story: {story, step (from 0), before: the address before it}, or null.
  var current = null;

  function storyById(id) {
    for (var i = 0; i < stories.length; i++) if (stories[i].id === id) return stories[i];
    return null;
  }

  /** The story and step (from 0, within its steps) an address names, or null. */
  function storyIn(hash) {
    var p = new URLSearchParams(hash.replace(/^#/, ""));
    var story = storyById(p.get(STORY) || "");
    if (!story) return null;
    var n = parseInt(p.get(STEP) || "1", 10);
    n = isNaN(n) ? 0 : Math.max(0, Math.min(story.schritte.length - 1, n - 1));
    return { story: story, step: n };
  }

  /** The address of step n of a story: its view, then the story and the step's number. */
  function addressOf(story, n) {
    var view = story.schritte[n].ansicht;
    return (view ? view + "&" : "") + STORY + "=" + encodeURIComponent(story.id) + "&" + STEP + "=" + (n + 1);
  }

  /** The free view's address without the story's parameters. */
  function withoutStory(hash) {
    var p = new URLSearchParams(hash.replace(/^#/, ""));
    p.delete(STORY);
    p.delete(STEP);
    return p.toString();
  }

  /** Show an address as main.js shows any address it is opened with (a new history entry). */
  function open(hash) {
    var url = hash ? "#" + hash : location.pathname + location.search;
    history.pushState(null, "", url);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  }

  // A shared address (#geschichte=…&schritt=3) opens its step: its view before the start reads it.
  var shared = panel && storyIn(location.hash);
  if (shared) history.replaceState(null, "", "#" + addressOf(shared.story, shared.step));

  function start(story) {
    var before = current ? current.before : withoutStory(location.hash);
    current = { story: story, step: 0, before: before };
    menu(false);
    open(addressOf(story, 0));
    $("geschichte-titel").focus();
  }

  function move(by) {
    if (!current) return;
    var n = current.step + by;
    if (n < 0 || n >= current.story.schritte.length) return;
    open(addressOf(current.story, n));
  }

  function end() {
    if (!current) return;
    var before = current.before;
    close();
    open(before);
    $("geschichten-toggle").focus();
  }

  function close() {
    current = null;
    panel.hidden = true;
    delete $("dashboard").dataset.geschichte;
  }

  /** Show step n of a story in the panel, and frame its view. */
  function show(story, n) {
    if (!current || current.story !== story) current = { story: story, step: n, before: current ? current.before : "" };
    current.step = n;
    var last = story.schritte.length - 1;
    setText($("geschichte-titel"), story.titel);
    setText($("geschichte-stand"), lib.t("Schritt %(n)s von %(total)s", { n: n + 1, total: last + 1 }));
    setText($("geschichte-text"), story.schritte[n].text);
    // The stories are told in German only: their title and text say so on other pages.
    KTS.german($("geschichte-titel"));
    KTS.german($("geschichte-text"));
    $("geschichte-zurueck").setAttribute("aria-disabled", n === 0 ? "true" : "false");
    $("geschichte-weiter").setAttribute("aria-disabled", n === last ? "true" : "false");
    panel.hidden = false;
    $("dashboard").dataset.geschichte = story.id;
    measure();
    // After the other parts' answers to this render (the phone's sheet frames the focus).
    setTimeout(frame, 0);
  }

  /** How much of the screen the sheets cover (narrow screens), for the map's frame and the page's foot. */
  function measure() {
    var dash = $("dashboard");
    var h = matchMedia(NARROW).matches && !panel.hidden ? Math.ceil(panel.getBoundingClientRect().height) : 0;
    dash.style.setProperty("--geschichte-hoehe", h + "px");
  }

  /** Frame the step's view on the map: the selected Kommune with its partners (or the path),
   * else the whole selection, in Germany and abroad, clear of the sheets over the map. */
  function frame() {
    var map = KTS.map;
    if (!map || !current) return;
    // Leaflet drops a new view while a zoom animation runs (see map.js, fitFocus).
    if (map._animatingZoom) { map.once("zoomend", frame); return; }
    if (matchMedia(NARROW).matches) $("dashboard").scrollIntoView({ block: "start" });
    var K = data.K, f = view.focus, shown = f ? (f.path && f.path.found ? f.path.nodes : f.kom) : view.visibleKom;
    var pts = [];
    if (f && f.path && f.path.found) {
      shown.forEach(function (i) { pts.push([K.lat[i], K.lon[i]]); });
    } else {
      for (var i = 0; i < data.nK; i++) if (shown && shown[i]) pts.push([K.lat[i], K.lon[i]]);
    }
    if (!pts.length) return;
    var box = map.getContainer().getBoundingClientRect();
    var hidden = box.bottom - Math.min(window.innerHeight, coveredFrom());
    lib.frame(map, function () {
      map.fitBounds(pts, { paddingTopLeft: [24, 24], paddingBottomRight: [24, 24 + Math.max(0, hidden, lib.footHeight(map))], maxZoom: 9 });
    });
  }

  /** Where on the screen the sheets over the map begin (the panel's, the details'). */
  function coveredFrom() {
    var top = window.innerHeight;
    [panel, $("details")].forEach(function (sheet) {
      if (sheet && !sheet.hidden && getComputedStyle(sheet).position === "fixed") {
        top = Math.min(top, sheet.getBoundingClientRect().top);
      }
    });
    return top;
  }

  function menu(openIt) {
    $("geschichten-menu").hidden = !openIt;
    $("geschichten-toggle").setAttribute("aria-expanded", openIt ? "true" : "false");
  }

  function bind() {
    var box = $("geschichten"), toggle = $("geschichten-toggle"), list = $("geschichten-menu");
    box.classList.remove("pending");
    toggle.addEventListener("click", function () { menu(list.hidden); });
    list.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("button.geschichte-start");
      if (b) start(storyById(b.dataset.geschichte));
    });
    box.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !list.hidden && list.contains(document.activeElement)) {
        e.stopPropagation();
        menu(false);
        toggle.focus();
      } else if (e.key === "Escape" && !list.hidden) {
        e.stopPropagation();
        menu(false);
      }
    });
    document.addEventListener("click", function (e) {
      if (!list.hidden && !box.contains(e.target)) menu(false);
    });
    $("geschichte-zurueck").addEventListener("click", function () { move(-1); });
    $("geschichte-weiter").addEventListener("click", function () { move(1); });
    $("geschichte-beenden").addEventListener("click", end);
    panel.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      e.stopPropagation(); // not the details' Escape as well
      end();
    });
    window.addEventListener("resize", function () { if (current) measure(); });
  }

  if (!panel) return;
  // The panel stands at the top of the side column, beside map and graph.
  var side = document.querySelector("#dashboard > .side");
  if (side) side.insertBefore(panel, side.firstChild);

  KTS.bus.on("render", function (reason) {
    if (reason === "start") bind();
    if (reason !== "start" && reason !== "hash") return;
    var at = storyIn(location.hash);
    if (at) show(at.story, at.step);
    else if (current && reason === "hash") close();
  });

  // For tests: the stories and what is shown.
  KTS.stories = {
    list: stories,
    current: function () { return current ? { id: current.story.id, step: current.step + 1 } : null; },
    addressOf: addressOf
  };
})();
