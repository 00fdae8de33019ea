from django.contrib import admin
from django.db.models import Q

from editorial.page_admin import PageWorkflowAdmin
from glossary import page_context
from glossary.models import Term


@admin.register(Term)
class TermAdmin(PageWorkflowAdmin):
    list_display = ["term", "slug", "category", "state_label", "reviewer_name",
                    "next_review_due", "last_published_at"]
    list_filter = ["category", "live", "workflow_state"]
    search_fields = ["term", "slug", "short_definition"]
    prepopulated_fields = {"slug": ["term"]}
    filter_horizontal = ["related"]
    fields = ["term", "slug", "aliases", "short_definition", "definition", "category", "related",
              "language", "workflow_state", "live", "first_published_at", "last_published_at",
              "go_live_at", "reviewer_name", "reviewer_credentials", "reviewed_at",
              "review_interval_months", "next_review_due"]
    m2m_content_field = "related"
    preview_template = page_context.TEMPLATE
    rendered_fields = {"definition_html": "definition"}

    def get_search_results(self, request, queryset, search_term):
        """Search aliases too, on any database (they are a JSON list)."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        needle = search_term.strip().casefold()
        if needle:
            alias_matches = [
                pk for pk, aliases in Term.objects.values_list("pk", "aliases")
                if any(needle in alias.casefold() for alias in aliases or [])
            ]
            queryset = queryset | self.model.objects.filter(Q(pk__in=alias_matches))
        return queryset, may_have_duplicates

    def get_preview_context(self, request, page, revision):
        return page_context.term_page_context(page)

