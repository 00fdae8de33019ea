"""Finding 7: HEAD answers exactly as GET without the body; finding 8: 405 for other methods."""

from urllib.parse import urlencode

import pytest

from tests.support.caching import settle

pytestmark = pytest.mark.django_db

HEADERS = ["ETag", "Last-Modified", "Cache-Control", "Content-Type", "Content-Security-Policy",
           "X-Frame-Options"]


@pytest.mark.parametrize("path", ["/", "/articles/", "/articles/tolerance/", "/glossary/",
                                  "/feeds/articles.atom", "/sitemap.xml", "/robots.txt"])
def test_head_sends_the_headers_get_sends(client, make_article, path):
    make_article("tolerance")
    get = client.get(path)
    head = client.head(path)
    assert get.status_code == head.status_code == 200
    assert head.content == b""
    for name in HEADERS:
        assert head.get(name) == get.get(name), name
    assert head["ETag"]


@pytest.mark.parametrize("path", ["/articles/tolerance/", "/feeds/articles.atom"])
def test_head_answers_conditional_requests_with_304(client, make_article, path, monkeypatch):
    make_article("tolerance")
    settle(monkeypatch)
    etag = client.get(path)["ETag"]
    assert client.head(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    modified = client.get(path)["Last-Modified"]
    assert client.head(path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304


@pytest.mark.parametrize("method", ["put", "delete", "patch", "options", "trace", "post"])
@pytest.mark.parametrize("path", ["/", "/articles/tolerance/", "/glossary/", "/robots.txt"])
def test_methods_a_public_view_does_not_serve_are_405(client, make_article, method, path):
    make_article("tolerance")
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert b"Plain words" not in response.content


def test_the_feedback_forms_still_take_posts(client, make_article):
    article = make_article("tolerance")
    data = urlencode({"kind": "article", "page": article.pk,
                      "revision": article.live_revision_id, "helpful": "yes"})
    response = client.post("/feedback/helpful/", data,
                           content_type="application/x-www-form-urlencoded",
                           HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 303
    assert client.put("/feedback/helpful/").status_code == 405
