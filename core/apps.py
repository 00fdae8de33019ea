from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The machinery every page kind shares (docs/architecture.md): the lowest layer."""

    name = "core"
    verbose_name = "Core"
