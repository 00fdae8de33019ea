"""The one answer to "when did this page last change in a way readers should know about?".

Sitemaps (``lastmod``), the Atom feed (``updated``) and JSON-LD (``dateModified``) all ask
here, so they agree. A significant change is new content or a clinical review, never the
time of the request: ``last_significant_change``, which every revisioned page (articles,
glossary terms, site pages) has and the editorial workflow sets on each publish and each
clinical review of the live revision (migrations filled it from ``last_published_at``).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Max, QuerySet

SIGNIFICANT_CHANGE_FIELD = "last_significant_change"


def last_significant_change(page) -> datetime | None:
    return page.last_significant_change


def latest_significant_change(queryset: QuerySet) -> datetime | None:
    return queryset.aggregate(latest=Max(SIGNIFICANT_CHANGE_FIELD))["latest"]
