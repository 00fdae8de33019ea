"""Finding 1: the sign-in lockout keys on the real client in every documented topology.

Three topologies (docs/deployment.md, "The client's address"):
- direct: gunicorn reachable by clients, TRUSTED_PROXIES=0: X-Forwarded-For is ignored;
- one appending proxy (nginx, or nginx whose real_ip module resolved the CDN): 1;
- CDN -> nginx -> gunicorn, both appending: 2 (or the proxies' networks).
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings
from django.urls import reverse

from core.client import client_ip, parse_trusted_proxies
from tests.admin_security.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NGINX = "10.0.0.5"          # what gunicorn sees as REMOTE_ADDR behind nginx
EDGE = "198.51.100.20"      # one CDN edge, shared by many readers
READER_A, READER_B = "203.0.113.7", "203.0.113.8"


def sign_in(client, password, **meta):
    return client.post(reverse("admin:login"), {"username": "clinician", "password": password},
                       **meta)


def via_cdn_and_nginx(reader, forged=None):
    chain = ", ".join(filter(None, [forged, reader, EDGE]))
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": chain}


@override_settings(AXES_FAILURE_LIMIT=5, TRUSTED_PROXIES="2")
def test_behind_cdn_and_nginx_one_readers_failures_dont_lock_out_another(client,
                                                                         staff_device):
    for _ in range(5):
        sign_in(client, "wrong password", **via_cdn_and_nginx(READER_A))
    assert sign_in(client, PASSWORD, **via_cdn_and_nginx(READER_A)).status_code == 429
    client.session.flush()
    # The real reviewer, behind the same CDN edge, signs in.
    response = sign_in(client, PASSWORD, **via_cdn_and_nginx(READER_B))
    assert response.status_code == 302 and response["Location"] == reverse("admin:login_code")


@override_settings(AXES_FAILURE_LIMIT=5, TRUSTED_PROXIES="2")
def test_behind_cdn_and_nginx_a_forged_first_entry_changes_nothing(client, staff_device):
    for n in range(5):
        sign_in(client, "wrong password", **via_cdn_and_nginx(READER_A, forged=f"192.0.2.{n}"))
    assert sign_in(client, PASSWORD, **via_cdn_and_nginx(READER_A, forged="192.0.2.99")
                   ).status_code == 429


@override_settings(AXES_FAILURE_LIMIT=5, TRUSTED_PROXIES="0")
def test_direct_rotating_forwarded_for_values_do_not_escape_the_lockout(client, staff_device):
    for n in range(12):
        sign_in(client, "wrong password", REMOTE_ADDR=READER_A,
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert sign_in(client, PASSWORD, REMOTE_ADDR=READER_A,
                   HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


@override_settings(AXES_FAILURE_LIMIT=5, TRUSTED_PROXIES="1")
def test_one_appending_proxy_locks_out_the_client_it_saw(client, staff_device):
    for n in range(5):
        sign_in(client, "wrong password", REMOTE_ADDR=NGINX,
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {READER_A}")
    assert sign_in(client, PASSWORD, REMOTE_ADDR=NGINX,
                   HTTP_X_FORWARDED_FOR=READER_A).status_code == 429
    client.session.flush()
    assert sign_in(client, PASSWORD, REMOTE_ADDR=NGINX,
                   HTTP_X_FORWARDED_FOR=READER_B).status_code == 302


@pytest.mark.parametrize("trusted, meta, expected", [
    ("0", {"REMOTE_ADDR": READER_A, "HTTP_X_FORWARDED_FOR": "192.0.2.1"}, READER_A),
    ("1", {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": f"192.0.2.1, {READER_A}"}, READER_A),
    ("1", {"REMOTE_ADDR": NGINX}, NGINX),  # nothing forwarded: the peer
    ("2", {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": f"192.0.2.1, {READER_A}, {EDGE}"},
     READER_A),
    ("2", {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": EDGE}, EDGE),  # CDN bypassed
    ("10.0.0.0/8, 198.51.100.0/24",
     {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": f"192.0.2.1, {READER_A}, {EDGE}"}, READER_A),
    ("10.0.0.0/8", {"REMOTE_ADDR": READER_B, "HTTP_X_FORWARDED_FOR": READER_A}, READER_B),
    ("2", {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": f"not-an-ip, {EDGE}"}, EDGE),
    ("2", {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "2001:db8::1, 2001:db8::2"},
     "2001:db8::1"),
])
def test_client_ip_by_topology(settings, trusted, meta, expected):
    settings.TRUSTED_PROXIES = trusted
    assert client_ip(RequestFactory().get("/", **meta)) == expected


@pytest.mark.parametrize("value", ["two", "10.0.0.0/33", "10.0.0.1,,nonsense"])
def test_a_mistyped_setting_stops_the_start_with_the_reason(value):
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        parse_trusted_proxies(value)
