"""Security headers for static files, the same as pages get (WhiteNoise answers them itself).

WhiteNoise serves ``/static/`` before the CSP, Permissions-Policy and X-Frame-Options
middleware run, so a static response went out without them; this adds them
(``WHITENOISE_ADD_HEADERS_FUNCTION``).
"""

from django.conf import settings


def content_security_policy() -> str:
    """The policy django-csp sends with pages, built by django-csp itself."""
    from csp.utils import build_policy

    return build_policy()


def add_security_headers(headers, path, url) -> None:
    headers["Content-Security-Policy"] = content_security_policy()
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    headers["Permissions-Policy"] = settings.PERMISSIONS_POLICY
