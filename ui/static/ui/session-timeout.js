// Warn before an idle session ends, and let the user stay signed in.
// Typed work is never lost: autosave.js keeps unsent form fields on this device.
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-session-idle") || "0", 10);
  var warning = parseInt(body.getAttribute("data-session-warning") || "0", 10);
  var keepaliveUrl = body.getAttribute("data-keepalive-url");
  var loginUrl = body.getAttribute("data-login-url");
  var dialog = document.getElementById("session-timeout");
  if (!idle || !dialog || !keepaliveUrl) return;

  var lastActivity = Date.now();
  var countdown = document.getElementById("session-timeout-countdown");
  var stay = document.getElementById("session-timeout-stay");
  var returnFocus = null;

  function describe(seconds) {
    if (seconds >= 60) {
      var m = Math.ceil(seconds / 60);
      return m + (m === 1 ? " minute" : " minutes");
    }
    return seconds + (seconds === 1 ? " second" : " seconds");
  }

  function extend() {
    var token = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";
    return fetch(keepaliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
    }).then(function (response) {
      // A session that has already ended answers with a redirect to the sign-in page,
      // which fetch follows to a 200: that is not a kept-alive session.
      if (response.ok && !response.redirected) lastActivity = Date.now();
    });
  }

  function show() {
    if (!dialog.hidden) return;
    returnFocus = document.activeElement;
    dialog.hidden = false;
    dialog.focus();
  }

  function hide() {
    dialog.hidden = true;
    if (returnFocus && returnFocus.focus) returnFocus.focus();
  }

  stay.addEventListener("click", function () {
    extend().then(hide);
  });

  setInterval(function () {
    var remaining = Math.round(idle - (Date.now() - lastActivity) / 1000);
    if (remaining <= 0) {
      // Fields are already saved on this device by autosave.js.
      window.location.href = loginUrl + "?next=" + encodeURIComponent(window.location.pathname + window.location.search) + "&timeout=1";
      return;
    }
    if (remaining <= warning) {
      countdown.textContent = describe(remaining);
      show();
    }
  }, 1000);
})();
