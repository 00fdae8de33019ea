from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.markdown import render_document
from articles.models import Article, Topic
from editor.admin import MarkdownEditorMixin, StructuredFieldsMixin, TimeZoneNoteMixin
from editorial.page_admin import PageWorkflowAdmin


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "position", "about_type"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Article)
class ArticleAdmin(TimeZoneNoteMixin, StructuredFieldsMixin, MarkdownEditorMixin,
                   PageWorkflowAdmin):
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
    preview_template = "articles/article_detail.html"
    rendered_fields = {"body_html": "body"}

    @admin.display(boolean=True, description=_("Unpublished changes"))
    def has_unpublished_changes(self, obj):
        return obj.has_unpublished_changes

    def get_preview_context(self, request, page, revision):
        """The public page's context, built from the revision instead of the live row."""
        from articles.related import related_articles
        from articles.views import CONTENTS_MIN_SECTIONS
        from glossary.rendering import linked_html

        document = render_document(page.body)
        page.body_html = document.html
        page.contents = [{"id": h.id, "title": h.title} for h in document.headings]
        slugs = revision.content.get("topics") or []
        topics = sorted(Topic.objects.filter(slug__in=slugs), key=lambda t: (t.position, t.title))
        page._prefetched_objects_cache = {"topics": Topic.objects.filter(slug__in=slugs)}
        body = linked_html(document.html, key=f"preview:article:{page.pk}:{revision.pk}",
                           exclude=tuple(page.glossary_exclude))
        breadcrumbs = [{"title": _("Home"), "url": reverse("articles:home")}]
        if topics:
            breadcrumbs.append({"title": topics[0].title, "url": topics[0].get_absolute_url()})
        else:
            breadcrumbs.append({"title": _("All articles"), "url": reverse("articles:list")})
        return {
            "article": page, "body_html": body.html, "topics": topics,
            "contents": page.contents if len(page.contents) >= CONTENTS_MIN_SECTIONS else [],
            "related_articles": related_articles(page, [t.pk for t in topics]),
            "breadcrumbs": breadcrumbs,
        }
