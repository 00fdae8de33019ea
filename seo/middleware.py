"""HTTP caching: public pages are cacheable by browsers and CDNs; anything personal is not.

An anonymous GET of a public page gets ``Cache-Control: public`` with a short max-age (so a
correction reaches readers within minutes), ``stale-while-revalidate`` (a cache answers at
once and refreshes in the background) and ``stale-if-error`` (the information stays
readable if the site is down), plus an ETag and Last-Modified so revalidation is a 304.

Everything else that reaches a person rather than the public — the admin, a signed-in
session, a POST, any response that sets a cookie — is ``private, no-store``.

Public responses also name the content they show in ``Cache-Tag`` and ``Surrogate-Key``
(``core.cache_tags``), so a CDN can purge them by name; private ones never carry those.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date

from core import cache_tags, freshness

PUBLIC_MAX_AGE = 5 * 60
STALE_WHILE_REVALIDATE = 10 * 60
STALE_IF_ERROR = 24 * 60 * 60
# Statuses a shared cache may keep: pages, permanent moves, and pages that are not there.
CACHEABLE_STATUSES = {200, 301, 304, 404, 410}
LAST_MODIFIED_TTL = 30 * 24 * 60 * 60
# Bytes this process renders may differ from what it rendered before it started (a deploy).
PROCESS_STARTED = time.time()


def is_personal(request, response) -> bool:
    if request.method not in ("GET", "HEAD"):
        return True
    if request.path.startswith("/" + settings.ADMIN_URL):
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def make_private(response) -> None:
    patch_cache_control(response, private=True, no_store=True)


def make_public(response) -> None:
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE,
                        stale_while_revalidate=STALE_WHILE_REVALIDATE,
                        stale_if_error=STALE_IF_ERROR)
    # A reader without a session gets the same bytes whatever cookies they send, so a CDN
    # need not keep a copy per Cookie header (SessionMiddleware adds Vary: Cookie as soon
    # as anything looks at the session, even to find it empty). Likewise, while the site
    # has one language, LocaleMiddleware's Vary: Accept-Language would only split a CDN's
    # cache into a copy per browser language setting, all with the same bytes.
    needless = {"cookie"} | ({"accept-language"} if len(settings.LANGUAGES) == 1 else set())
    if "Vary" in response.headers:
        kept = [v.strip() for v in response.headers["Vary"].split(",")
                if v.strip() and v.strip().lower() not in needless]
        if kept:
            response.headers["Vary"] = ", ".join(kept)
        else:
            del response.headers["Vary"]


def page_number(value: str) -> int | None:
    """A page number as a reader could have followed a link to it, else None."""
    return int(value) if re.fullmatch(r"[0-9]{1,6}", value) else None


def _dated_address(request) -> str | None:
    """The address a date is remembered under, or None for addresses not worth one.

    Only a page and its page number: search queries and tracking parameters are endless,
    and remembering each would push useful entries (rendered articles) out of the cache.
    """
    language = getattr(request, "LANGUAGE_CODE", "")
    parameters = list(request.GET)
    if not parameters:
        return f"{language} {request.path}"
    if parameters == ["page"] and (number := page_number(request.GET["page"])):
        return f"{language} {request.path}?page={number}"
    return None


def last_modified(request, etag: str) -> int | None:
    """When the bytes at this address last changed, as far as this site can tell.

    Each address remembers its current ETag and a date: the same ETag keeps its date; a new
    one is dated no earlier than the last content change (``core.freshness``, which every
    process on the machine shares, so workers date new bytes alike without a shared cache)
    and strictly after the date this process gave the previous bytes, so If-Modified-Since
    never matches changed bytes here even when they change within the second (HTTP dates
    have no fraction). Across workers without a shared cache, bytes that changed in the same
    second as the old ones were dated can share their date; If-None-Match (what browsers and
    CDNs send) still tells them apart. When the date would be in the future, no date is given
    yet (the ETag still validates).
    """
    address = _dated_address(request)
    if address is None:
        return None
    key = "seo:last-modified:" + hashlib.sha256(address.encode()).hexdigest()
    now = int(time.time())
    seen = cache.get(key)
    if seen and seen[0] == etag:
        modified = seen[1]
    else:
        changed = int(max(freshness.changed_at(), PROCESS_STARTED))
        modified = max(changed, seen[1] + 1) if seen else changed
        cache.set(key, (etag, modified), LAST_MODIFIED_TTL)
    return modified if modified <= now else None


class HttpCachingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request, response):
            make_private(response)
            cache_tags.untag(response)
            return response
        if response.has_header("Cache-Control"):
            # The view decided (never_cache on previews, static files, ...).
            if "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]:
                cache_tags.untag(response)
            return response
        if response.status_code not in CACHEABLE_STATUSES:
            make_private(response)
            cache_tags.untag(response)
            return response
        make_public(response)
        cache_tags.tag_public(request, response)
        # HEAD answers exactly as GET (validators and 304 included); the server drops the body.
        if request.method not in ("GET", "HEAD") or response.status_code != 200 \
                or response.streaming:
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        # A view's own date (a sitemap's newest lastmod, say) can stay put while the bytes
        # change, e.g. when a page is archived; the date these bytes were first seen can't.
        modified = last_modified(request, response["ETag"])
        if modified is None:
            response.headers.pop("Last-Modified", None)
        else:
            response.headers["Last-Modified"] = http_date(modified)
        return get_conditional_response(request, etag=response["ETag"],
                                        last_modified=modified, response=response)
