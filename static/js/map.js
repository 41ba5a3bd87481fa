/* Maps drawn with the vendored Leaflet, only on pages where a tile server is configured.
   - [data-picker]: tapping the map fills the latitude and longitude fields (and the marker
     follows the fields and the "Gunakan lokasi saya" button).
   - [data-points]: the public items, from a JSON block, at the coarse position the server
     sent (the page lists the same items in a table). */
(function () {
  "use strict";
  if (!window.L) return;
  var nodes = document.querySelectorAll("[data-lp-map]");
  Array.prototype.forEach.call(nodes, function (node) {
    var center = (node.getAttribute("data-center") || "0,0").split(",").map(Number);
    var map = L.map(node).setView(center, Number(node.getAttribute("data-zoom")) || 11);
    L.tileLayer(node.getAttribute("data-tile-url"), {
      attribution: node.getAttribute("data-attribution") || "",
      maxZoom: 18
    }).addTo(map);
    if (node.hasAttribute("data-picker")) picker(map);
    var pointsId = node.getAttribute("data-points");
    if (pointsId) points(map, pointsId);
  });

  function picker(map) {
    var lat = document.getElementById("id_latitude");
    var lng = document.getElementById("id_longitude");
    if (!lat || !lng) return;
    var marker = null;
    function place(latlng, pan) {
      if (marker) marker.setLatLng(latlng);
      else marker = L.circleMarker(latlng, { radius: 9 }).addTo(map);
      if (pan) map.setView(latlng, Math.max(map.getZoom(), 15));
    }
    function fromFields() {
      var a = parseFloat(lat.value), b = parseFloat(lng.value);
      if (!isNaN(a) && !isNaN(b)) place([a, b], true);
    }
    map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lng.value = e.latlng.lng.toFixed(6);
      place(e.latlng, false);
    });
    lat.addEventListener("change", fromFields);
    lng.addEventListener("change", fromFields);
    document.addEventListener("lp:location", fromFields);
    fromFields();
  }

  function points(map, id) {
    var el = document.getElementById(id);
    if (!el) return;
    var items = JSON.parse(el.textContent || "[]");
    var bounds = [];
    items.forEach(function (item) {
      var box = document.createElement("div");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      var state = document.createElement("div");
      state.textContent = item.status;
      box.appendChild(link);
      box.appendChild(state);
      L.circleMarker([item.lat, item.lng], { radius: 8 }).bindPopup(box).addTo(map);
      bounds.push([item.lat, item.lng]);
    });
    if (bounds.length) map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] });
  }
})();
