// Filter panels (the directory's, the news index's) are <details>: closed on a phone, so the results come
// first; opened on a wide screen, where they sit beside the results. Without this script
// they stay closed and open with one click or key press.
(function () {
  "use strict";
  // site.css shows them as open until this runs; from here on their own state counts.
  document.documentElement.dataset.panels = "ready";
  if (!window.matchMedia("(min-width: 60rem)").matches) return;
  document.querySelectorAll("details[data-open-when-wide]").forEach(function (panel) {
    panel.open = true;
  });
})();
