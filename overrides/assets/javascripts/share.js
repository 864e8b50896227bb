/* Passing an event on and copying the calendar's address, on the agenda and
   the event pages (overrides/partials/agenda.html, agenda-event.html).
   Without this script nothing is missing: the e-mail link shares the page and
   the address is there to select. With it, the buttons the pages keep hidden
   appear: the phone's share sheet where there is one, else a copy of the
   address, said aloud through the page's status line. */
(function () {
  "use strict";

  var canCopy = Boolean(navigator.clipboard && window.isSecureContext);
  var canShare = typeof navigator.share === "function";
  var status = document.querySelector("[data-gd-announce]");

  function confirm(button, text) {
    var label = button.textContent;
    button.textContent = text;
    if (status) {
      status.textContent = text;
    }
    window.setTimeout(function () {
      button.textContent = label;
      if (status) {
        status.textContent = "";
      }
    }, 2500);
  }

  function copy(button, text) {
    navigator.clipboard.writeText(text).then(function () {
      confirm(button, button.getAttribute("data-gd-done"));
    }, function () {});
  }

  document.querySelectorAll("button[data-gd-share]").forEach(function (button) {
    if (!canShare && !canCopy) {
      return;
    }
    var url = button.getAttribute("data-gd-share");
    if (!canShare) {
      button.textContent = button.getAttribute("data-gd-copy-label");
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (canShare) {
        navigator.share({ title: button.getAttribute("data-gd-title"), url: url }).catch(function () {});
      } else {
        copy(button, url);
      }
    });
  });

  document.querySelectorAll("button[data-gd-copy]").forEach(function (button) {
    if (!canCopy) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(button, button.getAttribute("data-gd-copy"));
    });
  });
}());
