from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = "Glossary"

    def ready(self):
        from core.content_files import register_kind
        from glossary import signals  # noqa: F401  (connects the receivers)
        from glossary.content_kind import TERM_KIND

        register_kind(TERM_KIND)
