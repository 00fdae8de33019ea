from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from articles import listings
from articles.models import Article, ArticleSlugHistory, Topic
from articles.related import neighbourhood, primary_topic, with_neighbourhood_state
from feedback.corrections import with_corrections_flag
from glossary.rendering import article_body, with_glossary_version, words_used
from seo.redirects import follow_old_slugs

ARTICLES_PER_PAGE = 20
HOME_NEWEST = 8
CONTENTS_MIN_SECTIONS = 3


def _crumb(title, url):
    return {"title": title, "url": url}


def _home_crumb():
    return _crumb(_("Home"), reverse("articles:home"))


def home(request):
    return render(request, "articles/home.html", {
        "topics": listings.topics_with_articles(),
        "recent_articles": listings.newest_articles(HOME_NEWEST),
    })


def article_list(request):
    page = listings.listing_page(listings.all_articles_listing(), request.GET.get("page"),
                                 ARTICLES_PER_PAGE)
    return render(request, "articles/article_list.html", {
        "page_obj": page, "breadcrumbs": [_home_crumb()],
    })


@follow_old_slugs(Article, ArticleSlugHistory, "article")
def article_detail(request, slug):
    article = get_object_or_404(
        with_corrections_flag(with_neighbourhood_state(with_glossary_version(
            Article.objects.live()))), slug=slug
    )
    body = article_body(article, version=article.glossary_version or 1)
    around = neighbourhood(article)
    filed_under = primary_topic(around.topics)
    breadcrumbs = [_home_crumb()]
    if filed_under:
        breadcrumbs.append(_crumb(filed_under.title, filed_under.get_absolute_url()))
    else:
        breadcrumbs.append(_crumb(_("All articles"), reverse("articles:list")))
    contents = article.contents if len(article.contents) >= CONTENTS_MIN_SECTIONS else []
    return render(request, "articles/article_detail.html", {
        "article": article, "body_html": body.html, "contents": contents,
        "topics": around.topics, "related_articles": around.related,
        "breadcrumbs": breadcrumbs,
        "glossary_words": words_used(body, version=article.glossary_version or 1),
    })


def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.select_related("listing"), slug=slug)
    articles = listings.listing_page(listings.listing_of(topic), request.GET.get("page"),
                                     ARTICLES_PER_PAGE)
    return render(request, "articles/topic_detail.html", {
        "topic": topic, "articles": articles,
        "other_topics": listings.topics_with_articles().exclude(pk=topic.pk),
        "breadcrumbs": [_home_crumb()],
    })


def urgent_help(request):
    """Who to call now: numbers and wording from settings, no database, so it always answers."""
    return render(request, "articles/urgent_help.html", {"breadcrumbs": [_home_crumb()]})
