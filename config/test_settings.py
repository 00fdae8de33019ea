"""Settings for the test suite: local mode, fast hashing, plain static storage."""

import os

os.environ.setdefault("DJANGO_ENV", "local")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    # The manifest storage needs collectstatic; tests serve files from the finders instead.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each request closes its connection: a live server's threads then leave no PostgreSQL
# session behind to block flushing or dropping the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A page kind of the tests' own (tests/extra_kind): tests register it to show that a new kind
# gets search, sitemaps, import and the workflow without edits elsewhere.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.extra_kind"]  # noqa: F405
