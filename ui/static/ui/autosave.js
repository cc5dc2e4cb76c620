// Keep what someone has typed into a form on this device until the form is sent,
// so an expired session, a lost connection or a closed tab never loses work.
// Forms opt in with data-autosave="<key>"; nothing is sent anywhere.
(function () {
  "use strict";
  var PREFIX = "trellis-draft:";

  function storageKey(form) {
    return PREFIX + form.getAttribute("data-autosave");
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "password" && el.type !== "hidden" && el.type !== "submit";
    });
  }

  function save(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        data[el.name + "::" + el.value] = el.checked;
      } else {
        data[el.name] = el.value;
      }
    });
    try {
      localStorage.setItem(storageKey(form), JSON.stringify({ savedAt: Date.now(), data: data }));
    } catch (e) { /* storage full or blocked: nothing more we can do */ }
  }

  function restore(form) {
    var raw = null;
    try { raw = localStorage.getItem(storageKey(form)); } catch (e) { return; }
    if (!raw) return;
    var saved = JSON.parse(raw).data || {};
    var restored = false;
    fields(form).forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        var key = el.name + "::" + el.value;
        if (key in saved && el.checked !== saved[key]) { el.checked = saved[key]; restored = true; }
      } else if (el.name in saved && !el.value && saved[el.name]) {
        el.value = saved[el.name];
        restored = true;
      }
    });
    if (restored) {
      var note = document.createElement("div");
      note.className = "govuk-inset-text";
      note.setAttribute("data-draft-restored", "");
      note.textContent = "We have put back what you typed earlier on this device. Check it before you save.";
      form.insertBefore(note, form.firstChild);
    }
  }

  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var hasErrors = document.querySelector(".govuk-error-summary");
    if (!hasErrors) restore(form);
    form.addEventListener("input", function () { save(form); });
    form.addEventListener("change", function () { save(form); });
    form.addEventListener("submit", function () {
      // Cleared only when the server confirms the save (see data-autosave-clear below).
      save(form);
    });
  });

  // A page shown after a successful save names the draft to forget.
  document.querySelectorAll("[data-autosave-clear]").forEach(function (el) {
    try { localStorage.removeItem(PREFIX + el.getAttribute("data-autosave-clear")); } catch (e) { /* ignore */ }
  });
})();
