/* The menu button of narrow screens (overrides/partials/header.html).
   Material opens its drawer with a label for a hidden checkbox, which the
   keyboard never reaches. This script shows the button beside that label in
   its place: Enter or Space opens the drawer and takes the focus to its first
   link; Escape, the button or the focus leaving the drawer closes it. The
   button says whether the drawer is open. Without this script the label
   stays, for the mouse and touch.
   A section's entry in the drawer is a label for its hidden checkbox too, which
   Material opens with Enter only, and the open section's own entry, its "back"
   title and the current page's contents entry take no Tab press at all: here
   each is a button the keyboard reaches, for Space as well, that says whether
   its part of the menu is open. (The drawer's own title, which closes it, is
   left to Escape and the menu button.) */
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
      // The first entry the reader sees: an open section's panel hides the level under it.
      var entries = sidebar.querySelectorAll("a[href], label[tabindex], input, button");
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].getClientRects().length && getComputedStyle(entries[i]).visibility !== "hidden") {
          entries[i].focus();
          break;
        }
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

  Array.prototype.forEach.call(sidebar.querySelectorAll("label[for]:not([for='__drawer'])"), function (toggle) {
    var section = document.getElementById(toggle.htmlFor);
    if (!section || section.type !== "checkbox") {
      return;
    }
    function show() {
      toggle.setAttribute("aria-expanded", String(section.checked));
    }
    // Material leaves tabindex empty (not focusable) on the open section's entry.
    if (!/^-?[0-9]+$/.test(toggle.getAttribute("tabindex") || "")) {
      toggle.setAttribute("tabindex", "0");
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
