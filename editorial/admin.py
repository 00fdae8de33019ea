from django.contrib import admin

from editorial.models import ActionLog, Revision


@admin.register(ActionLog)
class ActionLogAdmin(admin.ModelAdmin):
    """Append-only: visible to staff who may view it, editable by no one."""

    list_display = ["timestamp", "actor", "actor_label", "action", "object_repr", "note"]
    list_filter = ["action", "content_type", "actor"]
    search_fields = ["object_repr", "note", "actor_label"]
    date_hierarchy = "timestamp"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["pk", "content_type", "object_id", "created_at", "created_by", "source"]
    list_filter = ["content_type", "source"]
    readonly_fields = ["content_type", "object_id", "content", "content_hash", "source",
                       "created_at", "created_by", "note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
