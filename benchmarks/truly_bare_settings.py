"""Django with nothing in it: no apps, no middleware, no database, one view serving fixed bytes.

The second baseline of ``throughput.py`` (issue 19): what the same gunicorn config costs with
Django doing the least it can. ``bare_settings.py`` keeps the site's settings and middleware;
this keeps neither.
"""

import os

SECRET_KEY = os.environ.get("SECRET_KEY", "benchmark-only")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "benchmarks.bare_urls"
DATABASES: dict = {}
USE_I18N = False
USE_TZ = True
LOGGING_CONFIG = None
