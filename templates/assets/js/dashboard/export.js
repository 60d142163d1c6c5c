/* Export from the dashboard: the listed connections as CSV (the columns of the download
   daten/verbindungen.csv) and map and graph as one PNG. Both work offline (Blob URLs). */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data;
  var $ = lib.$;
  // Each column of daten/verbindungen.csv for connection i; the build names the columns, in
  // their order (D.verbindungenSpalten, from the content schema).
  var VALUES = {
    von: function (i) { return data.K.id[data.V.von[i]]; },
    nach: function (i) { return data.K.id[data.V.nach[i]]; },
    art: function (i) { return data.D.arten[data.V.art[i]].id; },
    handlungsfelder: function (i) {
      return data.V.hf[i].map(function (h) { return data.D.handlungsfelder[h].id; }).join("|");
    },
    massnahme: function (i) { return data.V.m[i] >= 0 ? data.M.id[data.V.m[i]] : ""; },
    zeitraum: function (i) { return data.D.zeitraeume[data.V.z[i]].id; },
    beschreibung: function (i) { return data.V.text[i]; },
    quelle: function (i) { return data.D.quellen[data.V.q[i]]; },
    quelle_url: function (i) { return data.D.quellenUrl[data.V.q[i]]; },
    belegt: function (i) { return data.D.quellenBeispiel[data.V.q[i]] ? "nein" : "ja"; }
  };

  function cell(value) {
    var text = String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** The listed connections (the list's order) as CSV text. */
  KTS.selectionCsv = function () {
    var columns = data.D.verbindungenSpalten;
    var rows = [columns.join(",")];
    KTS.listed().items.forEach(function (i) {
      rows.push(columns.map(function (c) { return cell(VALUES[c](i)); }).join(","));
    });
    return rows.join("\r\n") + "\r\n";
  };

  function save(blob, name) {
    var a = lib.el("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  /** Map and graph side by side, with the filters in words above them. */
  KTS.selectionPicture = function (done) {
    var sources = [], pending = 0, graph = $("graph").querySelector("canvas");
    if (KTS.map) sources.push(KTS.mapPicture());
    if (graph) sources.push(graph.toDataURL("image/png"));
    var images = sources.map(function (src) {
      var img = new Image();
      pending++;
      img.onload = function () { if (--pending === 0) compose(); };
      img.src = src;
      return img;
    });
    function compose() {
      var gap = 16, head = 40, height = Math.max.apply(null, images.map(function (i) { return i.height; }));
      var width = images.reduce(function (w, i) { return w + i.width + gap; }, gap);
      var out = document.createElement("canvas");
      out.width = width;
      out.height = height + head + gap;
      var ctx = out.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.fillStyle = "#1c2530";
      ctx.font = "600 16px system-ui, sans-serif";
      ctx.fillText(document.title + " – " + KTS.filterText(), gap, 26);
      var x = gap;
      images.forEach(function (img) { ctx.drawImage(img, x, head); x += img.width + gap; });
      out.toBlob(done, "image/png");
    }
  };

  KTS.bindExport = function () {
    $("export-csv").addEventListener("click", function () {
      save(new Blob([KTS.selectionCsv()], { type: "text/csv;charset=utf-8" }), "verbindungen-auswahl.csv");
    });
    $("export-png").addEventListener("click", function () {
      KTS.selectionPicture(function (blob) { save(blob, "netzwerk-auswahl.png"); });
    });
  };
})();
