"""SQLite FTS5: ``search_fts`` (porter, unicode61) mirrors the documents table through triggers,
``search_word_trigrams`` (trigram tokenizer) mirrors the vocabulary for typo correction. Both
are created by the app's migration, on SQLite only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
HEADING_COLUMNS = "{heading_text summary_text}"


@dataclass(frozen=True)
class Part:
    """Documents matching an FTS5 expression (and an SQL condition on their rowid)."""

    expression: str
    where: str = ""
    where_params: list = field(default_factory=list)

    @property
    def condition(self) -> str:
        return "search_fts MATCH %s" + (f" AND {self.where}" if self.where else "")

    @property
    def params(self) -> list:
        return [self.expression, *self.where_params]


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
        return self._count([Part(fts_query(query, any_group=any_group))])

    def match(self, query, *, any_group=False, offset=0, limit=None):
        """Matches with a word in the title or summary first, then the rest, each by weighted BM25.

        The weights already put any title or summary match above a body-only one in nearly
        every case; tiering makes it exact and means a first page of a broad query ranks only
        the (few) title and summary matches, not every page that mentions the word. For
        several words, the pages whose title and summary hold every word come before those
        holding some (``base.EVERY_WORD_FIRST``).
        """
        if not query:
            return []
        expression = fts_query(query, any_group=any_group)
        # Some typed word (any group) in the title or summary puts a match in the first tier.
        # A class's name standing for a medicine typed doesn't count here (Alternative.broader).
        in_heading = f"{HEADING_COLUMNS} : ({fts_query(query.narrow, any_group=True)})"
        heading = f"({expression}) AND ({in_heading})"
        body = [Part(f"({expression}) NOT ({in_heading})")]
        if any_group or len(query.groups) < 2:
            return two_tiers(*self._tier([Part(heading)], query), self._tier(body)[0],
                             offset, limit)
        # Every word in the title and summary, or an entry named by a word typed (so that it
        # still comes first). Every word in the title and summary is a match of the whole
        # query (each group's narrow words are some of its words), so only that is asked:
        # ranked by those words in the title and summary, as on PostgreSQL, and without
        # walking every page that holds one of the query's words anywhere.
        every = f"{HEADING_COLUMNS} : ({fts_query(query.narrow)})"
        not_every = "rowid NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        first, some = [Part(every)], [Part(heading, not_every, [every])]
        if named := self._named_documents(query):
            listed = ", ".join(["%s"] * len(named))
            first = [Part(every, f"rowid NOT IN ({listed})", named),
                     Part(heading, f"rowid IN ({listed})", named)]
            some = [Part(heading, f"{not_every} AND rowid NOT IN ({listed})", [every, *named])]
        return two_tiers(*self._tier(first, query),
                         lambda start, size: two_tiers(*self._tier(some, query),
                                                       self._tier(body)[0], start, size),
                         offset, limit)

    @staticmethod
    def _named_documents(query: ParsedQuery) -> list[int]:
        """The documents of the entries named by a word typed."""
        if not query.named_terms:
            return []
        from search.models import SearchDocument

        return list(SearchDocument.objects.filter(kind="term", object_id__in=query.named_terms)
                    .values_list("id", flat=True))

    def _tier(self, parts: list[Part], query: ParsedQuery | None = None):
        """A tier's ids by rank (from an offset, at most a limit), and how many it holds."""
        return (lambda start, size: self._ranked(parts, start, size, query),
                lambda: self._count(parts))

    def _count(self, parts: list[Part]) -> int:
        total = 0
        with connection.cursor() as cursor:
            for part in parts:
                cursor.execute("SELECT count(*) FROM search_fts "  # noqa: S608
                               f"WHERE {part.condition}", part.params)
                total += cursor.fetchone()[0]
        return total

    def _ranked(self, parts: list[Part], offset: int, limit: int | None,
                query: ParsedQuery | None = None) -> list[int]:
        # Only the weights (constants) are formatted in; the query travels as a parameter.
        bm25 = f"bm25(search_fts, {HEADING_WEIGHT}, {SUMMARY_WEIGHT}, {BODY_WEIGHT})"
        scored = " UNION ALL ".join(
            f"SELECT rowid AS id, {bm25} AS score FROM search_fts "  # noqa: S608
            f"WHERE {part.condition}" for part in parts)
        params = [param for part in parts for param in part.params]
        sql = f"SELECT id FROM ({scored}) ORDER BY score, id LIMIT %s OFFSET %s"  # noqa: S608
        if query is None or len(query.groups) < 2:
            return self._ids(sql, [*params, -1 if limit is None else limit, offset])
        # A question of several words: among the best matches, the entries for words typed,
        # then articles, then other entries (see base.ARTICLES_FIRST); after them, by rank.
        named = ", ".join(["%s"] * len(query.named_terms)) or "NULL"
        banded = (
            f"SELECT f.id FROM (SELECT id, score FROM ({scored}) "  # noqa: S608
            f"ORDER BY score, id LIMIT {ARTICLES_FIRST_WINDOW}) f "
            f"JOIN search_searchdocument d ON d.id = f.id ORDER BY CASE WHEN d.kind = 'term' "
            f"AND d.object_id IN ({named}) THEN 0 WHEN d.kind = 'article' THEN 1 ELSE 2 END, "
            f"f.score, f.id"
        )
        end = None if limit is None else offset + limit
        ids: list[int] = []
        if offset < ARTICLES_FIRST_WINDOW:
            top = self._ids(banded, [*params, *query.named_terms])
            ids = top[offset:end]
            if len(top) < ARTICLES_FIRST_WINDOW or (end is not None
                                                   and end <= ARTICLES_FIRST_WINDOW):
                return ids
        start = max(offset, ARTICLES_FIRST_WINDOW)
        return ids + self._ids(sql, [*params, -1 if end is None else end - start, start])

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

