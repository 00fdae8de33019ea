"""Correction notes for the public pages, at no query cost for the (usual) page without any.

A page's view annotates ``has_corrections`` in the query that fetches the page; only a page
that has some pays one more query to read them.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from feedback.models import Correction


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
