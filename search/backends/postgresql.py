"""PostgreSQL full-text search: a weighted ``tsvector`` per document in a GIN index, queries
built from ``websearch_to_tsquery`` and prefix tsqueries, and pg_trgm over the vocabulary for
typos.
Ranking reads a second, short vector (title and summary only) with its own GIN index: a
body-only match comes after every title or summary match, in index order.
The GIN indexes and the extension are created by the app's migration, on PostgreSQL only.

Searches are plain SQL with the query as tsquery text, normalized once per search (see
``PostgresBackend._normalize``): the planner then sees the real lexemes, and building the same
queries from ORM expressions cost more time than some of the queries took.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from search import text
from search.backends.base import (
    BODY_WEIGHT,
    HEADING_WEIGHT,
    SUMMARY_WEIGHT,
    SearchBackend,
    best_extract,
    two_tiers,
)
from search.models import SearchDocument
from search.query import Alternative, ParsedQuery

CONFIG = "english"
# ts_rank takes its weights in the order D, C, B, A.
RANK_WEIGHTS = [0.0, BODY_WEIGHT, SUMMARY_WEIGHT, HEADING_WEIGHT]
# Divide by 1 + log(length), so a long page that repeats a word doesn't bury the short
# definition that is about it (as BM25 does on SQLite).
RANK_NORMALIZATION = 1
HEADLINE_OPTIONS = (f"StartSel='{text.MARK_START}', StopSel='{text.MARK_END}', MaxWords=30, "
                    "MinWords=15, MaxFragments=2, FragmentDelimiter=' … '")

RANK_VECTOR = (SearchVector("heading_text", weight="A", config=CONFIG)
               + SearchVector("summary_text", weight="B", config=CONFIG))
DOCUMENT_VECTOR = RANK_VECTOR + SearchVector("body_text", weight="C", config=CONFIG)

# The tsquery PostgreSQL makes of each alternative, in order (see _source).
NORMALIZE_SQL = (
    "SELECT (CASE WHEN prefix THEN to_tsquery(%(config)s::regconfig, source) "
    "ELSE websearch_to_tsquery(%(config)s::regconfig, source) END)::text "
    "FROM unnest(%(sources)s::text[], %(prefixes)s::boolean[]) "
    "WITH ORDINALITY AS alternative(source, prefix, n) ORDER BY n"
)
COUNT_SQL = "SELECT count(*) FROM search_searchdocument WHERE {where}"
RANKED_SQL = (
    "SELECT id FROM search_searchdocument WHERE {where} "
    "ORDER BY {articles_first} ts_rank(%(weights)s::real[], rank_vector, %(in_heading)s::tsquery, "
    "%(normalization)s) DESC, id LIMIT %(limit)s OFFSET %(offset)s"
)
# IS NOT TRUE: a document whose short vector is not written yet counts as body-only.
BODY_ONLY_SQL = (
    "SELECT id FROM search_searchdocument WHERE search_vector @@ %(tsquery)s::tsquery "
    "AND (rank_vector @@ %(in_heading)s::tsquery) IS NOT TRUE "
    "ORDER BY id LIMIT %(limit)s OFFSET %(offset)s"
)
SNIPPETS_SQL = (
    "SELECT id, "
    "ts_headline(%(config)s::regconfig, summary_text, %(tsquery)s::tsquery, %(options)s), "
    "ts_headline(%(config)s::regconfig, body_text, %(tsquery)s::tsquery, %(options)s) "
    "FROM search_searchdocument WHERE id = ANY(%(ids)s)"
)


def _source(alt: Alternative) -> str:
    if alt.prefix:
        # A quoted operand: to_tsquery reads it as text, never as syntax (words are letters
        # and digits only, see search.text.words).
        return f"'{alt.words[0]}':*"
    # websearch_to_tsquery accepts any text. A several-word synonym needs all its words, not
    # the phrase: a phrase makes PostgreSQL re-read every candidate's vector.
    return " ".join(alt.words)


def _column(sql: str, params: dict, offset: int = 0, limit: int | None = None) -> list[int]:
    """The first column of the rows ``sql`` finds (given ``params``, an offset and a limit)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "offset": offset, "limit": limit})
        return [row[0] for row in cursor.fetchall()]


def _combine(tsqueries, operator: str) -> str:
    """tsquery text joining the given ones, each once, leaving out empty ones (stop words)."""
    return f" {operator} ".join(f"({q})" for q in dict.fromkeys(q for q in tsqueries if q))


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
    def __init__(self):
        # A backend serves one search (see search.service), which asks for the same query's
        # tsquery several times.
        self._normalized: dict[ParsedQuery, tuple[str, str]] = {}
        self._groups: dict[ParsedQuery, list[str]] = {}
        self._alternatives: dict = {}  # Alternative -> its tsquery text

    def reading(self):
        # One transaction for the whole search, so the setting is made once.
        return index_scans()

    def _tsquery(self, query: ParsedQuery, any_group: bool) -> str:
        """The query as tsquery text needing every group (or any); "" if nothing is left."""
        return self._normalize(query)[1 if any_group else 0] if query else ""

    def _normalize(self, query: ParsedQuery) -> tuple[str, str]:
        """One round trip turns every alternative into a tsquery; the rest is joining text.

        Synonyms that stem alike ("tapering", "tapered") then appear once: the same pages
        match and rank the same (ts_rank counts each lexeme once), but the planner's estimates
        are no longer inflated by the repeats, which made it filter thousands of rows instead
        of combining the two GIN indexes.
        """
        if query not in self._normalized:
            normalized = self._alternatives
            alternatives = [alt for group in query.groups for alt in group.alternatives
                            if alt not in normalized]
            if alternatives:
                with connection.cursor() as cursor:
                    cursor.execute(NORMALIZE_SQL, {
                        "config": CONFIG, "sources": [_source(alt) for alt in alternatives],
                        "prefixes": [alt.prefix for alt in alternatives]})
                    normalized.update(zip(alternatives, [row[0] for row in cursor.fetchall()],
                                          strict=True))
            groups = [_combine((normalized[alt] for alt in group.alternatives), "|")
                      for group in query.groups]
            self._normalized[query] = (_combine(groups, "&"), _combine(groups, "|"))
            self._groups[query] = groups
        return self._normalized[query]

    def _searched_groups(self, query: ParsedQuery) -> int:
        """How many of the query's groups hold a word PostgreSQL searches (not a stop word)."""
        self._normalize(query)
        return sum(1 for group in self._groups[query] if group)

    def count(self, query, *, any_group=False):
        tsquery = self._tsquery(query, any_group)
        if not tsquery:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(COUNT_SQL.format(where="search_vector @@ %(tsquery)s::tsquery"),
                           {"tsquery": tsquery})
            return cursor.fetchone()[0]

    def match(self, query, *, any_group=False, offset=0, limit=None):
        """Matches with a word in the title or summary first, by weighted rank; then the rest.

        The first tier is found through the short vector's own GIN index, so a broad query's
        first page ranks only the (few) title and summary matches. For several words, the
        pages whose title and summary hold every word come before those holding some
        (``base.EVERY_WORD_FIRST``). Same order as on SQLite.
        """
        tsquery = self._tsquery(query, any_group)
        if not tsquery:
            return []
        # Some typed word (any group) in the title or summary puts a match in the first tier.
        # With one group, or when any group will do, that alone makes it a match: the long
        # vector holds the short one's lexemes at the same positions, these queries have no
        # weights or negation, and a group's narrow words are some of its words. So testing
        # the long vector as well would only cost time: reading it from TOAST for every title
        # and summary match was most of the time a one-word query took.
        # A class's name standing for a medicine typed doesn't count here (Alternative.broader).
        in_heading = self._tsquery(query.narrow, True)
        heading = "rank_vector @@ %(in_heading)s::tsquery"
        if in_heading != tsquery and not any_group and self._searched_groups(query) > 1:
            heading += " AND search_vector @@ %(tsquery)s::tsquery"
        # A question of several words: the entries for words typed, then articles, then other
        # entries (see base.ARTICLES_FIRST).
        articles_first = ("CASE WHEN kind = 'term' AND object_id = ANY(%(named)s) THEN 0 "
                          "WHEN kind = 'article' "
                          "THEN 1 ELSE 2 END," if len(query.groups) > 1 else "")
        params = {"tsquery": tsquery, "in_heading": in_heading, "weights": RANK_WEIGHTS,
                  "named": list(query.named_terms),
                  "normalization": RANK_NORMALIZATION}
        body_only = lambda start, size: _column(BODY_ONLY_SQL, params, start, size)  # noqa: E731
        every = "" if any_group else self._every_word(query)
        if not every:
            return two_tiers(*self._ranked_tier(heading, articles_first, params), body_only,
                             offset, limit)
        # Every word in the title and summary: the short vector's GIN index alone finds these
        # (and they match the whole query: each group's narrow words are some of its words).
        # The entries named by a word typed join them, so they still come first.
        params["every"] = every
        first = (f"(rank_vector @@ %(every)s::tsquery "
                 f"OR (kind = 'term' AND object_id = ANY(%(named)s) AND {heading}))")
        some = f"{heading} AND {first} IS NOT TRUE"
        return two_tiers(*self._ranked_tier(first, articles_first, params),
                         lambda start, size: two_tiers(
                             *self._ranked_tier(some, articles_first, params), body_only,
                             start, size),
                         offset, limit)

    @staticmethod
    def _ranked_tier(where: str, articles_first: str, params: dict):
        """A tier's ids by rank (from an offset, at most a limit), and how many it holds."""
        ranked = RANKED_SQL.format(where=where, articles_first=articles_first)
        count = COUNT_SQL.format(where=where)
        return (lambda start, size: _column(ranked, params, start, size),
                lambda: _column(count, params)[0])

    def _every_word(self, query: ParsedQuery) -> str:
        """Every group's narrow words as one tsquery, where that tier splits off (else "").

        Only for several groups, each with a narrow word PostgreSQL searches: then a match of
        it in the short vector is a match of the whole query.
        """
        if len(query.groups) < 2:
            return ""
        narrow = query.narrow
        self._normalize(narrow)
        groups = self._groups[narrow]
        if self._searched_groups(narrow) < 2 or not all(
                group or not whole for group, whole in zip(groups, self._groups[query],
                                                           strict=True)):
            return ""
        return self._tsquery(narrow, False)

    def groups_matched(self, query, ids):
        counts = dict.fromkeys(ids, 0)
        if not ids or not query:
            return counts
        self._normalize(query)
        groups = [group for group in self._groups[query] if group]
        if not groups:
            return counts
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, (SELECT count(*) FROM unnest(%(groups)s::tsquery[]) AS g(q) "
                "WHERE search_vector @@ g.q) FROM search_searchdocument WHERE id = ANY(%(ids)s)",
                {"groups": groups, "ids": ids})
            counts.update(dict(cursor.fetchall()))
        return counts

    def snippets(self, query, ids):
        tsquery = self._tsquery(query, True) if ids else ""
        if not tsquery:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(SNIPPETS_SQL, {"config": CONFIG, "tsquery": tsquery,
                                          "options": HEADLINE_OPTIONS, "ids": ids})
            return {pk: best_extract(summary, body) for pk, summary, body in cursor.fetchall()}

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
