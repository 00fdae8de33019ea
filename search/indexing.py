"""Writing the search index. Runs after the transaction that changed a page has committed
(see ``search.signals``) or from ``rebuild_search_index``; never while a reader waits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.db import transaction
from django.db.models import F

from core import kinds
from core.text import plain_text
from search import text
from search.backends import get_backend
from search.models import SearchDocument, SearchWord, searchable_kinds

BATCH_SIZE = 500


def document_fields(kind: kinds.PageKind, page) -> dict:
    """The document of a live ``page``: what the kind's ``search`` gives, made plain text."""
    fields = kind.search(page)
    return {
        "kind": kind.name, "object_id": page.pk,
        "language": getattr(page, "language", "en"), "title": fields["title"][:200],
        "url": page.get_absolute_url(), "summary": text.clean(fields["summary"]),
        "heading_text": text.clean(fields["heading"]),
        "summary_text": text.clean(fields["summary_text"]),
        "body_text": text.clean(plain_text(fields["body_html"])),
    }


def index(kind_name: str, pk: int) -> None:
    """Make the page's document what readers see now: written if live, removed if not."""
    kind = kinds.get(kind_name)
    page = (kind.model.objects.live().filter(pk=pk).first()
            if kind is not None and kind.search is not None else None)
    _replace({"kind": kind_name, "object_id": pk}, document_fields(kind, page) if page else None)


def remove(kind_name: str, pk: int) -> None:
    _replace({"kind": kind_name, "object_id": pk}, None)


@transaction.atomic
def _replace(lookup: dict, fields: dict | None) -> None:
    """Make the page's document ``fields`` (None: no document), keeping word counts right."""
    old = SearchDocument.objects.select_for_update().filter(**lookup).first()
    old_words = old.words if old else set()
    if fields is None:
        if old:
            old.delete()
    else:
        document, _ = SearchDocument.objects.update_or_create(**lookup, defaults=fields)
        get_backend().refresh([document.pk])
    new_words = SearchDocument(**fields).words if fields else set()
    _count_words(added=sorted(new_words - old_words), removed=sorted(old_words - new_words))


def _count_words(*, added: list[str], removed: list[str]) -> None:
    """One more (or one fewer) document holds each word; words nobody holds are dropped."""
    SearchWord.objects.bulk_create([SearchWord(word=w) for w in added],
                                   ignore_conflicts=True, batch_size=BATCH_SIZE)
    for words, change in ((added, 1), (removed, -1)):
        for start in range(0, len(words), BATCH_SIZE):
            SearchWord.objects.filter(word__in=words[start:start + BATCH_SIZE]).update(
                document_count=F("document_count") + change)
    if removed:
        SearchWord.objects.filter(word__in=removed, document_count__lte=0).delete()


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Index every live page from scratch; returns how many documents were written."""
    pages = [(kind, kind.model.objects.live().order_by("pk")) for kind in searchable_kinds()]
    total = sum(queryset.count() for _, queryset in pages)
    done = 0
    words: Counter = Counter()
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchWord.objects.all().delete()
        batch: list[SearchDocument] = []
        for fields in _documents(pages):
            document = SearchDocument(**fields)
            words.update(document.words)
            batch.append(document)
            if len(batch) >= BATCH_SIZE:
                SearchDocument.objects.bulk_create(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress(done, total)
        if batch:
            SearchDocument.objects.bulk_create(batch)
            done += len(batch)
        SearchWord.objects.bulk_create(
            [SearchWord(word=w, document_count=c) for w, c in words.items()],
            batch_size=BATCH_SIZE,
        )
        get_backend().refresh(None)
    if progress:
        progress(done, total)
    return done


def _documents(pages):
    for kind, queryset in pages:
        for page in queryset.iterator(chunk_size=BATCH_SIZE):
            yield document_fields(kind, page)


def rebuild_if_empty(using: str = "default") -> int:
    """Build the index when it is empty but live pages exist (e.g. right after installing)."""
    if using != "default" or SearchDocument.objects.exists():
        return 0
    if not any(kind.model.objects.live().exists() for kind in searchable_kinds()):
        return 0
    return rebuild()
