"""PostgreSQL full-text search: a weighted ``tsvector`` per document in a GIN index, queries
built from ``websearch_to_tsquery`` and prefix tsqueries, and pg_trgm over the vocabulary for
typos.
Ranking reads a second, short vector (title and summary only) with its own GIN index: a
body-only match comes after every title or summary match, in index order.
The GIN indexes and the extension are created by the app's migration, on PostgreSQL only.
"""

from __future__ import annotations

import functools
import operator
from contextlib import contextmanager

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F

from search import text
from search.backends.base import (
    BODY_WEIGHT,
    HEADING_WEIGHT,
    SUMMARY_WEIGHT,
    SearchBackend,
    best_extract,
)
from search.models import SearchDocument
from search.query import Alternative, ParsedQuery

CONFIG = "english"
# ts_rank takes its weights in the order D, C, B, A.
RANK_WEIGHTS = [0.0, BODY_WEIGHT, SUMMARY_WEIGHT, HEADING_WEIGHT]
# Divide by 1 + log(length), so a long page that repeats a word doesn't bury the short
# definition that is about it (as BM25 does on SQLite).
RANK_NORMALIZATION = 1
HEADLINE_OPTIONS = {"start_sel": text.MARK_START, "stop_sel": text.MARK_END,
                    "max_words": 30, "min_words": 15, "max_fragments": 2,
                    "fragment_delimiter": " … "}

RANK_VECTOR = (SearchVector("heading_text", weight="A", config=CONFIG)
               + SearchVector("summary_text", weight="B", config=CONFIG))
DOCUMENT_VECTOR = RANK_VECTOR + SearchVector("body_text", weight="C", config=CONFIG)


def _alternative(alt: Alternative) -> SearchQuery:
    if alt.prefix:
        # A quoted operand: to_tsquery reads it as text, never as syntax (words are letters
        # and digits only, see search.text.words).
        return SearchQuery(f"'{alt.words[0]}':*", search_type="raw", config=CONFIG)
    # websearch_to_tsquery accepts any text. A several-word synonym needs all its words, not
    # the phrase: a phrase makes PostgreSQL re-read every candidate's vector.
    return SearchQuery(" ".join(alt.words), search_type="websearch", config=CONFIG)


def ts_query(query: ParsedQuery, *, any_group: bool = False) -> SearchQuery:
    groups = [functools.reduce(operator.or_, (_alternative(a) for a in g.alternatives))
              for g in query.groups]
    return functools.reduce(operator.or_ if any_group else operator.and_, groups)


@contextmanager
def index_scans():
    """Use the GIN indexes even for words most pages hold.

    The planner can't see that testing a row's tsvector means fetching it from TOAST, so for
    a broad query it picks a sequential scan several times slower than the bitmap scan of
    the GIN index (which needs no re-check for the queries built here). Likewise for the
    small vocabulary table and its trigram index.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


class PostgresBackend(SearchBackend):
    def reading(self):
        # One transaction for the whole search, so the setting is made once.
        return index_scans()

    def count(self, query, *, any_group=False):
        if not query:
            return 0
        return SearchDocument.objects.filter(
            search_vector=ts_query(query, any_group=any_group)).count()

    def match(self, query, *, any_group=False, offset=0, limit=None):
        """Matches with a word in the title or summary first, by weighted rank; then the rest.

        The first tier is found through the short vector's own GIN index, so a broad query's
        first page ranks only the (few) title and summary matches. Same order as on SQLite.
        """
        if not query:
            return []
        tsquery = ts_query(query, any_group=any_group)
        # Some typed word (any group) in the title or summary puts a match in the first tier.
        in_heading = ts_query(query, any_group=True)
        heading = SearchDocument.objects.filter(search_vector=tsquery, rank_vector=in_heading)
        heading_total = heading.count()
        ids = []
        if offset < heading_total:
            ranked = (
                heading.annotate(rank=SearchRank(F("rank_vector"), in_heading,
                                                 weights=RANK_WEIGHTS,
                                                 normalization=RANK_NORMALIZATION))
                .order_by("-rank", "id").values_list("id", flat=True)
            )
            ids = list(ranked[offset:None if limit is None else offset + limit])
        if limit is None or len(ids) < limit:
            start = max(0, offset - heading_total)
            body_only = (SearchDocument.objects.filter(search_vector=tsquery)
                         .exclude(rank_vector=in_heading).order_by("id")
                         .values_list("id", flat=True))
            ids += list(body_only[start:None if limit is None else start + limit - len(ids)])
        return ids

    def snippets(self, query, ids):
        if not query or not ids:
            return {}
        tsquery = ts_query(query, any_group=True)
        rows = SearchDocument.objects.filter(id__in=ids).annotate(
            summary_extract=SearchHeadline("summary_text", tsquery, config=CONFIG,
                                           **HEADLINE_OPTIONS),
            body_extract=SearchHeadline("body_text", tsquery, config=CONFIG, **HEADLINE_OPTIONS),
        ).values_list("id", "summary_extract", "body_extract")
        return {pk: best_extract(summary, body) for pk, summary, body in rows}

    def similar_words(self, word, limit=30):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, document_count FROM search_searchword WHERE word %% %s "
                "ORDER BY similarity(word, %s) DESC, document_count DESC LIMIT %s",
                [word, word, limit],
            )
            return cursor.fetchall()

    def refresh(self, document_ids=None):
        documents = SearchDocument.objects.all()
        if document_ids is not None:
            documents = documents.filter(id__in=document_ids)
        documents.update(search_vector=DOCUMENT_VECTOR, rank_vector=RANK_VECTOR)
        if document_ids is None:
            # After a full rebuild, merge the GIN indexes' pending lists now rather than make
            # the first searches scan them.
            with connection.cursor() as cursor:
                cursor.execute("SELECT gin_clean_pending_list('search_document_vector_gin'), "
                               "gin_clean_pending_list('search_document_rank_vector_gin'), "
                               "gin_clean_pending_list('search_word_trigram_gin')")

