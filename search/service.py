"""Searching: parse, match, page, extract. What the view and the benchmark call."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search import text
from search.backends import get_backend
from search.models import SearchDocument
from search.query import ParsedQuery, parse

RESULTS_PER_PAGE = 10
# When fewer pages than a page of results hold every word, this many of the pages holding
# some of them follow, most words first.
PARTIAL_MATCHES = 100


@dataclass(frozen=True)
class Result:
    document: SearchDocument
    snippet: SafeString


@dataclass(frozen=True)
class SearchResults:
    query: ParsedQuery
    page: Page
    any_group: bool  # no page held every word, so these hold some of them
    partial: bool = False  # pages holding only some of the words follow those holding all

    @property
    def count(self) -> int:
        return self.page.paginator.count


def highlight(extract: str) -> SafeString:
    """Escape the extract first, then turn the backend's markers into <mark> elements."""
    escaped = escape(extract)
    balanced = escaped.count(text.MARK_START) == escaped.count(text.MARK_END)
    if not balanced:
        return mark_safe(escaped.replace(text.MARK_START, "").replace(text.MARK_END, ""))
    return mark_safe(
        escaped.replace(text.MARK_START, "<mark>").replace(text.MARK_END, "</mark>")
    )


class Matches:
    """The ranked ids, fetched a page at a time: what Paginator slices and counts."""

    def __init__(self, backend, query: ParsedQuery, *, any_group: bool):
        self.backend, self.query, self.any_group = backend, query, any_group
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.backend.count(self.query, any_group=self.any_group)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[int]:
        start = window.start or 0
        limit = None if window.stop is None else max(0, window.stop - start)
        return self.backend.match(self.query, any_group=self.any_group, offset=start,
                                  limit=limit)


class WithPartialMatches:
    """Every page holding all the words (fewer than a page of them), then some of the pages
    holding some: those with the most words first, then by the backend's weighted rank.

    A mixed query ("xanax addiction") then still lists the pages on each of its topics.
    """

    def __init__(self, backend, query: ParsedQuery, full: Matches):
        full_ids = full[0:None]
        seen = set(full_ids)
        candidates = backend.match(query, any_group=True,
                                   limit=PARTIAL_MATCHES + len(full_ids))
        partial = [pk for pk in candidates if pk not in seen][:PARTIAL_MATCHES]
        coverage = backend.groups_matched(query, partial)
        partial.sort(key=lambda pk: -coverage.get(pk, 0))  # stable: rank order within
        self.ids = full_ids + partial
        self.any_group, self.partial = not full_ids, bool(partial)

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, window: slice) -> list[int]:
        return self.ids[window]


def search(raw_query: str, page_number=1, *, per_page: int = RESULTS_PER_PAGE) -> SearchResults:
    backend = get_backend()
    with backend.reading():
        return _search(backend, raw_query, page_number, per_page)


def _search(backend, raw_query, page_number, per_page) -> SearchResults:
    query = parse(raw_query, backend)
    matches = Matches(backend, query, any_group=False)
    if len(query.groups) > 1 and matches.count() < RESULTS_PER_PAGE:
        matches = WithPartialMatches(backend, query, matches)
    page = Paginator(matches, per_page).get_page(page_number)
    page_ids = list(page.object_list)
    # The indexer keeps only live pages; this catches a page taken offline a moment ago. Only
    # what a result shows is read, not the indexed text and vectors.
    documents = (SearchDocument.objects.live().only("kind", "title", "url", "summary")
                 .in_bulk(page_ids))
    extracts = backend.snippets(query, page_ids)
    page.object_list = [
        Result(documents[pk], highlight(extracts.get(pk) or documents[pk].summary))
        for pk in page_ids if pk in documents
    ]
    return SearchResults(query, page, matches.any_group, getattr(matches, "partial", False))
