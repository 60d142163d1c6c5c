/* The site search's engine: the index of every record's text (suche/suchindex.js, from
   generator/site/assets.py search_index), loaded on first use, the ranking of the matches
   and the passages shown with them. The header's box (site-search.js) and the page Suche
   (js/page/suche.js) use it. One index for every edition: the names of Arten,
   Handlungsfelder and Maßnahmen in each language (x.sprachen) are searched on every page and
   shown in the page's own language. */
(function () {
  "use strict";

  var lib = window.KTSLib;
  var KINDS = ["kommune", "massnahme", "handlungsfeld", "verbindung"];
  // The engine alone, without lib.js (tests/test_search.py runs it in node), speaks German.
  if (!lib.t) {
    lib.t = function (message, params) {
      return message.replace(/%\((\w+)\)s/g, function (all, name) { return String(params[name]); });
    };
    lib.nt = function (singular, plural, n, params) {
      return lib.t(n === 1 ? singular : plural, Object.assign({ n: n }, params));
    };
  }
  // Each kind's label on a hit and its count ("3 Maßnahmen"), in the page's language.
  lib.SEARCH_KINDS = {
    kommune: { label: lib.t("Kommune"), count: function (n) { return lib.nt("%(n)s Kommune", "%(n)s Kommunen", n); } },
    massnahme: { label: lib.t("Maßnahme"), count: function (n) { return lib.nt("%(n)s Maßnahme", "%(n)s Maßnahmen", n); } },
    handlungsfeld: {
      label: lib.t("Handlungsfeld"),
      count: function (n) { return lib.nt("%(n)s Handlungsfeld", "%(n)s Handlungsfelder", n); }
    },
    verbindung: { label: lib.t("Verbindung"), count: function (n) { return lib.nt("%(n)s Verbindung", "%(n)s Verbindungen", n); } }
  };
  var prepared = null;

  /** Runs then once the index is there: fetched on first need (a local, content-hashed file,
   * so it works offline and is cached); the one-file snapshot has it inside. */
  lib.searchIndex = function (then) {
    if (window.KTS_SEARCH) then();
    else lib.loadScript(document.body.dataset.search, then);
  };

  function key(text) { return text ? " " + lib.fold(text) + " " : ""; }

  /** The texts of every language (the index's German and those of x.sprachen) folded as one key. */
  function keys(texts) { return texts.map(key).join(""); }

  /** Of each language of x.sprachen, what pick(its names, i) gives (undefined where it has none). */
  function inLanguages(x, pick, i) {
    var all = x.sprachen || {};
    return Object.keys(all).map(function (code) { return pick(all[code], i); });
  }

  /**
   * The index with every text folded once (names, titles, descriptions in every language), and
   * per Maßnahme and Verbindung its tags: the names of its Handlungsfelder and (a Verbindung)
   * its Art, in every language, so that "Übertragung" and "Transfer" find the same.
   */
  lib.searchPrepare = prepare;
  function prepare() {
    if (prepared) return prepared;
    var x = window.KTS_SEARCH, conns = x.m.map(function () { return []; });
    x.v.forEach(function (v, j) { if (v.length > 4) conns[v[4]].push(j); });
    var own = function (row, n) { return function (names, i) { return (names[row][i] || [])[n]; }; };
    var hName = x.h.map(function (h, i) { return keys([h[1]].concat(inLanguages(x, function (l) { return l.h[i]; }))); });
    var artName = x.arten.map(function (a, i) { return keys([a[0]].concat(inLanguages(x, function (l) { return l.arten[i][0]; }))); });
    function felder(list) { return (list || []).map(function (h) { return hName[h]; }).join(""); }
    prepared = {
      x: x,
      conns: conns,
      kName: x.k.map(function (k) { return key(k[1]); }),
      kText: x.k.map(function (k) { return key(k[3]); }),
      mName: x.m.map(function (m, i) { return keys([m[1]].concat(inLanguages(x, own("m", 0), i))); }),
      mText: x.m.map(function (m, i) { return keys([m[2]].concat(inLanguages(x, own("m", 1), i))); }),
      mTags: x.m.map(function (m, i) { return felder((x.mh || [])[i]); }),
      hName: hName,
      hText: x.h.map(function (h) { return key(h[2]); }),
      vText: x.v.map(function (v) { return key(v[3]); }),
      vTags: x.v.map(function (v, j) { return artName[v[2]] + felder((x.vh || [])[j]); })
    };
    return prepared;
  }

  /** The page's language's own names in the index (x.sprachen), or none (German). */
  function ownNames(x) {
    return (x.sprachen || {})[lib.LANG] || null;
  }

  /** How the folded word w stands in the folded text k: 3 a whole word, 2 a word's start, 1
   * inside a word (only where inside is set, for words of three letters or more), 0 not. */
  function level(k, w, inside) {
    if (!k) return 0;
    if (k.indexOf(" " + w) >= 0) return k.indexOf(" " + w + " ") >= 0 ? 3 : 2;
    return inside && w.length >= 3 && k.indexOf(w) >= 0 ? 1 : 0;
  }
  function levels(keys, w, inside) {
    var out = new Uint8Array(keys.length);
    for (var i = 0; i < keys.length; i++) out[i] = level(keys[i], w, inside);
    return out;
  }
  function part(lv) { return lv ? lv + 1 : 0; }
  function maxOf(list, lv) {
    var best = 0;
    for (var i = 0; i < list.length && best < 3; i++) if (lv[list[i]] > best) best = lv[list[i]];
    return best;
  }

  /**
   * Each record's standing for one word: in its name or title 4–6 (inside a word, a word's
   * start, the whole word); in the names it is made of 2–4 (a Verbindung's two Kommunen and
   * its Maßnahme, a Maßnahme's Kommunen) or in its tags (Art, Handlungsfelder); in a
   * description 2–3 (its own; a Maßnahme's also its Verbindungen', and their tags). byText[i]
   * is set where the best was a description's.
   */
  function standing(p, w) {
    var x = p.x, kn = levels(p.kName, w, true), mn = levels(p.mName, w, true);
    var kt = levels(p.kText, w, false), mt = levels(p.mText, w, false), vt = levels(p.vText, w, false);
    var hn = levels(p.hName, w, true), ht = levels(p.hText, w, false);
    var mg = levels(p.mTags, w, false), vg = levels(p.vTags, w, false);
    var out = {}, i;
    function kind(name, n, score) {
      var s = new Uint8Array(n), t = new Uint8Array(n);
      for (i = 0; i < n; i++) score(i, s, t);
      out[name] = { score: s, byText: t };
    }
    kind("kommune", x.k.length, function (i, s, t) {
      s[i] = kn[i] ? kn[i] + 3 : kt[i];
      t[i] = !kn[i] && kt[i] ? 1 : 0;
    });
    kind("massnahme", x.m.length, function (i, s, t) {
      var text = Math.max(mt[i], maxOf(p.conns[i], vt)), names = part(Math.max(maxOf(x.m[i][3] || [], kn), mg[i]));
      var tags = Math.max(names, maxOf(p.conns[i], vg)); // its Verbindungen' tags as their text
      s[i] = mn[i] ? mn[i] + 3 : Math.max(text, tags);
      t[i] = !mn[i] && text > tags ? 1 : 0;
    });
    kind("handlungsfeld", x.h.length, function (i, s, t) {
      s[i] = hn[i] ? hn[i] + 3 : ht[i];
      t[i] = !hn[i] && ht[i] ? 1 : 0;
    });
    kind("verbindung", x.v.length, function (i, s, t) {
      var v = x.v[i], names = part(Math.max(kn[v[0]], kn[v[1]], v.length > 4 ? mn[v[4]] : 0, vg[i]));
      s[i] = Math.max(vt[i], names);
      t[i] = vt[i] > names ? 1 : 0;
    });
    return out;
  }

  /** The query's folded words, each once. */
  lib.searchWords = function (q) {
    return lib.fold(q || "").split(" ").filter(function (w, i, all) { return w && all.indexOf(w) === i; });
  };

  /**
   * Every record that has all words of q (the index must be loaded), best first: the sum of
   * the words' standing (a name above a description, a whole word above a beginning), then
   * Kommune, Maßnahme, Handlungsfeld, Verbindung, then the shorter name. Returns { words,
   * hits: [[kind, i, score, byText]], counts: {kind: n} }.
   */
  lib.search = function (q) {
    var p = prepare(), words = lib.searchWords(q), sum = {}, text = {}, hits = [], counts = {};
    KINDS.forEach(function (k) { counts[k] = 0; });
    if (!words.length) return { words: words, hits: hits, counts: counts };
    words.forEach(function (w, n) {
      var st = standing(p, w);
      KINDS.forEach(function (k) {
        var s = st[k].score, t = st[k].byText, total = sum[k], by = text[k], i;
        if (!n) { sum[k] = total = new Int32Array(s.length); text[k] = by = new Uint8Array(s.length); }
        for (i = 0; i < s.length; i++) {
          total[i] = s[i] && (n === 0 || total[i]) ? total[i] + s[i] : 0;
          by[i] |= t[i];
        }
      });
    });
    KINDS.forEach(function (k, order) {
      for (var i = 0; i < sum[k].length; i++) {
        if (!sum[k][i]) continue;
        hits.push([k, i, sum[k][i], text[k][i], order, nameLength(p.x, k, i)]);
        counts[k]++;
      }
    });
    hits.sort(function (a, b) { return b[2] - a[2] || a[4] - b[4] || a[5] - b[5] || a[1] - b[1]; });
    return { words: words, hits: hits, counts: counts };
  };

  /** A record's name as the page's language has it (the German one where it has none). */
  function named(x, kind, i) {
    var own = ownNames(x), r = ({ kommune: x.k, massnahme: x.m, handlungsfeld: x.h })[kind][i];
    if (own && kind === "massnahme" && own.m[i] && own.m[i][0]) return own.m[i][0];
    if (own && kind === "handlungsfeld" && own.h[i]) return own.h[i];
    return r[1];
  }

  function nameLength(x, kind, i) {
    if (kind === "verbindung") return x.k[x.v[i][0]][1].length + x.k[x.v[i][1]][1].length;
    return named(x, kind, i).length;
  }

  function path(x, kind, id) { return x.pfade[kind].replace("{id}", id); }

  /** Of the texts (with their folded keys), the one with the most of the words. */
  function bestText(texts, keys, words) {
    var best = 0, most = -1;
    texts.forEach(function (t, n) {
      var has = words.filter(function (w) { return level(keys[n], w, false); }).length;
      if (has > most) { most = has; best = n; }
    });
    return texts[best];
  }

  /**
   * What a hit shows: { label (its kind), title, sub, href, text (the passage to show, or
   * ""), titleLang, textLang ("de" where a page in another language shows German content:
   * descriptions, and names that have no translation; else "") }; links relative to the
   * site's root (root).
   */
  lib.searchHit = function (hit, words, root) {
    var p = prepare(), x = p.x, kind = hit[0], i = hit[1], byText = hit[3], own = ownNames(x), r;
    var german = own ? "de" : "";
    var out = { label: lib.SEARCH_KINDS[kind].label, sub: "", titleLang: "", textLang: german };
    if (kind === "kommune") {
      r = x.k[i];
      return Object.assign(out, {
        title: r[1], sub: (own ? own.regionen : x.regionen)[r[2]], href: root + path(x, kind, r[0]), text: byText ? r[3] : ""
      });
    }
    if (kind === "massnahme") {
      r = x.m[i];
      var ks = (r[3] || []).map(function (n) { return x.k[n][1]; });
      var ownText = own && own.m[i] && own.m[i][1], description = ownText || r[2] || "";
      var conns = p.conns[i], texts = [description].concat(conns.map(function (j) { return x.v[j][3]; }));
      var keys = [p.mText[i]].concat(conns.map(function (j) { return p.vText[j]; }));
      var text = byText ? bestText(texts, keys, words) : "";
      return Object.assign(out, {
        title: named(x, kind, i),
        titleLang: own && !(own.m[i] && own.m[i][0]) ? "de" : "",
        sub: ks.length > 3 ? lib.t("%(names)s u. a.", { names: ks.slice(0, 3).join(", ") }) : ks.join(", "),
        href: root + path(x, kind, r[0]),
        text: text,
        textLang: ownText && text === ownText ? "" : german
      });
    }
    if (kind === "handlungsfeld") {
      r = x.h[i];
      return Object.assign(out, {
        title: named(x, kind, i), titleLang: own && !own.h[i] ? "de" : "", href: root + path(x, kind, r[0]), text: byText ? r[2] : ""
      });
    }
    r = x.v[i];
    var art = (own ? own.arten : x.arten)[r[2]], von = x.k[r[0]], nach = x.k[r[1]];
    return Object.assign(out, {
      title: art[1].replace("{von}", von[1]).replace("{nach}", nach[1]),
      sub: r.length > 4 ? lib.t("%(art)s · Maßnahme %(titel)s", { art: art[0], titel: named(x, "massnahme", r[4]) }) : art[0],
      // The dashboard with the connection's first Kommune selected.
      href: root + x.pfade.dashboard + "#k=" + encodeURIComponent(von[0]),
      text: r[3]
    });
  };

  var WORD = /[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+/g;

  /**
   * A passage of text of about room characters around the first of the words, as DOM nodes:
   * every word of the text that the folded words begin is a <mark> (text only, never HTML).
   */
  lib.searchPassage = function (text, words, room) {
    var marks = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      var folded = " " + lib.fold(m[0]);
      if (words.some(function (w) { return folded.indexOf(" " + w) >= 0; })) marks.push([m.index, m.index + m[0].length]);
    }
    var start = 0, end = text.length;
    if (text.length > room) {
      var first = marks.length ? marks[0][0] : 0;
      start = Math.max(0, first - Math.floor(room / 3));
      if (start > 0) {
        var space = text.indexOf(" ", start);
        start = space >= 0 && space < first ? space + 1 : first;
      }
      end = Math.min(text.length, start + room);
      var back = end < text.length ? text.lastIndexOf(" ", end) : -1;
      if (back > start) end = back;
    }
    var frag = document.createDocumentFragment(), at = start;
    if (start > 0) frag.appendChild(document.createTextNode("… "));
    marks.forEach(function (mk) {
      if (mk[0] < start || mk[1] > end) return;
      frag.appendChild(document.createTextNode(text.slice(at, mk[0])));
      frag.appendChild(lib.el("mark", "", text.slice(mk[0], mk[1])));
      at = mk[1];
    });
    frag.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
    return frag;
  };
})();
