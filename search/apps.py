from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from search import signals  # noqa: F401  (connects the receivers)

        post_migrate.connect(index_existing_pages, sender=self)


def index_existing_pages(using="default", **kwargs):
    """A database that had live pages before search was installed gets its index at once."""
    from search.indexing import rebuild_if_empty

    rebuild_if_empty(using)
