"""Counting what readers search for, without knowing who they are.

A search is counted as its normalised text (lower-case words) with the number of pages found,
per day: no address, cookie or user agent, and no record of which result was opened. Counting
happens in the search view, which the page cache never serves from a stored copy (it stores no
URL with ``?q=``), so every search is counted. Rows older than ``SEARCH_LOG_RETENTION_DAYS``
are deleted by ``manage.py purge_search_log`` and, once a day per process, on write.

Written with ``update()`` and ``bulk_create()``, which send no model signals: a search must not
make the page cache think the site's content changed.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from search import text
from search.models import SearchQueryCount

logger = logging.getLogger(__name__)
_last_purge = None


def normalise(raw: str) -> str:
    """The query as counted: its words, lower-case, one space apart, at most 200 characters."""
    return " ".join(text.words(raw))[:200].strip()


def record(raw: str, results: int) -> None:
    """Count one search. Never fails the search: a database error is logged and ignored."""
    query = normalise(raw)
    if not query:
        return
    today = timezone.localdate()
    try:
        with transaction.atomic():
            SearchQueryCount.objects.bulk_create(
                [SearchQueryCount(day=today, query=query)], ignore_conflicts=True)
            SearchQueryCount.objects.filter(day=today, query=query).update(
                searches=F("searches") + 1, results=results)
        _purge_once_a_day(today)
    except DatabaseError:
        logger.exception("Could not count a search.")


def _purge_once_a_day(today) -> None:
    global _last_purge
    if _last_purge != today:
        purge_expired()
        _last_purge = today


def purge_expired() -> int:
    """Delete the counts older than the retention period; return how many rows went."""
    cutoff = timezone.localdate() - timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS)
    return SearchQueryCount.objects.filter(day__lt=cutoff).delete()[0]
