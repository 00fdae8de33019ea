import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def staff_user(db):
    """A staff editor who may change articles and terms, without an authenticator yet."""
    user = get_user_model().objects.create_user("clinician", "clinician@example.org", PASSWORD,
                                                is_staff=True)
    user.user_permissions.set(Permission.objects.filter(
        codename__in=["change_article", "add_article", "change_term", "add_term"]))
    return user


@pytest.fixture
def staff_device(staff_user):
    return TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)


def current_code(device):
    """The code the authenticator app shows now."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def wrong_code(device):
    return f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"
