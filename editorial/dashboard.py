"""What needs editorial attention: the dashboard's lists and the reminders' selection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editorial.kinds import page_models
from editorial.models import WorkflowState

DUE_SOON_DAYS = 30


@dataclass
class Entry:
    page: object
    kind: str
    admin_url: str


def _admin_url(page) -> str:
    opts = page._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[page.pk])
    except NoReverseMatch:
        return ""


def _filters(today: date) -> dict[str, Q]:
    not_archived = Q(archived_at__isnull=True)
    live = Q(live=True) & not_archived
    return {
        "in_review": Q(workflow_state=WorkflowState.IN_REVIEW) & not_archived,
        "awaiting_publish": (Q(workflow_state=WorkflowState.APPROVED) & not_archived
                             & ~Q(live=True, approved_revision=F("live_revision"))),
        "due_soon": live & Q(reviewed_at__isnull=False, next_review_due__gte=today,
                             next_review_due__lte=today + timedelta(days=DUE_SOON_DAYS)),
        "overdue": live & Q(reviewed_at__isnull=False, next_review_due__lt=today),
        "never_reviewed": live & Q(reviewed_at__isnull=True),
    }


SECTIONS = {
    "in_review": _("In review"),
    "awaiting_publish": _("Approved, awaiting publication"),
    "due_soon": _("Review due within 30 days"),
    "overdue": _("Review overdue"),
    "never_reviewed": _("Live but never clinically reviewed"),
}


def pages_needing(section: str, *, today: date | None = None, extra: Q | None = None):
    """Entries for one dashboard section, across every kind of page."""
    condition = _filters(today or timezone.localdate())[section]
    if extra is not None:
        condition &= extra
    entries = []
    for model in page_models():
        for page in model.objects.filter(condition).order_by("next_review_due", "pk"):
            entries.append(Entry(page=page, kind=model._meta.verbose_name,
                                 admin_url=_admin_url(page)))
    return entries


def dashboard_sections(today: date | None = None) -> list[tuple[str, str, list[Entry]]]:
    return [(key, label, pages_needing(key, today=today)) for key, label in SECTIONS.items()]
