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
        from core import content_files, kinds, page_text
        from glossary import rendering, signals  # signals: connects the receivers
        from glossary.content_kind import TERM_KIND
        from glossary.models import Term

        kinds.register(kinds.PageKind(
            name="term", model=Term, content=TERM_KIND, search=term_search_fields,
            sitemap=kinds.SitemapEntry("glossary", "glossary:term"),
            markdown_fields=("definition",),
            # A term's own text never links to itself.
            glossary_exclude=lambda term: (term.slug,),
        ))
        signals.connect_page_receivers()
        # Every page kind's text (``PageKind.text_field``) reaches readers with term links.
        page_text.register(page_text.TextProcessor(
            name="glossary", process=rendering.link_page_text,
            annotate=rendering.with_glossary_version,
        ))
        # An import refreshes the backlinks once at its end, not once per saved page.
        content_files.register_import_hook(signals.deferred_usage_refresh)
