"""What an article page shows around the article itself: its topics and related articles.

Both depend on other rows (other articles, topics), so they can't be rendered on save like the
body. They are cached instead, under a key that changes whenever articles or topics change. The
key's parts are read in the same query as the article (see ``with_neighbourhood_state``), from
the database rather than from a per-process signal, so every worker and every management
command invalidates the same way; a short timeout covers anything the key cannot see.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, F, Func, QuerySet, Subquery

from articles.models import Article, Topic

RELATED_LIMIT = 4
CACHE_SECONDS = 5 * 60


@dataclass(frozen=True)
class Neighbourhood:
    topics: list[Topic]
    related: list[Article]


def _latest(queryset: QuerySet) -> Subquery:
    return Subquery(queryset.order_by("-updated_at").values("updated_at")[:1])


def _count(queryset: QuerySet) -> Subquery:
    # COUNT as a plain function (not an aggregate) keeps the subquery free of GROUP BY.
    return Subquery(queryset.order_by().values(n=Func(F("pk"), function="COUNT")))


def with_neighbourhood_state(queryset: QuerySet) -> QuerySet:
    """Annotate what the neighbourhood cache key is made of, in the article's own query."""
    return queryset.annotate(
        articles_changed_at=_latest(Article.objects.all()),
        live_article_count=_count(Article.objects.live()),
        topics_changed_at=_latest(Topic.objects.all()),
        topic_count=_count(Topic.objects.all()),
    )


def _cache_key(article: Article) -> str:
    parts = (
        article.pk, article.live_revision_id, article.live_article_count, article.topic_count,
        article.articles_changed_at and article.articles_changed_at.timestamp(),
        article.topics_changed_at and article.topics_changed_at.timestamp(),
    )
    return "article-neighbourhood:" + ":".join(str(part) for part in parts)


def related_articles(article: Article, topic_ids: list[int]) -> list[Article]:
    """Live articles sharing the most topics with ``article``; newest first among equals."""
    if not topic_ids:
        return []
    return list(
        Article.objects.live()
        .filter(topics__in=topic_ids)
        .exclude(pk=article.pk)
        # Filtering before annotating makes the count cover only the shared topics.
        .annotate(shared_topics=Count("topics"))
        .only("title", "slug", "summary", "last_published_at")
        .order_by("-shared_topics", "-last_published_at", "title")[:RELATED_LIMIT]
    )


def neighbourhood(article: Article) -> Neighbourhood:
    """The article's topics and related articles: two queries when cold, none when warm.

    ``article`` must come from a queryset passed through ``with_neighbourhood_state``.
    """
    key = _cache_key(article)
    found = cache.get(key)
    if found is None:
        topics = list(Topic.objects.filter(articles=article)
                      .only("title", "slug", "position", "about_type", "about_name"))
        found = Neighbourhood(topics=topics,
                              related=related_articles(article, [t.pk for t in topics]))
        cache.set(key, found, CACHE_SECONDS)
    return found


def primary_topic(topics: list[Topic]) -> Topic | None:
    """The topic an article is filed under in breadcrumbs: the first in the topics' order."""
    return topics[0] if topics else None


