"""SQLite FTS5: ``search_fts`` (porter, unicode61) mirrors the documents table through triggers,
``search_word_trigrams`` (trigram tokenizer) mirrors the vocabulary for typo correction. Both
are created by the app's migration, on SQLite only.
"""

from __future__ import annotations

from django.db import connection

from search import text
from search.backends.base import (
    ARTICLES_FIRST_WINDOW,
    BODY_WEIGHT,
    HEADING_WEIGHT,
    SUMMARY_WEIGHT,
    SearchBackend,
    best_extract,
    two_tiers,
)
from search.query import Alternative, ParsedQuery

SNIPPET_TOKENS = 30


def _alternative(alt: Alternative) -> str:
    # Words are letters and digits only (search.text.words), so quoting makes each a plain
    # string: FTS5 operators, column filters and stray quotes never reach the parser. A
    # several-word synonym needs all its words, as on PostgreSQL.
    if alt.prefix:
        return f'"{alt.words[0]}"*'
    return "(" + " AND ".join(f'"{word}"' for word in alt.words) + ")"


def fts_query(query: ParsedQuery, *, any_group: bool = False) -> str:
    groups = ["(" + " OR ".join(_alternative(a) for a in g.alternatives) + ")"
              for g in query.groups]
    return (" OR " if any_group else " AND ").join(groups)


class SqliteBackend(SearchBackend):
    def count(self, query, *, any_group=False):
        if not query:
            return 0
        return self._count(fts_query(query, any_group=any_group))

    def match(self, query, *, any_group=False, offset=0, limit=None):
        """Matches with a word in the title or summary first, then the rest, each by weighted BM25.

        The weights already put any title or summary match above a body-only one in nearly
        every case; tiering makes it exact and means a first page of a broad query ranks only
        the (few) title and summary matches, not every page that mentions the word.
        """
        if not query:
            return []
        expression = fts_query(query, any_group=any_group)
        # Some typed word (any group) in the title or summary puts a match in the first tier.
        # A class's name standing for a medicine typed doesn't count here (Alternative.broader).
        in_heading = ("{heading_text summary_text} : "
                      f"({fts_query(query.narrow, any_group=True)})")
        heading = f"({expression}) AND ({in_heading})"
        body_only = f"({expression}) NOT ({in_heading})"
        return two_tiers(lambda start, size: self._ranked(heading, start, size, query),
                         lambda: self._count(heading),
                         lambda start, size: self._ranked(body_only, start, size),
                         offset, limit)

    def _count(self, expression: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s",
                           [expression])
            return cursor.fetchone()[0]

    def _ranked(self, expression: str, offset: int, limit: int | None,
                query: ParsedQuery | None = None) -> list[int]:
        # Only the weights (constants) are formatted in; the query travels as a parameter.
        bm25 = f"bm25(search_fts, {HEADING_WEIGHT}, {SUMMARY_WEIGHT}, {BODY_WEIGHT})"
        sql = (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "  # noqa: S608
            f"ORDER BY {bm25}, rowid LIMIT %s OFFSET %s"
        )
        if query is None or len(query.groups) < 2:
            return self._ids(sql, [expression, -1 if limit is None else limit, offset])
        # A question of several words: among the best matches, the entries for words typed,
        # then articles, then other entries (see base.ARTICLES_FIRST); after them, by rank.
        named = ", ".join(["%s"] * len(query.named_terms)) or "NULL"
        banded = (
            f"SELECT f.rowid FROM (SELECT rowid, {bm25} AS score FROM search_fts "  # noqa: S608
            f"WHERE search_fts MATCH %s ORDER BY score, rowid LIMIT {ARTICLES_FIRST_WINDOW}) f "
            f"JOIN search_searchdocument d ON d.id = f.rowid ORDER BY CASE WHEN d.kind = 'term' "
            f"AND d.object_id IN ({named}) THEN 0 WHEN d.kind = 'article' THEN 1 ELSE 2 END, "
            f"f.score, f.rowid"
        )
        end = None if limit is None else offset + limit
        ids: list[int] = []
        if offset < ARTICLES_FIRST_WINDOW:
            top = self._ids(banded, [expression, *query.named_terms])
            ids = top[offset:end]
            if len(top) < ARTICLES_FIRST_WINDOW or (end is not None
                                                   and end <= ARTICLES_FIRST_WINDOW):
                return ids
        start = max(offset, ARTICLES_FIRST_WINDOW)
        return ids + self._ids(sql, [expression, -1 if end is None else end - start, start])

    @staticmethod
    def _ids(sql: str, params: list) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def groups_matched(self, query, ids):
        counts = dict.fromkeys(ids, 0)
        if not ids:
            return counts
        placeholders = ", ".join(["%s"] * len(ids))
        sql = ("SELECT rowid FROM search_fts WHERE search_fts MATCH %s "  # noqa: S608
               f"AND rowid IN ({placeholders})")
        with connection.cursor() as cursor:
            for group in query.groups:
                cursor.execute(sql, [fts_query(ParsedQuery(query.text, (group,))), *ids])
                for (pk,) in cursor.fetchall():
                    counts[pk] += 1
        return counts

    def snippets(self, query, ids):
        if not query or not ids:
            return {}
        placeholders = ", ".join(["%s"] * len(ids))
        marks = [text.MARK_START, text.MARK_END, "…", SNIPPET_TOKENS]
        sql = (
            "SELECT rowid, snippet(search_fts, 1, %s, %s, %s, %s), "  # noqa: S608
            "snippet(search_fts, 2, %s, %s, %s, %s) FROM search_fts "
            f"WHERE search_fts MATCH %s AND rowid IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*marks, *marks, fts_query(query, any_group=True), *ids])
            return {row[0]: best_extract(row[1], row[2]) for row in cursor.fetchall()}

    def similar_words(self, word, limit=30):
        grams = sorted({word[i:i + 3] for i in range(len(word) - 2)})
        if not grams:
            return []
        match = " OR ".join('"' + gram + '"' for gram in grams)
        sql = (
            "SELECT w.word, w.document_count FROM search_word_trigrams t "
            "JOIN search_searchword w ON w.id = t.rowid "
            "WHERE search_word_trigrams MATCH %s ORDER BY t.rank LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, limit])
            return cursor.fetchall()

    def refresh(self, document_ids=None):
        # Triggers keep the FTS5 tables in step row by row; after a full rebuild, merging
        # their b-trees makes queries faster.
        if document_ids is None:
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
                cursor.execute(
                    "INSERT INTO search_word_trigrams(search_word_trigrams) VALUES ('optimize')"
                )

