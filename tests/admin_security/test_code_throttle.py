"""django-otp's throttle after a wrong code: the wait it names is real, and a code it refused
unchecked is not a failed sign-in for django-axes (issue 16, point 10)."""

import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.admin_security.conftest import PASSWORD, current_code, wrong_code

pytestmark = pytest.mark.django_db
ADDRESS = "198.51.100.7"


def enter_password(client):
    return client.post(reverse("admin:login"), {"username": "clinician", "password": PASSWORD},
                       REMOTE_ADDR=ADDRESS)


def enter_code(client, code):
    return client.post(reverse("admin:login_code"), {"token": code}, REMOTE_ADDR=ADDRESS)


def failures() -> int:
    return sum(AccessAttempt.objects.values_list("failures_since_start", flat=True))


def test_the_right_code_straight_after_a_wrong_one_names_the_wait_in_seconds(client,
                                                                             staff_device):
    enter_password(client)
    enter_code(client, wrong_code(staff_device))
    text = enter_code(client, current_code(staff_device)).content.decode()
    assert "wait a minute" not in text
    match = re.search(r"wait (\d+) seconds?", text)
    assert match, text
    assert int(match.group(1)) == 1  # django-otp asks 1 s after the first wrong code


def test_a_code_refused_unchecked_by_the_throttle_is_not_a_failed_sign_in(client, staff_device):
    enter_password(client)
    enter_code(client, wrong_code(staff_device))
    assert failures() == 1
    for _ in range(3):
        enter_code(client, current_code(staff_device))
    assert failures() == 1
    assert SESSION_KEY not in client.session


def test_after_the_named_wait_the_right_code_signs_in(client, staff_device):
    enter_password(client)
    enter_code(client, wrong_code(staff_device))
    enter_code(client, current_code(staff_device))  # throttled
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        response = enter_code(client, current_code(staff_device))
    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_the_wait_doubles_with_each_wrong_code_as_django_otp_sets_it(client, staff_device):
    """TOTP strength unchanged: 1 s, 2 s, 4 s after the first, second, third wrong code."""
    enter_password(client)
    for expected in (1, 2, 4):
        enter_code(client, wrong_code(staff_device))
        text = enter_code(client, current_code(staff_device)).content.decode()
        assert re.search(rf"wait {expected} seconds?", text), text
        staff_device.refresh_from_db()
        staff_device.throttling_failure_timestamp -= timedelta(seconds=expected)
        staff_device.save()


@override_settings(AXES_FAILURE_LIMIT=5)
def test_five_checked_wrong_codes_still_lock_out(client, staff_device):
    """Lockout unchanged: five wrong codes, each really checked, lock the pair out."""
    enter_password(client)
    for _ in range(5):
        staff_device.throttle_reset()
        enter_code(client, wrong_code(staff_device))
    assert failures() == 5
    staff_device.throttle_reset()
    assert enter_code(client, current_code(staff_device)).status_code == 429
    assert SESSION_KEY not in client.session
