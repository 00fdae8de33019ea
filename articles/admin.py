from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles import page_context
from articles.models import Article, Topic
from editor.admin import MarkdownEditorMixin
from editorial.page_admin import PageWorkflowAdmin


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "position", "about_type"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Article)
class ArticleAdmin(MarkdownEditorMixin, PageWorkflowAdmin):
    list_display = ["title", "slug", "state_label", "has_unpublished_changes", "reviewer_name",
                    "next_review_due", "last_published_at"]
    list_filter = ["live", "workflow_state", "topics"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "topics", "body"]}),
        (_("Structured fields"), {"fields": ["key_points", "references", "notices",
                                             "glossary_exclude", "language"]}),
        (_("Workflow and review"), {"fields": [
            "workflow_state", "live", "first_published_at", "last_published_at", "go_live_at",
            "reviewer_name", "reviewer_credentials", "reviewed_at", "review_interval_months",
            "next_review_due",
        ]}),
    ]
    m2m_content_field = "topics"
    preview_template = page_context.TEMPLATE
    rendered_fields = {"body_html": "body"}

    @admin.display(boolean=True, description=_("Unpublished changes"))
    def has_unpublished_changes(self, obj):
        return obj.has_unpublished_changes

    def get_preview_context(self, request, page, revision):
        return page_context.article_page_context(page)
