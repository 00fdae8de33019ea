"""Keep the index in step with what readers see: after the change commits, never while reading.

Every page kind registered with search fields (``core.kinds``) is followed, whenever and by
whichever app it is registered: its model's ``post_save``, ``pre_delete`` and publishing
signals are connected at registration.

``publish()`` saves the page row; the editorial workflow unpublishes, archives and restores
with a queryset ``update()`` (no ``post_save``), so the publishing signals
(``editorial.signals``) re-index the page too. ``save_revision()`` on a live page leaves the row
alone, so drafts never reach the index. Searching also filters by the pages' own ``live()``
rule, so a page that went offline by any other route is never shown either.
"""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import post_save, pre_delete

from core import kinds
from editorial.signals import PUBLISHING_SIGNALS
from search import indexing

# The pages (kind name, id) this thread (its database connection) has asked to index at the
# next commit.
_pending = threading.local()


def _pending_pages() -> set:
    if not hasattr(_pending, "pages"):
        _pending.pages = set()
    return _pending.pages


def _index_once(page: tuple[str, int]) -> None:
    # One callback is queued per change, but a page changed several times in a transaction
    # is indexed once: the first of its callbacks to run does it, from the committed rows.
    # A page whose callbacks were dropped with a rolled-back savepoint stays in the set only
    # until its next change is committed, which indexes it.
    pages = _pending_pages()
    if page in pages:
        pages.discard(page)
        indexing.index(*page)


def schedule(kind_name: str, pk: int) -> None:
    """Index the page after the current transaction commits (at once outside one)."""
    page = (kind_name, pk)
    _pending_pages().add(page)

    # A named function, not a partial: a failure is logged by name (robust), and the change
    # that has already committed stands.
    def index_committed_page():
        _index_once(page)

    transaction.on_commit(index_committed_page, robust=True)


def _searched(sender) -> kinds.PageKind | None:
    # Looked up at each call: a kind unregistered since its receivers were connected is left.
    kind = kinds.for_model(sender)
    return kind if kind is not None and kind.search is not None else None


def page_saved(sender, instance, raw=False, **kwargs):
    if not raw and (kind := _searched(sender)):
        schedule(kind.name, instance.pk)


def page_published_or_taken_offline(sender, instance, **kwargs):
    if kind := _searched(sender):
        schedule(kind.name, instance.pk)


def page_deleted(sender, instance, **kwargs):
    # Before the row goes, so its document's words are counted out with it.
    if kind := kinds.for_model(sender):
        indexing.remove(kind.name, instance.pk)


def connect(kind: kinds.PageKind, **kwargs) -> None:
    """Keep a searchable kind's documents in step with its pages (once per model)."""
    if kind.search is None:
        return
    post_save.connect(page_saved, sender=kind.model)
    for signal in PUBLISHING_SIGNALS:
        signal.connect(page_published_or_taken_offline, sender=kind.model)
    pre_delete.connect(page_deleted, sender=kind.model)


# The kinds registered so far, and any registered later (by an app after search, or a test).
kinds.kind_registered.connect(connect)
for registered in kinds.page_kinds():
    connect(registered)
