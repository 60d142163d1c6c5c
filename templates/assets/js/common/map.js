/* Map pieces shared by the dashboard and the single pages: arrow heads, panes and country
   outline, tile status, and the legend. */
(function () {
  "use strict";

  var lib = window.KTSLib;

  /** A chevron at 55 % of the way from a to b, sized by the line, locally undistorted. */
  lib.arrowHead = function (a, b) {
    var k = Math.cos(((a[0] + b[0]) / 2) * Math.PI / 180);
    var dx = (b[1] - a[1]) * k, dy = b[0] - a[0];
    var len = Math.sqrt(dx * dx + dy * dy) || 1;
    var size = Math.min(len * 0.12, 0.6);
    var ux = dx / len, uy = dy / len;
    var tip = [a[0] + dy * 0.55, (a[1] * k + dx * 0.55) / k];
    function back(angle) {
      var c = Math.cos(angle), s = Math.sin(angle);
      var rx = -(ux * c - uy * s) * size, ry = -(ux * s + uy * c) * size;
      return [tip[0] + ry, (tip[1] * k + rx) / k];
    }
    return [back(0.45), tip, back(-0.45)];
  };

  /**
   * Pixels the controls take at the map's foot, in the right corner (the attribution: frames
   * keep their points above it) or the left one (the scale: names stay clear of it).
   */
  lib.footHeight = function (map, corner) {
    var feet = map._ktsFeet;
    if (!feet) {
      var box = map.getContainer();
      feet = { left: box.querySelector(".leaflet-bottom.leaflet-left"), right: box.querySelector(".leaflet-bottom.leaflet-right") };
      feet.height = { left: 0, right: 0 };
      // Measured once and then watched: read in every redraw, offsetHeight forced a layout of
      // the whole page in each filter change, between the changes to list and figures.
      if (!window.ResizeObserver) return height(feet[corner || "right"]);
      map._ktsFeet = feet;
      ["left", "right"].forEach(function (side) {
        if (!feet[side]) return;
        feet.height[side] = height(feet[side]);
        new ResizeObserver(function () { feet.height[side] = height(feet[side]); }).observe(feet[side]);
      });
    }
    var side = corner || "right";
    // 0 while the map was hidden (a tab on a phone): measured again when it is asked for.
    return feet.height[side] || (feet.height[side] = height(feet[side]));
  };

  function height(foot) {
    return foot ? foot.offsetHeight : 0;
  }

  /**
   * Frame the map by frame(), now and again whenever its box changes size (the line about
   * failing tiles below it appears, a phone turns), until the reader moves or zooms it.
   */
  lib.frame = function (map, frame) {
    map._ktsFrame = frame;
    frame();
  };

  /** Frame Germany, clear of the attribution at the map's foot; animate: as for fitBounds. */
  lib.fitGermany = function (map, animate) {
    map.fitBounds(lib.GERMANY, { paddingBottomRight: [0, lib.footHeight(map)], animate: animate });
  };

  /**
   * Web Mercator (EPSG:3857, the maps' CRS) at zoom 0 over a unit square, into out[at] and
   * out[at + 1]: Leaflet's map.project() at zoom z is this times crs.scale(z), without its two
   * objects per call (11,000 calls per zoom took 10–17 ms of the dashboard's start).
   */
  lib.mercator = function (lat, lon, out, at) {
    var limit = L.Projection.SphericalMercator.MAX_LATITUDE;
    var s = Math.sin((Math.max(-limit, Math.min(limit, lat)) * Math.PI) / 180);
    out[at] = lon / 360 + 0.5;
    out[at + 1] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  };

  var outline = null;

  /** The countries of window.KTS_OUTLINE (GeoJSON): per country de and its rings (lib.mercator). */
  function countries() {
    if (outline) return outline;
    outline = window.KTS_OUTLINE.features.map(function (f) {
      var g = f.geometry, polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates, rings = [];
      polygons.forEach(function (polygon) {
        polygon.forEach(function (ring) {
          var unit = new Float64Array(ring.length * 2);
          ring.forEach(function (c, n) { lib.mercator(c[1], c[0], unit, 2 * n); });
          rings.push(unit);
        });
      });
      return { de: f.properties.de, rings: rings };
    });
    return outline;
  }

  /**
   * The countries on ctx in map's container pixels, Germany in its own colour. A canvas of its
   * own, not Leaflet's GeoJSON layer: that took 46 ms to set up on the dashboard's start.
   */
  function drawOutline(ctx, map) {
    var origin = map.getPixelOrigin().add(map.containerPointToLayerPoint([0, 0]));
    var scale = map.options.crs.scale(map.getZoom());
    ctx.lineWidth = 1;
    ctx.strokeStyle = "#9aa7b3";
    countries().forEach(function (country) {
      ctx.beginPath();
      country.rings.forEach(function (unit) {
        for (var n = 0; n < unit.length; n += 2) {
          var x = unit[n] * scale - origin.x, y = unit[n + 1] * scale - origin.y;
          if (n) ctx.lineTo(x, y);
          else ctx.moveTo(x, y);
        }
        ctx.closePath();
      });
      ctx.fillStyle = country.de ? "#f4f1e8" : "#e9ecef";
      ctx.fill("evenodd");
      ctx.stroke();
    });
  }

  /** Panes, country outline (visible only without tiles), tile status, wheel-zoom on click. */
  lib.prepareMap = function (map, tiles, statusId) {
    map.createPane("kts-outline").style.zIndex = 150;
    map.createPane("kts-lines").style.zIndex = 410;
    map.createPane("kts-points").style.zIndex = 420;
    map.createPane("kts-labels").style.zIndex = 430;
    // The outline lies under the tiles and shows only where they fail: drawn after the first
    // paint, so that Kommunen and lines come first.
    if (window.KTS_OUTLINE) {
      requestAnimationFrame(function () {
        setTimeout(function () { lib.overlayCanvas(map, drawOutline, "kts-outline")(); }, 0);
      });
    }
    // The map follows its box, not only the window: a status line below it that appears
    // (tiles failing) or a legend that moves out changes its height.
    var box = map.getContainer();
    if (window.ResizeObserver) {
      var height = box.clientHeight;
      new ResizeObserver(function () {
        if (box.clientHeight === height || !box.clientHeight) return;
        height = box.clientHeight;
        map.invalidateSize({ animate: false });
        if (map._ktsFrame) map._ktsFrame();
      }).observe(box);
    }
    // The reader's own view (see lib.frame) stays as it is.
    ["pointerdown", "wheel", "keydown"].forEach(function (type) {
      box.addEventListener(type, function () { map._ktsFrame = null; }, { passive: true });
    });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    // The tiles come once the map is framed (lib.showTiles), their credit now: the frame
    // keeps clear of the attribution's final height.
    map.attributionControl.addAttribution(tiles.getAttribution());
    map.scrollWheelZoom.disable();
    map.on("click focus", function () { map.scrollWheelZoom.enable(); });
    map.on("mouseout blur", function () { map.scrollWheelZoom.disable(); });
    var failed = false;
    tiles.on("tileerror", function () {
      if (failed) return;
      failed = true;
      lib.setText(lib.$(statusId), lib.t("Kartenhintergrund nicht erreichbar (offline?): nur Landesumrisse."));
    });
  };

  /** The map's tiles, once it is framed (see prepareMap). */
  lib.showTiles = function (map, tiles) {
    if (!map.hasLayer(tiles)) tiles.addTo(map);
  };

  /** Fill the map legend: line colours (Art or Handlungsfeld) and the kinds of points. */
  lib.fillLegend = function (entries, title, note, pointsNote) {
    var box = document.querySelector(".map-legend");
    if (!box) return;
    var body = box.querySelector(".legend-body");
    if (!body) {
      // Below the map, not over it, and never folded: a short strip beside the view that
      // covers no Kommune and does not take the map's height when it is read.
      var frame = box.closest(".map-frame");
      if (frame) {
        frame.parentNode.insertBefore(box, frame.nextSibling);
        box.classList.add("outside");
      }
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", lib.t("Legende"));
      body = lib.el("div", "legend-body");
      box.appendChild(body);
    }
    var frag = document.createDocumentFragment();
    frag.appendChild(lib.el("strong", null, title));
    var ul = lib.el("ul", "legend-list");
    entries.forEach(function (e) {
      var li = lib.el("li"), sw = lib.el("span", "swatch" + (e.cls ? " " + e.cls : ""));
      if (e.colour) sw.style.background = e.colour;
      li.appendChild(sw);
      li.appendChild(document.createTextNode(e.label));
      ul.appendChild(li);
    });
    frag.appendChild(ul);
    if (note) frag.appendChild(lib.el("p", "legend-note", note));
    if (pointsNote) {
      frag.appendChild(lib.el("p", "legend-note", pointsNote));
    } else {
      var dots = lib.el("ul", "legend-list");
      [["mpsc", lib.t("Modellprojekt (MPSC)")], ["other", lib.t("weitere Kommune")], ["abroad", lib.t("Kommune im Ausland")]].forEach(function (d) {
        var li = lib.el("li");
        li.appendChild(lib.el("span", "dot " + d[0]));
        li.appendChild(document.createTextNode(d[1]));
        dots.appendChild(li);
      });
      frag.appendChild(dots);
    }
    body.replaceChildren(frag);
  };

  lib.artLegend = function (arten) {
    return arten.map(function (a) { return { cls: "art-" + a.id, label: a.label + (a.directed ? " →" : "") }; });
  };
  lib.FLOW_NOTE = lib.t("→ Wissensfluss: vom Vorbild, vom Ursprung der Lösung");

  /**
   * Leaflet's zoom options with the buttons' titles in the page's language: the map scripts
   * are one file for every edition and name them in German (generator/site/maps.py).
   */
  lib.zoomOptions = function (options) {
    var own = { "Vergrößern": lib.t("Vergrößern"), "Verkleinern": lib.t("Verkleinern") };
    return Object.assign({}, options, {
      zoomInTitle: own[options.zoomInTitle] || options.zoomInTitle,
      zoomOutTitle: own[options.zoomOutTitle] || options.zoomOutTitle
    });
  };
})();
