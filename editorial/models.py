"""Revisions, the action log, and the draft/live machinery shared by every kind of page.

Wagtail's vocabulary: the page row holds what readers see once it is *live*; every edit is
saved as a *revision*; ``latest_revision`` differs from ``live_revision`` when the page
*has unpublished changes*. A clinician's approval belongs to one *approved revision* (and
the hash of its content); it may carry a *go-live at* time. Content history (Revision) and
the action log (who did what) are kept apart, as Wagtail does. The transitions themselves
live in ``editorial.workflow``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import SlugHistory
from editorial import signals

DEFAULT_REVIEW_INTERVAL_MONTHS = 12
MAX_REVIEW_INTERVAL_MONTHS = 36


def content_hash(content: dict[str, Any]) -> str:
    """A stable hash of a revision's content: approvals are tied to it."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class WorkflowState(models.TextChoices):
    """Where a revision stands. *Live* and *archived* are states of the page, not of a revision."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")


class Revision(models.Model):
    class Source(models.TextChoices):
        ADMIN = "admin", _("Admin")
        IMPORT = "import", _("Content import")
        REVERT = "revert", _("Revert")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    page = GenericForeignKey("content_type", "object_id")
    content = models.JSONField()
    content_hash = models.CharField(max_length=64, editable=False)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ADMIN)
    state = models.CharField(max_length=20, choices=WorkflowState.choices,
                             default=WorkflowState.DRAFT)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]
        # The editorial actions, one permission each; the roles (groups) are built from them.
        permissions = [
            ("submit_revision", _("Can submit a revision for clinical review")),
            ("approve_revision", _("Can approve a revision (clinical review)")),
            ("request_changes", _("Can request changes to a revision")),
            ("publish_page", _("Can publish an approved revision")),
            ("schedule_page", _("Can schedule an approved revision to go live")),
            ("unpublish_page", _("Can unpublish a page")),
            ("archive_page", _("Can archive and restore a page")),
            ("revert_revision", _("Can start a new draft from an old revision")),
            ("preview_revision", _("Can preview any revision")),
        ]

    def __str__(self):
        return f"Revision {self.pk} of {self.content_type.model} {self.object_id}"

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.content)
        super().save(*args, **kwargs)


class ActionLog(models.Model):
    """Append-only record of who did what to which page, and when."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        EDIT = "edit", _("Edited")
        IMPORT = "import", _("Imported")
        SUBMIT = "submit", _("Submitted for review")
        APPROVE = "approve", _("Approved")
        REQUEST_CHANGES = "request_changes", _("Changes requested")
        SCHEDULE = "schedule", _("Scheduled")
        UNSCHEDULE = "unschedule", _("Schedule cancelled")
        PUBLISH = "publish", _("Published")
        UNPUBLISH = "unpublish", _("Unpublished")
        ARCHIVE = "archive", _("Archived")
        RESTORE = "restore", _("Restored")
        REVERT = "revert", _("Reverted")
        NOTE = "note", _("Note added")
        REVIEW_CYCLE = "review_cycle", _("Review cycle changed")
        REVIEWER_PROFILE = "reviewer_profile", _("Reviewer profile changed")

    timestamp = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(
        max_length=100, blank=True, help_text=_("Who acted when no user did, e.g. a command."),
    )
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=255)
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-timestamp", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        who = self.actor or self.actor_label or "system"
        return f"{self.timestamp:%Y-%m-%d %H:%M} {who} {self.action} {self.object_repr}"

    @classmethod
    def record(cls, page, action, *, actor=None, actor_label="", revision=None, note=""):
        return cls.objects.create(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_label=actor_label,
            action=action,
            content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            object_id=page.pk,
            object_repr=str(page)[:255],
            revision=revision,
            note=note,
        )


class ReviewerProfile(models.Model):
    """How a clinical reviewer is named on public pages.

    Every name and credentials it has had are kept (``ReviewerProfileVersion``): a page's review
    line shows them as they were when the clinician approved it, so a change shows on a page
    only from its next review.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="reviewer_profile")
    display_name = models.CharField(_("public name"), max_length=120)
    credentials = models.CharField(
        max_length=120, help_text=_('Shown after the name, e.g. "MD, psychiatry" or "PharmD".'),
    )

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return f"{self.display_name}, {self.credentials}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        latest = self.versions.order_by("-valid_from", "-pk").first()
        if latest is None or (latest.display_name, latest.credentials) != (
                self.display_name, self.credentials):
            self.versions.create(display_name=self.display_name, credentials=self.credentials)

    @staticmethod
    def recorded(user, moment) -> tuple[str, str] | None:
        """``(public name, credentials)`` of ``user`` as they stood at ``moment``."""
        version = (ReviewerProfileVersion.objects
                   .filter(profile__user=user, valid_from__lte=moment)
                   .order_by("-valid_from", "-pk").first())
        if version is not None:
            return version.display_name, version.credentials
        profile = ReviewerProfile.objects.filter(user=user).first()
        return (profile.display_name, profile.credentials) if profile else None


class ReviewerProfileVersion(models.Model):
    """A reviewer's public name and credentials from ``valid_from`` until the next version."""

    profile = models.ForeignKey(ReviewerProfile, on_delete=models.CASCADE,
                                related_name="versions")
    display_name = models.CharField(_("public name"), max_length=120)
    credentials = models.CharField(max_length=120)
    valid_from = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-valid_from", "-pk"]

    def __str__(self):
        return f"{self.display_name}, {self.credentials} (from {self.valid_from:%Y-%m-%d})"


class MyReviewerProfile(ReviewerProfile):
    """Each reviewer's own "My reviewer profile" page in the admin (a proxy: no table)."""

    class Meta:
        proxy = True
        verbose_name = _("my reviewer profile")
        verbose_name_plural = _("my reviewer profile")


class RevisionNote(models.Model):
    """A reviewer's (or author's) note on one revision."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note on revision {self.revision_id}"


class ReviewReminder(models.Model):
    """One reminder email sent to a reviewer on a day: what makes the command idempotent."""

    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+")
    sent_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    pages = models.JSONField(default=list, help_text=_("The pages the email listed."))

    class Meta:
        ordering = ["-sent_on", "reviewer_id"]
        constraints = [models.UniqueConstraint(fields=["reviewer", "sent_on"],
                                               name="one_review_reminder_per_reviewer_per_day")]

    def __str__(self):
        return f"Reminder to {self.reviewer} on {self.sent_on}"


class ReviewDashboard(Revision):
    """The editorial dashboard's entry in the admin index (a proxy: no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = _("review dashboard")
        verbose_name_plural = _("review dashboard")


def is_live(prefix: str = "") -> Q:
    """The one rule for what readers may see: published and not archived.

    ``prefix`` reaches a page through a relation (``is_live("term__")``).
    """
    return Q(**{f"{prefix}live": True, f"{prefix}archived_at__isnull": True})


class LiveQuerySet(models.QuerySet):
    def live(self):
        """What readers may see (``is_live``). Every public view uses this."""
        return self.filter(is_live())


class RevisionedPage(models.Model):
    """Draft/live state, review sign-off and revision history for a kind of page.

    Subclasses list their ``content_fields`` and may override ``serialize_content`` and
    ``apply_content`` for relations. Review facts readers see (``review_fields``) travel in
    the revision too, so they change only through approval and publishing; a revision may
    also carry a ``correction_note``, published with it (see ``publish``).
    """

    content_fields: tuple[str, ...] = ()
    review_fields: tuple[str, ...] = ("review_interval_months",)

    live = models.BooleanField(default=False, db_index=True, editable=False)
    live_revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )
    latest_revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The workflow state of the latest revision (mirrors Revision.state, for the dashboard).
    workflow_state = models.CharField(max_length=20, choices=WorkflowState.choices,
                                      default=WorkflowState.DRAFT, db_index=True, editable=False)
    approved_revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )
    approved_content_hash = models.CharField(max_length=64, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    go_live_at = models.DateTimeField(_("go-live at"), null=True, blank=True, db_index=True,
                                      editable=False)

    # The clinical review of what readers see now. Name and credentials are copied from the
    # reviewer's profile at sign-off: the page states who reviewed it, as they were then.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewer_name = models.CharField(max_length=120, blank=True, editable=False)
    reviewer_credentials = models.CharField(max_length=120, blank=True, editable=False)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"), default=DEFAULT_REVIEW_INTERVAL_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REVIEW_INTERVAL_MONTHS)],
        help_text=_("How long a clinical review stays current: 12 months unless set, "
                    "never more than 36."),
    )
    next_review_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    # The last publish or clinical review, whichever is later: sitemaps' lastmod, feeds'
    # updated, JSON-LD's dateModified. A column, so lists can order and aggregate by it.
    last_significant_change = models.DateTimeField(null=True, blank=True, db_index=True,
                                                   editable=False)

    objects = LiveQuerySet.as_manager()
    # Deleting a page deletes its old addresses with it.
    slug_history = GenericRelation(SlugHistory)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save, and keep the page's old address working if its slug changed: the one rule
        for every page kind is ``core.models.SlugHistory``'s."""
        update_fields = kwargs.get("update_fields")
        if not hasattr(self, "slug") or (update_fields is not None
                                         and "slug" not in update_fields):
            return super().save(*args, **kwargs)
        old_slug, was_public = SlugHistory.slug_before_save(self)
        super().save(*args, **kwargs)
        SlugHistory.page_saved(self, old_slug, was_public)

    @property
    def has_unpublished_changes(self) -> bool:
        return self.latest_revision_id != self.live_revision_id

    @property
    def clinically_reviewed(self) -> bool:
        """Whether what readers see now was signed off by a clinical reviewer."""
        return self.reviewed_at is not None

    @property
    def last_reviewed_at(self):
        return timezone.localdate(self.reviewed_at) if self.reviewed_at else None

    @property
    def review_overdue(self) -> bool:
        return bool(self.clinically_reviewed and self.next_review_due
                    and self.next_review_due < timezone.localdate())

    @property
    def has_valid_approval(self) -> bool:
        """An approval counts only for the exact content it approved."""
        revision = self.approved_revision
        return bool(revision and self.approved_content_hash
                    and revision.content_hash == self.approved_content_hash
                    and content_hash(revision.content) == self.approved_content_hash)

    def review_due_after(self, reviewed_at):
        return add_months(timezone.localdate(reviewed_at), self.review_interval_months)

    def serialize_content(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in (*self.content_fields, *self.review_fields)}

    def apply_content(self, content: dict[str, Any]) -> None:
        for name in (*self.content_fields, *self.review_fields):
            if name in content:
                setattr(self, name, content[name])

    def after_content_saved(self, content: dict[str, Any]) -> None:
        """Hook for relations, which can only be set once the row exists."""

    def revisions(self):
        content_type = ContentType.objects.get_for_model(self, for_concrete_model=False)
        return Revision.objects.filter(content_type=content_type, object_id=self.pk)

    @transaction.atomic
    def save_revision(self, *, user=None, source=Revision.Source.ADMIN, note="", content=None):
        """Save the given (or current) content as a new draft revision.

        A page that is not live takes the content on its row too; a live page keeps
        what readers see until a revision is published. A new revision is a new draft:
        an approval of an earlier unpublished revision no longer counts.
        """
        content = self.serialize_content() if content is None else content
        if self.pk is None or not self.live:
            self.apply_content(content)
            self.save()
            self.after_content_saved(content)
        revision = Revision.objects.create(
            content_type=ContentType.objects.get_for_model(self, for_concrete_model=False),
            object_id=self.pk,
            content=content,
            source=source,
            created_by=user if getattr(user, "is_authenticated", False) else None,
            note=note,
        )
        self.latest_revision = revision
        self.workflow_state = WorkflowState.DRAFT
        changes = {"latest_revision": revision, "workflow_state": WorkflowState.DRAFT}
        if self.approved_revision_id and self.approved_revision_id != self.live_revision_id:
            changes.update(approved_revision=None, approved_content_hash="", approved_by=None,
                           approved_at=None)
        changes["go_live_at"] = None
        for name, value in changes.items():
            setattr(self, name, value)
        type(self).objects.filter(pk=self.pk).update(**changes)
        return revision

    def show_as_published(self, revision, now) -> None:
        """Set, in memory only, what publishing ``revision`` at ``now`` makes of this page.

        ``publish()`` saves the result; a preview (``editorial.preview``) renders it unsaved.
        The clinical review shows only if this exact revision holds a valid approval.
        """
        approved = revision.pk == self.approved_revision_id and self.has_valid_approval
        self.apply_content(revision.content)
        self.live = True
        self.live_revision = revision
        self.archived_at = None
        self.go_live_at = None
        self.first_published_at = self.first_published_at or now
        self.last_published_at = now
        self.last_significant_change = now
        if approved:
            self._apply_review(self.approved_by, self.approved_at)
        else:
            self._apply_review(None, None)

    @transaction.atomic
    def publish(self, revision, *, user=None, actor_label="", note=""):
        """Make ``revision`` what readers see.

        This method does not check approval: the admin publishes only through
        ``editorial.workflow.publish``, which does. A revision published without a valid
        approval (``import_content --publish``) is shown as not yet clinically reviewed.
        """
        self.show_as_published(revision, timezone.now())
        self.save()
        self.after_content_saved(revision.content)
        ActionLog.record(self, ActionLog.Action.PUBLISH, actor=user, actor_label=actor_label,
                         revision=revision, note=note)
        signals.page_published.send(sender=type(self), instance=self, revision=revision)

    def _apply_review(self, reviewer, reviewed_at) -> None:
        """Record (or, with ``None``, clear) the clinical review of the live content.

        The reviewer is named as their profile stood at ``reviewed_at`` (the approval), not as
        it stands now: a later change of name or credentials waits for the next review.
        """
        recorded = (ReviewerProfile.recorded(reviewer, reviewed_at or timezone.now())
                    if reviewer else None)
        self.reviewed_by = reviewer
        self.reviewed_at = reviewed_at if reviewer else None
        self.reviewer_name, self.reviewer_credentials = recorded or ("", "")
        self.next_review_due = (self.review_due_after(self.reviewed_at) if self.reviewed_at
                                else None)


def add_months(day, months: int):
    """``day`` plus whole months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)
