// The main menu's disclosure button (progressive enhancement). Without this script the
// menu is simply shown; with it, small screens get a "Menu" button with aria-expanded.
(function () {
  "use strict";
  var button = document.querySelector("[data-menu-toggle]");
  var panel = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!panel) return;
  document.documentElement.classList.add("js");
  button.hidden = false;
  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.setAttribute("data-collapsed", open ? "false" : "true");
  }
  set(false);
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
})();
