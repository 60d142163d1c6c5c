/* The text list of every matching connection, a page of KTS.PAGE items at a time. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view, state = KTS.state;
  var $ = lib.$, el = lib.el, fmt = lib.fmt;

  /** The Art's sentence ("A nimmt sich B zum Vorbild") as nodes, with buttons for the names. */
  function pairNodes(i, parent) {
    KTS.tellConnection(i, function (words) {
      parent.appendChild(document.createTextNode(words));
    }, function (k) {
      parent.appendChild(KTS.kommuneButton(k));
    });
  }

  /** The source's own sentence, quoted (a q element; cite: the source's address). */
  KTS.belegQuote = function (text, url) {
    var q = el("q", "beleg", text);
    if (url) q.cite = url;
    return q;
  };

  function connectionItem(i) {
    var D = data.D, V = data.V, M = data.M;
    var li = el("li"), body = li.appendChild(el("div", "item"));
    var art = D.arten[V.art[i]];
    var head = el("span", "pair");
    pairNodes(i, head);
    body.appendChild(head);
    var meta = el("span", "meta");
    meta.appendChild(el("span", "art art-" + art.id, art.label));
    var fields = V.hf[i].map(function (h) { return D.handlungsfelder[h].name; }).join(", ");
    meta.appendChild(document.createTextNode(" · " + fields + " · "));
    if (V.m[i] >= 0) {
      // The Maßnahme's own page, as the names lead to the Kommunen.
      meta.appendChild(document.createTextNode("Maßnahme: "));
      var page = el("a", "massnahme", M.titel[V.m[i]]);
      page.href = (document.body.dataset.root || "") + document.body.dataset.massnahmePage.replace("{id}", encodeURIComponent(M.id[V.m[i]]));
      meta.appendChild(page);
      meta.appendChild(document.createTextNode(" · "));
    }
    meta.appendChild(document.createTextNode(D.zeitraeume[V.z[i]].label));
    body.appendChild(meta);
    var q = V.q[i], url = lib.safeUrl(D.quellenUrl[q]);
    var src = el("span", "source");
    if (V.text[i]) src.appendChild(el("span", "desc", V.text[i] + " "));
    if (D.quellenBeispiel[q]) src.appendChild(el("span", "badge", "Beispiel"));
    src.appendChild(document.createTextNode(" Quelle: "));
    if (url) {
      var a = el("a", null, D.quellen[q]);
      a.href = url; a.rel = "noopener"; a.target = "_blank";
      src.appendChild(a);
    } else {
      src.appendChild(document.createTextNode(D.quellen[q]));
    }
    if (V.beleg[i]) src.appendChild(KTS.belegQuote(V.beleg[i], url));
    body.appendChild(src);
    return li;
  }

  /** What the list shows: the focused Kommune's connections (or the path), else all matching. */
  KTS.listed = listed;
  function listed() {
    var f = view.focus, out = [], nV = data.nV;
    if (!f || view.preview !== -1) return { items: view.matching, text: null };
    if (f.path && f.path.found) return { items: f.path.edges, text: " auf dem Weg" };
    for (var j = 0; j < nV; j++) if (f.edges[j]) out.push(j);
    return { items: out, text: " von " + data.K.name[f.k] + (state.alle ? " (alle)" : " in der Auswahl") };
  }

  /** "1 Verbindung", "2 Verbindungen" (with the number formatted). */
  function verbindungen(n) {
    return fmt(n) + (n === 1 ? " Verbindung" : " Verbindungen");
  }

  /** The first view.shown listed connections; focusFrom: the item to focus afterwards. */
  KTS.updateList = function (focusFrom) {
    var nV = data.nV, PAGE = KTS.PAGE;
    var list = $("result-list"), what = listed(), out = what.items;
    var shown = Math.min(view.shown, out.length);
    var frag = document.createDocumentFragment();
    for (var j = 0; j < shown; j++) frag.appendChild(connectionItem(out[j]));
    list.replaceChildren(frag);
    // "3 von 745 Verbindungen" stays plural, as does "1 von 745 Verbindungen".
    var text = out.length === nV ? verbindungen(nV) : fmt(out.length) + " von " + verbindungen(nV);
    if (what.text) text = verbindungen(out.length) + what.text;
    if (out.length === 0) text = what.text ? "Keine Verbindungen" + what.text + "." : "Keine Verbindung passt zu den Filtern.";
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
