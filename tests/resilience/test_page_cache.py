"""Whole public pages served from the cache to anonymous readers, and never stale after a change."""

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from config.page_cache import PageCacheMiddleware, page_key

pytestmark = pytest.mark.django_db


def queries_for(client, path, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    return response, len(captured)


def test_a_public_page_seen_before_is_served_without_the_database(client, make_article, topic):
    make_article("tolerance", topics=[topic])
    for path in ["/", "/articles/", "/articles/tolerance/", f"/topics/{topic.slug}/"]:
        first, _ = queries_for(client, path)
        again, queries = queries_for(client, path)
        assert queries == 0, path
        assert again.content == first.content


def test_a_cached_page_keeps_its_security_and_caching_headers(client, make_article):
    make_article("tolerance")
    first = client.get("/articles/tolerance/")
    again = client.get("/articles/tolerance/")
    for header in ["Content-Type", "Content-Security-Policy", "Cache-Control", "ETag",
                   "X-Frame-Options", "Permissions-Policy"]:
        assert again[header] == first[header], header
    assert not again.cookies


def test_a_newly_published_revision_is_seen_at_once(client, make_article):
    article = make_article("tolerance", title="Old title")
    assert "Old title" in client.get("/articles/tolerance/").text
    article.publish(article.save_revision(content={**article.serialize_content(),
                                                   "title": "New title"}))
    html = client.get("/articles/tolerance/").text
    assert "New title" in html and "Old title" not in html


def test_a_new_article_appears_on_cached_list_pages_at_once(client, make_article, topic):
    make_article("first", title="First article", topics=[topic])
    client.get("/articles/")
    client.get(f"/topics/{topic.slug}/")
    make_article("second", title="Second article", topics=[topic])
    assert "Second article" in client.get("/articles/").text
    assert "Second article" in client.get(f"/topics/{topic.slug}/").text


def test_a_topic_edit_is_seen_at_once(client, make_article, topic):
    make_article("tolerance", topics=[topic])
    client.get(f"/topics/{topic.slug}/")
    topic.title = "Renamed topic"
    topic.save()
    assert "Renamed topic" in client.get(f"/topics/{topic.slug}/").text


def test_a_deleted_article_is_gone_at_once(client, make_article):
    article = make_article("tolerance")
    assert client.get("/articles/tolerance/").status_code == 200
    article.delete()
    assert client.get("/articles/tolerance/").status_code == 404


def test_signed_in_staff_never_get_cached_pages(client, make_article, login_staff):
    make_article("tolerance")
    client.get("/articles/tolerance/")
    staff = get_user_model().objects.create_user("editor", password="x" * 16, is_staff=True)
    login_staff(client, staff)
    _, queries = queries_for(client, "/articles/tolerance/")
    assert queries > 0


def test_pages_with_other_query_strings_are_always_rendered(client, make_article):
    make_article("tolerance")
    client.get("/articles/?utm_source=x")
    _, queries = queries_for(client, "/articles/?utm_source=x")
    assert queries > 0


def test_the_pages_of_a_list_are_cached_separately(client, make_article):
    for number in range(25):
        make_article(f"a-{number:02d}", title=f"Article {number:02d}")
    first = client.get("/articles/").text
    second = client.get("/articles/?page=2").text
    assert first != second
    assert client.get("/articles/?page=2").text == second


def test_health_checks_always_reach_the_database(client):
    client.get("/healthz")
    _, queries = queries_for(client, "/healthz")
    assert queries > 0


def test_missing_pages_are_not_kept(client):
    client.get("/articles/nothing-here/")
    response, queries = queries_for(client, "/articles/nothing-here/")
    assert response.status_code == 404
    assert queries > 0


def test_page_cache_can_be_turned_off(client, settings, make_article):
    settings.PAGE_CACHE_SECONDS = 0
    make_article("tolerance")
    client.get("/articles/tolerance/")
    _, queries = queries_for(client, "/articles/tolerance/")
    assert queries > 0



def _public_page(request):
    response = HttpResponse("thanks")
    response["Cache-Control"] = "public, max-age=300"
    return response


def _public_page_with_a_message(request):
    messages.info(request, "Thank you.")
    return _public_page(request)


@pytest.mark.parametrize("view, kept", [(_public_page, True),
                                        (_public_page_with_a_message, False)])
def test_a_page_that_added_a_message_for_its_reader_is_not_kept(rf, settings, view, kept):
    """The message is that reader's own: the next reader must not get the page showing it."""
    settings.PAGE_CACHE_SECONDS = 60
    request = rf.get("/thanks/")
    SessionMiddleware(view).process_request(request)  # as the site's middleware attach them
    MessageMiddleware(view).process_request(request)
    assert PageCacheMiddleware(view)(request).status_code == 200
    assert (cache.get(page_key(request)) is not None) is kept
