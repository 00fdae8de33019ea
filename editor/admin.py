from django.contrib import admin
from django.contrib.admin.utils import flatten
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from editor import structured
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


class StructuredFieldsMixin:
    """ModelAdmin mixin: the JSON-stored list fields as lines, rows, checkboxes and a picker.

    What is stored (and imported and exported) stays the same lists; see ``editor.structured``.
    """

    structured_fields = {
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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        spec = self.structured_fields.get(db_field.name)
        if spec is None:
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        field_class, label, help_text = spec
        options = {"label": label or capfirst(db_field.verbose_name),
                   "help_text": help_text or db_field.help_text}
        if field_class is structured.NoticesField:
            options["request"] = request
        return field_class(**options)


class TimeZoneNoteMixin:
    """ModelAdmin mixin: a fieldset holding dates and times says which time zone they are in.

    The times themselves print with the zone's abbreviation (config/formats); this names the
    zone (``TIME_ZONE``) once above them, as "Go live at" does in the workflow.
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        datetimes = {field.name for field in self.model._meta.concrete_fields
                     if isinstance(field, models.DateTimeField)}
        note = _("Dates and times are in the %(zone)s time zone.") % {
            "zone": timezone.get_current_timezone_name()}
        noted = []
        for name, options in fieldsets:
            if datetimes & set(flatten(options.get("fields", ()))) and not options.get(
                    "description"):
                options = {**options, "description": note}
            noted.append((name, options))
        return noted


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
