/* The text list of every matching connection, a page of KTS.PAGE items at a time. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view, state = KTS.state;
  var $ = lib.$, el = lib.el;

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
    var q = KTS.german(el("q", "beleg", text));
    if (url) q.cite = url;
    return q;
  };

  /** Source q's name (German, as the source calls itself): a link to url, or its text. */
  KTS.sourceName = function (q, url) {
    var name = data.D.quellen[q];
    if (url) {
      var a = KTS.german(el("a", null, name));
      a.href = url; a.rel = "noopener"; a.target = "_blank";
      return a;
    }
    return lib.LANG === "de" ? document.createTextNode(name) : KTS.german(el("span", null, name));
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
      meta.appendChild(document.createTextNode(lib.t("Maßnahme:") + " "));
      var page = el("a", "massnahme", M.titel[V.m[i]]);
      if (KTS.titleInGerman(V.m[i])) KTS.german(page);
      page.href = (document.body.dataset.root || "") + document.body.dataset.massnahmePage.replace("{id}", encodeURIComponent(M.id[V.m[i]]));
      meta.appendChild(page);
      meta.appendChild(document.createTextNode(" · "));
    }
    meta.appendChild(document.createTextNode(D.zeitraeume[V.z[i]].label));
    body.appendChild(meta);
    var q = V.q[i], url = lib.safeUrl(D.quellenUrl[q]);
    var src = el("span", "source");
    if (V.text[i]) src.appendChild(KTS.german(el("span", "desc", V.text[i] + " ")));
    if (D.quellenBeispiel[q]) src.appendChild(el("span", "badge", lib.t("Beispiel")));
    src.appendChild(document.createTextNode(" " + lib.t("Quelle:") + " "));
    src.appendChild(KTS.sourceName(q, url));
    if (V.beleg[i]) src.appendChild(KTS.belegQuote(V.beleg[i], url));
    body.appendChild(src);
    return li;
  }

  /**
   * What the list shows: the focused Kommune's connections (or the path), else all matching;
   * items, and what they are: "" (the matching ones), "weg" (the path's), "alle" or
   * "auswahl" (the focused Kommune's, all or in the selection; name: its name).
   */
  KTS.listed = listed;
  function listed() {
    var f = view.focus, out = [], nV = data.nV;
    if (!f || view.preview !== -1) return { items: view.matching, what: "" };
    if (f.path && f.path.found) return { items: f.path.edges, what: "weg" };
    for (var j = 0; j < nV; j++) if (f.edges[j]) out.push(j);
    return { items: out, what: state.alle ? "alle" : "auswahl", name: data.K.name[f.k] };
  }

  /** The list's count in words: "745 Verbindungen", "3 von 745 Verbindungen" (which stays
   * plural, as does "1 von 745 Verbindungen"), "12 Verbindungen von Ulm in der Auswahl". */
  function countText(listing, nV) {
    var n = listing.items.length, name = { name: listing.name };
    if (listing.what === "weg") {
      return n ? lib.nt("%(n)s Verbindung auf dem Weg", "%(n)s Verbindungen auf dem Weg", n)
        : lib.t("Keine Verbindungen auf dem Weg.");
    }
    if (listing.what === "alle") {
      return n ? lib.nt("%(n)s Verbindung von %(name)s (alle)", "%(n)s Verbindungen von %(name)s (alle)", n, name)
        : lib.t("Keine Verbindungen von %(name)s (alle).", name);
    }
    if (listing.what === "auswahl") {
      return n ? lib.nt("%(n)s Verbindung von %(name)s in der Auswahl", "%(n)s Verbindungen von %(name)s in der Auswahl", n, name)
        : lib.t("Keine Verbindungen von %(name)s in der Auswahl.", name);
    }
    if (!n) return lib.t("Keine Verbindung passt zu den Filtern.");
    if (n === nV) return lib.nt("%(n)s Verbindung", "%(n)s Verbindungen", nV);
    return lib.nt("%(n)s von %(total)s Verbindung", "%(n)s von %(total)s Verbindungen", nV, { n: n, total: nV });
  }

  /** The first view.shown listed connections; focusFrom: the item to focus afterwards. */
  KTS.updateList = function (focusFrom) {
    var nV = data.nV, PAGE = KTS.PAGE;
    var list = $("result-list"), listing = listed(), out = listing.items;
    var shown = Math.min(view.shown, out.length);
    var frag = document.createDocumentFragment();
    for (var j = 0; j < shown; j++) frag.appendChild(connectionItem(out[j]));
    list.replaceChildren(frag);
    var text = countText(listing, nV);
    if (shown < out.length) text = lib.t("%(count)s (die ersten %(n)s angezeigt)", { count: text, n: shown });
    lib.setText($("result-count"), text);
    $("result-reset").hidden = out.length > 0 || !KTS.filterActive();
    var more = $("result-more");
    more.hidden = shown >= out.length;
    more.textContent = lib.t("Weitere %(n)s anzeigen", { n: Math.min(PAGE, out.length - shown) });
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
