"""Cache-Control, ETag, Last-Modified and 304s: public pages cacheable, anything personal not."""

import pytest
from django.contrib.auth import get_user_model

from seo.middleware import PUBLIC_MAX_AGE
from tests.support.caching import settle

pytestmark = pytest.mark.django_db


def directives(response):
    return {d.strip() for d in response["Cache-Control"].split(",")}


@pytest.fixture
def article(make_article, monkeypatch):
    made = make_article("tolerance")
    settle(monkeypatch)
    return made


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("editor", "e@example.org", "pw-long-enough-1",
                                                is_staff=True)


PUBLIC_PAGES = ["/", "/articles/", "/articles/tolerance/", "/glossary/", "/sitemap.xml",
                "/robots.txt", "/feeds/articles.atom"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_anonymous_public_pages_are_publicly_cacheable(client, article, url):
    response = client.get(url)
    assert response.status_code == 200
    found = directives(response)
    assert {"public", f"max-age={PUBLIC_MAX_AGE}"} <= found
    assert any(d.startswith("stale-while-revalidate=") for d in found)
    assert response.has_header("ETag") and response.has_header("Last-Modified")


def test_anonymous_pages_do_not_vary_on_cookie_or_set_one(client, article):
    response = client.get("/articles/tolerance/")
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies


def test_a_one_language_site_does_not_vary_on_accept_language(client, article, settings):
    """Otherwise a CDN keeps a copy per browser language setting, all the same bytes."""
    settings.LANGUAGES = [("en", "English")]
    assert "accept-language" not in client.get("/").get("Vary", "").lower()


def test_a_site_in_several_languages_varies_on_accept_language(client, article, settings):
    settings.LANGUAGES = [("en", "English"), ("es", "Español")]
    assert "accept-language" in client.get("/").get("Vary", "").lower()


def test_every_anonymous_reader_gets_the_same_bytes_and_etag(client, article):
    first, second = client.get("/articles/tolerance/"), client.get("/articles/tolerance/")
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert first["Last-Modified"] == second["Last-Modified"]


def test_if_none_match_with_the_current_etag_answers_304(client, article):
    etag = client.get("/articles/tolerance/")["ETag"]
    response = client.get("/articles/tolerance/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert "public" in directives(response)


def test_if_modified_since_last_modified_answers_304(client, article):
    last_modified = client.get("/articles/tolerance/")["Last-Modified"]
    response = client.get("/articles/tolerance/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304


def test_a_changed_page_answers_200_to_its_old_validators(client, article):
    old = client.get("/articles/tolerance/")
    content = {**article.serialize_content(), "summary": "A corrected summary."}
    article.publish(article.save_revision(content=content), actor_label="test")
    response = client.get("/articles/tolerance/", HTTP_IF_NONE_MATCH=old["ETag"])
    assert response.status_code == 200
    assert response["ETag"] != old["ETag"]
    response = client.get("/articles/tolerance/", HTTP_IF_MODIFIED_SINCE=old["Last-Modified"])
    assert response.status_code == 200
    assert "A corrected summary." in response.text


def test_a_signed_in_reader_gets_private_no_store(client, article, staff, login_staff):
    login_staff(client, staff)
    response = client.get("/articles/tolerance/")
    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)


def test_a_request_carrying_a_session_cookie_gets_private_no_store(client, article, settings):
    client.cookies[settings.SESSION_COOKIE_NAME] = "stale-or-forged"
    response = client.get("/articles/tolerance/")
    assert {"private", "no-store"} <= directives(response)


def test_the_admin_is_private_no_store(client, settings):
    response = client.get("/" + settings.ADMIN_URL + "login/")
    assert {"private", "no-store"} <= directives(response)


def test_a_post_is_private_no_store(client, article):
    response = client.post("/robots.txt")
    assert response.status_code == 405
    assert {"private", "no-store"} <= directives(response)


def test_a_missing_page_is_cacheable_briefly_but_has_no_etag(client):
    response = client.get("/articles/no-such-article/")
    assert response.status_code == 404
    assert "public" in directives(response)
    assert not response.has_header("ETag")


def test_a_view_that_forbids_caching_keeps_its_header(client):
    response = client.get("/healthz")
    assert "no-store" in directives(response)
    assert "public" not in directives(response)


def test_search_and_tracking_addresses_get_validators_too(client, article):
    """Nothing is remembered per address, so endless query strings cost no cache entries."""
    response = client.get("/articles/?utm_source=newsletter")
    assert response.has_header("ETag") and response.has_header("Last-Modified")


def test_a_numbered_page_gets_a_date(client, make_article, monkeypatch):
    for n in range(21):
        make_article(f"article-{n:02d}")
    settle(monkeypatch)
    assert client.get("/articles/?page=2").has_header("Last-Modified")


def test_a_staff_preview_of_a_draft_is_private_no_store(client, make_article, login_staff):
    from django.urls import reverse

    draft = make_article("draft", live=False)
    admin = get_user_model().objects.create_superuser("admin", "a@example.org",
                                                      "pw-long-enough-1")
    login_staff(client, admin)
    url = reverse("admin:articles_article_preview", args=[draft.pk, draft.latest_revision_id])
    response = client.get(url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)
