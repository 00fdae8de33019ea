"""Staff sessions expire; passwords must be strong; the admin path is a setting."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_a_staff_session_lasts_at_most_a_working_day_and_ends_with_the_browser(
        client, staff_user, login_staff):
    login_staff(client, staff_user)
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert client.session.get_expiry_age() <= 8 * 60 * 60
    assert client.session.get_expire_at_browser_close()


@pytest.mark.django_db
def test_an_expired_staff_session_is_sent_back_to_sign_in(client, staff_user, login_staff):
    login_staff(client, staff_user)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("password", ["short1!", "password1234", "12345678901234",
                                      "clinician2024!"])
@pytest.mark.django_db
def test_weak_passwords_are_refused(staff_user, password):
    with pytest.raises(ValidationError):
        validate_password(password, staff_user)


@pytest.mark.django_db
def test_a_long_uncommon_passphrase_is_accepted(staff_user):
    validate_password("quiet harbour lantern 1987 teal", staff_user)


def test_the_admin_and_the_editor_move_with_the_admin_url_setting():
    code = ("from django.urls import reverse; print(reverse('admin:index'), "
            "reverse('admin:login_code'), reverse('markdownx_upload'))")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, capture_output=True,
        text=True, timeout=120,
        env={**env, "DJANGO_ENV": "local", "ADMIN_URL": "staff-desk/"})
    assert result.stdout.split()[-3:] == [
        "/staff-desk/", "/staff-desk/login/code/", "/staff-desk/editor/upload/"], result.stderr
