"""Deleting what readers sent once the privacy page says it is gone."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from feedback.models import HelpfulVote, ProblemReport, SubmissionCount


def purge_expired() -> dict[str, int]:
    """Delete answers, reports and rate-limit counts past their retention; return the counts."""
    day_ago = timezone.now() - timedelta(days=1)
    return {
        "helpful votes": HelpfulVote.expired(settings.FEEDBACK_RETENTION_DAYS).delete()[0],
        "problem reports":
            ProblemReport.expired(settings.PROBLEM_REPORT_RETENTION_DAYS).delete()[0],
        "rate-limit counts": SubmissionCount.objects.filter(window_start__lt=day_ago).delete()[0],
    }
