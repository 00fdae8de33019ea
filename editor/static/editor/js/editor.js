/* Writing checks beside each markdown editor (no inline script: the admin runs under CSP).
 *
 * Posts the text to the staff-only checks endpoint a moment after typing stops and shows the
 * server-rendered panel (escaped by Django's templates). Also shows why an upload was refused.
 */
(function () {
  "use strict";
  var DELAY_MS = 700;

  function csrfToken(form) {
    var input = form && form.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  function setUp(container) {
    var editor = container.querySelector("textarea.markdownx-editor");
    var panel = container.querySelector(".editor-checks");
    if (!editor || !panel) { return; }
    var body = panel.querySelector(".editor-checks-body");
    var uploadError = panel.querySelector(".editor-upload-error");
    var url = panel.getAttribute("data-checks-url");
    var timer = null;
    var latest = 0;

    function check() {
      var sent = ++latest;
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrfToken(editor.form));
      data.append("content", editor.value);
      fetch(url, {method: "POST", body: data, credentials: "same-origin",
                  headers: {"X-Requested-With": "XMLHttpRequest"}})
        .then(function (response) { return response.json(); })
        .then(function (report) {
          if (sent !== latest) { return; }
          if (report.html) { body.innerHTML = report.html; }
          else if (report.error) { body.textContent = report.error; }
        })
        .catch(function () { /* the next keystroke tries again */ });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(check, DELAY_MS);
    }

    editor.addEventListener("input", schedule);
    // A link in the preview (a glossary term, say) must not take the editor away from
    // unsaved text: it opens in a new tab.
    var preview = container.querySelector(".editor-preview");
    if (preview) {
      preview.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[href]");
        if (!link) { return; }
        event.preventDefault();
        window.open(link.href, "_blank", "noopener");
      });
    }
    container.addEventListener("markdownx.fileUploadEnd", function () {
      uploadError.hidden = true;
      schedule();
    });
    container.addEventListener("markdownx.fileUploadError", function (event) {
      var response = event.detail && event.detail[0];
      uploadError.textContent = (response && response.error) || uploadError.getAttribute("data-default") || "";
      uploadError.hidden = !uploadError.textContent;
      // markdownx writes its own error text into the editor just after this event.
      setTimeout(function () {
        editor.value = editor.value.replace(/Invalid response/g, "");
      }, 0);
    });
    check();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".markdownx.editor-widget"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
