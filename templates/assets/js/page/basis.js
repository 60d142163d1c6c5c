/* Analyse page: the switch between all connections and the documented (belegt) ones. Without
   scripts both stand on the page, each under its own heading; with them, the radio buttons
   (#grundlage, keyboard as any radio group) show the rankings and clusters of one. Other
   pages have no switch: nothing happens there. */
(function () {
  "use strict";

  var form = document.querySelector("[data-basis-switch]");
  if (!form) return;
  var parts = document.querySelectorAll("[data-basis]");

  function show(key) {
    for (var i = 0; i < parts.length; i++) parts[i].hidden = parts[i].getAttribute("data-basis") !== key;
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "basis") show(event.target.value);
  });
  form.hidden = false;
  // A reload keeps the chosen radio button: show what it says.
  var checked = form.querySelector("input[name=basis]:checked");
  show(checked ? checked.value : "alle");
})();
