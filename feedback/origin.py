"""Cross-site POST protection without a per-reader token (see house-style.md).

Public pages are identical for every reader and set no cookie, so their forms can't carry
Django's CSRF token. Browsers say where a POST comes from in ``Origin`` and
``Sec-Fetch-Site``; a POST is accepted only when they say it comes from this site.
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def site_origins(request) -> set[str]:
    origins = {_origin_of(settings.SITE_URL)}
    origins.update(_origin_of(o) for o in settings.CSRF_TRUSTED_ORIGINS if "*" not in o)
    with contextlib.suppress(DisallowedHost):
        origins.add(f"{request.scheme}://{request.get_host()}".lower())
    return origins


def is_same_origin(request) -> bool:
    """True only when the browser says the POST comes from one of the site's own pages."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site.strip().lower() != "same-origin":
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return fetch_site is not None
    return origin.strip().lower() in site_origins(request)
