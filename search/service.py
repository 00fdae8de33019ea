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


@dataclass(frozen=True)
class Result:
    document: SearchDocument
    snippet: SafeString


@dataclass(frozen=True)
class SearchResults:
    query: ParsedQuery
    page: Page
    any_group: bool  # no page held every word, so these hold some of them

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


def search(raw_query: str, page_number=1, *, per_page: int = RESULTS_PER_PAGE) -> SearchResults:
    backend = get_backend()
    with backend.reading():
        return _search(backend, raw_query, page_number, per_page)


def _search(backend, raw_query, page_number, per_page) -> SearchResults:
    query = parse(raw_query, backend)
    matches = Matches(backend, query, any_group=False)
    if not matches.count() and len(query.groups) > 1:
        matches = Matches(backend, query, any_group=True)
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
    return SearchResults(query, page, matches.any_group)
