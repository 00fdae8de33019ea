from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project itself, last in INSTALLED_APPS: what wires the layers below together."""

    name = "config"
    verbose_name = "Site"

    def ready(self):
        # Here, not in a middleware: commands, cron jobs and shells change content too, and
        # every process must move the page cache's generation on.
        from config import page_cache

        page_cache.connect_signals()
