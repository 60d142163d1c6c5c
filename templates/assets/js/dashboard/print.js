/* Printing the dashboard: the current view on A4 with the active filters in words, map and
   graph at a fixed size (each on one page part), and every listed connection. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, state = KTS.state, view = KTS.view;
  var $ = lib.$;

  /** The active filters, the selection and the path in words (a sentence each). */
  KTS.filterText = function () {
    var D = data.D, K = data.K, parts = [];
    if (state.arten.some(function (on) { return !on; })) {
      parts.push(lib.t("Art: %(arten)s", { arten: D.arten.filter(function (a, i) { return state.arten[i]; })
        .map(function (a) { return a.label; }).join(", ") }));
    }
    if (state.hf) {
      parts.push(lib.t("Handlungsfeld: %(name)s", { name: D.handlungsfelder[KTS.indexOf(KTS.ids(D.handlungsfelder), state.hf)].name }));
    }
    if (state.bl) parts.push(lib.t("Bundesland: %(name)s", { name: state.bl }));
    if (state.bis) parts.push(lib.t("Stand bis %(zeitraum)s", { zeitraum: D.zeitraeume[KTS.indexOf(KTS.ids(D.zeitraeume), state.bis)].label }));
    if (state.mpsc) parts.push(lib.t("nur Modellprojekte"));
    if (state.belegt) parts.push(lib.t("nur belegte Verbindungen"));
    if (state.q) parts.push(lib.t("Suche: „%(q)s“", { q: state.q }));
    var text = parts.length ? lib.t("Filter: %(filters)s.", { filters: parts.join(" · ") }) : lib.t("Keine Filter: alle Verbindungen.");
    var sel = KTS.selected(), name = sel >= 0 ? { name: K.name[sel] } : null;
    if (sel >= 0) text += " " + (state.alle ? lib.t("Ausgewählt: %(name)s (alle Verbindungen).", name) : lib.t("Ausgewählt: %(name)s.", name));
    if (sel >= 0 && state.weg) text += " " + lib.t("Weg nach %(name)s.", { name: K.name[KTS.indexOf(K.id, state.weg)] });
    return text;
  };

  var shownBefore = 0, printing = false;

  /** The map's own canvases (outline, lines, points, names) as one picture; tiles are left
   * out: they come from another site and would make the picture unreadable to scripts. */
  KTS.mapPicture = mapPicture;
  function mapPicture() {
    KTS.drawMapNow();
    var box = KTS.map.getContainer(), rect = box.getBoundingClientRect(), ratio = window.devicePixelRatio || 1;
    var out = document.createElement("canvas");
    out.width = Math.round(rect.width * ratio);
    out.height = Math.round(rect.height * ratio);
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#dce6ee";
    ctx.fillRect(0, 0, out.width, out.height);
    box.querySelectorAll("canvas").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width && r.height) ctx.drawImage(c, (r.left - rect.left) * ratio, (r.top - rect.top) * ratio, r.width * ratio, r.height * ratio);
    });
    return out.toDataURL("image/png");
  }

  /** The picture that stands in for a view on paper (made once, after the view). */
  function picture(id, view, alt) {
    var img = $(id);
    if (!img) {
      img = lib.el("img", "print-only print-picture");
      img.id = id;
      img.alt = alt;
      view.parentNode.insertBefore(img, view.nextSibling);
    }
    return img;
  }

  function before() {
    if (printing) return;
    printing = true;
    lib.setText($("print-filters"), KTS.filterText());
    shownBefore = view.shown;
    view.shown = data.nV; // the complete list
    KTS.updateList();
    // Map and graph as pictures of what is on screen: the live views would be cut or
    // stretched by the page's other size.
    // A map behind the switch (Karte | Netzwerk) has no size: it keeps the picture it had
    // when last printed, or says on paper that it was not opened. A hidden graph's canvas
    // is emptied (vis-network sizes it to 0 × 0): its last frame was kept when it was left.
    var frame = document.querySelector(".map-frame");
    if (KTS.map && frame.offsetParent) picture("print-map", frame, lib.t("Karte der Auswahl, wie beim Drucken angezeigt")).src = mapPicture();
    var graph = drawnGraph() || graphFrame;
    if (graph) picture("print-graph", $("graph"), lib.t("Netzwerkgraph der Auswahl, wie beim Drucken angezeigt")).src = graph.toDataURL("image/png");
    notShown("print-map", frame, function (name) {
      return lib.t("Die Karte war vor dem Drucken nicht geöffnet (Ansicht „%(view)s“).", { view: name });
    });
    notShown("print-graph", $("graph"), function (name) {
      return lib.t("Der Netzwerkgraph war vor dem Drucken nicht geöffnet (Ansicht „%(view)s“).", { view: name });
    });
  }

  /** The graph's canvas while it shows a frame, else null. */
  function drawnGraph() {
    var canvas = $("graph") && $("graph").querySelector("canvas");
    return canvas && canvas.width && canvas.height ? canvas : null;
  }

  /** A copy of the graph's last frame, taken when its view is left (a copy, not a PNG:
   * encoding would slow the switch). */
  var graphFrame = null;
  KTS.keepGraphFrame = function () {
    var canvas = drawnGraph();
    if (!canvas) return;
    graphFrame = graphFrame || document.createElement("canvas");
    graphFrame.width = canvas.width;
    graphFrame.height = canvas.height;
    graphFrame.getContext("2d").drawImage(canvas, 0, 0);
  };

  /** On paper, a line in place of a view that was never on screen: says(the view's name). */
  function notShown(id, view, says) {
    var note = $(id + "-note");
    if (!note) {
      note = lib.el("p", "print-only print-note");
      note.id = id + "-note";
      view.parentNode.insertBefore(note, view.nextSibling);
    }
    note.hidden = !!($(id) && $(id).src);
    lib.setText(note, says(view.closest(".view").querySelector("h2").textContent));
  }

  function after() {
    if (!printing) return;
    printing = false;
    view.shown = shownBefore;
    KTS.updateList();
  }

  KTS.bindPrint = function () {
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    // Some print paths (saving as PDF headless) switch the media without the events.
    window.matchMedia("print").addEventListener("change", function (e) { if (e.matches) before(); else after(); });
  };
})();
