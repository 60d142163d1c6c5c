/* Playback: steps the Zeitraum filter (state.bis) from the first to the last Berichtszeitraum,
   one step per PLAYBACK_STEP_MS. Each step is an ordinary filter change ("filter" on the bus),
   so map, graph, list, figures and chart follow and the address holds bis=<the step reached>;
   map and graph keep their frame meanwhile (main.js, refit), and frame the end once more.
   Any other filter change (form, reset, address) stops it. Played to the end, the Zeitraum
   filter and the address return to what they were before (a finished playback leaves no
   bis= behind); Anhalten keeps the step reached.
   Reduced motion (prefers-reduced-motion: reduce): the steps still happen, but change without
   transition. The graph already fits without animation (graph.js); the map's zoom animation
   and tile fading are CSS transitions, switched off in style.css ("vorbilder and playback"). */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, $ = lib.$, data = KTS.data, state = KTS.state;
  var bus = KTS.bus;

  var PLAYBACK_STEP_MS = 1000; // about one Berichtszeitraum per second
  var timer = null, playing = false, stepping = false, before = "";

  var playback = (KTS.playback = {
    interval: PLAYBACK_STEP_MS, // milliseconds per step; tests may shorten it
    play: play,
    stop: stop,
    playing: function () { return playing; }
  });

  /** The label of the Zeitraum in the state ("alle Berichtszeiträume" without one). */
  function showCurrent() {
    var D = data.D, z = state.bis ? KTS.indexOf(KTS.ids(D.zeitraeume), state.bis) : -1;
    lib.setText($("playback-step"), z >= 0 ? D.zeitraeume[z].label : lib.t("alle Berichtszeiträume"));
  }

  function setButton() {
    lib.setText($("playback-toggle"), playing ? lib.t("Anhalten") : lib.t("Abspielen"));
    $("playback").classList.toggle("playing", playing);
  }

  /** Set the Zeitraum filter to bis (an id or "") as a step of the playback. */
  function setBis(bis) {
    state.bis = bis;
    $("f-z").value = bis;
    stepping = true;
    try {
      bus.emit("filter");
    } finally {
      stepping = false;
    }
    showCurrent();
  }

  function step(z) {
    var periods = data.D.zeitraeume;
    timer = null;
    setBis(periods[z].id);
    if (z >= periods.length - 1) {
      timer = setTimeout(finish, playback.interval);
    } else timer = setTimeout(function () { step(z + 1); }, playback.interval);
  }

  /** After the last step: the Zeitraum filter as it was before, and the frame of it all. */
  function finish() {
    timer = null;
    setBis(before);
    stop();
    KTS.refit(); // the frame of the whole selection, in case it began on a narrower one
  }

  function play() {
    if (playing || !data.D || !data.D.zeitraeume.length) return;
    before = state.bis;
    playing = true;
    setButton();
    step(0);
  }

  function stop() {
    clearTimeout(timer);
    timer = null;
    if (!playing) return;
    playing = false;
    setButton();
  }

  KTS.bindPlayback = function () {
    var box = $("playback");
    if (!box) return;
    box.classList.remove("pending");
    $("playback-toggle").addEventListener("click", function () {
      if (playing) stop();
      else play();
    });
  };

  // A filter change that is not a step of the playback ends it.
  bus.on("filter", function () {
    if (playing && !stepping) stop();
  });

  bus.on("render", function (reason) {
    if (reason === "start") KTS.bindPlayback();
    if (reason === "hash") stop();
    if (reason !== "select" && $("playback-step")) showCurrent();
  });
})();
