from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from search import text
from search.query import ParsedQuery

# Ranking weights, shared by both backends: title and aliases, then summary, then body.
HEADING_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 1.0, 0.2, 0.05
# ARTICLES_FIRST: for a query of several words (a question, more often than not), the title
# and summary matches come in three bands, each by weighted rank: the glossary entries whose
# name or alias was typed ("xanax" -> Alprazolam), then articles, which answer questions, then
# the other entries. Otherwise short definitions that mention a word outrank the article on it.
# The bands order the best ARTICLES_FIRST_WINDOW matches (the first pages readers see); later
# ones follow by rank alone, so a broad query doesn't sort thousands of rows by kind.
ARTICLES_FIRST_WINDOW = 100
# EVERY_WORD_FIRST: for several words, the title and summary matches come in two tiers, each
# ranked: the pages whose title and summary hold every word typed (and the entries named by a
# word typed, see ARTICLES_FIRST), then those holding only some. A broad question ("is it safe
# to stop clonazepam") then ranks the few hundred pages about all of it for its first page,
# found by the index alone, rather than the thousands whose title names one of its words.


class SearchBackend:
    """What the search service needs from a database's full-text engine."""

    def reading(self) -> AbstractContextManager:
        """Wraps one whole search (several queries): per-backend session settings."""
        return nullcontext()

    def count(self, query: ParsedQuery, *, any_group: bool = False) -> int:
        """How many documents match every group (or any, if ``any_group``)."""
        raise NotImplementedError

    def match(self, query: ParsedQuery, *, any_group: bool = False, offset: int = 0,
              limit: int | None = None) -> list[int]:
        """Ids of documents matching every group (or any, if ``any_group``), best first.

        The index holds only live pages (see ``search.indexing``); the service checks the
        page of results it shows against the pages' own ``live()`` rule as well.
        """
        raise NotImplementedError

    def groups_matched(self, query: ParsedQuery, ids: list[int]) -> dict[int, int]:
        """For each of these documents, how many of the query's groups it matches."""
        raise NotImplementedError

    def snippets(self, query: ParsedQuery, ids: list[int]) -> dict[int, str]:
        """A short extract per document, matched words between ``text.MARK_START/END``."""
        raise NotImplementedError

    def similar_words(self, word: str, limit: int = 30) -> list[tuple[str, int]]:
        """Index words that look like ``word`` (shared trigrams), with their document counts."""
        raise NotImplementedError

    def refresh(self, document_ids: list[int] | None = None) -> None:
        """Bring the full-text index in step with the documents table (None: all of it)."""


# A tier's ids from an offset, at most a limit of them (None: all).
Tier = Callable[[int, int | None], list[int]]


def two_tiers(first: Tier, first_size: Callable[[], int], rest: Tier, offset: int,
              limit: int | None) -> list[int]:
    """A page of the first tier's ids running on into the rest's (what ``match`` returns).

    Where the rest starts depends on the first tier's size, but counting it is needed only for
    a page that starts after it: a page holding its last ids shows where it ends. So the first
    page of a broad query never counts its title and summary matches.
    """
    if limit == 0:
        return []
    ids = first(offset, limit)
    if limit is not None and len(ids) == limit:
        return ids
    size = offset + len(ids) if ids or not offset else first_size()
    return ids + rest(max(0, offset - size), None if limit is None else limit - len(ids))


def best_extract(summary: str | None, body: str | None) -> str:
    """The extract with more matched words; the summary when they tie."""
    summary, body = summary or "", body or ""
    return body if body.count(text.MARK_START) > summary.count(text.MARK_START) else summary
