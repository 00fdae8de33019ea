from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.citations import check, link_citations, sentences_citing
from articles.markdown import render_document
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
        (_("Structured fields"), {"fields": ["key_points", "references", "sources_and_claims",
                                             "notices", "glossary_exclude", "language"]}),
        (_("Workflow and review"), {"fields": [
            "workflow_state", "live", "first_published_at", "last_published_at", "go_live_at",
            "reviewer_name", "reviewer_credentials", "reviewed_at", "review_interval_months",
            "next_review_due",
        ]}),
    ]
    readonly_fields = ["sources_and_claims"]
    m2m_content_field = "topics"
    preview_template = "articles/article_detail.html"
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
        """The public page's context, built from the revision instead of the live row."""
        from articles.related import related_articles
        from articles.views import CONTENTS_MIN_SECTIONS
        from glossary.rendering import linked_html

        document = render_document(page.body)
        page.body_html = link_citations(document.html, page.references)
        page.contents = [{"id": h.id, "title": h.title} for h in document.headings]
        slugs = revision.content.get("topics") or []
        topics = sorted(Topic.objects.filter(slug__in=slugs), key=lambda t: (t.position, t.title))
        page._prefetched_objects_cache = {"topics": Topic.objects.filter(slug__in=slugs)}
        body = linked_html(page.body_html, key=f"preview:article:{page.pk}:{revision.pk}",
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
