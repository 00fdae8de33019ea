"""The kinds of page readers can give feedback on, named in forms as ``kind`` and ``page`` id."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from core import kinds as page_kinds

MAX_ID = 2**63 - 1


def kinds() -> list[str]:
    """The page kinds readers can give feedback on, by the names forms use."""
    return [kind.name for kind in page_kinds.page_kinds() if kind.feedback]


def model_for(kind: str):
    return page_kinds.get(kind).model


def kind_of(page) -> str | None:
    kind = page_kinds.for_model(page)
    return kind.name if kind and kind.feedback else None


def live_page(kind: str, object_id: int):
    """The live page a form names, or None (drafts, archived pages and unknown ids alike)."""
    if kind not in kinds() or not 0 < object_id <= MAX_ID:
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
