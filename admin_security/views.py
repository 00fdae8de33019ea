"""Two-step admin sign-in: a password, then a TOTP code (set up on first sign-in).

The password step only records, in the session, that this user's password was accepted; the
user is signed in (``auth.login``) by the code step, together with django-otp's record of the
device used (``django_otp.login``). Wrong passwords and wrong codes both count as failed
sign-ins for django-axes, which locks that username at that address out for the cool-off; a
code django-otp's throttle refused without checking it does not count.
"""

from __future__ import annotations

import base64
import math
import time

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from admin_security.forms import CodeForm

PENDING_SESSION_KEY = "_admin_security_pending"


def password_step(request, site, extra_context=None):
    next_url = _next_url(request)
    if request.method == "GET" and site.has_permission(request):
        return redirect(next_url or reverse("admin:index", current_app=site.name))
    form = AdminAuthenticationForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if request.user.is_authenticated:
            auth.logout(request)  # whoever was signed in here is signed out first
        _start_pending(request, user)
        step = "login_code" if _confirmed_devices(user) else "login_setup"
        return redirect(_step_url(site, step, next_url))
    context = {
        **site.each_context(request),
        "title": _("Log in"),
        "subtitle": None,
        "form": form,
        "app_path": request.get_full_path(),
        "next": next_url,
        "username": request.user.get_username(),
        **(extra_context or {}),
    }
    request.current_app = site.name
    return TemplateResponse(request, "admin/login.html", context)


def code_step(request, site):
    next_url = _next_url(request)
    user = _pending_user(request)
    if user is None:
        return _back_to_password(request, site, next_url)
    devices = _confirmed_devices(user)
    if not devices:
        return redirect(_step_url(site, "login_setup", next_url))
    credentials = {auth.get_user_model().USERNAME_FIELD: user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return lockout_response(request)
    form = _code_form(request)
    if form.is_bound and form.is_valid():
        device, checked = _verify(devices, form.cleaned_data["token"], form)
        if device is not None:
            return _complete_sign_in(request, site, user, device, next_url)
        if checked:
            _record_failure(request, credentials)
    return _render_step(request, site, "admin_security/code.html", form, next_url, {})


def setup_step(request, site):
    """First sign-in of an account without an authenticator: pair one, then sign in with it."""
    next_url = _next_url(request)
    user = _pending_user(request)
    if user is None:
        return _back_to_password(request, site, next_url)
    if _confirmed_devices(user):
        return redirect(_step_url(site, "login_code", next_url))
    credentials = {auth.get_user_model().USERNAME_FIELD: user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return lockout_response(request)
    # One unconfirmed device per user, kept across reloads so the QR code stays the same.
    device = (TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
              or TOTPDevice.objects.create(user=user, name=_("Authenticator app"),
                                           confirmed=False))
    form = _code_form(request)
    if form.is_bound and form.is_valid():
        verified, checked = _verify([device], form.cleaned_data["token"], form)
        if verified is not None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            messages.success(request, _("Two-step sign-in is set up for your account."))
            return _complete_sign_in(request, site, user, device, next_url)
        if checked:
            _record_failure(request, credentials)
    secret = base64.b32encode(device.bin_key).decode()
    extra = {
        "qr_svg": mark_safe(
            segno.make(device.config_url, error="m").svg_inline(
                scale=4, title=_("QR code for your authenticator app"))),
        "secret_groups": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
    }
    return _render_step(request, site, "admin_security/setup.html", form, next_url, extra)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lockout answer: 429 with the admin's look and the wait in minutes."""
    from django.contrib import admin

    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in locked"),
        "cooloff_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    response = TemplateResponse(request, "admin_security/locked_out.html", context, status=429)
    response["Cache-Control"] = "no-store"
    return response.render()


def _code_form(request):
    return CodeForm(request.POST if request.method == "POST" else None)


def _verify(devices, token, form):
    """``(device that accepts token, whether any device checked it)``; on refusal the reason
    is added to ``form``.

    django-otp refuses to check a code for a few seconds after a wrong one (1 s, then 2, 4,
    ...). A code refused that way was never checked, so it is not a failed sign-in for
    django-axes, and the message names the real wait.
    """
    waits = []
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed:
            waits.append(_seconds_until((details or {}).get("locked_until")))
            continue
        if device.verify_token(token):
            return device, True
    checked = len(waits) < len(devices)
    if checked:
        form.add_error("token", _("That code didn't work. Try the newest code."))
    else:
        seconds = min(waits)
        form.add_error("token", ngettext(
            "Too many wrong codes in a row: wait %(seconds)d second, then try the newest code.",
            "Too many wrong codes in a row: wait %(seconds)d seconds, then try the newest code.",
            seconds) % {"seconds": seconds})
    return None, checked


def _seconds_until(moment) -> int:
    """Whole seconds from now until ``moment`` (at least 1: the throttle said "not yet")."""
    if moment is None:
        return 1
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))


def _record_failure(request, credentials):
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)


def _complete_sign_in(request, site, user, device, next_url):
    request.session.pop(PENDING_SESSION_KEY, None)
    auth.login(request, user, backend=user.backend)
    otp_login(request, device)
    return redirect(next_url or reverse("admin:index", current_app=site.name))


def _start_pending(request, user):
    request.session.cycle_key()
    request.session[PENDING_SESSION_KEY] = {
        "user": str(user.pk),
        "backend": user.backend,
        "started": int(time.time()),
        "auth_hash": user.get_session_auth_hash(),
    }


def _pending_user(request):
    pending = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("started", 0) > settings.SECOND_FACTOR_PENDING_SECONDS:
        del request.session[PENDING_SESSION_KEY]
        return None
    user_model = auth.get_user_model()
    try:
        user = user_model.objects.get(pk=pending["user"])
    except (user_model.DoesNotExist, ValueError, KeyError):
        return None
    # A password changed or an account disabled since the password step ends the attempt.
    if not (user.is_active and user.is_staff) or not constant_time_compare(
            user.get_session_auth_hash(), pending.get("auth_hash", "")):
        del request.session[PENDING_SESSION_KEY]
        return None
    user.backend = pending["backend"]
    return user


def _confirmed_devices(user):
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"))


def _back_to_password(request, site, next_url):
    messages.info(request, _("Your sign-in timed out. Enter your password again."))
    return redirect(_step_url(site, "login", next_url))


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return ""


def _step_url(site, name, next_url):
    url = reverse(f"admin:{name}", current_app=site.name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _render_step(request, site, template, form, next_url, extra):
    context = {
        **site.each_context(request),
        "title": _("Two-step sign-in"),
        "subtitle": None,
        "form": form,
        "next": next_url,
        "app_path": request.get_full_path(),
        **extra,
    }
    return TemplateResponse(request, template, context)
