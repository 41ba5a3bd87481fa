/* "Gunakan lokasi saya": fills the latitude and longitude fields from the phone's location.
   Without this script (or without geolocation) the button stays hidden and the fields are
   plain fields. Coordinates are rounded to 6 decimals, the fields' own precision. */
(function () {
  "use strict";
  var box = document.querySelector("[data-geo]");
  var lat = document.getElementById("id_latitude");
  var lng = document.getElementById("id_longitude");
  if (!box || !lat || !lng || !("geolocation" in navigator)) return;
  var button = box.querySelector("[data-geo-button]");
  var status = box.querySelector("[data-geo-status]");
  var msg = {
    wait: box.getAttribute("data-msg-wait") || "Mencari lokasi…",
    ok: box.getAttribute("data-msg-ok") || "Lokasi terisi. Periksa dan ubah bila perlu.",
    denied: box.getAttribute("data-msg-denied") || "Izin lokasi ditolak. Isi lintang dan bujur sendiri, atau kosongkan.",
    fail: box.getAttribute("data-msg-fail") || "Lokasi tidak dapat ditemukan. Isi sendiri, atau kosongkan."
  };
  box.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = msg.wait;
    navigator.geolocation.getCurrentPosition(
      function (pos) {
        lat.value = pos.coords.latitude.toFixed(6);
        lng.value = pos.coords.longitude.toFixed(6);
        status.textContent = msg.ok;
        button.disabled = false;
        document.dispatchEvent(new CustomEvent("lp:location"));
      },
      function (err) {
        status.textContent = err && err.code === 1 ? msg.denied : msg.fail;
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
