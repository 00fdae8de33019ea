"""The CDN purge hook, against a real HTTP server on 127.0.0.1 standing in for the CDN's API."""

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from editorial import workflow
from seo import purge
from tests.editorial.helpers import reload

pytestmark = pytest.mark.django_db

SITE = "https://benzo.example.org"


class PurgeStub:
    """Answers each POST with the next status in ``statuses`` (the last one repeats)."""

    def __init__(self, statuses=(200,), delay=0.0):
        self.statuses = list(statuses)
        self.delay = delay
        self.requests: list[dict] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                stub.requests.append({"path": self.path, "headers": dict(self.headers),
                                      "body": json.loads(body)})
                time.sleep(stub.delay)
                status = stub.statuses.pop(0) if len(stub.statuses) > 1 else stub.statuses[0]
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"success": true}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/zones/zone-id/purge_cache"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cdn(settings):
    stubs = []

    def start(statuses=(200,), delay=0.0):
        stub = PurgeStub(statuses, delay)
        stubs.append(stub)
        settings.CDN_PURGE_URL = stub.url
        settings.CDN_PURGE_TOKEN = "secret-token"
        settings.CDN_PURGE_BACKOFF_SECONDS = 0.01
        settings.CDN_PURGE_ATTEMPTS = 3
        return stub

    settings.SITE_URL = SITE
    yield start
    wait_for_purges()
    for stub in stubs:
        stub.close()


def wait_for_purges():
    for thread in threading.enumerate():
        if thread.name == "cdn-purge":
            thread.join(timeout=30)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publishing_sends_the_page_its_lists_topics_sitemap_and_feed(cdn, committed,
                                                                     make_article, topic):
    stub = cdn()
    with committed():
        make_article("tolerance", topics=[topic])
    wait_for_purges()
    assert len(stub.requests) == 1
    request = stub.requests[0]
    assert request["path"] == "/zones/zone-id/purge_cache"
    assert request["headers"]["Authorization"] == "Bearer secret-token"
    assert set(request["body"]["files"]) == {
        f"{SITE}/articles/tolerance/", f"{SITE}/", f"{SITE}/articles/",
        f"{SITE}/topics/{topic.slug}/", f"{SITE}/sitemap.xml", f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-topics.xml", f"{SITE}/feeds/articles.atom",
    }


def test_unpublishing_and_archiving_purge_too(cdn, committed, make_article):
    article = make_article("tolerance")
    stub = cdn()
    with committed():
        workflow.unpublish(article, user=None)
    wait_for_purges()
    with committed():
        workflow.archive(reload(article), user=None)
    wait_for_purges()
    assert [f"{SITE}/articles/tolerance/" in r["body"]["files"] for r in stub.requests] == [
        True, True]


def test_a_glossary_term_purges_its_page_and_the_glossary(cdn, committed, make_term):
    stub = cdn()
    with committed():
        make_term("tolerance")
    wait_for_purges()
    files = stub.requests[0]["body"]["files"]
    assert f"{SITE}/glossary/tolerance/" in files and f"{SITE}/glossary/" in files


def test_nothing_is_sent_before_the_commit_or_after_a_rollback(cdn, make_article):
    stub = cdn()
    make_article("tolerance")  # inside the test's transaction, never committed
    with pytest.raises(RuntimeError), transaction.atomic():
        make_article("another")
        raise RuntimeError
    wait_for_purges()
    assert stub.requests == []


def test_without_a_purge_url_nothing_is_sent(settings, committed, make_article):
    settings.CDN_PURGE_URL = ""
    with committed():
        make_article("tolerance")
    assert not [t for t in threading.enumerate() if t.name == "cdn-purge"]


def test_a_failed_purge_is_retried_with_backoff_and_logged(cdn, committed, make_article, caplog):
    stub = cdn(statuses=(503, 502, 200))
    with caplog.at_level(logging.INFO, logger="seo.purge"), committed():
        make_article("tolerance")
    wait_for_purges()
    assert len(stub.requests) == 3
    messages = [record.getMessage() for record in caplog.records]
    assert sum("retrying" in message for message in messages) == 2
    assert any("CDN purge accepted" in message for message in messages)


def test_a_purge_that_keeps_failing_never_breaks_publishing(cdn, committed, make_article,
                                                            caplog):
    stub = cdn(statuses=(500,))
    with caplog.at_level(logging.WARNING, logger="seo.purge"), committed():
        article = make_article("tolerance")
    wait_for_purges()
    assert reload(article).live
    assert len(stub.requests) == 3
    assert any(record.levelname == "ERROR" and "failed after 3 attempts" in record.getMessage()
               for record in caplog.records)


def test_an_unreachable_endpoint_never_breaks_publishing(settings, committed, make_article,
                                                         caplog):
    stub = PurgeStub()
    stub.close()  # nothing listens on its port any more
    settings.CDN_PURGE_URL, settings.CDN_PURGE_ATTEMPTS = stub.url, 2
    settings.CDN_PURGE_BACKOFF_SECONDS = 0.01
    with caplog.at_level(logging.WARNING, logger="seo.purge"), committed():
        article = make_article("tolerance")
    wait_for_purges()
    assert reload(article).live
    assert any("failed after 2 attempts" in record.getMessage() for record in caplog.records)


def test_changes_committed_together_go_out_in_one_call(cdn, committed, make_article):
    """A whole import makes a call per 30 addresses, not a thread and a call per page."""
    stub = cdn()
    with committed():
        for number in range(3):
            make_article(f"article-{number}")
    wait_for_purges()
    assert len(stub.requests) < 3
    assert {f"{SITE}/articles/article-{n}/" for n in range(3)} <= {
        url for request in stub.requests for url in request["body"]["files"]}


def test_a_slow_cdn_does_not_hold_up_the_publish(cdn, committed, make_article):
    stub = cdn(delay=2.0)
    started = time.monotonic()
    with committed():
        make_article("tolerance")
    assert time.monotonic() - started < 1.5
    wait_for_purges()
    assert len(stub.requests) == 1


def test_fastly_gets_surrogate_keys_and_its_own_token_header(settings, make_article, topic):
    settings.CDN_PURGE_URL = "https://api.fastly.com/service/SERVICE_ID/purge"
    settings.CDN_PURGE_TOKEN = "fastly-token"
    article = make_article("tolerance", topics=[topic])
    request = purge.request_for(*purge.affected(article))
    assert request.get_header("Fastly-key") == "fastly-token"
    assert not request.has_header("Authorization")
    keys = json.loads(request.data)["surrogate_keys"]
    assert {f"article-{article.pk}", f"topic-{topic.pk}", "list-articles", "sitemap",
            "feed"} <= set(keys)
