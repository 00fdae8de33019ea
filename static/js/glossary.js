/* Glossary definitions: Escape hides the open one (WCAG 1.4.13 "dismissible") until the pointer
   and focus have left its term. Optional: without it definitions still work. Load with defer. */
(function () {
  "use strict";
  var DISMISSED = "gloss--dismissed";

  function openGlosses() {
    try {
      return document.querySelectorAll(".gloss:hover, .gloss:focus-within");
    } catch (error) { // a browser without :focus-within has no popover to dismiss either
      return [];
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var open = openGlosses();
    for (var i = 0; i < open.length; i++) open[i].classList.add(DISMISSED);
  });

  function leave(event, stillThere) {
    var gloss = event.target.closest && event.target.closest("." + DISMISSED);
    if (!gloss || gloss.contains(event.relatedTarget) || stillThere(gloss)) return;
    gloss.classList.remove(DISMISSED);
  }

  document.addEventListener("pointerout", function (event) {
    leave(event, function (gloss) { return gloss.contains(document.activeElement); });
  });
  document.addEventListener("focusout", function (event) {
    leave(event, function (gloss) { return gloss.matches(":hover"); });
  });
})();
