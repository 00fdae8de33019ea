from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from articles.models import Article, ArticleSlugHistory, Topic
from feedback.corrections import with_corrections_flag
from glossary.rendering import article_body, with_glossary_version
from seo.redirects import follow_old_slugs

ARTICLES_PER_PAGE = 20


def _topics_with_counts():
    live = Q(articles__live=True, articles__archived_at__isnull=True)
    return Topic.objects.annotate(article_count=Count("articles", filter=live)).filter(
        article_count__gt=0
    )


def home(request):
    return render(request, "articles/home.html", {
        "topics": _topics_with_counts(),
        "recent_articles": Article.objects.live().order_by("-last_published_at", "title")[:8],
    })


def article_list(request):
    page = Paginator(Article.objects.live().order_by("title"), ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "articles/article_list.html", {"page_obj": page})


@follow_old_slugs(Article, ArticleSlugHistory, "article")
def article_detail(request, slug):
    article = get_object_or_404(
        with_corrections_flag(with_glossary_version(Article.objects.live())).prefetch_related(
            Prefetch("topics", queryset=Topic.objects.only("title", "slug"))
        ),
        slug=slug,
    )
    body = article_body(article, version=article.glossary_version or 1)
    return render(request, "articles/article_detail.html", {"article": article,
                                                            "body_html": body.html})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = Article.objects.live().filter(topics=topic).order_by("title")
    return render(request, "articles/topic_detail.html", {"topic": topic, "articles": articles})
