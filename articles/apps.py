from django.apps import AppConfig


def article_search_fields(article) -> dict[str, str]:
    return {
        "title": article.title, "summary": article.summary, "heading": article.title,
        "summary_text": " ".join([article.summary, *map(str, article.key_points)]),
        "body_html": article.body_html,
    }


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import signals  # noqa: F401  (connects the listings' receivers)
        from articles.content_kinds import ARTICLE_KIND, TOPIC_KIND
        from articles.models import Article
        from core import kinds
        from core.content_files import register_kind

        register_kind(TOPIC_KIND)
        kinds.register(kinds.PageKind(
            name="article", model=Article, content=ARTICLE_KIND, search=article_search_fields,
            sitemap=kinds.SitemapEntry("articles", "articles:detail"), markdown_fields=("body",),
            text_field="body_html",
        ))
