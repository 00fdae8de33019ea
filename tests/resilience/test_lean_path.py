"""The lean path: a cached public page is answered in front of Django, headers and 304s included.

These call the real WSGI application (``config.wsgi``) the way gunicorn does.
"""

import io
import sys

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from config.wsgi import application
from tests.support.caching import settle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """As Django's test client does: the real handler would close the connection (and with it
    the test's transaction) at the start and end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call(path, method="GET", query="", **headers):
    environ = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr, **headers,
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)

    chunks = application(environ, start_response)
    body = b"".join(chunks)
    getattr(chunks, "close", lambda: None)()
    return answer["status"], answer["headers"], body


@pytest.fixture
def django_runs():
    """How many requests reached Django (the lean path sends none)."""
    started = []

    def count(**kwargs):
        started.append(1)

    request_started.connect(count)
    yield started
    request_started.disconnect(count)


def test_a_cached_page_is_answered_without_django_with_the_same_bytes_and_headers(
        make_article, django_runs, monkeypatch):
    make_article("tolerance")
    settle(monkeypatch)
    first = call("/articles/tolerance/")
    assert first[0] == "200 OK" and len(django_runs) == 1
    with CaptureQueriesContext(connection) as queries:
        again = call("/articles/tolerance/")
    assert len(django_runs) == 1 and len(queries) == 0
    assert again == first
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy",
                   "Cache-Control", "ETag", "Last-Modified", "Cache-Tag"):
        assert again[1][header] == first[1][header], header


def test_a_client_holding_the_page_gets_a_304_with_its_validators(make_article, django_runs,
                                                                   monkeypatch):
    make_article("tolerance")
    settle(monkeypatch)
    _, headers, _ = call("/articles/tolerance/")
    status, not_modified, body = call("/articles/tolerance/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status == "304 Not Modified" and body == b""
    assert not_modified["ETag"] == headers["ETag"]
    assert not_modified["Cache-Control"] == headers["Cache-Control"]
    assert "Content-Length" not in not_modified
    status, _, _ = call("/articles/tolerance/", HTTP_IF_MODIFIED_SINCE=headers["Last-Modified"])
    assert status == "304 Not Modified"
    assert call("/articles/tolerance/", HTTP_IF_NONE_MATCH='"other"')[0] == "200 OK"
    assert len(django_runs) == 1


def test_head_gets_the_headers_get_gets(make_article):
    make_article("tolerance")
    _, get_headers, _ = call("/articles/tolerance/")
    status, head_headers, _ = call("/articles/tolerance/", method="HEAD")
    assert status == "200 OK" and head_headers == get_headers


@pytest.mark.parametrize("path, extra", [
    ("/articles/tolerance/", {"HTTP_COOKIE": "sessionid=abc"}),
    ("/articles/tolerance/", {"QUERY_STRING": "utm_source=x"}),
])
def test_requests_that_may_be_personal_always_reach_django(make_article, django_runs, path,
                                                          extra):
    make_article("tolerance")
    call(path)
    query = extra.pop("QUERY_STRING", "")
    call(path, query=query, **extra)
    call(path, query=query, **extra)
    assert len(django_runs) == 3


def test_a_publish_is_seen_on_the_lean_path_at_once(make_article):
    article = make_article("tolerance", title="Old title")
    assert b"Old title" in call("/articles/tolerance/")[2]
    article.publish(article.save_revision(content={**article.serialize_content(),
                                                   "title": "New title"}))
    body = call("/articles/tolerance/")[2]
    assert b"New title" in body and b"Old title" not in body
