from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Site pages"

    def ready(self):
        from core.content_files import register_kind
        from pages.content_kind import PAGE_KIND

        register_kind(PAGE_KIND)
