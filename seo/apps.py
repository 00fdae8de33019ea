from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "seo"
    verbose_name = _("Search engines and HTTP")

    def ready(self):
        # Here, not in a middleware: commands, cron jobs and shells change content too, and
        # every process must move the page cache's generation on and tell the CDN.
        from config import page_cache
        from seo import purge

        page_cache.connect_signals()
        purge.connect_signals()
