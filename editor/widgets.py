from urllib.parse import urlencode

from django.urls import reverse
from markdownx.widgets import AdminMarkdownxWidget


class MarkdownEditorWidget(AdminMarkdownxWidget):
    """django-markdownx's admin editor, talking to the project's own staff-only endpoints.

    Beside it, a panel of writing checks (editor/js/editor.js fills it from ``editor_checks``).
    ``glossary_exclude`` lists term slugs the preview must not link, as the page won't.
    """

    template_name = "editor/widget.html"

    def __init__(self, attrs=None, glossary_exclude=()):
        super().__init__(attrs)
        self.glossary_exclude = tuple(glossary_exclude)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        preview_url = reverse("markdownx_markdownify")
        if self.glossary_exclude:
            preview_url += "?" + urlencode({"exclude": ",".join(self.glossary_exclude)})
        context["widget"]["attrs"].update({
            "data-markdownx-urls-path": preview_url,
            "data-markdownx-upload-urls-path": reverse("markdownx_upload"),
        })
        context["checks_url"] = reverse("editor_checks")
        return context

    class Media:
        # The site's own glossary popover (css/glossary.css, js/glossary.js): the preview
        # shows terms exactly as readers get them.
        css = {"all": ["markdownx/admin/css/markdownx.css", "css/glossary.css",
                       "editor/css/editor.css"]}
        js = ["markdownx/js/markdownx.js", "js/glossary.js", "editor/js/editor.js"]
