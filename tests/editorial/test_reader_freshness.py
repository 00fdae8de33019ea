"""Readers never get a stale page after a change: every cache on the way (core/caching.py) moves.

Each test reads the pages first (so every cache holds them), changes content the way editors
do, and reads again: with the page cache on (what readers get) and off (the view's own
caches: the article's neighbourhood, the linked glossary HTML).
"""

import pytest

from editorial import workflow
from tests.editorial.helpers import reload

pytestmark = pytest.mark.django_db

PAGE_CACHE = pytest.mark.parametrize("page_cache_seconds", [60, 0], ids=["page-cache",
                                                                         "no-page-cache"])


@pytest.fixture
def page_cache(settings, page_cache_seconds):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds


def read(client, *paths):
    return {path: client.get(path) for path in paths}


@PAGE_CACHE
def test_a_published_correction_reaches_the_article_page_at_once(client, make_article, edit,
                                                                 page_cache):
    article = make_article("tolerance", summary="The old summary.")
    assert "The old summary." in client.get("/articles/tolerance/").text
    article.publish(edit(article, summary="The corrected summary."), actor_label="test")
    assert "The corrected summary." in client.get("/articles/tolerance/").text


@PAGE_CACHE
def test_a_new_article_appears_at_once_on_every_list_page(client, make_article, topic,
                                                          page_cache):
    make_article("first", title="First article", topics=[topic])
    lists = ["/", "/articles/", f"/topics/{topic.slug}/"]
    read(client, *lists)
    make_article("second", title="Second article", topics=[topic])
    for path, response in read(client, *lists).items():
        assert "Second article" in response.text, path


@PAGE_CACHE
def test_unpublish_archive_and_restore_take_the_article_off_every_page_at_once(
        client, make_article, topic, publisher, page_cache):
    make_article("neighbour", title="Neighbour article", topics=[topic])
    leaving = make_article("leaving", title="Leaving article", topics=[topic])
    pages = ["/", "/articles/", f"/topics/{topic.slug}/", "/articles/neighbour/"]
    assert all("Leaving article" in r.text for r in read(client, *pages).values())

    workflow.unpublish(reload(leaving), user=publisher)
    assert client.get("/articles/leaving/").status_code in (404, 410)
    for path, response in read(client, *pages).items():
        assert "Leaving article" not in response.text, path

    leaving = reload(leaving)
    leaving.publish(leaving.latest_revision, actor_label="test")
    assert all("Leaving article" in r.text for r in read(client, *pages).values())
    workflow.archive(reload(leaving), user=publisher)
    assert client.get("/articles/leaving/").status_code in (404, 410)
    for path, response in read(client, *pages).items():
        assert "Leaving article" not in response.text, path

    workflow.restore(reload(leaving), user=publisher)  # back as unpublished: still offline
    assert client.get("/articles/leaving/").status_code in (404, 410)
    assert "Leaving article" not in client.get("/articles/neighbour/").text


@PAGE_CACHE
def test_a_new_article_in_the_same_topic_shows_as_related_at_once(client, make_article, topic,
                                                                   page_cache):
    make_article("tolerance", topics=[topic])
    assert "Newer neighbour" not in client.get("/articles/tolerance/").text
    make_article("newer", title="Newer neighbour", topics=[topic])
    assert "Newer neighbour" in client.get("/articles/tolerance/").text


@PAGE_CACHE
def test_a_renamed_topic_shows_on_its_articles_pages_at_once(client, make_article, topic,
                                                             page_cache):
    make_article("tolerance", topics=[topic])
    assert topic.title in client.get("/articles/tolerance/").text
    topic.title = "Physical dependence"
    topic.save()
    assert "Physical dependence" in client.get("/articles/tolerance/").text
