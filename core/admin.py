from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.models import SlugHistory


@admin.register(SlugHistory)
class SlugHistoryAdmin(admin.ModelAdmin):
    """Read-only: the history is written when a page's slug changes (``SlugHistory``'s rule);
    an address is freed by giving a page that slug."""

    list_display = ["old_slug", "content_type", "current_address", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["old_slug"]
    list_select_related = ["content_type"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("page")

    @admin.display(description=_("now at"))
    def current_address(self, history):
        page = history.page
        return page.get_absolute_url() if page is not None else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
