"""The one answer to "when did this page last change in a way readers should know about?".

Sitemaps (``lastmod``), the Atom feed (``updated``) and JSON-LD (``dateModified``) all ask
here, so they agree. A significant change is new content or a clinical review, never the
time of the request. The editorial workflow provides ``last_significant_change``; until a
model has it, the last publication is the honest answer.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Max, QuerySet

FALLBACK_FIELD = "last_published_at"


def last_significant_change(page) -> datetime | None:
    return getattr(page, "last_significant_change", None) or getattr(page, FALLBACK_FIELD)


def significant_change_field(model) -> str:
    """The database column holding the last significant change, for ordering and Max()."""
    try:
        model._meta.get_field("last_significant_change")
    except FieldDoesNotExist:
        return FALLBACK_FIELD
    return "last_significant_change"


def latest_significant_change(queryset: QuerySet) -> datetime | None:
    field = significant_change_field(queryset.model)
    return queryset.aggregate(latest=Max(field))["latest"]
