"""Keep the glossary version and backlinks in step with what readers see."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles.models import Article
from editorial.signals import PUBLISHING_SIGNALS
from glossary.models import GlossaryState, Term

_state = threading.local()


@contextmanager
def deferred_usage_refresh():
    """Collect backlink refreshes (e.g. during an import) and run them once at the end."""
    _state.pending = set()
    try:
        yield
    finally:
        pending, _state.pending = _state.pending, None
        if pending:
            _refresh(None if "all" in pending else pending)


def _schedule(article_id=None):
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.add("all" if article_id is None else article_id)
    else:
        transaction.on_commit(lambda: _refresh(None if article_id is None else {article_id}))


def _refresh(article_ids):
    from glossary.rendering import refresh_term_usages

    refresh_term_usages(None if article_ids is None else Article.objects.filter(pk__in=article_ids))


@receiver(post_save, sender=Term)
@receiver(post_delete, sender=Term)
@receiver(m2m_changed, sender=Term.related.through)
# The workflow unpublishes, archives and restores with queryset.update(): no post_save.
@receiver(PUBLISHING_SIGNALS, sender=Term)
def glossary_changed(sender, **kwargs):
    GlossaryState.bump()
    _schedule()


@receiver(post_save, sender=Article)
@receiver(PUBLISHING_SIGNALS, sender=Article)
def article_saved(sender, instance, **kwargs):
    _schedule(instance.pk)
