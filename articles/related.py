"""What an article page shows around the article itself: its topics and related articles.

Both depend on other rows (other articles, topics), so they can't be rendered on save like the
body. They are cached instead, under the content generation (``core.caching``: moved on by any
change readers could see, in every process), read before the article's own query (see
``with_neighbourhood_state``); a short timeout covers anything the generation cannot see.
Without this cache a warm article page costs two more queries (``benchmarks/README.md``).
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import CharField, F, Func, Lookup, OuterRef, Q, QuerySet, Subquery, Value

from articles.models import Article, ListingEntry, Topic
from core import caching

RELATED_LIMIT = 4
RELATED_CANDIDATES = 100
CACHE_SECONDS = 5 * 60


@dataclass(frozen=True)
class Neighbourhood:
    topics: list[Topic]
    related: list[Article]


def with_neighbourhood_state(queryset: QuerySet) -> QuerySet:
    """Carry the content generation as it is now (before any row is read) on each article.

    Read first, a change that lands while the page renders can only make the entry stored
    under an already-old generation, never old rows stored under the new one.
    """
    return queryset.annotate(
        neighbourhood_generation=Value(caching.generation(), output_field=CharField()))


def _cache_key(article: Article) -> str:
    return (f"article-neighbourhood:{article.pk}:{article.live_revision_id}:"
            f"{article.neighbourhood_generation}")


class _AnyOf(Lookup):
    """``lhs = ANY(rhs)``: rhs an array (PostgreSQL)."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def related_articles(article: Article, topics: list[Topic]) -> list[Article]:
    """Live articles sharing the most topics with ``article``; newest first among equals.

    The candidates are each topic's ``RELATED_CANDIDATES`` newest articles, read from the
    topic listings' date index: exact while no topic holds more than that, and the same cost
    for a topic of 100,000 articles as for one of ten.
    """
    if not topics:
        return []
    per_topic = [ListingEntry.objects.filter(listing_id=topic.listing_pk)
                 .order_by("-published_at", "-article_id").values("article_id")
                 [:RELATED_CANDIDATES] for topic in topics]
    if connection.vendor == "postgresql":
        # The topics' index ranges, read first into an array (an InitPlan) and then looked up
        # by primary key. As ``IN (subquery)`` the planner may instead walk every article
        # to merge-join them; under OR it tests every article against each range.
        from django.contrib.postgres.expressions import ArraySubquery

        ranges = per_topic[0].union(*per_topic[1:], all=True)
        candidates = _AnyOf(F("pk"), ArraySubquery(ranges))
    else:
        # SQLite allows no LIMIT inside a UNION, but plans the OR of the ranges as a union.
        candidates = functools.reduce(operator.or_, (Q(pk__in=ids) for ids in per_topic))
    # Counted per candidate, not by joining the topic links: a join would make the database
    # read every link of a big topic before it ever looks at the candidates.
    shared = (Article.topics.through.objects
              .filter(article_id=OuterRef("pk"), topic_id__in=[t.pk for t in topics])
              .order_by().values(n=Func(F("pk"), function="COUNT")))
    return list(
        Article.objects.live()
        .filter(candidates)
        .exclude(pk=article.pk)
        .annotate(shared_topics=Subquery(shared))
        .only("title", "slug", "summary", "last_published_at")
        .order_by("-shared_topics", "-last_published_at", "title")[:RELATED_LIMIT]
    )


def _topics():
    return (Topic.objects.only("title", "slug", "position", "about_type", "about_name")
            .annotate(listing_pk=F("listing")))


def neighbourhood(article: Article) -> Neighbourhood:
    """The article's topics and related articles: two queries when cold, none when warm.

    ``article`` comes from a queryset passed through ``with_neighbourhood_state`` (what the
    cache key is made of), or shows a revision's content (a preview, see
    ``editorial.preview``): then its topics are the revision's, not yet saved, and nothing
    is cached.
    """
    pending = getattr(article, "_pending_topics", None)
    if pending is not None or not hasattr(article, "neighbourhood_generation"):
        rows = _topics().filter(**({"slug__in": pending} if pending is not None
                                   else {"articles": article}))
        topics = list(rows)
        return Neighbourhood(topics=topics, related=related_articles(article, topics))
    key = _cache_key(article)
    found = cache.get(key)
    if found is None:
        topics = list(_topics().filter(articles=article))
        found = Neighbourhood(topics=topics, related=related_articles(article, topics))
        cache.set(key, found, CACHE_SECONDS)
    return found


def primary_topic(topics: list[Topic]) -> Topic | None:
    """The topic an article is filed under in breadcrumbs: the first in the topics' order."""
    return topics[0] if topics else None


