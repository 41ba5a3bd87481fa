/* Refuse an attachment that is too big, or too many of them, as soon as it is chosen, before
   a slow connection spends minutes uploading it only to be refused. The limits and the
   messages (already translated) come from the input's data-* attributes; the server still
   checks everything. Without this script the form simply posts. */
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[type=file][data-max-bytes]");
  Array.prototype.forEach.call(inputs, function (input) {
    var maxBytes = parseInt(input.getAttribute("data-max-bytes"), 10);
    var maxFiles = parseInt(input.getAttribute("data-max-files"), 10);
    var note = document.createElement("div");
    note.className = "invalid-feedback d-block upload-check";
    note.id = input.id + "_upload_check";
    note.setAttribute("role", "alert");
    note.hidden = true;
    input.insertAdjacentElement("afterend", note);

    function problems() {
      var found = [];
      var files = input.files || [];
      if (maxFiles && files.length > maxFiles) {
        found.push(input.getAttribute("data-too-many"));
      }
      for (var i = 0; i < files.length; i++) {
        if (files[i].size > maxBytes) {
          found.push(input.getAttribute("data-too-big").replace("{name}", files[i].name));
        }
      }
      return found;
    }

    function check() {
      var found = problems();
      note.textContent = found.join(" ");
      note.hidden = found.length === 0;
      input.classList.toggle("is-invalid", found.length > 0);
      var described = (input.getAttribute("aria-describedby") || "").replace(note.id, "").trim();
      if (found.length) {
        input.setAttribute("aria-describedby", (described + " " + note.id).trim());
        input.setAttribute("aria-invalid", "true");
        // Nothing too big is left selected to be sent with the form.
        input.value = "";
      } else {
        input.removeAttribute("aria-invalid");
      }
      return found.length === 0;
    }

    input.addEventListener("change", check);
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        if (problems().length) {
          check();
          event.preventDefault();
          input.focus();
        }
      });
    }
  });
})();
