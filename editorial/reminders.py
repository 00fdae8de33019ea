"""Reminder emails to clinical reviewers about their due and overdue pages, once a day."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from editorial.dashboard import pages_needing
from editorial.models import ReviewReminder
from editorial.roles import CLINICAL_REVIEWER


def active_reviewers():
    return (get_user_model().objects.filter(is_active=True, groups__name=CLINICAL_REVIEWER)
            .exclude(email="").distinct().order_by("pk"))


def pages_by_reviewer(today) -> list[tuple]:
    """Due and overdue pages per reviewer: each page goes to whoever reviewed it last, or to
    every active clinical reviewer when that person can no longer be reached."""
    reviewers = list(active_reviewers())
    users: dict[int, object] = {}
    pages: dict[int, dict[str, list]] = defaultdict(lambda: {"overdue": [], "due_soon": []})
    for section in ("overdue", "due_soon"):
        for entry in pages_needing(section, today=today):
            owner = entry.page.reviewed_by
            reachable = owner is not None and owner.is_active and owner.email
            for user in [owner] if reachable else reviewers:
                users[user.pk] = user
                pages[user.pk][section].append(entry)
    return [(users[pk], pages[pk]) for pk in sorted(pages)]


def send_review_reminders(today=None) -> tuple[int, int]:
    """Email each reviewer once per day. Returns (sent, already sent today)."""
    today = today or timezone.localdate()
    sent = skipped = 0
    for reviewer, pages in pages_by_reviewer(today):
        with transaction.atomic():
            listed = [f"{e.page._meta.label}:{e.page.pk}"
                      for section in ("overdue", "due_soon") for e in pages[section]]
            _reminder, created = ReviewReminder.objects.get_or_create(
                reviewer=reviewer, sent_on=today, defaults={"pages": listed})
            if not created:
                skipped += 1
                continue
            context = {"reviewer": reviewer, "overdue": pages["overdue"],
                       "due_soon": pages["due_soon"], "site_url": settings.SITE_URL,
                       "site_name": settings.SITE_NAME, "today": today}
            send_mail(
                subject=_("%(site)s: %(count)s page(s) need your clinical review") % {
                    "site": settings.SITE_NAME, "count": len(listed)},
                message=render_to_string("editorial/email/review_reminder.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[reviewer.email],
            )
            sent += 1
    return sent, skipped
