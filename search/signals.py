"""Keep the index in step with what readers see: after the change commits, never while reading.

``publish()`` saves the page row; the editorial workflow unpublishes, archives and restores
with a queryset ``update()`` (no ``post_save``), so the publishing signals
(``editorial.signals``) re-index the page too. ``save_revision()`` on a live page leaves the row
alone, so drafts never reach the index. Searching also filters by the pages' own ``live()``
rule, so a page that went offline by any other route is never shown either.
"""

from __future__ import annotations

import threading
from functools import partial

from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from articles.models import Article
from editorial.signals import PUBLISHING_SIGNALS
from glossary.models import Term
from search import indexing

INDEXERS = {Article: indexing.index_article, Term: indexing.index_term}

# The pages this thread (its database connection) has asked to index at the next commit.
_pending = threading.local()


def _pending_pages() -> set:
    if not hasattr(_pending, "pages"):
        _pending.pages = set()
    return _pending.pages


def _index_once(page: tuple[type, int]) -> None:
    # One callback is queued per change, but a page changed several times in a transaction
    # is indexed once: the first of its callbacks to run does it, from the committed rows.
    # A page whose callbacks were dropped with a rolled-back savepoint stays in the set only
    # until its next change is committed, which indexes it.
    pages = _pending_pages()
    if page in pages:
        pages.discard(page)
        model, pk = page
        INDEXERS[model](pk)


def schedule(model: type, pk: int) -> None:
    """Index the page after the current transaction commits (at once outside one)."""
    page = (model, pk)
    _pending_pages().add(page)
    transaction.on_commit(partial(_index_once, page), robust=True)


@receiver(post_save, sender=Article)
@receiver(post_save, sender=Term)
def page_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule(sender, instance.pk)


@receiver(PUBLISHING_SIGNALS, sender=Article)
@receiver(PUBLISHING_SIGNALS, sender=Term)
def page_published_or_taken_offline(sender, instance, **kwargs):
    schedule(sender, instance.pk)


# Before the row goes: the document cascades with it, and its words must be counted out.
@receiver(pre_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    indexing.remove_article(instance.pk)


@receiver(pre_delete, sender=Term)
def term_deleted(sender, instance, **kwargs):
    indexing.remove_term(instance.pk)
