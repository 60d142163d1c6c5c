/* Kommunen A–Z: filter the list by name, Bundesland, Typ and MPSC without reloading; the
   header search sends "?q=…" here when Enter is pressed before a result is chosen. */
(function () {
  "use strict";

  var lib = window.KTSLib;

  lib.kommunenFilter = function () {
    var form = lib.$("kommunen-filter");
    if (!form) return;
    var items = Array.prototype.slice.call(document.querySelectorAll(".kommunen-list li"));
    var keys = null;
    function apply() {
      var bl = form.elements.bl.value, typ = form.elements.typ.value, mpsc = form.elements.mpsc.checked;
      var words = lib.queryWords(form.elements.q.value);
      if (words.length && !keys) keys = items.map(function (li) { return lib.searchKey(li.querySelector("a").textContent); });
      var shown = 0;
      items.forEach(function (li, i) {
        var ok = (!bl || li.dataset.bl === bl) && (!typ || li.dataset.typ === typ) && (!mpsc || li.dataset.mpsc === "1") &&
          (!words.length || lib.matchesAll(keys[i], words));
        li.hidden = !ok;
        if (ok) shown++;
      });
      document.querySelectorAll("section.letter").forEach(function (s) {
        s.hidden = !s.querySelector("li:not([hidden])");
        // The letter bar offers only letters that still have Kommunen.
        var jump = document.querySelector('.letters a[href="#' + s.querySelector("h2").id + '"]');
        if (jump) jump.hidden = s.hidden;
      });
      lib.setText(lib.$("kommunen-count"), shown ? lib.nt("%(n)s Kommune", "%(n)s Kommunen", shown) :
        lib.t("Keine Kommune passt zu diesen Filtern."));
    }
    form.addEventListener("change", apply);
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var asked = new URLSearchParams(location.search).get("q");
    if (asked) {
      form.elements.q.value = asked;
      apply();
    }
  };
})();
