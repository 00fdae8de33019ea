from django.apps import AppConfig


class ExtraKindConfig(AppConfig):
    name = "tests.extra_kind"
    label = "extra_kind"
    verbose_name = "Extra page kind (tests)"
    default_auto_field = "django.db.models.BigAutoField"
