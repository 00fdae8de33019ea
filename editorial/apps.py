from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, using="default", apps=None, **kwargs):
    """Give the editorial roles the permissions of page kinds added after the role migration."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from editorial.roles import sync_roles

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles(global_apps)


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self):
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="editorial-sync-roles")
        # The workflow changes state with queryset.update() (no post_save): its signals move
        # the content generation on (core/caching.py).
        from core import caching
        from editorial.signals import PUBLISHING_SIGNALS

        for signal in PUBLISHING_SIGNALS:
            signal.connect(caching.content_changed, dispatch_uid="content-generation",
                           weak=False)
