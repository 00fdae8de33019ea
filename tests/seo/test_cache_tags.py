"""Public pages name the content they show in Cache-Tag and Surrogate-Key; private ones don't."""

import pytest
from django.contrib.auth import get_user_model

from pages.models import Page
from seo import purge

pytestmark = pytest.mark.django_db


def tags(response):
    cache_tag = response["Cache-Tag"].split(",")
    assert response["Surrogate-Key"].split(" ") == cache_tag
    return set(cache_tag)


def test_an_article_names_itself_its_topics_and_its_related_articles(client, make_article,
                                                                     topic):
    article = make_article("tolerance", topics=[topic])
    other = make_article("withdrawal", topics=[topic])
    found = tags(client.get("/articles/tolerance/"))
    assert {f"article-{article.pk}", f"topic-{topic.pk}", f"article-{other.pk}", "glossary",
            "site"} <= found


def test_a_page_from_the_page_cache_keeps_its_tags(client, make_article):
    article = make_article("tolerance")
    first = client.get("/articles/tolerance/")
    again = client.get("/articles/tolerance/")
    assert tags(again) == tags(first)
    assert f"article-{article.pk}" in tags(again)


@pytest.mark.parametrize("path, expected", [
    ("/", {"list-articles", "site"}),
    ("/articles/", {"list-articles", "site"}),
    ("/glossary/", {"list-glossary", "site"}),
    ("/sitemap.xml", {"sitemap", "site"}),
    ("/sitemap-articles.xml", {"sitemap", "site"}),
    ("/feeds/articles.atom", {"feed", "site"}),
])
def test_lists_sitemaps_and_the_feed_are_tagged(client, make_article, path, expected):
    make_article("tolerance")
    assert expected <= tags(client.get(path))


def test_a_topic_a_term_and_a_site_page_name_themselves(client, make_article, make_term, topic):
    make_article("tolerance", topics=[topic])
    term = make_term("tolerance")
    assert {f"topic-{topic.pk}", "list-articles"} <= tags(client.get(f"/topics/{topic.slug}/"))
    assert {f"term-{term.pk}", "list-glossary"} <= tags(client.get("/glossary/tolerance/"))
    page = Page.objects.live().first() or _live_page()
    assert f"page-{page.pk}" in tags(client.get(page.get_absolute_url()))


def _live_page():
    from editorial.models import Revision

    page = Page(slug="about")
    content = {"title": "About", "slug": "about", "summary": "Who we are.",
               "body": "We write plain words.", "language": "en"}
    page.publish(page.save_revision(content=content, source=Revision.Source.IMPORT),
                 actor_label="test")
    return page


def test_what_a_purge_names_matches_what_the_article_page_carries(client, make_article, topic):
    article = make_article("tolerance", topics=[topic])
    page_tags = tags(client.get("/articles/tolerance/"))
    _, purged = purge.affected(article)
    assert {f"article-{article.pk}", f"topic-{topic.pk}"} <= page_tags & set(purged)
    assert "list-articles" in purged and "list-articles" in tags(client.get("/articles/"))


def test_a_missing_page_is_tagged_so_that_publishing_can_purge_it(client, make_article):
    assert tags(client.get("/articles/nothing-here/")) == {"missing", "site"}
    _, purged = purge.affected(make_article("nothing-here"))
    assert "missing" in purged


def test_signed_in_staff_get_no_tags(client, make_article, login_staff):
    make_article("tolerance")
    staff = get_user_model().objects.create_user("editor", password="x" * 16, is_staff=True)
    login_staff(client, staff)
    response = client.get("/articles/tolerance/")
    assert "Cache-Tag" not in response and "Surrogate-Key" not in response
