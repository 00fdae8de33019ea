"""The article lists readers page through, kept ready so their pages cost the same at any size.

Every live article has one ``ListingEntry`` in the all-articles listing and one in each of its
topics' listings, carrying its title and publication date. A page of a list is then a range of
an index, walked from whichever end is nearer, and the number of pages comes from the
listing's stored ``article_count``: no sort and no count over all articles in the reading
request (``benchmarks/scale.py`` measures both at 100,000 articles).

``relist()`` brings an article's entries in step with what readers may see
(``Article.objects.live()``). It runs in the same transaction as the change that calls for
it (``articles.signals``: saving or deleting an article, a workflow action, a change of its
topics), so a list never shows what was rolled back. Counts move by the rows actually added
or removed, as ``UPDATE … SET article_count = article_count + n``: two publishers at once
can't overwrite each other's count. Anything that bypasses those signals (``bulk_create``,
raw SQL) should finish with ``rebuild()`` (``manage.py rebuild_listings``).

Readers' views still filter what they show through ``Article.objects.live()``, so an entry
that somehow fell out of step can never show an unpublished article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.core.paginator import InvalidPage, Page, Paginator
from django.db import transaction
from django.db.models import F, QuerySet, Subquery
from django.http import Http404

from articles.models import Article, Listing, ListingEntry, Topic

BATCH_SIZE = 500


def all_articles_listing() -> Listing:
    listing, _ = Listing.objects.get_or_create(topic=None)
    return listing


def topic_listings(topic_ids: Iterable[int]) -> dict[int, int]:
    """Listing id by topic id, creating any that are missing."""
    topic_ids = set(topic_ids)
    found = dict(Listing.objects.filter(topic_id__in=topic_ids).values_list("topic_id", "pk"))
    for topic_id in topic_ids - found.keys():
        found[topic_id] = Listing.objects.get_or_create(topic_id=topic_id)[0].pk
    return found


def listing_of(topic: Topic) -> Listing:
    """The topic's listing (read with ``select_related("listing")`` to save a query)."""
    try:
        return topic.listing
    except Listing.DoesNotExist:  # made with the topic; only a hand-edited database lacks it
        return Listing.objects.get(pk=topic_listings([topic.pk])[topic.pk])


def topics_with_articles() -> QuerySet:
    """Topics that list at least one live article: what the home page and sitemaps offer."""
    return Topic.objects.filter(listing__article_count__gt=0)


def newest_articles(limit: int) -> QuerySet:
    """The most recently published live articles (title, slug, summary), newest first."""
    # The listing's id as a subquery, not a join: the planner can then read the date index
    # in order and stop after ``limit`` entries.
    everything = Listing.objects.filter(topic=None).values("pk")[:1]
    newest = (ListingEntry.objects.filter(listing_id=Subquery(everything))
              .order_by("-published_at", "-article_id").values("article_id")[:limit])
    return (Article.objects.live().filter(pk__in=newest).only("title", "slug", "summary")
            .order_by("-last_published_at", "-pk"))


@transaction.atomic
def relist(article_ids: Iterable[int], *, deleting: bool = False) -> None:
    """Add, update or remove these articles' entries so they match what readers may see.

    ``deleting``: the articles are about to be deleted, so they leave every list.
    """
    ids = set(article_ids)
    if not ids:
        return
    everything = all_articles_listing()
    # Lock the articles' rows: two transactions relisting one article take turns, and the
    # second sees the first's entries once it may go on.
    list(Article.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    live = {} if deleting else {a.pk: a for a in Article.objects.live().filter(pk__in=ids)
                                .only("title", "last_published_at")}
    links = list(Article.topics.through.objects.filter(article_id__in=list(live))
                 .values_list("article_id", "topic_id"))
    listing_of_topic = topic_listings(topic_id for _, topic_id in links)
    wanted = {(everything.pk, pk): article for pk, article in live.items()}
    wanted.update({(listing_of_topic[topic_id], pk): live[pk] for pk, topic_id in links})

    counts: Counter[int] = Counter()
    stale, changed = [], []
    for entry in ListingEntry.objects.filter(article_id__in=ids):
        article = wanted.pop((entry.listing_id, entry.article_id), None)
        if article is None:
            stale.append(entry.pk)
            counts[entry.listing_id] -= 1
        elif (entry.title, entry.published_at) != (article.title, article.last_published_at):
            entry.title, entry.published_at = article.title, article.last_published_at
            changed.append(entry)
    ListingEntry.objects.filter(pk__in=stale).delete()
    ListingEntry.objects.bulk_update(changed, ["title", "published_at"], batch_size=BATCH_SIZE)
    ListingEntry.objects.bulk_create(
        [ListingEntry(listing_id=listing_id, article_id=pk, title=article.title,
                      published_at=article.last_published_at)
         for (listing_id, pk), article in wanted.items()],
        batch_size=BATCH_SIZE,
    )
    counts.update(listing_id for listing_id, _ in wanted)
    for listing_id, delta in counts.items():
        if delta:
            Listing.objects.filter(pk=listing_id).update(article_count=F("article_count") + delta)


@transaction.atomic
def rebuild() -> int:
    """Every listing from scratch, from the articles as they are. Returns the entries made."""
    ListingEntry.objects.all().delete()
    Listing.objects.update(article_count=0)
    all_articles_listing()
    topic_listings(Topic.objects.values_list("pk", flat=True))
    ids = list(Article.objects.live().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        relist(ids[start:start + BATCH_SIZE])
    return ListingEntry.objects.count()


class ListingWindow:
    """One listing's article ids in title order, for ``Paginator``: sliced, and counted.

    A slice past the middle walks the index from the end, so the last page costs what the
    first does; the worst is the middle page.
    """

    def __init__(self, listing: Listing):
        self.listing = listing

    def count(self) -> int:
        return self.listing.article_count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[int]:
        total = self.count()
        start = window.start or 0
        stop = total if window.stop is None else min(window.stop, total)
        if stop <= start:
            return []
        entries = ListingEntry.objects.filter(listing=self.listing)
        if start > total - stop:
            backwards = entries.order_by("-title", "-article_id")
            ids = list(backwards.values_list("article_id", flat=True)[total - stop:total - start])
            return ids[::-1]
        forwards = entries.order_by("title", "article_id")
        return list(forwards.values_list("article_id", flat=True)[start:stop])


def listing_page(listing: Listing, number, per_page: int) -> Page:
    """A page of the listing's live articles (title, slug and summary), in title order."""
    try:
        # Only real pages: a number past the last is 404, not the last page again under
        # another address (config/public_requests.py already refused other spellings).
        page = Paginator(ListingWindow(listing), per_page).page(number or 1)
    except InvalidPage as error:
        raise Http404("no such page") from error
    ids = list(page.object_list)
    articles = Article.objects.live().only("title", "slug", "summary").in_bulk(ids)
    page.object_list = [articles[pk] for pk in ids if pk in articles]
    return page
