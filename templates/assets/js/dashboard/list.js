/* The text list of every matching connection, a page of KTS.PAGE items at a time. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view;
  var $ = lib.$, el = lib.el, fmt = lib.fmt;

  /** "A nimmt sich B zum Vorbild", "A überträgt an B", "A – B" as nodes with buttons. */
  function pairNodes(i, parent) {
    var V = data.V, art = data.D.arten[V.art[i]];
    parent.appendChild(KTS.kommuneButton(V.von[i]));
    if (art.id === "vorbild") {
      parent.appendChild(document.createTextNode(" nimmt sich "));
      parent.appendChild(KTS.kommuneButton(V.nach[i]));
      parent.appendChild(document.createTextNode(" zum Vorbild"));
    } else {
      parent.appendChild(document.createTextNode(art.id === "uebertragung" ? " überträgt an " : " – "));
      parent.appendChild(KTS.kommuneButton(V.nach[i]));
    }
  }

  function connectionItem(i) {
    var D = data.D, V = data.V, M = data.M;
    var li = el("li");
    var art = D.arten[V.art[i]];
    var head = el("span", "pair");
    pairNodes(i, head);
    li.appendChild(head);
    var meta = el("span", "meta");
    meta.appendChild(el("span", "art art-" + art.id, art.label));
    var parts = [V.hf[i].map(function (h) { return D.handlungsfelder[h].name; }).join(", ")];
    if (V.m[i] >= 0) parts.push("Maßnahme: " + M.titel[V.m[i]]);
    parts.push(D.zeitraeume[V.z[i]].label);
    meta.appendChild(document.createTextNode(" · " + parts.join(" · ")));
    li.appendChild(meta);
    var quelle = D.quellen[V.q[i]];
    var src = el("span", "source");
    if (V.text[i]) src.appendChild(el("span", "desc", V.text[i] + " "));
    if (/^Beispiel/.test(quelle)) src.appendChild(el("span", "badge", "Beispiel"));
    src.appendChild(document.createTextNode(" Quelle: " + quelle));
    li.appendChild(src);
    return li;
  }

  /** The first view.shown matching connections; focusFrom: the item to focus afterwards. */
  KTS.updateList = function (focusFrom) {
    var nV = data.nV, PAGE = KTS.PAGE;
    var list = $("result-list"), out = view.matching;
    var shown = Math.min(view.shown, out.length);
    var frag = document.createDocumentFragment();
    for (var j = 0; j < shown; j++) frag.appendChild(connectionItem(out[j]));
    list.replaceChildren(frag);
    var text = out.length === nV ? fmt(nV) + " Verbindungen" : fmt(out.length) + " von " + fmt(nV) + " Verbindungen";
    if (out.length === 0) text = "Keine Verbindung passt zu den Filtern.";
    else if (shown < out.length) text += " (die ersten " + fmt(shown) + " angezeigt)";
    lib.setText($("result-count"), text);
    $("result-reset").hidden = out.length > 0 || !KTS.filterActive();
    var more = $("result-more");
    more.hidden = shown >= out.length;
    more.textContent = "Weitere " + fmt(Math.min(PAGE, out.length - shown)) + " anzeigen";
    if (focusFrom !== undefined && list.children[focusFrom]) list.children[focusFrom].querySelector("button").focus();
  };

  KTS.bindList = function () {
    $("result-more").addEventListener("click", function () {
      var first = view.shown;
      view.shown += KTS.PAGE;
      KTS.updateList(first);
    });
  };
})();
