/* Export from the dashboard: the listed connections as CSV (the columns of the download
   daten/verbindungen.csv) and the view as one PNG (composed in picture.js). Both work
   offline (Blob URLs). */
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
    beleg: function (i) { return data.V.beleg[i]; },
    belegt: function (i) { return data.D.quellenBeispiel[data.V.q[i]] ? "nein" : "ja"; }
  };

  // A regular expression after "=", not after "return": Babel's extractor (the catalogue) reads
  // a slash after a word as a division, and the quote inside as the start of a string.
  var QUOTED = /[",\r\n]/;

  function cell(value) {
    var text = String(value);
    return QUOTED.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
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

  KTS.bindExport = function () {
    $("export-csv").addEventListener("click", function () {
      save(new Blob([KTS.selectionCsv()], { type: "text/csv;charset=utf-8" }), "verbindungen-auswahl.csv");
    });
    $("export-png").addEventListener("click", function () {
      // Übersetzung: the file name of the saved picture (no spaces).
      KTS.selectionPicture(function (blob) { save(blob, lib.t("netzwerk-auswahl.png")); });
    });
  };
})();
