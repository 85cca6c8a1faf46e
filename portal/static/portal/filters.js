// Filters sit behind a disclosure on phones, so results come first; on a wide screen there is
// room beside the results, so the disclosure opens itself and its summary line is hidden.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 50rem)");
  function apply() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
      panel.classList.toggle("filters-panel--wide", wide.matches);
      panel.open = wide.matches;
    });
  }
  document.addEventListener("DOMContentLoaded", apply);
  wide.addEventListener("change", apply);
})();
