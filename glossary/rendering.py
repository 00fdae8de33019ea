"""Glossary linking for pages: one Linker per glossary version, linked HTML cached per revision."""

from __future__ import annotations

import threading

from django.core.cache import cache
from django.db import transaction
from django.db.models import Subquery

from articles.models import Article
from glossary.linker import GlossaryEntry, Linker, LinkResult
from glossary.models import GlossaryState, Term, TermUsage

CACHE_SECONDS = 60 * 60 * 24
_lock = threading.Lock()
_linker: tuple[int, Linker] | None = None


def with_glossary_version(queryset):
    """Read the glossary version in the same query as the page itself."""
    return queryset.annotate(
        glossary_version=Subquery(GlossaryState.objects.filter(pk=1).values("version")[:1])
    )


def glossary_entries():
    terms = Term.objects.live().only("slug", "term", "aliases", "short_definition")
    return [
        GlossaryEntry(slug=t.slug, url=t.get_absolute_url(), short_definition=t.short_definition,
                      phrases=tuple(t.phrases))
        for t in terms
    ]


def linker_for(version: int) -> Linker:
    """The Linker for a glossary version, built once per process and version."""
    global _linker
    with _lock:
        if _linker is None or _linker[0] != version:
            _linker = (version, Linker(glossary_entries()))
        return _linker[1]


def linked_html(html: str, *, key: str, version: int | None = None,
                exclude: tuple[str, ...] = ()) -> LinkResult:
    """``html`` with glossary links, cached under ``key`` and the glossary version."""
    version = GlossaryState.current() if version is None else version
    cache_key = f"glossary-linked:{version}:{key}:{','.join(sorted(exclude))}"
    result = cache.get(cache_key)
    if result is None:
        result = linker_for(version).link(html, exclude=exclude)
        cache.set(cache_key, result, CACHE_SECONDS)
    return result


def words_used(result: LinkResult, version: int | None = None) -> list[dict]:
    """The terms a linked page uses, once each, for the printed "Words used on this page"."""
    version = GlossaryState.current() if version is None else version
    return [{"term": term, "definition": definition, "url": url}
            for term, definition, url in linker_for(version).words(result.slugs)]


def article_body(article: Article, version: int | None = None) -> LinkResult:
    return linked_html(article.body_html, key=f"article:{article.pk}:{article.live_revision_id}",
                       version=version, exclude=tuple(article.glossary_exclude))


def term_definition(term: Term, version: int | None = None) -> LinkResult:
    return linked_html(term.definition_html, key=f"term:{term.pk}:{term.live_revision_id}",
                       version=version, exclude=(term.slug,))


def refresh_term_usages(articles=None) -> None:
    """Recompute which live articles link which terms (runs on commit, never while reading)."""
    version = GlossaryState.current()
    linker = linker_for(version)
    slugs_to_ids = dict(Term.objects.live().values_list("slug", "pk"))
    articles = Article.objects.all() if articles is None else articles
    for article in articles.only("pk", "live", "archived_at", "body_html", "glossary_exclude"):
        with transaction.atomic():
            TermUsage.objects.filter(article=article).delete()
            if not article.live or article.archived_at:
                continue
            slugs = linker.link(article.body_html, exclude=article.glossary_exclude).slugs
            TermUsage.objects.bulk_create(
                [TermUsage(article=article, term_id=slugs_to_ids[s]) for s in slugs
                 if s in slugs_to_ids],
                ignore_conflicts=True,
            )
