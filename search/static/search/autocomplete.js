/*
 * Suggestions for search fields: <input data-autocomplete="/zoeken/suggesties/">.
 * ARIA 1.2 combobox with a listbox popup; no dependencies. Without this script
 * (or when the request fails) the field is a plain search form.
 */
(function () {
  "use strict";

  var DELAY = 150;
  var MIN_LENGTH = 2;
  var counter = 0;

  function setup(input) {
    if (input.hasAttribute("data-autocomplete-ready")) return;
    input.setAttribute("data-autocomplete-ready", "");
    counter += 1;
    var listId = "suggesties-" + counter;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggesties");
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    var wrapper = document.createElement("div");
    wrapper.className = "autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(status);

    // WAI-ARIA APG combobox with a listbox popup. HTML allows role=combobox on a text
    // field, not on type=search (the Nu Html Checker says so), so the field becomes a
    // text field that still brings up a search keyboard; without this script it stays
    // a plain search field.
    input.type = "text";
    input.setAttribute("inputmode", "search");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var timer = null;
    var controller = null;
    var active = -1;
    var items = [];

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(results) {
      list.textContent = "";
      items = results.map(function (result, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = result.url;
        var title = document.createElement("span");
        title.textContent = result.title;
        var kind = document.createElement("span");
        kind.className = "autocomplete__type";
        kind.textContent = result.type;
        option.appendChild(title);
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the field
          window.location.href = result.url;
        });
        list.appendChild(option);
        return option;
      });
      active = -1;
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = items.length === 1 ? "1 suggestie" : items.length + " suggesties";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        render([]);
        return;
      }
      if (controller) controller.abort();
      controller = "AbortController" in window ? new AbortController() : null;
      // The endpoint may carry its own parameters ("?type=cooperaties" in the directory).
      var url = new URL(input.getAttribute("data-autocomplete"), window.location.href);
      url.searchParams.set("q", query);
      fetch(url, { headers: { Accept: "application/json" }, signal: controller && controller.signal })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          if (input.value.trim() === query) render(data.results || []);
        })
        .catch(function () {
          /* the plain form still works */
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    function open() {
      if (!items.length) return false;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      return true;
    }

    input.addEventListener("keydown", function (event) {
      var shown = !list.hidden && items.length;
      if (event.key === "ArrowDown") {
        // Down opens the list (Alt+Down only opens it) and moves to the next option.
        if (!shown && !open()) return;
        event.preventDefault();
        if (!event.altKey) highlight(active + 1 < items.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        if (!shown && !open()) return;
        event.preventDefault();
        highlight(active > 0 ? active - 1 : items.length - 1);
      } else if (event.key === "Enter" && shown && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].dataset.url;
      } else if (event.key === "Escape") {
        // Escape closes the list; with the list closed it empties the field (APG).
        if (shown) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          items = [];
        }
      } else if ((event.key === "Home" || event.key === "End") && active >= 0) {
        // Back to editing the text: the caret moves, no option stays active.
        highlight(-1);
      }
    });
    input.addEventListener("blur", close);
  }

  function init() {
    if (!("fetch" in window)) return;
    document.querySelectorAll("input[data-autocomplete]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
