"""What a glossary term's page shows: one context, for the public view and for a preview."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from glossary.models import Term
from glossary.rendering import pages_using, term_definition

TEMPLATE = "glossary/term_detail.html"


def term_structured_data(term: Term) -> dict:
    """The term as a schema.org DefinedTerm in the site's glossary."""
    url = settings.SITE_URL + term.get_absolute_url()
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url,
        "name": term.term,
        "termCode": term.slug,
        "description": term.short_definition,
        "url": url,
        "inDefinedTermSet": settings.SITE_URL + reverse("glossary:index"),
    }
    if term.aliases:
        data["alternateName"] = term.aliases
    return data


def related_terms(term: Term):
    """The live terms ``term`` points readers to: the saved relation, or a revision's slugs."""
    live = Term.objects.live().only("term", "slug", "short_definition")
    pending = getattr(term, "_pending_related", None)
    if pending is not None:
        return live.filter(slug__in=pending).exclude(pk=term.pk)
    return live.filter(related_from=term)


def term_page_context(term: Term) -> dict:
    """The template context of ``term``'s page.

    ``term`` is the live row (read through ``with_glossary_version``), or a row showing a
    revision (``editorial.preview.as_published``), whose related terms are the revision's.
    """
    version = (term.glossary_version or 1) if hasattr(term, "glossary_version") else None
    definition = term_definition(term, version=version)
    return {
        "term": term, "definition_html": definition.html, "related_terms": related_terms(term),
        # The live pages that link the term: articles, then any other kind whose text is linked.
        "used_on": pages_using(term), "structured_data": term_structured_data(term),
        "canonical_url": settings.SITE_URL + term.get_absolute_url(),
    }
