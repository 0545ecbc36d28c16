/* Directory maps: progressive enhancement. Without JavaScript (or tiles) the list and the
   address stay as they are; with it, the hidden map element is shown and filled.
   A lazy map (data-leaflet-js, the home page) loads Leaflet only when it scrolls into view
   or when the visitor presses the button [data-coop-map-button]. */
(function () {
  "use strict";
  var element = document.getElementById("coop-map");
  if (!element) return;
  if (typeof L !== "undefined") {
    draw();
  } else if (element.dataset.leafletJs) {
    lazy();
  } else {
    off();
  }

  // No map after all (Leaflet or the data did not load): give back the space kept for it.
  function off() {
    element.classList.add("coop-map--off");
    element.hidden = true;
  }

  function lazy() {
    var started = false;
    var button = document.querySelector("[data-coop-map-button]");
    function load() {
      if (started) return;
      started = true;
      if (button) button.hidden = true;
      var pending = 2;  // Leaflet's stylesheet and script: draw once both are there
      function loaded() { if (--pending === 0) draw(); }
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = element.dataset.leafletCss;
      css.addEventListener("load", loaded);
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = element.dataset.leafletJs;
      script.addEventListener("load", loaded);
      script.addEventListener("error", off);
      document.head.appendChild(script);
    }
    if (button) {
      button.hidden = false;
      button.addEventListener("click", load);
    }
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          load();
        }
      }, { rootMargin: "200px 0px" });
      observer.observe(element.parentNode);  // the map itself is hidden: it has no box yet
    }
  }

  function draw() {
    if (typeof L === "undefined") return off();
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false }).setView([52.2, 5.3], 7);
    // Extra layers (map-layers.js on the directory page) find the map here.
    element.coopMap = map;
    element.dispatchEvent(new CustomEvent("coopmap:ready", { detail: { map: map } }));
    // The tile server comes from the site's settings (MAP_TILE_URL). A tile that fails to
    // load becomes a transparent image, and the map says once that its background is
    // missing; the markers and their links keep working.
    var tiles = L.tileLayer(element.dataset.tileUrl || "https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: element.dataset.tileAttribution || "",
      errorTileUrl: "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    }).addTo(map);
    tiles.once("tileerror", function () {
      element.classList.add("coop-map--no-tiles");
      if (element.dataset.tileError) map.attributionControl.addAttribution(escapeHtml(element.dataset.tileError));
    });
    var style = { radius: 7, color: "#7a0d2f", weight: 2, fillColor: "#a4123f", fillOpacity: 0.7 };

    // In an embedded widget (an iframe) links open in a new tab, not inside the frame.
    var linkTarget = element.dataset.linkTarget ? ' target="_blank" rel="noopener"' : "";

    function escapeHtml(text) {
      var div = document.createElement("div");
      div.textContent = text == null ? "" : String(text);
      return div.innerHTML;
    }

    if (element.dataset.geojson) {
      fetch(element.dataset.geojson, { headers: { Accept: "application/geo+json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data || !data.features.length) return;
          var layer = L.geoJSON(data, {
            pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, style); },
            onEachFeature: function (feature, marker) {
              var p = feature.properties;
              marker.bindPopup('<a href="' + escapeHtml(p.url) + '"' + linkTarget + ">" + escapeHtml(p.title) + "</a><br>" + escapeHtml(p.city));
            }
          }).addTo(map);
          map.fitBounds(layer.getBounds(), { maxZoom: 12, padding: [20, 20] });
        })
        .catch(off);
    } else if (element.dataset.lat) {
      var latlng = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
      map.setView(latlng, element.dataset.approximate ? 11 : 15);
      L.circleMarker(latlng, style).addTo(map).bindPopup(escapeHtml(element.dataset.title));
    }
  }
})();
