"""The "Sources" list of an article: numbered, each with a way back to where it is cited."""

from django import template

from articles.citations import CITE_ID_PREFIX, SOURCE_ID_PREFIX, cited_keys

register = template.Library()


@register.simple_tag
def sources_of(article) -> list[dict]:
    """The references in order, with ``number``, ``anchor`` and ``backlink`` (or ``""``)."""
    cited = set(cited_keys(article.body))
    sources = []
    for number, reference in enumerate(article.references or [], start=1):
        key = reference.get("key") if isinstance(reference, dict) else None
        sources.append({
            **reference, "number": number,
            "anchor": f"{SOURCE_ID_PREFIX}{key}" if key else "",
            "backlink": f"#{CITE_ID_PREFIX}{key}" if key and key in cited else "",
        })
    return sources
