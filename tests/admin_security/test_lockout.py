"""django-axes: repeated failures lock a username out at one address, until the cool-off."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from admin_security.views import PENDING_SESSION_KEY
from tests.admin_security.conftest import PASSWORD, current_code, wrong_code

pytestmark = pytest.mark.django_db


def enter_password(client, password, username="clinician", address="198.51.100.7"):
    return client.post(reverse("admin:login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def fail(client, times, **kwargs):
    for _ in range(times):
        enter_password(client, "wrong password, again", **kwargs)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_wrong_passwords_lock_the_account_out_at_that_address(client, staff_device):
    fail(client, 3)
    response = enter_password(client, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert PENDING_SESSION_KEY not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_failures_below_the_limit_do_not_lock_out(client, staff_device):
    fail(client, 2)
    assert enter_password(client, PASSWORD)["Location"] == reverse("admin:login_code")


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_lockout_is_for_that_username_at_that_address_only(client, staff_device,
                                                            django_user_model):
    django_user_model.objects.create_user("colleague", password=PASSWORD, is_staff=True)
    fail(client, 3)
    assert enter_password(client, PASSWORD, address="203.0.113.9").status_code == 302
    client.session.flush()
    assert enter_password(client, PASSWORD, username="colleague").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=timedelta(seconds=1))
def test_sign_in_works_again_after_the_cool_off(client, staff_device):
    fail(client, 3)
    assert enter_password(client, PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        response = enter_password(client, PASSWORD)
        assert response["Location"] == reverse("admin:login_code")
        client.post(response["Location"], {"token": current_code(staff_device)},
                    REMOTE_ADDR="198.51.100.7")
    assert SESSION_KEY in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_codes_count_as_failed_sign_ins(client, staff_device):
    assert enter_password(client, PASSWORD).status_code == 302
    for _ in range(2):
        staff_device.throttle_reset()  # each code checked (tests/admin_security/test_code_throttle)
        client.post(reverse("admin:login_code"), {"token": wrong_code(staff_device)},
                    REMOTE_ADDR="198.51.100.7")
    staff_device.throttle_reset()
    response = client.post(reverse("admin:login_code"), {"token": wrong_code(staff_device)},
                           REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    staff_device.throttle_reset()
    response = client.post(reverse("admin:login_code"), {"token": current_code(staff_device)},
                           REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_the_lockout_page_is_never_cached(client, staff_device, settings):
    settings.AXES_FAILURE_LIMIT = 1
    fail(client, 1)
    response = enter_password(client, PASSWORD)
    assert response.status_code == 429
    assert "no-store" in response["Cache-Control"]


def test_without_a_trusted_proxy_forwarded_addresses_are_ignored(rf, settings):
    from core.client import client_ip

    settings.SECURE_PROXY_SSL_HEADER = None
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert client_ip(request) == "198.51.100.7"


def test_behind_the_trusted_proxy_the_address_it_saw_counts_not_the_forged_ones(rf, settings):
    from core.client import client_ip

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = rf.get("/", REMOTE_ADDR="127.0.0.1",
                     HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.1")
    assert client_ip(request) == "203.0.113.1"
