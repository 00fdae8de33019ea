from django.apps import AppConfig


def term_search_fields(term) -> dict[str, str]:
    return {
        "title": term.term, "summary": term.short_definition,
        "heading": " · ".join(term.phrases), "summary_text": term.short_definition,
        "body_html": term.definition_html,
    }


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = "Glossary"

    def ready(self):
        from core import kinds
        from glossary import signals  # noqa: F401  (connects the receivers)
        from glossary.content_kind import TERM_KIND
        from glossary.models import Term

        kinds.register(kinds.PageKind(
            name="term", model=Term, content=TERM_KIND, search=term_search_fields,
            sitemap=kinds.SitemapEntry("glossary", "glossary:term"),
            markdown_fields=("definition",),
            # A term's own text never links to itself.
            glossary_exclude=lambda term: (term.slug,),
        ))
