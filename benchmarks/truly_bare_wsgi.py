"""Plain ``get_wsgi_application()`` for ``truly_bare_settings``: nothing of the site in front."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
