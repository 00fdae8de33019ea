from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "seo"
    verbose_name = _("Search engines and HTTP")

    def ready(self):
        # Here, not in a middleware: commands, cron jobs and shells change content too, and
        # every process must tell the CDN (the page cache's generation: core/caching.py).
        from seo import purge

        purge.connect_signals()
