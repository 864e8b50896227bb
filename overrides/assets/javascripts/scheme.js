/* The light/dark buttons (overrides/partials/palette.html). Each checks the
   radio button of the scheme it names, which Material's script follows: it
   switches the page's colours and shows the other scheme's button, which takes
   the focus the hidden one had. Enter is kept from Material's own handler on
   the form, which would switch the scheme a second time. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-md-component='palette']");
  if (!form) {
    return;
  }
  var buttons = form.querySelectorAll("button[data-gd-scheme]");

  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.stopPropagation();
      }
    });
    button.addEventListener("click", function () {
      var radio = document.getElementById(button.getAttribute("data-gd-scheme"));
      if (!radio) {
        return;
      }
      refocus = document.activeElement === button;
      radio.click();
      follow();
    });
  });

  // The focus goes to the button Material shows in place of the pressed one, now
  // or, before Material's bundle has started (the first interaction starts it),
  // once it has.
  var refocus = false;
  function follow() {
    var shown = form.querySelector("button[data-gd-scheme]:not([hidden])");
    if (refocus && shown && document.activeElement !== shown && shown.offsetParent !== null) {
      shown.focus();
      refocus = false;
    }
  }
  new MutationObserver(follow).observe(form, { attributes: true, attributeFilter: ["hidden"], subtree: true });
})();
