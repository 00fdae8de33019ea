from django.db.models import Count, Q
from django.shortcuts import render

from articles.models import Article, Topic
from search import text
from search.service import search

EMPTY_STATE_ARTICLES = 5


def results(request):
    """Search results for ``?q=``. Same bytes for every reader: no session, no cookie."""
    query = text.clean(request.GET.get("q", ""))[: text.MAX_QUERY_LENGTH]
    found = search(query, request.GET.get("page")) if query else None
    context = {"search_query": query, "found": found}
    if found is None or not found.count:
        live_articles = Article.objects.live().values("pk")
        context["topics"] = (
            Topic.objects.annotate(article_count=Count(
                "articles", filter=Q(articles__in=live_articles)))
            .filter(article_count__gt=0)
        )
        context["suggested_articles"] = (
            Article.objects.live().order_by("-last_published_at", "title")[:EMPTY_STATE_ARTICLES]
        )
    return render(request, "search/results.html", context)
