/* The details drawer of the selected Kommune: facts, links, every reported partner grouped by
   Art, its Maßnahmen. Its close button and Escape emit "select" with -1. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, data = KTS.data, view = KTS.view;
  var $ = lib.$, el = lib.el, safeUrl = lib.safeUrl;

  /** Show the selected Kommune (or hide the drawer); from: what asked, "hash" keeps focus. */
  KTS.showDetails = function (from) {
    var D = data.D, K = data.K, V = data.V, M = data.M, nV = data.nV;
    var panel = $("details"), body = $("details-body");
    var i = KTS.selected();
    if (i < 0) {
      panel.hidden = true;
      KTS.updateModal();
      return;
    }
    lib.setText($("details-titel"), K.name[i]);
    var region = K.bl[i] >= 0 ? D.bundeslaender[K.bl[i]] : D.laender[K.land[i]].name;
    var bits = [D.typen[K.typ[i]], region];
    // The Staffel is a year: a string, not a number in the language's format.
    bits.push(K.mpsc[i] ? lib.t("Modellprojekt Smart Cities, Staffel %(staffel)s", { staffel: String(K.staffel[i]) })
      : lib.t("kein Modellprojekt"));
    bits.push(lib.nt("%(n)s Partner", "%(n)s Partner", K.partners[i]));
    var frag = document.createDocumentFragment();
    frag.appendChild(el("p", "facts", bits.join(" · ")));
    if (K.text[i]) frag.appendChild(KTS.german(el("p", "about", K.text[i])));
    var links = el("p", "links"), page = el("a", null, lib.t("Seite der Kommune"));
    page.href = (document.body.dataset.root || "") + document.body.dataset.kommunePage.replace("{id}", K.id[i]);
    links.appendChild(page);
    var web = safeUrl(K.web[i]);
    if (web) {
      var a = el("a", null, lib.t("Website der Kommune"));
      a.href = web; a.rel = "noopener"; a.target = "_blank";
      links.appendChild(document.createTextNode(" · "));
      links.appendChild(a);
    }
    var kontakt = safeContact(K.kontakt[i]);
    if (kontakt) {
      var contact = el("a", null, lib.t("Kontakt aufnehmen"));
      contact.href = kontakt; contact.rel = "noopener";
      if (kontakt.indexOf("mailto:") !== 0) contact.target = "_blank";
      links.appendChild(document.createTextNode(" · "));
      links.appendChild(contact);
    }
    frag.appendChild(links);
    // The facts stand above the focus tools, the partners and Maßnahmen below them.
    body.replaceChildren(frag);
    frag = document.createDocumentFragment();
    // Partners grouped by Art, with direction where the Art has one.
    var groups = D.arten.map(function () { return []; });
    var masSet = new Set(), j;
    for (j = 0; j < nV; j++) {
      var a2 = V.von[j], b2 = V.nach[j];
      if (a2 !== i && b2 !== i) continue;
      var other = a2 === i ? b2 : a2;
      var dir = D.arten[V.art[j]].directed ? (a2 === i ? "out" : "in") : "";
      var g = groups[V.art[j]];
      if (!g.some(function (x) { return x.k === other && x.dir === dir; })) g.push({ k: other, dir: dir });
      if (V.m[j] >= 0) masSet.add(V.m[j]);
    }
    for (j = 0; j < M.id.length; j++) if (M.kommunen[j].indexOf(i) >= 0) masSet.add(j);
    var any = false;
    D.arten.forEach(function (art, ai) {
      var grp = groups[ai];
      if (!grp.length) return;
      if (!any) frag.appendChild(el("h3", "sub", lib.t("Alle berichteten Partner (unabhängig von den Filtern)")));
      any = true;
      grp.sort(function (x, y) { return K.rank[x.k] - K.rank[y.k]; });
      var box = el("div", "partner-group");
      var partners = new Set(grp.map(function (x) { return x.k; })).size;
      box.appendChild(el("h4", null, lib.nt("%(art)s (%(n)s Partner)", "%(art)s (%(n)s Partner)", partners, { art: art.label })));
      (art.directed ? ["out", "in"] : [""]).forEach(function (d) {
        var members = grp.filter(function (x) { return x.dir === d; });
        if (!members.length) return;
        var line = el("p", "partners");
        // What the connection says seen from this end (i is its von end if "out").
        if (d) line.appendChild(el("span", "dir", (d === "out" ? art.fromVon : art.fromNach) + " "));
        members.forEach(function (x, n) {
          if (n) line.appendChild(document.createTextNode(", "));
          line.appendChild(KTS.kommuneButton(x.k));
        });
        box.appendChild(line);
      });
      frag.appendChild(box);
    });
    if (!any) frag.appendChild(el("p", null, lib.t("Für diese Kommune sind noch keine Verbindungen berichtet.")));
    var documented = belegt(i);
    if (documented) frag.appendChild(documented);
    if (masSet.size) {
      frag.appendChild(el("h3", null, lib.t("Maßnahmen")));
      var mul = el("ul", "massnahmen");
      Array.from(masSet).sort(function (x, y) { return M.rank[x] - M.rank[y]; }).forEach(function (m) {
        var li = el("li"), url = safeUrl(M.url[m]);
        var link = el("a", null, M.titel[m]);
        if (KTS.titleInGerman(m)) KTS.german(link);
        if (url) { link.href = url; link.rel = "noopener"; link.target = "_blank"; }
        li.appendChild(link);
        li.appendChild(el("span", "hint", " " + lib.t("(Maßnahmendatenbank)")));
        mul.appendChild(li);
      });
      frag.appendChild(mul);
    }
    $("details-more").replaceChildren(frag);
    panel.hidden = false;
    KTS.updateModal();
    panel.scrollTop = 0;
    // Keyboard users on map or graph keep their place there; the live region says what happened.
    if (from && from !== "hash" && from !== "keyboard") $("details-titel").focus();
  };

  /** Kommune i's connections that a source documents, each with its sentence and link. */
  function belegt(i) {
    var D = data.D, V = data.V, nV = data.nV, items = [];
    for (var j = 0; j < nV; j++) {
      if ((V.von[j] === i || V.nach[j] === i) && !D.quellenBeispiel[V.q[j]]) items.push(j);
    }
    if (!items.length) return null;
    var box = document.createDocumentFragment();
    box.appendChild(el("h3", null, lib.t("Belegt (%(n)s)", { n: items.length })));
    var ul = box.appendChild(el("ul", "belege"));
    items.forEach(function (j) {
      var li = ul.appendChild(el("li"));
      var head = li.appendChild(el("span", "pair"));
      KTS.tellConnection(j, function (words) {
        head.appendChild(document.createTextNode(words));
      }, function (k) {
        head.appendChild(KTS.kommuneButton(k));
      });
      li.appendChild(document.createTextNode(" (" + D.zeitraeume[V.z[j]].label + ")"));
      var url = safeUrl(D.quellenUrl[V.q[j]]);
      if (V.beleg[j]) li.appendChild(KTS.belegQuote(V.beleg[j], url));
      var src = li.appendChild(el("span", "source", lib.t("Quelle:") + " "));
      src.appendChild(KTS.sourceName(V.q[j], url));
    });
    return box;
  }

  /** A Kommune's kontakt as the build wrote it (mailto: or http(s)), else "". */
  function safeContact(u) {
    return /^mailto:[^\s?&@]+@[^\s?&@]+$/i.test(u || "") ? u : safeUrl(u);
  }

  /** Close the drawer and give focus back to what opened it. */
  KTS.closeDetails = function () {
    var opener = view.opener, k = opener && opener.dataset ? opener.dataset.k : "";
    KTS.bus.emit("select", -1);
    // The list is redrawn on closing: focus the same Kommune's button in it again.
    if (opener && !document.body.contains(opener) && k) {
      opener = document.querySelector('#result-list button.k[data-k="' + CSS.escape(k) + '"]');
    }
    if (opener && document.body.contains(opener)) opener.focus();
    else $("verbindungen-titel").focus();
  };

  KTS.bindDetails = function () {
    // Every Kommune button (list, hubs, drawer) selects its Kommune.
    document.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("button.k");
      if (b) KTS.bus.emit("select", KTS.indexOf(data.K.id, b.dataset.k), b.closest("#details") ? "details" : "list");
    });
    $("details-close").addEventListener("click", KTS.closeDetails);
    document.addEventListener("keydown", function (e) {
      var inSearch = e.target.closest && e.target.closest(".site-search");
      if (e.key === "Escape" && !$("details").hidden && !inSearch) KTS.closeDetails();
    });
    var panel = $("details");
    panel.addEventListener("keydown", trapTab);
    document.addEventListener("focusin", function (e) {
      if (isModal() && !panel.contains(e.target)) $("details-titel").focus();
    });
    window.matchMedia(MODAL).addEventListener("change", KTS.updateModal);
  };

  // Where the details cover the page (small screens, 400 % zoom) they are a modal dialog; on a
  // taller phone they are a sheet over the lower part, beside which the page stays usable.
  var MODAL = "(max-width: 600px) and (max-height: 560px)";

  function isModal() {
    return !$("details").hidden && window.matchMedia(MODAL).matches;
  }

  KTS.updateModal = function () {
    var panel = $("details");
    if (isModal()) {
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-modal", "true");
    } else {
      panel.removeAttribute("role");
      panel.removeAttribute("aria-modal");
    }
  };

  /** Tab and Shift+Tab cycle inside the modal details. */
  function trapTab(e) {
    if (e.key !== "Tab" || !isModal()) return;
    var items = Array.prototype.filter.call(
      $("details").querySelectorAll("a[href], button, input, select, [tabindex='0']"),
      function (x) { return x.offsetParent !== null && !x.disabled; }
    );
    if (!items.length) return;
    var first = items[0], last = items[items.length - 1];
    if (e.shiftKey && (document.activeElement === first || document.activeElement === $("details-titel"))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }
})();
