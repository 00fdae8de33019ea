from django.contrib import admin
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core import kinds
from editor import structured
from editor.models import UploadedImage
from editor.widgets import MarkdownEditorWidget


def markdown_editor(model_admin, db_field, request, kwargs):
    """A page kind's markdown fields (``core.kinds.PageKind.markdown_fields``) get the
    editor with live preview and writing checks."""
    kind = kinds.for_model(model_admin.model)
    if kind is not None and db_field.name in kind.markdown_fields:
        kwargs["widget"] = MarkdownEditorWidget
    return None


# The JSON-stored list fields as lines, rows, checkboxes and a picker; what is stored (and
# imported and exported) stays the same lists (``editor.structured``).
STRUCTURED_FIELDS = {
    "key_points": (structured.LinesField, _("Key points"),
                   _("One point per line: a short, plain sentence each (at most 8).")),
    "aliases": (structured.LinesField, _("Aliases"),
                _("One per line: brand names, lay words and irregular plurals that mean "
                  "this term.")),
    "references": (structured.ReferencesField, _("References"), ""),
    "notices": (structured.NoticesField, _("Notices"),
                _("Tick a notice to show it on the page, in the words shown here.")),
    "glossary_exclude": (structured.GlossaryTermsField, _("Glossary terms not linked"),
                         _("Terms this page should not link to the glossary. Type in the "
                           "filter box to find a term, then add it.")),
}


def structured_field(model_admin, db_field, request, kwargs):
    spec = STRUCTURED_FIELDS.get(db_field.name)
    if spec is None or not isinstance(db_field, models.JSONField):
        return None
    field_class, label, help_text = spec
    options = {"label": label or capfirst(db_field.verbose_name),
               "help_text": help_text or db_field.help_text}
    if field_class is structured.NoticesField:
        options["request"] = request
    return field_class(**options)


def glossary_exclusions(model_admin, form, obj) -> None:
    """The editor's preview leaves unlinked what the page does (its exclusions, a term's own
    name), as the public page will."""
    kind = kinds.for_model(model_admin.model)
    exclude = kind.glossary_exclude(obj) if kind is not None and obj is not None else ()
    for name in kind.markdown_fields if kind is not None else ():
        field = form.base_fields.get(name)
        if field is not None and isinstance(field.widget, MarkdownEditorWidget):
            field.widget.glossary_exclude = tuple(exclude)


@admin.register(UploadedImage)
class UploadedImageAdmin(admin.ModelAdmin):
    """Who uploaded which image; read-only (uploads happen in the editor)."""

    list_display = ["file", "format", "width", "height", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["format"]
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
