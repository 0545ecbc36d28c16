/* The directory map's extra layer: a checkbox outside the map ([data-coop-map-layer], shown
   once the map is drawn) adds each municipality that is a social shareholder. Its GeoJSON is
   fetched on the first tick, never with the page. Without JavaScript the overview page's link
   next to it is the same information as a list. */
(function () {
  "use strict";
  var element = document.getElementById("coop-map");
  var box = document.querySelector("[data-coop-map-layers]");
  var input = box && box.querySelector("[data-coop-map-layer]");
  if (!element || !input) return;
  if (element.coopMap) {
    start(element.coopMap);
  } else {
    element.addEventListener("coopmap:ready", function (event) { start(event.detail.map); });
  }

  function start(map) {
    var status = box.querySelector("[data-coop-map-layer-status]");
    var style = { radius: 9, color: "#1d5b3a", weight: 3, fillColor: "#f2b233", fillOpacity: 0.9 };
    var layer = null;
    var loading = null;
    box.querySelector("[data-coop-map-layer-control]").hidden = false;

    function say(text) { if (status) status.textContent = text; }

    function popup(p) {
      var content = document.createElement("div");
      var name = document.createElement("strong");
      name.textContent = p.municipality.name;
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.cooperative;
      content.append(name, document.createElement("br"), "sociaal aandeelhouder van ", link);
      if (p.since) content.append(" (sinds " + p.since.slice(0, 4) + ")");
      return content;
    }

    function load() {
      loading = loading || fetch(input.dataset.coopMapLayer, { headers: { Accept: "application/geo+json" } })
        .then(function (response) { return response.ok ? response.json() : { features: [] }; })
        .then(function (data) {
          layer = L.geoJSON(data, {
            pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, style); },
            onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature.properties)); }
          });
          return layer;
        });
      return loading;
    }

    input.addEventListener("change", function () {
      if (!input.checked) {
        if (layer) map.removeLayer(layer);
        say("");
        return;
      }
      load().then(function (loaded) {
        if (!input.checked) return;
        loaded.addTo(map);
        var count = loaded.getLayers().length;
        say(count === 1 ? "1 sociaal aandeelhouder op de kaart" : count + " sociaal aandeelhouders op de kaart");
      }).catch(function () {
        loading = null;
        say("Sociaal aandeelhouderschap kon niet worden geladen.");
      });
    });
  }
})();
