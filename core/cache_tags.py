"""Cache tags: each public response names the content it shows, so a CDN can purge by name.

A view tags its response (``tag(response, article_tag(article), ...)``); the tags travel in
``Cache-Tag`` (Cloudflare, comma-separated) and ``Surrogate-Key`` (Fastly and Varnish setups,
space-separated), and the page cache keeps them with the page. ``HttpCachingMiddleware`` adds
the tags every public response carries and removes both headers from private responses.

Names: ``article-<id>``, ``topic-<id>``, ``term-<id>``, ``page-<id>`` for one item;
``list-articles`` for every page that lists articles (home, all articles, topic pages, a
term's "used in" list), ``list-glossary`` for the glossary index, ``glossary`` for pages whose
text links glossary terms, ``sitemap``, ``feed``, ``missing`` on a 404 or 410 (a publish may
fill the address), and ``site`` on everything.
"""

from __future__ import annotations

from collections.abc import Iterable

CACHE_TAG = "Cache-Tag"
SURROGATE_KEY = "Surrogate-Key"
EVERYTHING = "site"
LIST_ARTICLES = "list-articles"
LIST_GLOSSARY = "list-glossary"
GLOSSARY_LINKS = "glossary"
SITEMAP = "sitemap"
FEED = "feed"
# A 404 or 410: a publish may put a page at that address, so publishing purges these too.
MISSING = "missing"

# Tags from the route, for views that are Django's own (sitemaps, feeds).
TAGS_BY_VIEW_NAME = {
    "seo:sitemap": (SITEMAP,),
    "seo:sitemap-section": (SITEMAP,),
    "seo:article-feed": (FEED,),
}

KIND_PREFIXES = {"articles.article": "article", "articles.topic": "topic",
                 "glossary.term": "term", "pages.page": "page"}


def item_tag(obj) -> str:
    return f"{KIND_PREFIXES.get(obj._meta.label_lower, obj._meta.model_name)}-{obj.pk}"


def tags_of(response) -> list[str]:
    return response.headers.get(CACHE_TAG, "").replace(",", " ").split()


def tag(response, *tags: str | Iterable[str]):
    """Add tags to ``response`` (strings, or iterables of strings); returns the response."""
    names = list(tags_of(response))
    for item in tags:
        for name in ([item] if isinstance(item, str) else item):
            if name and name not in names:
                names.append(name)
    if names:
        response.headers[CACHE_TAG] = ",".join(names)
        response.headers[SURROGATE_KEY] = " ".join(names)
    return response


def untag(response) -> None:
    response.headers.pop(CACHE_TAG, None)
    response.headers.pop(SURROGATE_KEY, None)


def tag_public(request, response) -> None:
    match = getattr(request, "resolver_match", None)
    tag(response, TAGS_BY_VIEW_NAME.get(match.view_name, ()) if match else (),
        MISSING if response.status_code in (404, 410) else (), EVERYTHING)
