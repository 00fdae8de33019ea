from django.conf import settings
from django.contrib import admin
from django.db.models import Max, Sum
from django.utils.translation import gettext_lazy as _

from search.models import SearchQueryCount

# A query finding fewer pages than this is one readers don't find enough on.
POOR_RESULTS = 3
TOP_QUERIES = 100


@admin.register(SearchQueryCount)
class SearchQueryCountAdmin(admin.ModelAdmin):
    """What readers search for and find little or nothing on: what to write next.

    Counts only: which result a reader opened is never recorded (search.querylog).
    """

    list_display = ["day", "query", "searches", "results"]
    list_filter = ["day"]
    search_fields = ["query"]
    date_hierarchy = "day"
    ordering = ["-day", "-searches"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """Above the daily rows: the most searched queries with no or few results."""
        poor = (SearchQueryCount.objects.values("query")
                .annotate(total=Sum("searches"), most_results=Max("results"),
                          last_searched=Max("day"))
                .filter(most_results__lt=POOR_RESULTS)
                .order_by("-total", "query")[:TOP_QUERIES])
        extra_context = {**(extra_context or {}), "poor_queries": list(poor),
                         "poor_results": POOR_RESULTS,
                         "retention_days": settings.SEARCH_LOG_RETENTION_DAYS,
                         "title": _("What readers search for and don't find")}
        return super().changelist_view(request, extra_context)
