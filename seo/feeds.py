"""The Atom feed of new and re-reviewed articles, with absolute links on SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from seo.dates import SIGNIFICANT_CHANGE_FIELD, last_significant_change
from seo.structured_data import absolute

FEED_LENGTH = 30


class PlainTextSummaryAtomFeed(Atom1Feed):
    """Atom with ``<summary type="text">``: summaries are plain text, never markup.

    Django declares every summary ``type="html"``, so a feed reader unescapes the author's
    text once more and "<img onerror=...>" typed as text would become live markup there.
    """

    def add_item_elements(self, handler, item):
        description, item["description"] = item["description"], None
        super().add_item_elements(handler, item)
        item["description"] = description
        if description is not None:
            handler.addQuickElement("summary", description, {"type": "text"})


class ArticleFeed(Feed):
    feed_type = PlainTextSummaryAtomFeed
    title = _("New and updated articles")
    subtitle = _("Articles that are new or have changed: new content or a new clinical review.")

    def link(self):
        return absolute(reverse("articles:list"))

    def feed_url(self):
        return absolute(reverse("seo:article-feed"))

    def feed_guid(self):
        return self.feed_url()

    def author_name(self):
        return settings.PUBLISHER_NAME

    def author_link(self):
        return absolute("/")

    def items(self):
        newest_first = F(SIGNIFICANT_CHANGE_FIELD).desc(nulls_last=True)
        return (Article.objects.live().defer("body", "body_html", "contents")
                .order_by(newest_first, "-pk")[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.canonical_url

    def item_guid(self, item):
        # Stable through slug changes, so a renamed article isn't announced as a new one.
        host = urlsplit(settings.SITE_URL).hostname
        return f"tag:{host},{item.first_published_at:%Y-%m-%d}:article:{item.pk}"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return last_significant_change(item)
