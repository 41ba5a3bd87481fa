/* Kiosk: rate, thank, reset; keep ratings in localStorage while the network is down and send
   them later, in batches, with their original times. Nothing leaves the queue until the
   server answers that it is recorded (or can never be). The server counts a rating once per key, so a rating
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
  // Queued ratings go in batches; after a refusal (a limit, a server error, a refused token)
  // the script waits a full minute, the length of the server's per-minute window.
  var BATCH = 50;
  var BACKOFF_MS = 60000;
  var waitUntil = 0;
  var timer = null;
  var freshTokenTried = false;

  function later(ms) {
    waitUntil = Date.now() + ms;
    clearTimeout(timer);
    timer = setTimeout(function () { waitUntil = 0; sendNext(); }, ms);
  }
  function setToken(value) {
    csrf = value;
    form.querySelector("input[name=csrfmiddlewaretoken]").value = value;
  }
  // A 403 is the CSRF check (an expired or rotated cookie): load the page again in the
  // background for a fresh token, keep the queue, and send it after.
  function refreshToken() {
    if (freshTokenTried) { later(BACKOFF_MS); return; }
    freshTokenTried = true;
    fetch(window.location.pathname, { credentials: "same-origin", cache: "no-store" })
      .then(function (res) { return res.ok ? res.text() : Promise.reject(res.status); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var input = doc.querySelector("input[name=csrfmiddlewaretoken]");
        if (!input) return Promise.reject("no token");
        setToken(input.value);
        sendNext();
      })
      .catch(function () { later(BACKOFF_MS); });
  }
  function sendNext() {
    if (sending || Date.now() < waitUntil) return;
    var items = load();
    if (!items.length) return;
    sending = true;
    var batch = items.slice(0, BATCH);
    fetch(syncUrl, {
      method: "POST",
      body: JSON.stringify({ antrian: batch }),
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      credentials: "same-origin"
    })
      .then(function (res) {
        return res.json().then(
          function (body) { return { res: res, body: body }; },
          function () { return { res: res, body: null }; }
        );
      })
      .then(function (answer) {
        sending = false;
        var results = answer.body && answer.body.results;
        if (results) {
          // Recorded ("ok") or never acceptable ("invalid"): off the queue; "retry" stays.
          var done = {};
          batch.forEach(function (item, i) {
            if (results[i] === "ok" || results[i] === "invalid") done[item.kunci] = true;
          });
          save(load().filter(function (x) { return !done[x.kunci]; }));
        }
        if (answer.res.status === 403) { refreshToken(); return; }
        if (!answer.res.ok || !results) { later(BACKOFF_MS); return; }
        freshTokenTried = false;
        sendNext();
      })
      .catch(function () { sending = false; later(5000); });
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
