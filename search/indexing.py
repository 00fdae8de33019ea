"""Writing the search index. Runs after the transaction that changed a page has committed
(see ``search.signals``) or from ``rebuild_search_index``; never while a reader waits.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable

from django.db import transaction
from django.db.models import F

from articles.models import Article
from core.text import plain_text
from glossary.models import Term
from search import text
from search.backends import get_backend
from search.models import SearchDocument, SearchWord

BATCH_SIZE = 500


def article_fields(article: Article) -> dict:
    return {
        "kind": SearchDocument.Kind.ARTICLE, "article": article, "term": None,
        "language": article.language, "title": article.title[:200],
        "url": article.get_absolute_url(), "summary": text.clean(article.summary),
        "heading_text": text.clean(article.title),
        "summary_text": text.clean(" ".join([article.summary, *map(str, article.key_points)])),
        "body_text": text.clean(plain_text(article.body_html)),
    }


def term_fields(term: Term) -> dict:
    return {
        "kind": SearchDocument.Kind.TERM, "article": None, "term": term,
        "language": term.language, "title": term.term[:200],
        "url": term.get_absolute_url(), "summary": text.clean(term.short_definition),
        "heading_text": text.clean(" · ".join(term.phrases)),
        "summary_text": text.clean(term.short_definition),
        "body_text": text.clean(plain_text(term.definition_html)),
    }


def index_article(article_id: int) -> None:
    article = Article.objects.live().filter(pk=article_id).first()
    _replace({"article_id": article_id}, article_fields(article) if article else None)


def index_term(term_id: int) -> None:
    term = Term.objects.live().filter(pk=term_id).first()
    _replace({"term_id": term_id}, term_fields(term) if term else None)


def remove_article(article_id: int) -> None:
    _replace({"article_id": article_id}, None)


def remove_term(term_id: int) -> None:
    _replace({"term_id": term_id}, None)


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
    articles = Article.objects.live().order_by("pk")
    terms = Term.objects.live().order_by("pk")
    total = articles.count() + terms.count()
    done = 0
    words: Counter = Counter()
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchWord.objects.all().delete()
        batch: list[SearchDocument] = []
        documents = itertools.chain(
            (article_fields(a) for a in articles.iterator(chunk_size=BATCH_SIZE)),
            (term_fields(t) for t in terms.iterator(chunk_size=BATCH_SIZE)),
        )
        for fields in documents:
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


def rebuild_if_empty(using: str = "default") -> int:
    """Build the index when it is empty but live pages exist (e.g. right after installing)."""
    if using != "default" or SearchDocument.objects.exists():
        return 0
    if not (Article.objects.live().exists() or Term.objects.live().exists()):
        return 0
    return rebuild()
