"""Correction notes for the public pages, at no query cost for the (usual) page without any.

A correction note is written with the revision that makes the correction (the edit form's
"correction note", stored in the revision's content) and becomes a public ``Correction`` only
when that revision is published, after clinical approval: ``publish_correction``.

A page's view annotates ``has_corrections`` in the query that fetches the page; only a page
that has some pays one more query to read them.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from feedback.models import CORRECTION_MAX_LENGTH, Correction


def _for_model(model):
    meta = model._meta
    return Correction.objects.filter(content_type__app_label=meta.app_label,
                                     content_type__model=meta.model_name)


def with_corrections_flag(queryset):
    """Annotate each page with ``has_corrections``, in the same query as the page itself."""
    return queryset.annotate(
        has_corrections=Exists(_for_model(queryset.model).filter(object_id=OuterRef("pk")))
    )


def corrections_for(page) -> list[Correction]:
    if getattr(page, "has_corrections", True) is False:
        return []
    return list(_for_model(type(page)).filter(object_id=page.pk))


def correction_note_published(sender, instance, revision, **kwargs) -> None:
    """``page_published`` receiver: the revision's correction note goes public with it,
    dated the day it goes live (inside the publish's transaction)."""
    note = str(revision.content.get("correction_note") or "").strip()
    if note:
        publish_correction(instance, revision, note)


def publish_correction(page, revision, note: str) -> Correction:
    """The public note for a revision being published (once, however often it is published)."""
    content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
    existing = Correction.objects.filter(Q(revision=revision) | Q(note=note),
                                         content_type=content_type, object_id=page.pk)
    return existing.first() or Correction.objects.create(
        content_type=content_type, object_id=page.pk, note=note[:CORRECTION_MAX_LENGTH],
        corrected_on=timezone.localdate(), revision=revision, created_by=revision.created_by)
