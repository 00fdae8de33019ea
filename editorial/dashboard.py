"""What needs editorial attention: the dashboard's lists and the reminders' selection.

Each dashboard row says what a clinician asked for: the page and its state, who submitted it
and when, how many days it has waited, who reviewed (or approved) it and when the next review
is due. The rows of a section cost a fixed number of queries however many pages it lists:
one per kind of page, and one for the submissions of all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.kinds import page_models
from editorial.models import WorkflowState, is_live

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
    live = is_live()
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


def pages_needing(section: str, *, today: date | None = None, extra: Q | None = None,
                  limit: int | None = None):
    """Entries for one dashboard section, across every kind of page (``limit`` per kind)."""
    condition = _filters(today or timezone.localdate())[section]
    if extra is not None:
        condition &= extra
    entries = []
    for model in page_models():
        pages = (model.objects.filter(condition)
                 .select_related("reviewed_by", "approved_by__reviewer_profile",
                                 "latest_revision__created_by")
                 .order_by("next_review_due", "pk"))
        for page in pages[:limit] if limit else pages:
            entries.append(Entry(page=page, kind=model._meta.verbose_name,
                                 admin_url=_admin_url(page)))
    return entries




# --- The dashboard's rows ----------------------------------------------------------------------
ROWS_PER_KIND = 300
MINE = {"author": _("Mine as author"), "reviewer": _("Mine as reviewer")}
SORT_KEYS = {
    "page": lambda row: str(row.entry.page).casefold(),
    "state": lambda row: row.state.casefold(),
    "submitted_by": lambda row: str(row.submitted_by or "").casefold(),
    "submitted_at": lambda row: row.submitted_at or _EPOCH,
    "waiting": lambda row: row.waiting_days if row.waiting_days is not None else -1,
    "reviewer": lambda row: row.reviewer.casefold(),
    "due": lambda row: row.due or date.max,
}
DEFAULT_SORT = "-waiting"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class Row:
    entry: Entry
    state: str
    submitted_by: object  # a user, or None
    submitted_at: object  # a datetime, or None
    waiting_days: int | None
    waiting_reason: str
    reviewer: str
    due: date | None


def _reviewer_label(page) -> str:
    """Who signed the page off: the live review, else the approval waiting to be published."""
    if page.reviewer_name:
        return page.reviewer_name
    if page.approved_by_id:
        profile = getattr(page.approved_by, "reviewer_profile", None)
        return profile.display_name if profile else page.approved_by.get_username()
    return ""


def _waiting(section, page, submitted_at, today) -> tuple[date | None, str]:
    """Since when the page has waited, and for what (each section waits for something else)."""
    if section == "in_review":
        return (submitted_at and timezone.localdate(submitted_at)), _("for a clinical review")
    if section == "awaiting_publish":
        return (page.approved_at and timezone.localdate(page.approved_at)), _("to be published")
    if section == "overdue":
        return page.next_review_due, _("past its review date")
    if section == "never_reviewed":
        return (page.first_published_at and timezone.localdate(page.first_published_at),
                _("live without a clinical review"))
    return None, ""


def _submissions(revision_ids) -> dict[int, object]:
    """The latest "submitted for review" log entry of each revision, in one query."""
    from editorial.models import ActionLog

    latest: dict[int, object] = {}
    entries = (ActionLog.objects.filter(action=ActionLog.Action.SUBMIT,
                                        revision_id__in=set(revision_ids))
               .select_related("actor").order_by("timestamp", "pk"))
    for log_entry in entries:
        latest[log_entry.revision_id] = log_entry
    return latest


def _is_mine(row, user, mine) -> bool:
    page = row.entry.page
    if mine == "author":
        latest = page.latest_revision
        return (row.submitted_by == user
                or (latest is not None and latest.created_by_id == user.pk))
    if mine == "reviewer":
        return user.pk in (page.reviewed_by_id, page.approved_by_id)
    return True


def parse_sort(value: str | None) -> tuple[str, bool]:
    """``"-waiting"`` → ``("waiting", True)``; anything unknown → the default order."""
    value = value or DEFAULT_SORT
    key, descending = value.lstrip("-"), value.startswith("-")
    if key not in SORT_KEYS:
        key, descending = DEFAULT_SORT.lstrip("-"), DEFAULT_SORT.startswith("-")
    return key, descending


def dashboard_rows(*, user=None, mine: str = "", sort: str | None = None,
                   today: date | None = None) -> list[tuple[str, str, list[Row]]]:
    """The dashboard: per section, its rows, filtered to the user's own if asked, and sorted."""
    from editorial.states import page_state_label

    today = today or timezone.localdate()
    key, descending = parse_sort(sort)
    sections = [(section, label, pages_needing(section, today=today, limit=ROWS_PER_KIND))
                for section, label in SECTIONS.items()]
    submissions = _submissions(entry.page.latest_revision_id
                               for _section, _label, entries in sections for entry in entries)
    result = []
    for section, label, entries in sections:
        rows = []
        for entry in entries:
            page = entry.page
            submitted = submissions.get(page.latest_revision_id)
            submitted_at = submitted.timestamp if submitted else None
            since, reason = _waiting(section, page, submitted_at, today)
            row = Row(entry=entry, state=page_state_label(page),
                      submitted_by=submitted.actor if submitted else None,
                      submitted_at=submitted_at,
                      waiting_days=(today - since).days if since else None,
                      waiting_reason=reason, reviewer=_reviewer_label(page),
                      due=page.next_review_due)
            if user is None or _is_mine(row, user, mine):
                rows.append(row)
        rows.sort(key=SORT_KEYS[key], reverse=descending)
        result.append((section, label, rows))
    return result
