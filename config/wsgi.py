import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

from config.page_cache import PageCacheApplication  # noqa: E402  (once Django is set up)

# Cached public pages are answered in front of Django (config/page_cache.py); the rest by Django.
application = PageCacheApplication(django_application)
