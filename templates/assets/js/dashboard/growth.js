/* The growth chart: new connections per Berichtszeitraum, stacked by Art (SVG). */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, state = KTS.state, view = KTS.view;
  var svg = lib.svg, fmt = lib.fmt;

  /** New connections per half-year, stacked by Art, under all filters but the Zeitraum. */
  KTS.updateGrowth = function () {
    var D = data.D;
    var box = lib.$("growth"), c = view.counts, nA = D.arten.length, nZ = D.zeitraeume.length;
    var bis = state.bis ? KTS.indexOf(KTS.ids(D.zeitraeume), state.bis) : nZ - 1;
    var totals = [], most = 1, z, a;
    for (z = 0; z < nZ; z++) {
      var t = 0;
      for (a = 0; a < nA; a++) t += c.zArt[z * nA + a];
      totals.push(t);
      most = Math.max(most, t);
    }
    // Drawn at the box's own width so that the text keeps its size.
    var W = Math.max(box.clientWidth || 560, 280), H = 170, top = 18, bottom = 22, gap = Math.max(4, W / nZ / 8);
    var bw = (W - gap * (nZ + 1)) / nZ, short = bw < 34;
    // Labels (11 px, at most 7.5 px a character) too wide for their bar go to every step-th
    // bar, counted back from the newest, which always has its label.
    var labelWidth = (short ? 4 : 7) * 7.5, step = Math.ceil((labelWidth + 6) / (bw + gap));
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", "class": "growth-chart" });
    var title = svg("title", {});
    title.textContent = lib.t("Neue Verbindungen je Berichtszeitraum: %(values)s", { values: D.zeitraeume.map(function (p, k) {
      return p.label + " " + fmt(totals[k]);
    }).join(", ") });
    chart.appendChild(title);
    for (z = 0; z < nZ; z++) {
      var x = gap + z * (bw + gap), y = H - bottom, group = svg("g", { "class": z > bis ? "later" : "" });
      for (a = 0; a < nA; a++) {
        var v = c.zArt[z * nA + a];
        if (!v) continue;
        var h = (v / most) * (H - top - bottom);
        y -= h;
        group.appendChild(svg("rect", { x: x, y: y, width: bw, height: h, fill: D.arten[a].colour }));
      }
      var value = svg("text", { x: x + bw / 2, y: y - 4, "text-anchor": "middle", "class": "value" });
      value.textContent = fmt(totals[z]);
      group.appendChild(value);
      if ((nZ - 1 - z) % step === 0) {
        // Centred under its bar, but never past the chart's sides.
        var lx = Math.min(Math.max(x + bw / 2, labelWidth / 2), W - labelWidth / 2);
        var label = svg("text", { x: lx, y: H - bottom + 14, "text-anchor": "middle" });
        label.textContent = short ? D.zeitraeume[z].id.slice(2).replace("-", "") : D.zeitraeume[z].id.replace("-", " ");
        group.appendChild(label);
      }
      chart.appendChild(group);
    }
    box.replaceChildren(chart);
  };
})();
