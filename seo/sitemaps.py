"""Sitemaps: what search engines may index, with honest last-change dates.

Only what readers can see is listed: live pages, never drafts, archived pages, previews or
search results. Addresses are absolute, built from ``SITE_URL`` rather than the request's
Host header.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import F
from django.urls import reverse
from django.utils.functional import cached_property

from articles.listings import topics_with_articles
from articles.models import Article
from glossary.models import Term
from pages.models import Page
from seo.dates import SIGNIFICANT_CHANGE_FIELD, last_significant_change, latest_significant_change


class SiteUrlSitemap(Sitemap):
    @cached_property
    def paginator(self):
        # Django's is a property that counts the items again at every use.
        return Paginator(self._items(), self.limit)

    def _urls(self, page, protocol, domain):
        """Each item's address and date, and nothing else (no priority, changefreq or
        language alternates: this site gives none), for ``seo.views`` to write out."""
        urls, latest, all_dated = [], None, True
        for item in self.paginator.page(page).object_list:
            lastmod = self._get("lastmod", item)
            if lastmod is None:
                all_dated = False
            elif latest is None or lastmod > latest:
                latest = lastmod
            urls.append({
                "location": f"{protocol}://{domain}{self._location(item)}",
                "lastmod": lastmod,
                # The W3C datetime a sitemap wants, made once per URL.
                "lastmod_w3c": lastmod.isoformat(timespec="seconds") if lastmod else "",
            })
        if all_dated and latest:
            self.latest_lastmod = latest  # what Django's view sends as Last-Modified
        return urls

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        # Host plus any path prefix the site is mounted under.
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path


class PageSitemap(SiteUrlSitemap):
    """Revisioned pages (articles, terms): live ones only, dated by their last real change.

    Items are plain values (slug and date), not model instances: building 50,000 instances
    takes most of a second.
    """

    model = None
    url_name = ""

    @cached_property
    def _path_around_slug(self) -> tuple[str, str]:
        # Reverse once, not 50,000 times: the page's path is this pattern around its slug.
        before, _, after = reverse(self.url_name, kwargs={"slug": "slug"}).rpartition("slug")
        return before, after

    def location(self, item):
        before, after = self._path_around_slug
        return f"{before}{item['slug']}{after}"

    def items(self):
        return (self.model.objects.live().order_by("pk")
                .values("slug", changed=F(SIGNIFICANT_CHANGE_FIELD)))

    def lastmod(self, item):
        return item["changed"]

    def get_latest_lastmod(self):
        return latest_significant_change(self.model.objects.live())


class ArticleSitemap(PageSitemap):
    model = Article
    url_name = "articles:detail"


class TermSitemap(PageSitemap):
    model = Term
    url_name = "glossary:term"


class SitePageSitemap(SiteUrlSitemap):
    """About, editorial policy, privacy: few, and not all under one URL pattern."""

    def items(self):
        return Page.objects.live().order_by("pk")

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, item):
        return last_significant_change(item)

    def get_latest_lastmod(self):
        return latest_significant_change(Page.objects.live())


class TopicSitemap(SiteUrlSitemap):
    """Topic hubs that list at least one live article (an empty hub is not worth a visit)."""

    def items(self):
        return topics_with_articles().order_by("pk")

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
