from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from articles import listings, page_context
from articles.models import Article, Topic
from articles.related import with_neighbourhood_state
from core import cache_tags, kinds, page_text
from core.redirects import follow_old_slugs

ARTICLES_PER_PAGE = 20
HOME_NEWEST = 8


def _crumb(title, url):
    return {"title": title, "url": url}


def _home_crumb():
    return _crumb(_("Home"), reverse("articles:home"))


def home(request):
    return cache_tags.tag(render(request, "articles/home.html", {
        "topics": listings.topics_with_articles(),
        "recent_articles": listings.newest_articles(HOME_NEWEST),
    }), cache_tags.LIST_ARTICLES)


def article_list(request):
    request.paginated = True  # its ?page= numbers are real pages (config/page_cache.py)
    page = listings.listing_page(listings.all_articles_listing(), request.GET.get("page"),
                                 ARTICLES_PER_PAGE)
    return cache_tags.tag(render(request, "articles/article_list.html", {
        "page_obj": page, "breadcrumbs": [_home_crumb()],
    }), cache_tags.LIST_ARTICLES)


@follow_old_slugs(Article)
def article_detail(request, slug):
    article = get_object_or_404(
        kinds.public(with_neighbourhood_state(page_text.annotate(
            Article.objects.live()))), slug=slug
    )
    context = page_context.article_page_context(article)
    response = render(request, page_context.TEMPLATE, context)
    return cache_tags.tag(response, cache_tags.item_tag(article),
                          map(cache_tags.item_tag, context["topics"]),
                          map(cache_tags.item_tag, context["related_articles"]),
                          cache_tags.GLOSSARY_LINKS)


def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.select_related("listing"), slug=slug)
    request.paginated = True  # its ?page= numbers are real pages (config/page_cache.py)
    articles = listings.listing_page(listings.listing_of(topic), request.GET.get("page"),
                                     ARTICLES_PER_PAGE)
    return cache_tags.tag(render(request, "articles/topic_detail.html", {
        "topic": topic, "articles": articles,
        "other_topics": listings.topics_with_articles().exclude(pk=topic.pk),
        "breadcrumbs": [_home_crumb()],
    }), cache_tags.item_tag(topic), cache_tags.LIST_ARTICLES)


def urgent_help(request):
    """Who to call now: numbers and wording from settings, no database, so it always answers."""
    return render(request, "articles/urgent_help.html", {"breadcrumbs": [_home_crumb()]})
