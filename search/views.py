from django.shortcuts import render

from articles.listings import newest_articles, topics_with_articles
from search import querylog, text
from search.service import search

EMPTY_STATE_ARTICLES = 5


def results(request):
    """Search results for ``?q=``. Same bytes for every reader: no session, no cookie."""
    query = text.clean(request.GET.get("q", ""))[: text.MAX_QUERY_LENGTH]
    found = search(query, request.GET.get("page")) if query else None
    if found is not None and found.page.number == 1:
        querylog.record(query, found.count)
    context = {"search_query": query, "found": found}
    if found is None or not found.count:
        context["topics"] = topics_with_articles()
        context["suggested_articles"] = newest_articles(EMPTY_STATE_ARTICLES)
    return render(request, "search/results.html", context)
