from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core import kinds
from core.models import SlugHistory


def kind_label(model) -> str:
    """What the admin's sidebar calls the kind: its app ("Glossary"), or app and model when an
    app has several kinds."""
    app_config = model._meta.app_config
    if sum(kind.model._meta.app_config is app_config for kind in kinds.page_kinds()) > 1:
        return f"{app_config.verbose_name}: {capfirst(model._meta.verbose_name_plural)}"
    return str(app_config.verbose_name)


class PageKindFilter(admin.SimpleListFilter):
    title = _("kind of page")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(kind.name, kind_label(kind.model)) for kind in kinds.page_kinds()]

    def queryset(self, request, queryset):
        kind = kinds.get(self.value() or "")
        if kind is None:
            return queryset
        return queryset.filter(content_type=ContentType.objects.get_for_model(kind.model))


@admin.register(SlugHistory)
class SlugHistoryAdmin(admin.ModelAdmin):
    """Read-only: the history is written when a page's slug changes (``SlugHistory``'s rule);
    an address is freed by giving a page that slug. Deleting stays a permission like any
    other, because deleting a page deletes its old addresses with it: the admin lets only
    those who may delete both do it."""

    list_display = ["old_slug", "kind", "current_address", "created_at"]
    fields = readonly_fields = list_display
    list_filter = [PageKindFilter]
    search_fields = ["old_slug"]
    list_select_related = ["content_type"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("page")

    @admin.display(description=_("kind of page"), ordering="content_type")
    def kind(self, history):
        model = history.content_type.model_class()
        return kind_label(model) if model is not None else history.content_type.model

    @admin.display(description=_("now at"))
    def current_address(self, history):
        page = history.page
        if page is None:
            return "—"
        url = page.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
