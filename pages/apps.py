from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Site pages"

    def ready(self):
        from core import kinds
        from pages.content_kind import PAGE_KIND
        from pages.models import Page

        # About, editorial policy, privacy: in the sitemap, not in search results.
        kinds.register(kinds.PageKind(name="page", model=Page, content=PAGE_KIND,
                                      sitemap=kinds.SitemapEntry("pages")))
