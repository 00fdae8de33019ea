"""What an article page shows: one context, for the public view and for a revision's preview."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Article
from articles.related import neighbourhood, primary_topic
from core import page_text

TEMPLATE = "articles/article_detail.html"
CONTENTS_MIN_SECTIONS = 3


def home_crumb() -> dict:
    return {"title": _("Home"), "url": reverse("articles:home")}


def article_page_context(article: Article) -> dict:
    """The template context of ``article``'s page.

    ``article`` is the live row (read through ``with_neighbourhood_state`` and
    ``core.page_text.annotate``, so the page costs no extra query for them), or a row showing
    a revision (``editorial.preview.as_published``), whose topics are the revision's.
    """
    # The body as readers see it: with the glossary's links when the glossary is installed.
    body = page_text.render(article)
    around = neighbourhood(article)
    filed_under = primary_topic(around.topics)
    if filed_under:
        crumb = {"title": filed_under.title, "url": filed_under.get_absolute_url()}
    else:
        crumb = {"title": _("All articles"), "url": reverse("articles:list")}
    contents = article.contents if len(article.contents) >= CONTENTS_MIN_SECTIONS else []
    return {
        "article": article, "body_html": body.html, "contents": contents,
        "topics": around.topics, "related_articles": around.related,
        "breadcrumbs": [home_crumb(), crumb], "canonical_url": article.canonical_url,
        # Printed at the end instead of the popovers (issue 18).
        "glossary_words": list(body.words),
    }
