"""HTTP caching: public pages are cacheable by browsers and CDNs; anything personal is not.

An anonymous GET of a public page gets ``Cache-Control: public`` with a short max-age (so a
correction reaches readers within minutes), ``stale-while-revalidate`` (a cache answers at
once and refreshes in the background) and ``stale-if-error`` (the information stays
readable if the site is down), plus an ETag and Last-Modified so revalidation is a 304.
Nothing is remembered for them: the ETag is a hash of the bytes and Last-Modified the
content's change date (``core.caching``, which explains every cache and what invalidates it).

Everything else that reaches a person rather than the public — the admin, a signed-in
session, a POST, any response that sets a cookie — is ``private, no-store``.

Public responses also name the content they show in ``Cache-Tag`` and ``Surrogate-Key``
(``core.cache_tags``), so a CDN can purge them by name; private ones never carry those.
"""

import math
import re
import time

from django.conf import settings
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date

from core import cache_tags, caching

PUBLIC_MAX_AGE = 5 * 60
STALE_WHILE_REVALIDATE = 10 * 60
STALE_IF_ERROR = 24 * 60 * 60
# Statuses a shared cache may keep: pages, permanent moves, and pages that are not there.
CACHEABLE_STATUSES = {200, 301, 304, 404, 410}
# Bytes this process renders may differ from what it rendered before it started (a deploy).
PROCESS_STARTED = time.time()
# File times come from the kernel's coarse clock (a few ms behind time.time()), and machines'
# clocks differ a little: a later change must never land in the second of an earlier date.
CLOCK_MARGIN = 0.05


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


def last_modified(changed: float, requested_at: float) -> int | None:
    """The Last-Modified date of bytes rendered from content as it was at ``changed``.

    Every page shows other content besides its own (related articles, glossary definitions,
    topic lists), so the date that is never too early is the site's last content change
    (``core.caching.changed_at()``, read before the view runs), and never before this process
    started (a deploy can change the bytes). HTTP dates have whole seconds, so the date is
    rounded *up*: any later change then falls in a later second, and If-Modified-Since never
    matches changed bytes. Bytes rendered in the very second of a change get no date until
    that second is over (the ETag still validates them).
    """
    modified = math.ceil(max(changed, PROCESS_STARTED) + CLOCK_MARGIN)
    return modified if modified <= requested_at else None


class HttpCachingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Before the view reads anything: a change that lands while it renders moves the
        # date on for the next request, never back for bytes that predate it.
        changed, requested_at = caching.changed_at(), time.time()
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
        # change, e.g. when a page is archived; the content's change date can't.
        modified = last_modified(changed, requested_at)
        if modified is None:
            response.headers.pop("Last-Modified", None)
        else:
            response.headers["Last-Modified"] = http_date(modified)
        return get_conditional_response(request, etag=response["ETag"],
                                        last_modified=modified, response=response)
