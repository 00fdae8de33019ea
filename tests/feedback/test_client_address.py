"""Finding 1: feedback rate limits count each reader, not the CDN edge in front of them."""

import pytest
from django.test import override_settings

from feedback.models import HelpfulVote
from tests.feedback.conftest import helpful_data

pytestmark = pytest.mark.django_db

NGINX, EDGE = "10.0.0.5", "198.51.100.20"


def via_cdn_and_nginx(reader, forged=None):
    chain = ", ".join(filter(None, [forged, reader, EDGE]))
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": chain}


@override_settings(FEEDBACK_RATE_LIMIT=10, TRUSTED_PROXIES="2")
def test_ten_answers_from_one_reader_leave_another_behind_the_same_edge_alone(
        client, make_article, post_form):
    article = make_article("tolerance")
    statuses = [post_form(client, "/feedback/helpful/", helpful_data(article),
                          **via_cdn_and_nginx("203.0.113.7")).status_code for _ in range(11)]
    assert statuses == [303] * 10 + [429]
    other = post_form(client, "/feedback/helpful/", helpful_data(article),
                      **via_cdn_and_nginx("203.0.113.8"))
    assert other.status_code == 303


@override_settings(FEEDBACK_RATE_LIMIT=10, TRUSTED_PROXIES="0")
def test_direct_rotating_forwarded_for_values_are_still_one_client(client, make_article,
                                                                   post_form):
    article = make_article("tolerance")
    statuses = [post_form(client, "/feedback/helpful/", helpful_data(article),
                          REMOTE_ADDR="203.0.113.7",
                          HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code for n in range(12)]
    assert statuses == [303] * 10 + [429, 429]
    assert HelpfulVote.objects.count() == 10


@override_settings(FEEDBACK_RATE_LIMIT=2, TRUSTED_PROXIES="1")
def test_one_appending_proxy_counts_the_client_it_saw(client, make_article, post_form):
    article = make_article("tolerance")
    statuses = [post_form(client, "/feedback/helpful/", helpful_data(article),
                          REMOTE_ADDR=NGINX,
                          HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7").status_code
                for n in range(3)]
    assert statuses == [303, 303, 429]
