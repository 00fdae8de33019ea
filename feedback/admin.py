from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from feedback import targets
from feedback.models import Correction, HelpfulVote, ProblemReport

SUMMARY_PAGES = 200
REPORT_PREVIEW_CHARS = 400


def _page_link(obj):
    page = targets.page_for(obj.content_type_id, obj.object_id)
    if page is None:
        return _("(deleted page)")
    return format_html('<a href="{}">{}</a>', page.get_absolute_url(), page)


class PageKindFilter(admin.RelatedFieldListFilter):
    """"By kind of page": only the kinds readers can send feedback on, not every model."""

    def field_choices(self, field, request, model_admin):
        ids = [targets.content_type_of(targets.model_for(kind)).pk for kind in targets.kinds()]
        return [(content_type.pk, content_type.model_class()._meta.verbose_name.capitalize())
                for content_type in ContentType.objects.filter(pk__in=ids).order_by("model")]


class ReadOnlyReaderInput(admin.ModelAdmin):
    """What readers sent is theirs: editors read it (and may delete it), never rewrite it."""

    class Media:
        css = {"all": ["feedback/admin.css"]}

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("page"))
    def page_link(self, obj):
        return _page_link(obj)


@admin.register(HelpfulVote)
class HelpfulVoteAdmin(ReadOnlyReaderInput):
    list_display = ["created_at", "page_link", "helpful", "comment"]
    list_filter = ["helpful", ("content_type", PageKindFilter), "created_at"]
    search_fields = ["comment"]
    readonly_fields = ["page_link", "revision", "helpful", "comment", "created_at"]
    fields = readonly_fields

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        """Above the list: yes, no and comment counts per page, the least helpful first."""
        rows = (HelpfulVote.objects.values("content_type", "object_id")
                .annotate(yes=Count("pk", filter=Q(helpful=True)),
                          no=Count("pk", filter=Q(helpful=False)),
                          comments=Count("pk", filter=~Q(comment="")))
                .order_by("-no", "-comments", "content_type", "object_id")[:SUMMARY_PAGES])
        summary = []
        for row in rows:
            page = targets.page_for(row["content_type"], row["object_id"])
            query = urlencode({"content_type__id__exact": row["content_type"],
                               "object_id": row["object_id"]})
            summary.append({**row, "page": page or _("(deleted page)"),
                            "votes_url": f"{reverse('admin:feedback_helpfulvote_changelist')}"
                                         f"?{query}"})
        extra_context = {**(extra_context or {}), "page_summary": summary}
        return super().changelist_view(request, extra_context)


@admin.register(ProblemReport)
class ProblemReportAdmin(ReadOnlyReaderInput):
    # The report first, as the link to it: it is what an editor reads; on a narrow screen the
    # columns after it scroll sideways inside the list, never the report.
    list_display = ["short_report", "page_link", "status", "created_at", "has_contact"]
    list_display_links = ["short_report"]
    list_filter = ["status", ("content_type", PageKindFilter), "created_at"]
    list_editable = ["status"]
    search_fields = ["what_is_wrong", "editor_note"]
    readonly_fields = ["page_link", "revision", "what_is_wrong", "contact", "created_at",
                       "updated_at", "updated_by", "add_correction"]
    fields = ["page_link", "revision", "created_at", "what_is_wrong", "contact", "status",
              "editor_note", "add_correction", "updated_at", "updated_by"]
    actions = ["mark_in_progress", "mark_fixed", "mark_wont_fix"]

    @admin.display(description=_("report"))
    def short_report(self, obj):
        """The report as the reader wrote it (long ones cut), wrapped to a readable width."""
        text = " ".join(obj.what_is_wrong.split())
        text = text if len(text) <= REPORT_PREVIEW_CHARS else text[:REPORT_PREVIEW_CHARS - 1] + "…"
        return format_html('<div class="feedback-report-text">{}</div>', text)

    @admin.display(boolean=True, description=_("contact left"))
    def has_contact(self, obj):
        return bool(obj.contact)

    @admin.display(description=_("correction"))
    def add_correction(self, obj):
        """Corrections are made in a revision of the page, so they are reviewed before readers
        see them: the link opens the page's edit form, which has a correction note field."""
        page = obj.page
        if page is None:
            return "—"
        opts = page._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[page.pk])
        return format_html('<a href="{}">{}</a> {}', url, _("Edit the page"),
                           _("(write the correction note in its “Correction” section)"))

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def _mark(self, request, queryset, status):
        count = 0
        for report in queryset.exclude(status=status):
            report.status = status
            report.updated_by = request.user
            report.save(update_fields=["status", "updated_by", "updated_at"])
            count += 1
        self.message_user(request, ngettext("%(count)d report marked “%(status)s”.",
                                            "%(count)d reports marked “%(status)s”.", count)
                          % {"count": count, "status": ProblemReport.Status(status).label},
                          messages.SUCCESS)

    @admin.action(description=_("Mark as in progress"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._mark(request, queryset, ProblemReport.Status.IN_PROGRESS)

    @admin.action(description=_("Mark as fixed"), permissions=["change"])
    def mark_fixed(self, request, queryset):
        self._mark(request, queryset, ProblemReport.Status.FIXED)

    @admin.action(description=_("Mark as won't fix"), permissions=["change"])
    def mark_wont_fix(self, request, queryset):
        self._mark(request, queryset, ProblemReport.Status.WONT_FIX)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Published correction notes, read-only: a note is written in the revision that makes the
    correction and published with it, after clinical approval (``feedback.corrections``)."""

    list_display = ["corrected_on", "page_link", "note", "revision", "created_by"]
    list_filter = [("content_type", PageKindFilter), "corrected_on"]
    search_fields = ["note"]
    fields = readonly_fields = ["page_link", "corrected_on", "note", "revision", "report",
                                "created_at", "created_by"]

    @admin.display(description=_("page"))
    def page_link(self, obj):
        return _page_link(obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
