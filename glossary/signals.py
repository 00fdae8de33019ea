"""Keep the glossary version and backlinks in step with what readers see.

Backlinks (``TermUsage``) cover every page kind whose text the glossary links
(``PageKind.text_field``), found through ``core.kinds`` when a model's signal arrives: the
glossary imports none of those kinds' apps. A page's usages are refreshed when its row is
saved (``publish()`` saves it too) and when the workflow takes it offline, archives or
restores it (a queryset update: only the publishing signals tell); a term change refreshes
them all. The refresh runs on commit, or once at the end of an import (``core.content_files``
import hook).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core import kinds
from editorial.models import RevisionedPage
from editorial.signals import PUBLISHING_SIGNALS, page_archived, page_restored, page_unpublished
from glossary.models import GlossaryState, Term, TermUsage

_state = threading.local()
ALL = "all"


@contextmanager
def deferred_usage_refresh():
    """Collect backlink refreshes (e.g. during an import) and run them once at the end."""
    _state.pending = set()
    try:
        yield
    finally:
        pending, _state.pending = _state.pending, None
        if pending:
            _refresh(None if ALL in pending else pending)


def _schedule(page: tuple[str, int] | None = None):
    """Refresh the usages of ``page`` (kind name, id), or of every page when None."""
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.add(ALL if page is None else page)
    else:
        transaction.on_commit(lambda: _refresh(None if page is None else {page}))


def _refresh(pages):
    from glossary.rendering import refresh_term_usages

    if pages is None:
        refresh_term_usages(None)
        return
    by_kind: dict[str, set] = {}
    for kind_name, page_id in pages:
        by_kind.setdefault(kind_name, set()).add(page_id)
    refresh_term_usages(by_kind)


def _linked_kind(model) -> kinds.PageKind | None:
    """The kind of ``model`` if the glossary links its text (not for a migration's models)."""
    kind = kinds.for_model(model)
    return kind if kind is not None and kind.model is model and kind.text_field else None


@receiver(post_save, sender=Term)
@receiver(post_delete, sender=Term)
@receiver(m2m_changed, sender=Term.related.through)
# The workflow unpublishes, archives and restores with queryset.update(): no post_save.
@receiver(PUBLISHING_SIGNALS, sender=Term)
def glossary_changed(sender, **kwargs):
    GlossaryState.bump()
    _schedule()


def page_saved(sender, instance, **kwargs):
    kind = _linked_kind(sender)
    if kind is not None:
        _schedule((kind.name, instance.pk))


@receiver([page_unpublished, page_archived, page_restored])
def page_taken_offline(sender, instance, **kwargs):
    kind = _linked_kind(sender)
    if kind is not None:
        _schedule((kind.name, instance.pk))


def page_deleted(sender, instance, **kwargs):
    kind = _linked_kind(sender)
    if kind is not None:
        TermUsage.objects.filter(kind=kind.name, page_id=instance.pk).delete()


def connect_page_receivers() -> None:
    """Listen to the page models' saves and deletes (from ``GlossaryConfig.ready()``).

    Only theirs, not every model's: a post_delete receiver for all models would stop Django's
    fast bulk deletes everywhere. Every model is loaded before any app's ``ready()``, so this
    covers the kinds registered after the glossary's too; whether a kind's text is linked is
    asked when its signal arrives.
    """
    for model in apps.get_models():
        if issubclass(model, RevisionedPage) and model is not Term:
            uid = model._meta.label
            post_save.connect(page_saved, sender=model, dispatch_uid=f"glossary-saved-{uid}")
            post_delete.connect(page_deleted, sender=model, dispatch_uid=f"glossary-gone-{uid}")
