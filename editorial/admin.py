from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from editorial import profile_admin
from editorial.dashboard import MINE, ROWS_PER_KIND, dashboard_rows, parse_sort
from editorial.models import (
    ActionLog,
    ReviewDashboard,
    ReviewerProfile,
    ReviewReminder,
    Revision,
    RevisionNote,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Append-only records: visible to staff who may view them, editable by no one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PageFilter(admin.SimpleListFilter):
    """Filter the log by page (any kind), named as it was last logged."""

    title = _("page")
    parameter_name = "page"

    def lookups(self, request, model_admin):
        seen: dict[str, str] = {}
        rows = ActionLog.objects.order_by("-timestamp").values_list(
            "content_type__model", "content_type_id", "object_id", "object_repr")
        for model, content_type_id, object_id, name in rows.iterator():
            seen.setdefault(f"{content_type_id}-{object_id}", f"{name} ({model})")
        return sorted(seen.items(), key=lambda item: item[1].casefold())

    def queryset(self, request, queryset):
        content_type_id, _sep, object_id = (self.value() or "").partition("-")
        if content_type_id.isdigit() and object_id.isdigit():
            return queryset.filter(content_type_id=content_type_id, object_id=object_id)
        return queryset


@admin.register(ActionLog)
class ActionLogAdmin(ReadOnlyAdmin):
    list_display = ["timestamp", "actor", "actor_label", "action", "object_repr", "note"]
    list_filter = ["action", ("actor", admin.RelatedOnlyFieldListFilter), PageFilter,
                   "content_type"]
    search_fields = ["object_repr", "note", "actor_label"]
    date_hierarchy = "timestamp"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "content_type")


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ["pk", "content_type", "object_id", "state", "created_at", "created_by",
                    "source"]
    list_filter = ["content_type", "source", "state"]
    readonly_fields = ["content_type", "object_id", "content", "content_hash", "source", "state",
                       "created_at", "created_by", "note"]


@admin.register(RevisionNote)
class RevisionNoteAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "author", "revision", "text"]
    list_filter = [("author", admin.RelatedOnlyFieldListFilter)]


@admin.register(ReviewReminder)
class ReviewReminderAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "reviewer", "sent_at"]
    list_filter = ["sent_on"]


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    """Every reviewer's profile, for administrators (also on each user's page)."""

    list_display = ["display_name", "credentials", "user"]
    search_fields = ["display_name", "credentials", "user__username", "user__email"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":  # staff chosen by name from a list, not typed in as an id
            kwargs["queryset"] = (get_user_model().objects.filter(is_staff=True)
                                  .order_by("username"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        before = profile_admin._values(obj) if change else None
        super().save_model(request, obj, form, change)
        profile_admin.log_profile_change(obj, before, actor=request.user)


@admin.register(ReviewDashboard)
class ReviewDashboardAdmin(ReadOnlyAdmin):
    """The editorial dashboard: what is in review, awaiting publication, due or overdue."""

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        mine = request.GET.get("mine", "")
        mine = mine if mine in MINE else ""
        sort_key, descending = parse_sort(request.GET.get("sort"))
        sort = f"{'-' if descending else ''}{sort_key}"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "title": _("Review dashboard"),
            "sections": dashboard_rows(user=request.user, mine=mine, sort=sort),
            "mine": mine, "mine_choices": [("", _("Everything")), *MINE.items()],
            "columns": _dashboard_columns(mine, sort_key, descending),
            "rows_per_kind": ROWS_PER_KIND, **(extra_context or {}),
        }
        return TemplateResponse(request, "editorial/admin/dashboard.html", context)


DASHBOARD_COLUMNS = [
    ("page", _("Page")), ("state", _("State")), ("submitted_by", _("Submitted by")),
    ("submitted_at", _("Submitted")), ("waiting", _("Waiting")),
    ("reviewer", _("Reviewer")), ("due", _("Review due")),
]


def _dashboard_columns(mine, sort_key, descending):
    """Each column's heading, its sort link (a second click reverses it) and aria-sort."""
    columns = []
    for key, label in DASHBOARD_COLUMNS:
        current = key == sort_key
        next_sort = key if current and descending else f"-{key}" if current else key
        query = urlencode({**({"mine": mine} if mine else {}), "sort": next_sort})
        columns.append({"key": key, "label": label, "url": f"?{query}",
                        "aria_sort": ("descending" if descending else "ascending")
                        if current else ""})
    return columns
