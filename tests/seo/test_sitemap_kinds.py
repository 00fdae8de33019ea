"""Sitemaps read the page-kind registry: one section per kind with a sitemap entry, after the
fixed sections and topics, with no edit to seo (tests/extra_kind)."""

import datetime as dt

import pytest
from django.utils import timezone

from core.kinds import SitemapEntry
from seo.sitemaps import sitemaps
from tests.extra_kind.kinds import URLCONF, leaflet_kind, make_leaflet, registered
from tests.extra_kind.models import Leaflet
from tests.seo.test_sitemaps import lastmods, locations

pytestmark = pytest.mark.django_db
SITE = "https://benzo.example.org"
CHANGED = timezone.make_aware(dt.datetime(2024, 3, 5, 9, 30), dt.UTC)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.ROOT_URLCONF = URLCONF


def leaflets():
    """A live leaflet changed on CHANGED, a draft and an archived one."""
    live = make_leaflet("sleep-hygiene")
    make_leaflet("draft-one", live=False)
    archived = make_leaflet("archived-one")
    Leaflet.objects.filter(pk=live.pk).update(last_significant_change=CHANGED)
    Leaflet.objects.filter(pk=archived.pk).update(archived_at=timezone.now())
    return live


def test_the_sections_keep_their_names_and_order_and_a_new_kind_comes_last():
    assert list(sitemaps()) == ["sections", "topics", "articles", "glossary", "pages"]
    with registered(leaflet_kind()):
        assert list(sitemaps()) == [
            "sections", "topics", "articles", "glossary", "pages", "leaflets"]
    assert "leaflets" not in sitemaps()


@pytest.mark.parametrize("entry", [SitemapEntry("leaflets", "extra_kind:leaflet"),
                                   SitemapEntry("leaflets")],
                         ids=["by URL name", "by get_absolute_url"])
def test_a_registered_kind_lists_its_live_pages_with_their_last_change(client, entry):
    leaflets()
    with registered(leaflet_kind(sitemap=entry)):
        everything = client.get("/sitemap.xml")
        section = client.get("/sitemap-leaflets.xml")
        site = sitemaps()["leaflets"]()
    url = f"{SITE}/leaflets/sleep-hygiene/"
    assert everything.status_code == section.status_code == 200
    for response in (everything, section):
        assert [u for u in locations(response) if "/leaflets/" in u] == [url]
        assert lastmods(response)[url].startswith("2024-03-05T09:30:00")
    # Django's view reads the newest date from the public attribute get_urls() sets.
    assert site.get_urls() and site.latest_lastmod == CHANGED
    assert site.get_latest_lastmod() == CHANGED


def test_a_kind_without_a_sitemap_entry_or_no_longer_registered_is_not_listed(client):
    leaflets()
    with registered(leaflet_kind(sitemap=None)):
        assert not [u for u in locations(client.get("/sitemap.xml")) if "/leaflets/" in u]
        assert client.get("/sitemap-leaflets.xml").status_code == 404
    assert client.get("/sitemap-leaflets.xml").status_code == 404
