"""Public pages: what readers see, and what they never see."""

import pytest
from django.test import Client, override_settings
from django.urls import path

pytestmark = pytest.mark.django_db


def test_home_lists_topics_and_live_articles(client, make_article, topic):
    make_article("tolerance", title="What tolerance means", topics=[topic])
    response = client.get("/")
    assert response.status_code == 200
    assert "What tolerance means" in response.text
    assert topic.title in response.text


def test_article_page_shows_content_sanitized_and_not_reviewed_line(client, make_article):
    make_article("tolerance", title="Tolerance", body="## Why\n\n<script>alert(1)</script>Plain.",
                 key_points=["The same dose can work less well."])
    response = client.get("/articles/tolerance/")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Tolerance</h1>" in html
    assert '<h2 id="sec-why">Why</h2>' in html
    assert "<script>alert" not in html
    assert "The same dose can work less well." in html
    assert "Not yet clinically reviewed" in html
    assert "Last updated" in html
    assert 'href="https://www.fda.gov/"' in html


def test_drafts_are_never_shown(client, make_article):
    make_article("secret-draft", live=False, title="Secret draft")
    assert client.get("/articles/secret-draft/").status_code == 404
    assert "Secret draft" not in client.get("/articles/").text
    assert "Secret draft" not in client.get("/").text


def test_archived_articles_are_not_shown(client, make_article):
    from django.utils import timezone

    article = make_article("old")
    article.archived_at = timezone.now()
    article.save()
    assert client.get("/articles/old/").status_code == 410  # Gone: taken down on purpose


def test_editing_a_live_article_keeps_readers_on_the_live_revision(client, make_article):
    article = make_article("tolerance", title="Live title")
    content = {**article.serialize_content(), "title": "Draft title"}
    article.save_revision(content=content)
    html = client.get("/articles/tolerance/").text
    assert "Live title" in html and "Draft title" not in html


def test_article_list_paginates(client, make_article):
    for number in range(25):
        make_article(f"article-{number:02d}", title=f"Article {number:02d}")
    first = client.get("/articles/")
    second = client.get("/articles/?page=2")
    assert first.text.count('class="card"') == 20
    assert second.text.count('class="card"') == 5
    # Only real pages exist (config/public_requests.py): no last page again under 999.
    assert client.get("/articles/?page=999").status_code == 404
    assert client.get("/articles/?page=abc").status_code == 404


def test_topic_page_lists_its_live_articles(client, make_article, topic):
    make_article("a-live", title="Live one", topics=[topic])
    make_article("a-draft", title="Draft one", topics=[topic], live=False)
    html = client.get(f"/topics/{topic.slug}/").text
    assert "Live one" in html and "Draft one" not in html


def test_unknown_topic_is_404(client):
    assert client.get("/topics/nope/").status_code == 404


def test_article_page_query_count_is_bounded(
    client, make_article, topic, django_assert_max_num_queries
):
    make_article("tolerance", topics=[topic])
    with django_assert_max_num_queries(4):
        assert client.get("/articles/tolerance/").status_code == 200


def test_list_pages_use_constant_queries(
    client, make_article, topic, django_assert_max_num_queries
):
    for number in range(15):
        make_article(f"a-{number}", topics=[topic])
    with django_assert_max_num_queries(3):
        client.get("/")
    with django_assert_max_num_queries(3):
        client.get("/articles/")
    with django_assert_max_num_queries(4):  # paginated: the count is one more query
        client.get(f"/topics/{topic.slug}/")


def test_pages_have_skip_link_lang_and_disclaimer(client):
    html = client.get("/").text
    assert '<html lang="en">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert "not a substitute for advice from your prescriber" in html


def test_custom_404_page(client):
    response = client.get("/articles/does-not-exist/")
    assert response.status_code == 404
    assert "We can't find that page" in response.text


def _boom(request):
    raise RuntimeError("kaboom secret detail")


urlpatterns = [path("boom/", _boom)]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_500_page_is_friendly_and_shows_no_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.text
    assert "Traceback" not in response.text and "kaboom" not in response.text


def test_security_headers_on_public_pages(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_anonymous_readers_get_no_cookies(client, make_article):
    make_article("tolerance")
    for url in ["/", "/articles/", "/articles/tolerance/", "/nope/"]:
        assert not client.get(url).cookies, url
