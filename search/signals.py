"""Keep the index in step with what readers see: after the change commits, never while reading.

``publish()`` saves the page row; the editorial workflow may unpublish, archive or restore with a
queryset ``update()`` (no ``post_save``), but every such step writes the action log, so an action
log entry for a page re-indexes it too. ``save_revision()`` on a live page leaves the row alone,
so drafts never reach the index. Searching also filters by the pages' own ``live()`` rule, so a
page that went offline by any other route is never shown either.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from articles.models import Article
from editorial.models import ActionLog
from glossary.models import Term
from search import indexing

INDEXERS = {Article: indexing.index_article, Term: indexing.index_term}


class _Batch:
    """The pages one transaction changed, indexed once each when it commits."""

    def __init__(self):
        self.pages: dict[tuple[type, int], None] = {}
        self.done = False

    def run(self):
        self.done = True
        for model, pk in self.pages:
            INDEXERS[model](pk)


def schedule(model: type, pk: int) -> None:
    """Index the page after the current transaction commits (at once outside one)."""
    batch = getattr(connection, "_search_batch", None)
    # A batch whose callback was dropped with a rolled-back transaction, or has run, is spent.
    if batch is None or batch.done or not any(
        entry[1] == batch.run for entry in connection.run_on_commit
    ):
        batch = connection._search_batch = _Batch()
        batch.pages[(model, pk)] = None
        transaction.on_commit(batch.run, robust=True)
    else:
        batch.pages[(model, pk)] = None


@receiver(post_save, sender=Article)
@receiver(post_save, sender=Term)
def page_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule(sender, instance.pk)


@receiver(post_save, sender=ActionLog)
def page_action_logged(sender, instance, created, raw=False, **kwargs):
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if created and not raw and model in INDEXERS:
        schedule(model, instance.object_id)


# Before the row goes: the document cascades with it, and its words must be counted out.
@receiver(pre_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    indexing.remove_article(instance.pk)


@receiver(pre_delete, sender=Term)
def term_deleted(sender, instance, **kwargs):
    indexing.remove_term(instance.pk)
