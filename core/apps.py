from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The machinery every page kind shares (docs/architecture.md): the lowest layer."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        # Every process (web, cron, shell) moves the content generation on when content
        # changes: core/caching.py says what that makes stale.
        from core import caching

        caching.connect_model_signals()
