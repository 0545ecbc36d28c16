// Move focus to a form's error summary after a submit that failed (GOV.UK pattern), so screen
// readers announce it; without JavaScript the form's action (#aanmelden) scrolls there. On
// "load", after the browser has handled the fragment, which would otherwise take focus back.
(function () {
  window.addEventListener("load", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  });
})();
