/* Kiosk: rate, thank, reset; keep ratings in localStorage while the network is down and send
   each one later with its original time. The server counts a rating once per key, so a rating
   sent twice (a reply lost on the way back) still counts once. Without this script the form
   posts normally and the server's thank-you page resets itself. */
(function () {
  "use strict";
  var root = document.querySelector("[data-kiosk]");
  if (!root || !window.fetch || !window.localStorage) return;
  var form = root.querySelector("[data-kiosk-form]");
  var wrap = root.querySelector("[data-kiosk-form-wrap]");
  var thanks = root.querySelector("[data-kiosk-thanks]");
  var queueNote = root.querySelector("[data-kiosk-queue]");
  var syncUrl = root.getAttribute("data-sync-url");
  var storeKey = "lp-kiosk-queue:" + syncUrl;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var sending = false;
  var RESET_MS = 4000;

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  function save(items) { localStorage.setItem(storeKey, JSON.stringify(items)); showQueue(); }
  function showQueue() {
    var n = load().length;
    queueNote.hidden = n === 0;
    queueNote.textContent = n ? n + " ⟳" : "";
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
      var r = (Math.random() * 16) | 0;
      return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
    });
  }
  function resetForm() {
    form.reset();
    var details = form.querySelector("details");
    if (details) details.open = false;
    thanks.hidden = true;
    wrap.hidden = false;
  }
  function sendNext() {
    if (sending) return;
    var items = load();
    if (!items.length) return;
    sending = true;
    var item = items[0];
    var body = new FormData();
    Object.keys(item).forEach(function (k) { body.append(k, item[k]); });
    fetch(syncUrl, { method: "POST", body: body, headers: { "X-CSRFToken": csrf }, credentials: "same-origin" })
      .then(function (res) {
        sending = false;
        if (res.status === 429 || res.status >= 500) { setTimeout(sendNext, 15000); return; }
        // Recorded (or refused for good): take it off the queue, send the next one.
        save(load().filter(function (x) { return x.kunci !== item.kunci; }));
        sendNext();
      })
      .catch(function () { sending = false; setTimeout(sendNext, 5000); });
  }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.name !== "puas") return;
    event.preventDefault();
    var data = new FormData(form);
    var item = {
      kunci: uuid(),
      puas: button.value,
      waktu: new Date().toISOString(),
      bintang: data.get("bintang") || "",
      komentar: data.get("komentar") || ""
    };
    if (data.get("layanan")) item.layanan = data.get("layanan");
    var items = load();
    items.push(item);
    save(items);
    wrap.hidden = true;
    thanks.hidden = false;
    setTimeout(resetForm, RESET_MS);
    sendNext();
  });
  window.addEventListener("online", sendNext);
  setInterval(sendNext, 20000);
  showQueue();
  sendNext();
})();
