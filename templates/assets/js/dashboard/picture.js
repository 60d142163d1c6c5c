/* The picture "Bild speichern" saves: a view that explains itself. Above the views the full
   title, the filters in words (KTS.filterText, as on paper) and the count; below them the
   legend, the notice on illustrative data when any is shown, the Datenstand, the background
   and the map's attribution. The same words travel in the PNG's tEXt chunks (Title,
   Description, Source, Copyright; written by png-text.js) for scripts and screen readers. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, state = KTS.state, view = KTS.view;
  var $ = lib.$;

  var INK = "#1c2530", MUTED = "#3f4b57", NOTICE = "#fff1cc", PAD = 16, GAP = 16;
  var FONT = "system-ui, sans-serif";

  /** The connections the map draws: those that match and the focus's (see KTS.updateMapLines). */
  function shownConnections() {
    var on = KTS.matchingMask(), out = [], f = view.focus;
    if (f) for (var i = 0; i < data.nV; i++) if (f.edges[i]) on[i] = 1;
    for (var j = 0; j < on.length; j++) if (on[j]) out.push(j);
    return out;
  }

  /** The notice on the illustrative connections among the shown ones, or "". */
  function illustrativeNotice(shown) {
    var D = data.D, V = data.V, n = 0, sources = [];
    shown.forEach(function (i) {
      if (!D.quellenBeispiel[V.q[i]]) return;
      n++;
      if (sources.indexOf(D.quellen[V.q[i]]) < 0) sources.push(D.quellen[V.q[i]]);
    });
    if (!n) return "";
    // Übersetzung: a source's name in the language's quotation marks.
    var named = sources.sort().map(function (s) { return lib.t("„%(text)s“", { text: s }); }).join(", ");
    return lib.nt("Hinweis: %(n)s von %(total)s gezeigten Verbindungen ist ein illustratives Beispiel (Quelle %(sources)s), keine berichteten Verbindungen.",
      "Hinweis: %(n)s von %(total)s gezeigten Verbindungen sind illustrative Beispiele (Quelle %(sources)s), keine berichteten Verbindungen.",
      n, { total: shown.length, sources: named });
  }

  /** The count of the shown connections, in the list's words (and the faded rest of the map). */
  function countText(shown) {
    var listed = KTS.listed().items.length, text = $("result-count").textContent.trim().replace(/\.$/, "");
    if (view.focus && shown.length > listed) {
      return lib.t("%(count)s; die Karte zeigt blass %(n)s weitere der Auswahl.", { count: text, n: shown.length - listed });
    }
    return text + ".";
  }

  /** The legend as the map shows it: Arten (or Handlungsfelder) and the kinds of points. */
  function legend() {
    var D = data.D, C = lib.COLOURS;
    var points = [
      { colour: C.mpsc, label: lib.t("Modellprojekt (MPSC)") },
      { colour: C.other, label: lib.t("weitere Kommune") },
      { colour: C.abroad, label: lib.t("Kommune im Ausland") }
    ];
    if (state.farbe === "hf") {
      return {
        title: lib.t("Handlungsfeld"), kind: "box", points: points,
        entries: D.handlungsfelder.map(function (h) { return { colour: h.colour, label: h.name }; }),
        note: lib.t("Bei mehreren Feldern zählt das gewählte, sonst das erste.")
      };
    }
    return {
      title: lib.t("Art der Verbindung"), kind: "line", points: points,
      entries: D.arten.map(function (a) { return { colour: a.colour, label: a.label + (a.directed ? " →" : "") }; }),
      note: lib.FLOW_NOTE
    };
  }

  /** What the picture's background is, and the map's credit as the map shows it. */
  function mapCredit(withMap) {
    if (!withMap) return { background: "", attribution: "" };
    var control = KTS.map.getContainer().querySelector(".leaflet-control-attribution");
    var offline = $("map-status") && $("map-status").textContent.trim();
    var background = !window.KTS_OUTLINE ? lib.t("Hintergrund der Karte: einfarbig (ohne Kartenkacheln).")
      : offline ? lib.t("Hintergrund der Karte: Landesumrisse (Kartenkacheln nicht erreichbar).")
        : lib.t("Hintergrund der Karte: Landesumrisse; die Kartenkacheln sind im Bild nicht enthalten.");
    var attribution = control ? control.textContent.replace(/\s+/g, " ").trim() : "";
    return { background: background, attribution: attribution ? lib.t("Karte: %(attribution)s.", { attribution: attribution }) : "" };
  }

  /** Every text of the picture, in the order it reads; withMap: the map is in it. */
  KTS.pictureTexts = function (withMap) {
    var shown = shownConnections(), stand = document.querySelector(".site-header .stand time");
    var heading = document.querySelector(".dash-head h1");
    var credit = mapCredit(withMap);
    return {
      title: (heading ? heading.textContent : document.title).trim(),
      filters: KTS.filterText(),
      count: countText(shown),
      legend: legend(),
      notice: illustrativeNotice(shown),
      datenstand: lib.t("Datenstand: %(date)s", { date: stand ? stand.textContent.trim() : KTS.data.D.datenstand }),
      background: credit.background,
      attribution: credit.attribution
    };
  };

  /** text broken into lines no wider than width (a word longer than that by its letters). */
  function wrap(ctx, text, width) {
    var lines = [], line = "";
    text.split(/\s+/).forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (ctx.measureText(next).width <= width) { line = next; return; }
      if (line) lines.push(line);
      line = "";
      while (ctx.measureText(word).width > width && word.length > 1) {
        var cut = word.length - 1;
        while (cut > 1 && ctx.measureText(word.slice(0, cut)).width > width) cut--;
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      line = word;
    });
    if (line) lines.push(line);
    return lines;
  }

  /** A writer that lays out (draw false: only measures) or draws, from the top down. */
  function Pen(ctx, width, draw) {
    this.ctx = ctx;
    this.width = width;
    this.draw = draw;
    this.y = PAD;
  }

  Pen.prototype.text = function (text, size, weight, colour, back) {
    if (!text) return;
    var ctx = this.ctx, lh = Math.round(size * 1.35);
    ctx.font = weight + " " + size + "px " + FONT;
    var lines = wrap(ctx, text, this.width - 2 * PAD - (back ? 16 : 0));
    if (this.draw && back) {
      ctx.fillStyle = back;
      ctx.fillRect(PAD, this.y, this.width - 2 * PAD, lines.length * lh + 12);
    }
    var x = PAD + (back ? 8 : 0), y = this.y + (back ? 6 : 0);
    if (this.draw) {
      ctx.fillStyle = colour;
      ctx.textBaseline = "top";
      lines.forEach(function (l, k) { ctx.fillText(l, x, y + k * lh + Math.round((lh - size) / 2)); });
    }
    this.y += lines.length * lh + (back ? 12 : 0) + 4;
  };

  /** Legend entries in rows: a sample (line, box or dot) of their colour and the label. */
  Pen.prototype.keys = function (entries, kind) {
    var ctx = this.ctx, x = PAD, row = 22, sample = kind === "line" ? 26 : 14, self = this;
    ctx.font = "400 14px " + FONT;
    ctx.textBaseline = "middle";
    entries.forEach(function (e) {
      var w = sample + 6 + Math.ceil(ctx.measureText(e.label).width);
      if (x > PAD && x + w > self.width - PAD) { x = PAD; self.y += row; }
      if (self.draw) {
        var mid = self.y + row / 2;
        ctx.fillStyle = e.colour;
        if (kind === "line") ctx.fillRect(x, mid - 3, sample, 6);
        else if (kind === "box") ctx.fillRect(x, mid - 7, sample, 14);
        else { ctx.beginPath(); ctx.arc(x + 7, mid, 6, 0, 2 * Math.PI); ctx.fill(); }
        ctx.fillStyle = INK;
        ctx.fillText(e.label, x + sample + 6, mid);
      }
      x += w + 18;
    });
    this.y += row + 4;
  };

  /** The views at y, placed as laid out (see placed). */
  Pen.prototype.views = function (layout) {
    var ctx = this.ctx, y = this.y;
    if (this.draw) {
      layout.items.forEach(function (v) {
        ctx.drawImage(v.image, PAD + v.x, y + v.y, v.w, v.h);
        ctx.strokeStyle = "#9aa7b3";
        ctx.lineWidth = 1;
        ctx.strokeRect(PAD + v.x - 0.5, y + v.y - 0.5, v.w + 1, v.h + 1);
      });
    }
    this.y += layout.height + (layout.items.length ? 12 : 0);
  };

  /** The whole picture, written by pen; returns its height. */
  function paint(pen, texts, layout) {
    var L = texts.legend;
    pen.text(texts.title, 20, "700", INK);
    pen.text(texts.filters, 15, "400", INK);
    pen.text(texts.count, 15, "400", INK);
    pen.y += 4;
    pen.views(layout);
    pen.text(L.title, 14, "700", INK);
    pen.keys(L.entries, L.kind);
    pen.keys(L.points, "dot");
    pen.text(L.note, 13, "400", MUTED);
    pen.y += 4;
    pen.text(texts.notice, 14, "600", INK, NOTICE);
    pen.text(texts.datenstand, 13, "400", INK);
    pen.text(texts.background, 13, "400", MUTED);
    pen.text(texts.attribution, 13, "400", MUTED);
    return Math.ceil(pen.y + PAD - 4);
  }

  /**
   * The views as on screen, in CSS pixels: beside each other, or one below the other where
   * the page stacks them; items [{image, x, y, w, h}], width, height.
   */
  function placed(shown, ratio) {
    var items = [], width = 0, height = 0;
    shown.forEach(function (v, k) {
      var w = v.image.width / ratio, h = v.image.height / ratio, prev = items[k - 1];
      var below = prev && v.rect.top >= shown[k - 1].rect.bottom;
      var item = { image: v.image, w: w, h: h, x: 0, y: 0 };
      if (below) item.y = prev.y + prev.h + GAP;
      else if (prev) { item.x = prev.x + prev.w + GAP; item.y = prev.y; }
      items.push(item);
      width = Math.max(width, item.x + w);
      height = Math.max(height, item.y + h);
    });
    return { items: items, width: width, height: height };
  }

  /** The views shown now, to done(shown, withMap): the map's picture (an image) and the
   * graph's canvas, each with its place on screen, those on screen (narrower windows show
   * one of them, as a tab). */
  function shownViews(done) {
    var shown = [], graph = $("graph").querySelector("canvas");
    var seen = function (node) { var r = node.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    var withGraph = function () {
      var withMap = shown.length > 0;
      if (graph && seen(graph) && graph.width && graph.height) shown.push({ image: graph, rect: graph.getBoundingClientRect() });
      done(shown, withMap);
    };
    var box = KTS.map && KTS.map.getContainer();
    if (!box || !seen(box)) { withGraph(); return; }
    var img = new Image();
    img.onload = function () { shown.push({ image: img, rect: box.getBoundingClientRect() }); withGraph(); };
    img.onerror = function () { withGraph(); };
    img.src = KTS.mapPicture();
  }

  /** The texts for the PNG's tEXt chunks (keys of the PNG specification). */
  KTS.pictureMetadata = function (texts) {
    var L = texts.legend;
    var description = [
      texts.filters, texts.count,
      lib.t("Legende – %(title)s: %(entries)s.", { title: L.title, entries: L.entries.map(function (e) { return e.label; }).join(", ") }),
      lib.t("Punkte: %(entries)s.", { entries: L.points.map(function (e) { return e.label; }).join(", ") }),
      L.note, texts.notice, texts.datenstand, texts.background
    ];
    var address = /^https?:$/.test(location.protocol) ? location.href : "#" + KTS.hashOf(state);
    return [
      ["Title", texts.title],
      ["Description", description.filter(Boolean).join("\n")],
      ["Source", lib.t("%(title)s, Ansicht %(address)s", { title: texts.title, address: address })],
      ["Copyright", [texts.attribution, texts.datenstand ? lib.t("Daten: %(title)s, %(datenstand)s.", { title: texts.title, datenstand: texts.datenstand })
        : lib.t("Daten: %(title)s.", { title: texts.title })].filter(Boolean).join(" ")]
    ];
  };

  /** The picture as a PNG Blob with its texts in tEXt chunks, to done(blob). */
  KTS.selectionPicture = function (done) {
    var ratio = window.devicePixelRatio || 1;
    shownViews(function (shown, withMap) {
      var texts = KTS.pictureTexts(withMap), layout = placed(shown, ratio);
      var width = Math.ceil(Math.max(layout.width + 2 * PAD, 360));
      var measure = document.createElement("canvas").getContext("2d");
      var height = paint(new Pen(measure, width, false), texts, layout);
      var out = document.createElement("canvas");
      out.width = Math.round(width * ratio);
      out.height = Math.round(height * ratio);
      var ctx = out.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, width, height);
      paint(new Pen(ctx, width, true), texts, layout);
      out.toBlob(function (blob) {
        blob.arrayBuffer().then(function (bytes) {
          done(new Blob([KTS.pngWithText(new Uint8Array(bytes), KTS.pictureMetadata(texts))], { type: "image/png" }));
        });
      }, "image/png");
    });
  };
})();
