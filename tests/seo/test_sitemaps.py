"""/sitemap.xml: live pages only, absolute SITE_URL addresses, honest lastmod, an index."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from pages.models import Page

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse(response):
    return ET.fromstring(response.content)  # noqa: S314 (the site's own output)


def locations(response):
    root = parse(response)
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


def lastmods(response):
    root = parse(response)
    return {url.find("sm:loc", NS).text: url.findtext("sm:lastmod", namespaces=NS)
            for url in root.iterfind("sm:url", NS)}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://benzo.example.org"


def test_sitemap_lists_home_indexes_topics_articles_and_terms(client, make_article, make_term,
                                                               topic):
    make_article("tolerance", topics=[topic])
    make_term("withdrawal")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert parse(response).tag == f"{{{NS['sm']}}}urlset"
    assert set(locations(response)) == {
        "https://benzo.example.org/",
        "https://benzo.example.org/articles/",
        "https://benzo.example.org/glossary/",
        "https://benzo.example.org/urgent-help/",
        "https://benzo.example.org/topics/dependence/",
        "https://benzo.example.org/articles/tolerance/",
        "https://benzo.example.org/glossary/withdrawal/",
    }


def test_addresses_come_from_site_url_not_the_host_header(client, make_article, settings):
    settings.ALLOWED_HOSTS = ["evil.example"]
    make_article("tolerance")
    urls = locations(client.get("/sitemap.xml", HTTP_HOST="evil.example"))
    assert urls and all(url.startswith("https://benzo.example.org/") for url in urls)


def test_the_sites_own_pages_are_listed_when_live(client):
    about = Page(slug="about")
    about.publish(about.save_revision(content={
        "title": "About us", "slug": "about", "summary": "Who we are.", "body": "Us.",
        "language": "en"}), actor_label="test")
    assert "https://benzo.example.org/about/" in locations(client.get("/sitemap.xml"))


def test_drafts_and_archived_pages_are_left_out(client, make_article, make_term, archive):
    make_article("live-one")
    make_article("draft-one", live=False)
    archive(make_article("archived-one"))
    make_term("draft-term", live=False)
    archive(make_term("archived-term"))
    urls = locations(client.get("/sitemap.xml"))
    assert "https://benzo.example.org/articles/live-one/" in urls
    assert not [url for url in urls if "draft" in url or "archived" in url]


def test_search_results_and_topics_without_live_articles_are_left_out(client, topic):
    urls = locations(client.get("/sitemap.xml"))
    assert not [url for url in urls if "/search/" in url or "/topics/" in url]


def test_lastmod_is_the_last_significant_change_not_the_request_time(client, make_article):
    article = make_article("tolerance")
    changed = timezone.make_aware(dt.datetime(2024, 3, 5, 9, 30), dt.UTC)
    Article.objects.filter(pk=article.pk).update(last_published_at=changed)
    if hasattr(article, "last_significant_change"):
        Article.objects.filter(pk=article.pk).update(last_significant_change=changed)
    found = lastmods(client.get("/sitemap.xml"))
    assert found["https://benzo.example.org/articles/tolerance/"].startswith("2024-03-05")


def test_an_unknown_section_or_page_is_not_found(client, make_article):
    make_article("tolerance")
    assert client.get("/sitemap-nonsense.xml").status_code == 404
    assert client.get("/sitemap.xml?p=2").status_code == 404
    assert client.get("/sitemap-articles.xml?p=abc").status_code == 404


def copy_article(article, copies):
    """Insert ``copies`` live copies of ``article`` (slugs copy-1, copy-2, ...) in one query.

    Done in SQL because 50,000 rows through the ORM take most of a minute on SQLite.
    """
    quote = connection.ops.quote_name
    columns = [f.column for f in Article._meta.concrete_fields if not f.primary_key]
    chosen = {"slug": "'copy-' || n.i", "title": "'Copy ' || n.i"}
    select = ", ".join(chosen.get(column, f"a.{quote(column)}") for column in columns)
    table = quote(Article._meta.db_table)
    with connection.cursor() as cursor:
        # Names come from the model, quoted by the backend; values are parameters.
        counter = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s)"
        insert = f"INSERT INTO {table} ({', '.join(map(quote, columns))})"
        sql = f"{counter} {insert} SELECT {select} FROM {table} a CROSS JOIN n WHERE a.id = %s"  # noqa: S608
        cursor.execute(sql, [copies, article.pk])


def test_more_than_50000_urls_make_a_sitemap_index(client, make_article):
    """50,001 live articles: /sitemap.xml becomes an index of per-section sitemaps."""
    copy_article(make_article("original"), 50_000)
    assert Article.objects.live().count() == 50_001
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    root = parse(index)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    listed = locations(index)
    assert "https://benzo.example.org/sitemap-articles.xml" in listed
    assert "https://benzo.example.org/sitemap-articles.xml?p=2" in listed
    assert "https://benzo.example.org/sitemap-articles.xml?p=3" not in listed
    assert "https://benzo.example.org/sitemap-glossary.xml" in listed
    assert len(locations(client.get("/sitemap-articles.xml?p=2"))) == 1

