"""Glossary linking for pages: one Linker per glossary version, linked HTML cached per revision.

Other kinds' pages are linked through ``core.page_text`` (``link_page_text``, registered in
``GlossaryConfig.ready()``), and their term usages kept here for the term pages' backlinks:
the glossary imports no other page kind's app.
"""

from __future__ import annotations

import threading

from django.core.cache import cache
from django.db import transaction
from django.db.models import Subquery

from core import kinds
from core.page_text import PageText
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


def link_page_text(page, text: PageText, kind: kinds.PageKind) -> PageText:
    """``core.page_text``'s processor: the page's text linked, and the words it uses.

    The glossary version comes with the page (``with_glossary_version``, the processor's
    ``annotate``), or is read once here (a preview).
    """
    if hasattr(page, "glossary_version"):
        version = page.glossary_version or 1  # no GlossaryState row yet: the first version
    else:
        version = GlossaryState.current()
    result = linked_html(text.html, key=f"{kind.name}:{page.pk}:{page.live_revision_id}",
                         version=version, exclude=tuple(kind.glossary_exclude(page)))
    return PageText(result.html, (*text.words, *words_used(result, version=version)))


def term_definition(term: Term, version: int | None = None) -> LinkResult:
    return linked_html(term.definition_html, key=f"term:{term.pk}:{term.live_revision_id}",
                       version=version, exclude=(term.slug,))


def linked_kinds() -> list[kinds.PageKind]:
    """The page kinds whose text readers see linked (``PageKind.text_field``)."""
    return [kind for kind in kinds.page_kinds() if kind.text_field]


def refresh_term_usages(pages: dict[str, set] | None = None) -> None:
    """Recompute which live pages link which terms (runs on commit, never while reading).

    ``pages`` maps a kind's name to the ids of its pages to refresh; None: every page of
    every linked kind.
    """
    version = GlossaryState.current()
    linker = linker_for(version)
    slugs_to_ids = dict(Term.objects.live().values_list("slug", "pk"))
    for kind in linked_kinds():
        if pages is not None and kind.name not in pages:
            continue
        rows = kind.model.objects.all()
        if pages is not None:
            rows = rows.filter(pk__in=pages[kind.name])
        # The markdown source is not needed: the linker reads the rendered ``text_field``.
        for page in rows.defer(*kind.markdown_fields):
            with transaction.atomic():
                TermUsage.objects.filter(kind=kind.name, page_id=page.pk).delete()
                if not page.live or page.archived_at:
                    continue
                html = getattr(page, kind.text_field)
                slugs = linker.link(html, exclude=tuple(kind.glossary_exclude(page))).slugs
                TermUsage.objects.bulk_create(
                    [TermUsage(kind=kind.name, page_id=page.pk, term_id=slugs_to_ids[s])
                     for s in slugs if s in slugs_to_ids],
                    ignore_conflicts=True,
                )


def pages_using(term: Term) -> list[dict]:
    """The live pages that link ``term``: one group per kind, in the kinds' order (articles
    first), one query per kind, each group's pages by title."""
    groups = []
    for kind in linked_kinds():
        used = TermUsage.objects.filter(term=term, kind=kind.name).values("page_id")
        groups.append({
            "kind": kind,
            "heading": kind.model._meta.verbose_name_plural,
            "pages": (kind.model.objects.live().filter(pk__in=used)
                      .only("title", "slug").order_by("title")),
        })
    return groups
