"""Sitemaps: what search engines may index, with honest last-change dates.

Only what readers can see is listed: live pages, never drafts, archived pages, previews or
search results. Addresses are absolute, built from ``SITE_URL`` rather than the request's
Host header.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import F
from django.urls import reverse
from django.utils.functional import cached_property

from articles.listings import topics_with_articles
from core import kinds
from seo.dates import SIGNIFICANT_CHANGE_FIELD, last_significant_change, latest_significant_change


class SiteUrlSitemap(Sitemap):
    @cached_property
    def paginator(self):
        # Django's is a property that counts the items again at every use.
        return Paginator(self.items(), self.limit)

    def get_urls(self, page=1, site=None, protocol=None):
        """Each item's address and date, and nothing else (no priority, changefreq or
        language alternates: this site gives none), for ``seo.views`` to write out."""
        prefix = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        location, lastmod_of = self.location, getattr(self, "lastmod", None)
        urls, latest, all_dated = [], None, True
        for item in self.paginator.page(page).object_list:
            lastmod = lastmod_of(item) if lastmod_of else None
            if lastmod is None:
                all_dated = False
            elif latest is None or lastmod > latest:
                latest = lastmod
            urls.append({
                "location": f"{prefix}{location(item)}",
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


class KindSitemap(SiteUrlSitemap):
    """The pages of one kind (``core.kinds``): live ones only, dated by their last real change."""

    def __init__(self, kind: kinds.PageKind):
        self.kind = kind

    def get_latest_lastmod(self):
        return latest_significant_change(self.kind.model.objects.live())


class PageSitemap(KindSitemap):
    """A kind whose pages share one URL pattern (articles, terms).

    Items are plain values (slug and date), not model instances: building 50,000 instances
    takes most of a second.
    """

    @cached_property
    def path_around_slug(self) -> tuple[str, str]:
        # Reverse once, not 50,000 times: the page's path is this pattern around its slug.
        url = reverse(self.kind.sitemap.url_name, kwargs={"slug": "slug"})
        before, _, after = url.rpartition("slug")
        return before, after

    def location(self, item):
        before, after = self.path_around_slug
        return f"{before}{item['slug']}{after}"

    def items(self):
        return (self.kind.model.objects.live().order_by("pk")
                .values("slug", changed=F(SIGNIFICANT_CHANGE_FIELD)))

    def lastmod(self, item):
        return item["changed"]


class PageInstanceSitemap(KindSitemap):
    """A kind of few pages, not all under one URL pattern (About, editorial policy, privacy):
    each page gives its own ``get_absolute_url()``."""

    def items(self):
        return self.kind.model.objects.live().order_by("pk")

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, item):
        return last_significant_change(item)


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


def sitemaps() -> dict[str, Callable[[], Sitemap]]:
    """Each section's name and what makes its sitemap, in the order the index lists them: the
    fixed sections and topics, then one per page kind with a ``sitemap`` entry (articles,
    glossary, pages, ...), in the order the kinds were registered."""
    sections: dict[str, Callable[[], Sitemap]] = {
        "sections": SectionSitemap, "topics": TopicSitemap}
    for kind in kinds.page_kinds():
        if kind.sitemap is not None:
            sitemap = PageSitemap if kind.sitemap.url_name else PageInstanceSitemap
            sections[kind.sitemap.section] = partial(sitemap, kind)
    return sections
