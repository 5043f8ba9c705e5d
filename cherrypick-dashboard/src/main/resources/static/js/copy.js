// The Copy button next to a token shown once: copies the text of the element its data-copy names.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var text = document.querySelector(button.getAttribute("data-copy")).textContent.trim();
    var done = function () { button.textContent = "Copied"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { select(button); });
    } else {
      select(button);
    }
  });
  // Without the clipboard API (plain http off localhost): select the token so Ctrl+C copies it.
  function select(button) {
    var range = document.createRange();
    range.selectNodeContents(document.querySelector(button.getAttribute("data-copy")));
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    button.textContent = "Selected: press Ctrl+C";
  }
})();
