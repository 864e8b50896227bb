/* The menu button of narrow screens (overrides/partials/header.html).
   Material opens its drawer with a label for a hidden checkbox, which the
   keyboard never reaches. This script shows the button beside that label in
   its place: Enter or Space opens the drawer and takes the focus to its first
   link; Escape, the button or the focus leaving the drawer closes it. The
   button says whether the drawer is open. Without this script the label
   stays, for the mouse and touch.
   A section's entry in the drawer is a label for its hidden checkbox too, which
   Material opens with Enter only: here it is a button, for Space as well, that
   says whether its section is open. */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");
  var button = document.querySelector("button[data-gd-drawer]");
  var label = document.querySelector(".md-header label[for='__drawer']");
  var sidebar = document.querySelector(".md-sidebar--primary");
  if (!drawer || !button || !sidebar) {
    return;
  }

  // Through the checkbox's own click, as Material does: its scripts follow the change.
  function setOpen(open) {
    if (drawer.checked !== open) {
      drawer.click();
    }
  }

  function close() {
    setOpen(false);
    button.focus();
  }

  drawer.addEventListener("change", function () {
    button.setAttribute("aria-expanded", String(drawer.checked));
  });

  button.addEventListener("click", function () {
    setOpen(!drawer.checked);
    if (drawer.checked) {
      var first = sidebar.querySelector("a[href], label[tabindex], input, button");
      if (first) {
        first.focus();
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      close();
    }
  });

  // Tab past the drawer's last link (or back before its first): the drawer closes
  // rather than leave the focus on the page it covers.
  sidebar.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (drawer.checked && next && next !== button && !sidebar.contains(next)) {
      setOpen(false);
    }
  });

  Array.prototype.forEach.call(sidebar.querySelectorAll("label.md-nav__link[for][tabindex]"), function (toggle) {
    var section = document.getElementById(toggle.htmlFor);
    if (!section) {
      return;
    }
    function show() {
      toggle.setAttribute("aria-expanded", String(section.checked));
    }
    toggle.setAttribute("role", "button");
    show();
    section.addEventListener("change", show);
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        toggle.click();
      }
    });
  });

  if (label) {
    label.hidden = true;
  }
  button.hidden = false;
  button.setAttribute("aria-expanded", String(drawer.checked));
})();
