"""The kinds of page readers can give feedback on, named in forms as ``kind`` and ``page`` id."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

# Form name → model label. Every model here subclasses editorial.models.RevisionedPage.
KINDS = {"article": "articles.Article", "term": "glossary.Term", "page": "pages.Page"}
MAX_ID = 2**63 - 1


def model_for(kind: str):
    return apps.get_model(KINDS[kind])


def kind_of(page) -> str | None:
    label = page._meta.label
    return next((kind for kind, model_label in KINDS.items() if model_label == label), None)


def live_page(kind: str, object_id: int):
    """The live page a form names, or None (drafts, archived pages and unknown ids alike)."""
    if kind not in KINDS or not 0 < object_id <= MAX_ID:
        return None
    return model_for(kind).objects.live().filter(pk=object_id).first()


def content_type_of(page) -> ContentType:
    return ContentType.objects.get_for_model(page, for_concrete_model=False)


def page_for(content_type_id: int, object_id: int):
    """Whatever page a stored row points at, live or not (for editors)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model.objects.filter(pk=object_id).first() if model else None


def form_target(page) -> dict:
    """The hidden-field values naming ``page`` and the live revision every reader sees."""
    from feedback import models

    return {
        "kind": kind_of(page), "id": page.pk, "revision": page.live_revision_id or "",
        "comment_max": models.COMMENT_MAX_LENGTH, "report_max": models.REPORT_MAX_LENGTH,
        "contact_max": models.CONTACT_MAX_LENGTH,
    }
