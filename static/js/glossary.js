/* Glossary definitions, optional: without this file definitions still show on hover and focus,
   and a tap follows the link to the term's page.
   - A tap (touch or pen) on a term opens its definition in place, with a link to the term's
     page; a second tap on the term follows its link; a tap elsewhere closes it.
   - An open definition is placed with position: fixed under its term, kept on screen, so no
     scrolling box (a table on a phone) clips it.
   - Escape hides the open one (WCAG 1.4.13 "dismissible") until the pointer and focus have left
     its term. Load with defer. */
(function () {
  "use strict";
  var DISMISSED = "gloss--dismissed", OPEN = "gloss--open", MARGIN = 8;
  var lastPointer = "mouse";
  var script = document.currentScript;
  var MORE = (script && script.getAttribute("data-more")) || "More about";

  function glossOf(node) {
    return node && node.closest ? node.closest(".gloss") : null;
  }

  function openGlosses() {
    try {
      return document.querySelectorAll(".gloss:hover, .gloss:focus-within, .gloss." + OPEN);
    } catch (error) { // a browser without :focus-within has no popover to dismiss either
      return document.querySelectorAll(".gloss." + OPEN);
    }
  }

  function place(gloss) {
    var term = gloss.querySelector(".gloss-term"), def = gloss.querySelector(".gloss-def");
    if (!term || !def) return;
    var box = term.getBoundingClientRect();
    def.style.position = "fixed";
    def.style.top = box.bottom + "px";
    def.style.left = "0px";
    var width = def.offsetWidth;
    var left = Math.min(box.left, window.innerWidth - width - MARGIN);
    def.style.left = Math.max(MARGIN, left) + "px";
  }

  function unplace(gloss) {
    var def = gloss.querySelector(".gloss-def");
    if (def) def.style.position = def.style.top = def.style.left = "";
  }

  function withMoreLink(gloss) {
    var def = gloss.querySelector(".gloss-def"), term = gloss.querySelector(".gloss-term");
    if (!def || !term || def.querySelector(".gloss-more")) return;
    var more = document.createElement("span"), link = document.createElement("a");
    more.className = "gloss-more";
    link.href = term.getAttribute("href");
    link.textContent = MORE + " “" + term.textContent + "”";
    more.appendChild(link);
    def.appendChild(more);
  }

  function close(gloss) {
    gloss.classList.remove(OPEN);
    unplace(gloss);
  }

  function closeAll(except) {
    var open = document.querySelectorAll(".gloss." + OPEN);
    for (var i = 0; i < open.length; i++) if (open[i] !== except) close(open[i]);
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    var gloss = glossOf(event.target);
    if (!gloss) closeAll(null);
  }, true);

  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest(".gloss-term");
    if (!term || lastPointer === "mouse") return;
    var gloss = glossOf(term);
    if (!gloss.querySelector(".gloss-def") || gloss.classList.contains(OPEN)) return;
    event.preventDefault();
    closeAll(gloss);
    withMoreLink(gloss);
    gloss.classList.remove(DISMISSED);
    gloss.classList.add(OPEN);
    place(gloss);
  });

  ["pointerover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var gloss = glossOf(event.target);
      if (gloss && !gloss.classList.contains(DISMISSED)) place(gloss);
    });
  });

  function replaceOpen() {
    var open = openGlosses();
    for (var i = 0; i < open.length; i++) place(open[i]);
  }
  window.addEventListener("scroll", replaceOpen, {passive: true, capture: true});
  window.addEventListener("resize", replaceOpen);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var open = openGlosses();
    for (var i = 0; i < open.length; i++) {
      open[i].classList.add(DISMISSED);
      close(open[i]);
    }
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
