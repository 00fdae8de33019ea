/* Reference rows: "Add another reference" and "Remove" buttons (no inline script: the admin
 * runs under CSP). Without this file the form still works: it always has empty rows, and
 * clearing a row removes that reference when saved. */
(function () {
  "use strict";

  function renumber(list) {
    Array.prototype.forEach.call(list.querySelectorAll(".reference-row"), function (row, i) {
      var legend = row.querySelector("legend");
      if (legend) { legend.textContent = legend.textContent.replace(/\d+\s*$/, String(i + 1)); }
    });
  }

  function addRemoveButton(container, row, list) {
    var template = container.querySelector(".reference-remove-template");
    if (!template) { return; }
    var button = template.content.firstElementChild.cloneNode(true);
    button.addEventListener("click", function () {
      var next = row.nextElementSibling || row.previousElementSibling;
      if (!next) {
        // The last row stays, emptied, so "Add another reference" has a row to copy.
        Array.prototype.forEach.call(row.querySelectorAll("input"), function (input) {
          input.value = "";
        });
        row.querySelector("input").focus();
        return;
      }
      row.remove();
      renumber(list);
      var focus = next && next.querySelector("input");
      if (focus) { focus.focus(); }
    });
    row.querySelector("fieldset").appendChild(button);
  }

  function setUp(container) {
    var list = container.querySelector(".reference-list");
    var template = container.querySelector(".reference-buttons");
    if (!list || !template) { return; }
    Array.prototype.forEach.call(list.querySelectorAll(".reference-row"), function (row) {
      addRemoveButton(container, row, list);
    });
    var add = template.content.firstElementChild.cloneNode(true);
    add.addEventListener("click", function () {
      var rows = list.querySelectorAll(".reference-row");
      var last = rows[rows.length - 1];
      var highest = -1;
      Array.prototype.forEach.call(rows, function (row) {
        highest = Math.max(highest, parseInt(row.getAttribute("data-index"), 10) || 0);
      });
      var index = highest + 1;
      var row = last ? last.cloneNode(true) : null;
      if (!row) { return; }
      row.setAttribute("data-index", String(index));
      Array.prototype.forEach.call(row.querySelectorAll("input, label"), function (element) {
        ["id", "name", "for"].forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value) {
            element.setAttribute(attribute, value.replace(/-\d+-(title|publisher|year|url)$/, "-" + index + "-$1"));
          }
        });
        if (element.tagName === "INPUT") { element.value = ""; }
      });
      var oldButton = row.querySelector(".reference-remove");
      if (oldButton) { oldButton.remove(); }
      list.appendChild(row);
      addRemoveButton(container, row, list);
      renumber(list);
      row.querySelector("input").focus();
    });
    container.appendChild(add);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".reference-rows"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
