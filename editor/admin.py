from django.contrib import admin

from editor.models import UploadedImage
from editor.widgets import MarkdownEditorWidget


class MarkdownEditorMixin:
    """ModelAdmin mixin: markdown fields get the editor with live preview and writing checks.

    ``markdown_fields`` names them (an article's body, a term's definition by default).
    """

    markdown_fields = ("body", "definition")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.markdown_fields:
            kwargs["widget"] = MarkdownEditorWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        exclude = _glossary_exclude(obj)
        for name in self.markdown_fields:
            field = form.base_fields.get(name)
            if field is not None and isinstance(field.widget, MarkdownEditorWidget):
                field.widget.glossary_exclude = exclude
        return form


def _glossary_exclude(obj) -> tuple[str, ...]:
    """What the page leaves unlinked: an article's exclusions, a term's own name."""
    if obj is None:
        return ()
    if obj._meta.label == "glossary.Term":
        return (obj.slug,)
    return tuple(getattr(obj, "glossary_exclude", None) or ())


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
