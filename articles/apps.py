from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import signals  # noqa: F401  (connects the listings' receivers)
        from articles.content_kinds import ARTICLE_KIND, TOPIC_KIND
        from core.content_files import register_kind

        register_kind(TOPIC_KIND)
        register_kind(ARTICLE_KIND)
