"""What readers tell the editors (never shown publicly) and the corrections editors publish.

Every row points at the page it is about (an article, a glossary term or a site page) through
a generic relation, and at the live revision the reader saw.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editorial.models import Revision

COMMENT_MAX_LENGTH = 1000
REPORT_MAX_LENGTH = 2000
CONTACT_MAX_LENGTH = 254
CORRECTION_MAX_LENGTH = 600


class AboutAPage(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE,
                                     verbose_name=_("kind of page"))
    object_id = models.PositiveBigIntegerField()
    page = GenericForeignKey("content_type", "object_id")
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The live revision the reader saw."),
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        abstract = True

    @classmethod
    def expired(cls, days: int):
        return cls.objects.filter(created_at__lt=timezone.now() - timedelta(days=days))


class HelpfulVote(AboutAPage):
    """An answer to "Was this page helpful?", with an optional plain-text comment."""

    helpful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)

    class Meta:
        verbose_name = _("helpful vote")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{'yes' if self.helpful else 'no'} on {self.content_type.model} {self.object_id}"


class ProblemReport(AboutAPage):
    """ "Report a problem with this page": triaged by editors, never shown publicly."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        FIXED = "fixed", _("Fixed")
        WONT_FIX = "wont_fix", _("Won't fix")

    what_is_wrong = models.TextField(max_length=REPORT_MAX_LENGTH)
    contact = models.CharField(max_length=CONTACT_MAX_LENGTH, blank=True,
                               help_text=_("Left by the reader only if they want a reply."))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW,
                              db_index=True)
    editor_note = models.TextField(blank=True, help_text=_("For editors only."))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)

    class Meta:
        verbose_name = _("problem report")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"Report {self.pk} ({self.get_status_display()})"


class Correction(models.Model):
    """A dated note on a live page: "Corrected on DATE: …". Public, and kept."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE,
                                     verbose_name=_("kind of page"))
    object_id = models.PositiveBigIntegerField()
    page = GenericForeignKey("content_type", "object_id")
    corrected_on = models.DateField(
        default=timezone.localdate,
        help_text=_("The day the page was corrected. It cannot be in the future."),
    )
    note = models.TextField(
        max_length=CORRECTION_MAX_LENGTH,
        help_text=_("Plain words: what was wrong and what the page says now."),
    )
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False, help_text=_("The live revision when the note was added."),
    )
    report = models.ForeignKey(ProblemReport, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="corrections")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)

    class Meta:
        ordering = ["-corrected_on", "-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"Corrected on {self.corrected_on:%Y-%m-%d}: {self.note[:60]}"

    def clean(self):
        super().clean()
        if self.corrected_on and self.corrected_on > timezone.localdate():
            raise ValidationError({"corrected_on": _("The date cannot be in the future.")})


class SubmissionCount(models.Model):
    """How many forms one client sent in one time window: a rate limit every worker shares.

    The client is a keyed hash of its IP address; the address itself is never stored.
    """

    scope = models.CharField(max_length=20)
    client = models.CharField(max_length=64)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "client", "window_start"],
                                               name="unique_submission_window")]

    def __str__(self):
        return f"{self.scope} {self.client[:8]} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
