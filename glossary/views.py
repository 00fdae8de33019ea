import string

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify

from core import cache_tags, kinds
from core.redirects import follow_old_slugs, moved_page
from glossary import page_context
from glossary.models import Term
from glossary.rendering import with_glossary_version


def index(request):
    terms = list(Term.objects.live().only("term", "slug", "short_definition", "aliases"))
    groups: dict[str, list[Term]] = {}
    for term in terms:
        first = term.term[:1].upper()
        groups.setdefault(first if first in string.ascii_uppercase else "#", []).append(term)
    letters = [(letter, letter in groups) for letter in string.ascii_uppercase]
    if "#" in groups:
        letters.append(("#", True))
    structured = {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": settings.SITE_URL + request.path,
        "name": f"{settings.SITE_NAME} glossary",
        "url": settings.SITE_URL + request.path,
        "hasDefinedTerm": [
            {"@type": "DefinedTerm", "name": t.term, "termCode": t.slug,
             "description": t.short_definition, "url": settings.SITE_URL + t.get_absolute_url()}
            for t in terms
        ],
    }
    return cache_tags.tag(render(request, "glossary/index.html", {
        "groups": sorted(groups.items(), key=lambda item: (item[0] == "#", item[0])),
        "letters": letters, "structured_data": structured,
    }), cache_tags.LIST_GLOSSARY)


@follow_old_slugs(Term)
def term_detail(request, slug):
    term = kinds.public(with_glossary_version(Term.objects.live())).filter(
        slug=slug).first()
    if term is None:
        return _redirect_to_current(slug)
    response = render(request, page_context.TEMPLATE, page_context.term_page_context(term))
    # Its "used in" articles and related terms are lists: purged with any article or term.
    return cache_tags.tag(response, cache_tags.item_tag(term), cache_tags.GLOSSARY_LINKS,
                          cache_tags.LIST_ARTICLES, cache_tags.LIST_GLOSSARY)


def _redirect_to_current(slug):
    """An old slug or an alias answers 301 with the term's page; anything else is 404."""
    moved = moved_page(Term, slug)
    if moved:
        return redirect(moved, permanent=True)
    for term in Term.objects.live().only("slug", "aliases"):
        if any(slugify(alias) == slug for alias in term.aliases):
            return redirect(term, permanent=True)
    raise Http404("No such term")
