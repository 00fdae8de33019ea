from django.contrib import admin
from django.utils.translation import gettext_lazy

from editorial.page_admin import PageWorkflowAdmin
from pages import page_context
from pages.models import Page


@admin.register(Page)
class PageAdmin(PageWorkflowAdmin):
    """About, Editorial policy, Privacy: the same workflow and review cycle as articles."""

    list_display = ["title", "slug", "state_label", "has_unpublished_changes", "reviewer_name",
                    "next_review_due", "last_published_at"]
    list_filter = ["live", "workflow_state"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "language"]}),
        (gettext_lazy("Workflow and review"), {"fields": [
            "workflow_state", "live", "first_published_at", "last_published_at", "go_live_at",
            "reviewer_name", "reviewer_credentials", "reviewed_at", "review_interval_months",
            "next_review_due",
        ]}),
    ]
    preview_template = page_context.TEMPLATE
    rendered_fields = {"body_html": "body"}

    @admin.display(boolean=True, description=gettext_lazy("Unpublished changes"))
    def has_unpublished_changes(self, obj):
        return obj.has_unpublished_changes

    def get_preview_context(self, request, page, revision):
        return page_context.site_page_context(page)
