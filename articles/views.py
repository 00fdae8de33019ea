from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Article, ArticleSlugHistory, Topic
from articles.related import neighbourhood, primary_topic, with_neighbourhood_state
from feedback.corrections import with_corrections_flag
from glossary.rendering import article_body, with_glossary_version
from seo.redirects import follow_old_slugs

ARTICLES_PER_PAGE = 20
CONTENTS_MIN_SECTIONS = 3


def _topics_with_counts():
    live = Q(articles__live=True, articles__archived_at__isnull=True)
    return Topic.objects.annotate(article_count=Count("articles", filter=live)).filter(
        article_count__gt=0
    )


def _crumb(title, url):
    return {"title": title, "url": url}


def _home_crumb():
    return _crumb(_("Home"), reverse("articles:home"))


def home(request):
    return render(request, "articles/home.html", {
        "topics": _topics_with_counts(),
        "recent_articles": Article.objects.live().order_by("-last_published_at", "title")[:8],
    })


def article_list(request):
    page = Paginator(Article.objects.live().order_by("title"), ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
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
    })


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = Paginator(Article.objects.live().filter(topics=topic)
                         .only("title", "slug", "summary").order_by("title"),
                         ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/topic_detail.html", {
        "topic": topic, "articles": articles,
        "other_topics": _topics_with_counts().exclude(pk=topic.pk),
        "breadcrumbs": [_home_crumb()],
    })


def urgent_help(request):
    """Who to call now: numbers and wording from settings, no database, so it always answers."""
    return render(request, "articles/urgent_help.html", {"breadcrumbs": [_home_crumb()]})
