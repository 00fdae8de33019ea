"""The search index: one document per live page of each searchable kind (``core.kinds``).

The table is the same on every database. Each backend adds its own full-text index in a
migration: an FTS5 table kept in step by triggers on SQLite, a weighted ``tsvector`` with a
GIN index on PostgreSQL (see ``search.backends``).
"""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.text import capfirst

from core import kinds


def searchable_kinds() -> list[kinds.PageKind]:
    """The registered page kinds that search indexes, in the order they were registered."""
    return [kind for kind in kinds.page_kinds() if kind.search is not None]


class SearchDocumentQuerySet(models.QuerySet):
    def live(self):
        """Documents whose page readers may see, by the pages' own ``live()`` rule."""
        # Correlated EXISTS per kind: a few index look-ups for a page of results, where an IN
        # over every live page would read them all.
        conditions = [
            Q(kind=kind.name)
            & Exists(kind.model.objects.live().filter(pk=OuterRef("object_id")))
            for kind in searchable_kinds()
        ]
        return self.filter(reduce(operator.or_, conditions)) if conditions else self.none()


class SearchDocument(models.Model):
    # The page: its kind's registered name and its primary key. Not a foreign key, so any
    # kind can be indexed; ``search.signals`` removes the document when the page is deleted.
    kind = models.CharField(max_length=50)
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=10, default="en")
    # What a result shows.
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    # What is searched, by weight: title and aliases most, summary next, body last.
    heading_text = models.TextField()
    summary_text = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    # PostgreSQL only (filled by the indexer); SQLite keeps its FTS5 table instead. Matching
    # uses every field; ranking reads only the short title-and-summary vector, because reading
    # thousands of long body vectors is what makes PostgreSQL ranking slow.
    search_vector = SearchVectorField(null=True, editable=False)
    rank_vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"],
                                    name="search_document_one_per_page"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"

    @property
    def kind_label(self) -> str:
        """What a result calls its page's kind: the model's name."""
        kind = kinds.get(self.kind)
        return capfirst(kind.model._meta.verbose_name) if kind else ""

    @property
    def words(self) -> set[str]:
        from search.text import words

        return set(words(" ".join((self.heading_text, self.summary_text, self.body_text))))


class SearchWord(models.Model):
    """Every word in the index and how many documents hold it: what typos are corrected to."""

    word = models.CharField(max_length=100, unique=True)
    document_count = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class SearchQueryCount(models.Model):
    """How often a query was searched on one day and how many pages it found: what readers
    look for and don't find.

    Only the normalised query text is kept, never an address, cookie, user agent or which
    result was opened; rows older than ``SEARCH_LOG_RETENTION_DAYS`` are deleted.
    """

    day = models.DateField(db_index=True)
    query = models.CharField(max_length=200)
    searches = models.PositiveIntegerField(default=0)
    results = models.PositiveIntegerField(default=0, help_text="Pages found the last time.")

    class Meta:
        verbose_name = "search query"
        verbose_name_plural = "searches with few or no results"
        constraints = [models.UniqueConstraint(fields=["day", "query"],
                                               name="search_query_count_once_a_day")]

    def __str__(self):
        return f"{self.day}: {self.query}"
