from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AdminSecurityConfig(AppConfig):
    default = True
    name = "admin_security"
    verbose_name = _("Admin sign-in security")


class SecureAdminConfig(admin_apps.AdminConfig):
    """Django's admin app, whose default site requires a verified second factor.

    Listed in INSTALLED_APPS in place of ``django.contrib.admin``, so ``admin.site`` and every
    ``@admin.register`` in the project use ``SecureAdminSite`` without knowing it.
    """

    default = False
    default_site = "admin_security.sites.SecureAdminSite"
