"""Revisions, the action log, and the draft/live machinery shared by every kind of page.

Wagtail's vocabulary: the page row holds what readers see once it is *live*; every edit is
saved as a *revision*; ``latest_revision`` differs from ``live_revision`` when the page
*has unpublished changes*. Content history (Revision) and the action log (who did what)
are kept apart, as Wagtail does.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def content_hash(content: dict[str, Any]) -> str:
    """A stable hash of a revision's content: approvals are tied to it."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

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
        PUBLISH = "publish", _("Published")
        UNPUBLISH = "unpublish", _("Unpublished")
        ARCHIVE = "archive", _("Archived")
        RESTORE = "restore", _("Restored")

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


class LiveQuerySet(models.QuerySet):
    def live(self):
        """What readers may see: published and not archived. Every public view uses this."""
        return self.filter(live=True, archived_at__isnull=True)


class RevisionedPage(models.Model):
    """Draft/live state and revision history for a kind of page (article, glossary term).

    Subclasses list their ``content_fields`` and may override ``serialize_content`` and
    ``apply_content`` for relations.
    """

    content_fields: tuple[str, ...] = ()

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

    objects = LiveQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def has_unpublished_changes(self) -> bool:
        return self.latest_revision_id != self.live_revision_id

    @property
    def clinically_reviewed(self) -> bool:
        # Reviews arrive with the editorial workflow; until then nothing is reviewed.
        return False

    def serialize_content(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.content_fields}

    def apply_content(self, content: dict[str, Any]) -> None:
        for name in self.content_fields:
            if name in content:
                setattr(self, name, content[name])

    def after_content_saved(self, content: dict[str, Any]) -> None:
        """Hook for relations, which can only be set once the row exists."""

    def revisions(self):
        content_type = ContentType.objects.get_for_model(self, for_concrete_model=False)
        return Revision.objects.filter(content_type=content_type, object_id=self.pk)

    @transaction.atomic
    def save_revision(self, *, user=None, source=Revision.Source.ADMIN, note="", content=None):
        """Save the given (or current) content as a new revision.

        A page that is not live takes the content on its row too; a live page keeps
        what readers see until a revision is published.
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
        type(self).objects.filter(pk=self.pk).update(latest_revision=revision)
        return revision

    @transaction.atomic
    def publish(self, revision, *, user=None, actor_label="", note=""):
        """Make ``revision`` what readers see."""
        now = timezone.now()
        self.apply_content(revision.content)
        self.live = True
        self.live_revision = revision
        self.archived_at = None
        self.first_published_at = self.first_published_at or now
        self.last_published_at = now
        self.save()
        self.after_content_saved(revision.content)
        ActionLog.record(self, ActionLog.Action.PUBLISH, actor=user, actor_label=actor_label,
                         revision=revision, note=note)
