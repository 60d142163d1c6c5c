/* The filter form: form <-> state, and "filter" on the bus when the reader changes it. */
(function () {
  "use strict";

  var KTS = window.KTS, lib = KTS.lib, $ = lib.$, data = KTS.data, state = KTS.state;

  KTS.formToState = function () {
    var form = $("filter");
    state.arten = data.D.arten.map(function (a) {
      return form.querySelector('input[name="art"][value="' + a.id + '"]').checked;
    });
    state.hf = $("f-hf").value;
    state.bl = $("f-bl").value;
    state.bis = $("f-z").value;
    state.mpsc = $("f-mpsc").checked;
    state.belegt = $("f-belegt").checked;
    state.q = $("f-q").value.trim();
    state.farbe = $("f-farbe").value;
  };

  KTS.stateToForm = function () {
    var form = $("filter");
    data.D.arten.forEach(function (a, i) {
      form.querySelector('input[name="art"][value="' + a.id + '"]').checked = state.arten[i];
    });
    $("f-hf").value = state.hf;
    $("f-bl").value = state.bl;
    $("f-z").value = state.bis;
    $("f-mpsc").checked = state.mpsc;
    $("f-belegt").checked = state.belegt;
    $("f-q").value = state.q;
    $("f-farbe").value = state.farbe;
  };

  /** Every filter back to its default; the selected Kommune and the colouring stay. */
  KTS.resetFilters = function () {
    var keep = { k: state.k, farbe: state.farbe };
    var s = KTS.defaults();
    s.arten = data.D.arten.map(function () { return true; });
    s.k = keep.k;
    s.farbe = keep.farbe;
    KTS.setState(s);
    KTS.stateToForm();
    changed();
  };

  function changed() {
    KTS.formToState();
    KTS.bus.emit("filter");
  }

  /** Listen to the form (called once by start). */
  KTS.bindForm = function () {
    var form = $("filter"), q = $("f-q"), timer = null;
    // The search applies as the reader types (debounced). Its "change" (when the field loses
    // focus) applies it only if that has not happened yet: redrawing the list then, between
    // mousedown and mouseup on an entry, lost the first click on a result.
    function searched() {
      clearTimeout(timer);
      timer = null;
      if (q.value.trim() !== state.q) changed();
    }
    form.addEventListener("change", function (e) {
      if (e.target === q) searched();
      else changed();
    });
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(searched, 120);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); changed(); });
    $("f-reset").addEventListener("click", KTS.resetFilters);
    $("result-reset").addEventListener("click", KTS.resetFilters);
  };
})();
