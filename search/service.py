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


def search(raw_query: str, page_number=1, *, per_page: int = RESULTS_PER_PAGE) -> SearchResults:
    backend = get_backend()
    query = parse(raw_query, backend)
    ids = backend.match(query)
    any_group = False
    if not ids and len(query.groups) > 1:
        ids, any_group = backend.match(query, any_group=True), True
    page = Paginator(ids, per_page).get_page(page_number)
    page_ids = list(page.object_list)
    documents = SearchDocument.objects.in_bulk(page_ids)
    extracts = backend.snippets(query, page_ids)
    page.object_list = [
        Result(documents[pk], highlight(extracts.get(pk) or documents[pk].summary))
        for pk in page_ids if pk in documents
    ]
    return SearchResults(query, page, any_group)
