from functools import update_wrapper

from django.conf import settings
from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect


def is_verified(user) -> bool:
    """True once the user has passed a second factor in this session (django-otp)."""
    return bool(getattr(user, "is_verified", lambda: False)())


class SecureAdminSite(admin.AdminSite):
    """The admin, for active staff who have signed in with a password and a TOTP code.

    Sign-in is two steps (``admin_security.views``): the password step never signs anyone in;
    only a valid code from the user's authenticator app does, so a session is either fully
    signed in or not at all. ``has_permission`` checks the second factor as well, so a session
    signed in any other way (``force_login``, a future view) still can't reach the admin.
    """

    site_title = _("Editorial admin")

    @property
    def site_header(self):
        return _("%(site_name)s editorial admin") % {"site_name": settings.SITE_NAME}

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and is_verified(user)

    def login(self, request, extra_context=None):
        from admin_security import views

        return views.password_step(request, self, extra_context)

    def _sign_in_step(self, view):
        def step(request):
            request.current_app = self.name
            return view(request, self)

        return update_wrapper(never_cache(csrf_protect(step)), view)

    def get_urls(self):
        from admin_security import views

        return [
            path("login/code/", self._sign_in_step(views.code_step), name="login_code"),
            path("login/setup/", self._sign_in_step(views.setup_step), name="login_setup"),
            *super().get_urls(),
        ]
