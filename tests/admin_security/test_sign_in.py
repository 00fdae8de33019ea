"""Two-step admin sign-in: password, then a TOTP code; set-up on first sign-in."""

import time
from urllib.parse import quote

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from admin_security.views import PENDING_SESSION_KEY
from tests.admin_security.conftest import PASSWORD, current_code, wrong_code

pytestmark = pytest.mark.django_db


def enter_password(client, username="clinician", password=PASSWORD, next_url=None):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("admin:login"), data)


def test_the_password_alone_does_not_sign_anyone_in(client, staff_device):
    response = enter_password(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:login_code")
    assert SESSION_KEY not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_valid_code_after_the_password_opens_the_admin(client, staff_device):
    enter_password(client)
    response = client.post(reverse("admin:login_code"), {"token": current_code(staff_device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.session[DEVICE_ID_SESSION_KEY] == staff_device.persistent_id
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_is_refused_and_signs_no_one_in(client, staff_device):
    enter_password(client)
    response = client.post(reverse("admin:login_code"), {"token": wrong_code(staff_device)})
    assert response.status_code == 200
    assert "That code didn&#x27;t work" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_code_can_not_be_used_twice(client, staff_device):
    code = current_code(staff_device)
    enter_password(client)
    client.post(reverse("admin:login_code"), {"token": code})
    client.logout()
    enter_password(client)
    response = client.post(reverse("admin:login_code"), {"token": code})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_the_code_step_without_a_password_first_goes_back_to_the_password(client,
                                                                          staff_device):
    response = client.post(reverse("admin:login_code"), {"token": current_code(staff_device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:login")
    assert SESSION_KEY not in client.session


def test_an_accepted_password_expires_if_no_code_follows(client, staff_device, settings):
    settings.SECOND_FACTOR_PENDING_SECONDS = 60
    enter_password(client)
    session = client.session
    session[PENDING_SESSION_KEY] = {**session[PENDING_SESSION_KEY],
                                    "started": int(time.time()) - 61}
    session.save()
    response = client.post(reverse("admin:login_code"), {"token": current_code(staff_device)})
    assert response["Location"] == reverse("admin:login")
    assert SESSION_KEY not in client.session


def test_a_password_change_between_the_steps_ends_the_sign_in(client, staff_user, staff_device):
    enter_password(client)
    staff_user.set_password("another long passphrase 77")
    staff_user.save()
    response = client.post(reverse("admin:login_code"), {"token": current_code(staff_device)})
    assert response["Location"] == reverse("admin:login")
    assert SESSION_KEY not in client.session


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, staff_user):
    response = enter_password(client)
    assert response["Location"] == reverse("admin:login_setup")
    page = client.get(reverse("admin:login_setup"))
    assert page.status_code == 200
    assert b"<svg" in page.content  # the QR code, drawn inline: no third-party request
    device = TOTPDevice.objects.get(user=staff_user)
    assert not device.confirmed
    assert "no-store" in page["Cache-Control"]


def test_setting_up_an_authenticator_confirms_it_and_signs_in(client, staff_user):
    enter_password(client)
    client.get(reverse("admin:login_setup"))
    device = TOTPDevice.objects.get(user=staff_user)
    response = client.post(reverse("admin:login_setup"), {"token": current_code(device)})
    assert response["Location"] == reverse("admin:index")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_set_up_key_stays_the_same_when_the_page_is_reloaded(client, staff_user):
    enter_password(client)
    first = client.get(reverse("admin:login_setup")).context["secret_groups"]
    second = client.get(reverse("admin:login_setup")).context["secret_groups"]
    assert first == second
    assert TOTPDevice.objects.filter(user=staff_user).count() == 1


def test_a_wrong_code_during_set_up_leaves_the_authenticator_unconfirmed(client, staff_user):
    enter_password(client)
    client.get(reverse("admin:login_setup"))
    device = TOTPDevice.objects.get(user=staff_user)
    response = client.post(reverse("admin:login_setup"), {"token": wrong_code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    assert SESSION_KEY not in client.session


def test_set_up_is_not_offered_to_staff_who_already_have_an_authenticator(client,
                                                                         staff_device):
    """Otherwise a stolen password would be enough to add the thief's own authenticator."""
    enter_password(client)
    response = client.get(reverse("admin:login_setup"))
    assert response["Location"] == reverse("admin:login_code")
    assert TOTPDevice.objects.filter(user=staff_device.user).count() == 1


def test_sign_in_returns_to_the_page_asked_for(client, staff_device):
    wanted = reverse("admin:articles_article_changelist")
    response = enter_password(client, next_url=wanted)
    assert response["Location"] == reverse("admin:login_code") + "?next=" + quote(wanted, safe="")
    response = client.post(response["Location"], {"token": current_code(staff_device),
                                                  "next": wanted})
    assert response["Location"] == wanted


def test_sign_in_never_sends_anyone_to_another_site(client, staff_device):
    enter_password(client, next_url="https://evil.example/")
    response = client.post(reverse("admin:login_code"), {"token": current_code(staff_device),
                                                         "next": "https://evil.example/"})
    assert response["Location"] == reverse("admin:index")


def test_non_staff_can_not_pass_the_password_step(client, django_user_model):
    django_user_model.objects.create_user("reader", password=PASSWORD)
    response = enter_password(client, username="reader")
    assert response.status_code == 200
    assert PENDING_SESSION_KEY not in client.session


def test_a_wrong_password_is_refused(client, staff_device):
    response = enter_password(client, password="not the password at all")
    assert response.status_code == 200
    assert PENDING_SESSION_KEY not in client.session
