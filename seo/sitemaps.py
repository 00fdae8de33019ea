"""Sitemaps: what search engines may index, with honest last-change dates.

Only what readers can see is listed: live pages, never drafts, archived pages, previews or
search results. Addresses are absolute, built from ``SITE_URL`` rather than the request's
Host header.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property

from articles.models import Article, Topic
from glossary.models import Term
from pages.models import Page
from seo.dates import (
    FALLBACK_FIELD,
    last_significant_change,
    latest_significant_change,
    significant_change_field,
)


class SiteUrlSitemap(Sitemap):
    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        # W3C datetimes made here, once each: the template's date filter costs 100 µs a URL.
        for url in urls:
            url["lastmod_w3c"] = url["lastmod"].isoformat(timespec="seconds") if url[
                "lastmod"] else ""
        return urls

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        # Host plus any path prefix the site is mounted under.
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path


class PageSitemap(SiteUrlSitemap):
    """Revisioned pages (articles, terms): live ones only, dated by their last real change."""

    model = None
    url_name = ""

    @cached_property
    def _path_around_slug(self) -> tuple[str, str]:
        # Reverse once, not 50,000 times: the page's path is this pattern around its slug.
        before, _, after = reverse(self.url_name, kwargs={"slug": "slug"}).rpartition("slug")
        return before, after

    def location(self, item):
        if not self.url_name:
            return item.get_absolute_url()
        before, after = self._path_around_slug
        return f"{before}{item.slug}{after}"

    def items(self):
        # Only what an entry needs: 50,000 full rows would take seconds just to build.
        fields = {"slug", FALLBACK_FIELD, significant_change_field(self.model)}
        return self.model.objects.live().only(*fields).order_by("pk")

    def lastmod(self, item):
        return last_significant_change(item)

    def get_latest_lastmod(self):
        return latest_significant_change(self.model.objects.live())


class ArticleSitemap(PageSitemap):
    model = Article
    url_name = "articles:detail"


class TermSitemap(PageSitemap):
    model = Term
    url_name = "glossary:term"


class SitePageSitemap(PageSitemap):
    """About, editorial policy, privacy: few, and not all under one URL pattern."""

    model = Page


class TopicSitemap(SiteUrlSitemap):
    """Topic hubs that list at least one live article (an empty hub is not worth a visit)."""

    def items(self):
        live = Q(articles__live=True, articles__archived_at__isnull=True)
        return Topic.objects.filter(live).distinct().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(SiteUrlSitemap):
    """The home page, the two indexes and the urgent-help page: no single date to give them."""

    def items(self):
        return ["articles:home", "articles:list", "glossary:index", "articles:urgent_help"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    "topics": TopicSitemap,
    "articles": ArticleSitemap,
    "glossary": TermSitemap,
    "pages": SitePageSitemap,
}
