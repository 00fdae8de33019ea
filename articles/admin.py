from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles import page_context
from articles.citations import check, sentences_citing
from articles.models import Article, Topic
from editorial.page_admin import PageWorkflowAdmin


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "position", "about_type"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Article)
class ArticleAdmin(PageWorkflowAdmin):
    list_display = ["title", "slug", "state_label", "has_unpublished_changes", "reviewer_name",
                    "next_review_due", "last_published_at"]
    list_filter = ["live", "workflow_state", "topics"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "topics", "body"]}),
        (_("Key points, sources and notices"), {"fields": [
            "key_points", "references", "sources_and_claims", "notices", "glossary_exclude",
            "language"]}),
        (_("Workflow and review"), {"fields": [
            "workflow_state", "live", "first_published_at", "last_published_at", "go_live_at",
            "reviewer_name", "reviewer_credentials", "reviewed_at", "review_interval_months",
            "next_review_due",
        ]}),
    ]
    readonly_fields = ["sources_and_claims"]
    m2m_content_field = "topics"
    preview_template = page_context.TEMPLATE
    rendered_fields = {"body_html": "body"}

    @admin.display(description=_("Sources and the sentences that cite them"))
    def sources_and_claims(self, obj):
        """For the reviewer: each source with the claims it is asked to support."""
        if obj is None or not obj.references:
            return _("No sources yet.")
        items = []
        for reference in obj.references:
            key = reference.get("key")
            claims = sentences_citing(obj.body, key) if key else []
            cited = (format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>",
                                                                 ((c,) for c in claims)))
                     if claims else format_html("<p><strong>{}</strong></p>",
                                                _("Not cited by any sentence.")))
            items.append(format_html('<li><a href="{}" rel="noopener noreferrer">{}</a> '
                                     "({}, {}) <code>{}</code>{}</li>", reference.get("url", ""),
                                     reference.get("title", ""), reference.get("publisher", ""),
                                     reference.get("year", ""), key or _("no key"), cited))
        unknown = check(obj.body, obj.references).unknown
        warning = (format_html("<p><strong>{}</strong> {}</p>", _("Cited but not listed:"),
                               ", ".join(unknown)) if unknown else "")
        return format_html('<ol class="sources-and-claims">{}</ol>{}',
                           format_html_join("", "{}", ((i,) for i in items)), warning)

    @admin.display(boolean=True, description=_("Unpublished changes"))
    def has_unpublished_changes(self, obj):
        return obj.has_unpublished_changes

    def get_preview_context(self, request, page, revision):
        return page_context.article_page_context(page)
