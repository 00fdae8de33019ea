"""Whole-page cache for anonymous readers: a public page is rendered once, then served as bytes.

Every anonymous reader gets the same bytes (house style), so once a view has rendered a public
page the next reader can be given those bytes without running the view, its queries or its
templates. The middleware sits last in ``MIDDLEWARE``, around the view only: every other
middleware (security headers, CSP, ETag and 304s, language) still runs on every response.

Invalidation happens in one place: the content generation (``config.freshness``: a small file
every process on the machine shares, plus a counter in the cache that several machines share
with Redis) is part of every key, and any model saved or deleted (``post_save``,
``post_delete``, ``m2m_changed``) or any page published, unpublished, archived or restored
(``editorial.signals``) moves it on — immediately and again on commit — so the change makes
every cached page stale at once, in every worker, cron job and shell, without deleting a key.
The receivers are connected in ``SeoConfig.ready()``, so they run in every process that loads
Django, not only in web workers. Entries also expire after ``PAGE_CACHE_SECONDS``: that bounds
what no signal sees (``queryset.update()`` outside the workflow, wording that depends on
today's date) to the same order as the CDN's own ``max-age``.

Only what is certainly public is cached: GET or HEAD, no session cookie, outside the admin, no
query string other than ``?page=``, a 200 whose view set no cookie, no ``Cache-Control``, no
``Vary``, no CSRF token and no message.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

from config import freshness
from editorial.signals import PUBLISHING_SIGNALS

# Writes that never change what readers see, and happen often enough to matter.
QUIET_APPS = frozenset({"sessions", "axes", "otp_totp", "otp_static", "django_otp"})
# Reader feedback is never shown on a page (correction notes are, so they are not listed).
QUIET_MODELS = frozenset({"feedback.helpfulvote", "feedback.problemreport",
                          "feedback.submissioncount"})


def generation() -> str:
    return freshness.current()


def bump() -> None:
    """Make every cached page stale (readers get freshly rendered pages from now on)."""
    freshness.bump()


def bump_now_and_on_commit() -> None:
    bump()
    # Again once the transaction commits: a page rendered meanwhile from the old rows must not
    # be kept under the new generation.
    transaction.on_commit(bump)


def _content_changed(sender, **kwargs):
    if sender._meta.app_label in QUIET_APPS or sender._meta.label_lower in QUIET_MODELS:
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    bump_now_and_on_commit()


def _page_changed(sender, **kwargs):
    bump_now_and_on_commit()


def connect_signals() -> None:
    """Called once per process from ``SeoConfig.ready()``."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"page-cache-{id(signal)}", weak=False)
    for signal in PUBLISHING_SIGNALS:
        signal.connect(_page_changed, dispatch_uid=f"page-cache-{id(signal)}", weak=False)


def is_cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith("/" + settings.ADMIN_URL)
        and set(request.GET) <= {"page"}
    )


def is_storable(request, response) -> bool:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not response.has_header("Vary")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not getattr(messages, "added_new", False)
        # ?page= only where the view pages through a list (others would ignore the number).
        and ("page" not in request.GET or getattr(request, "paginated", False))
    )


def page_key(request) -> str:
    address = "\n".join([
        request.scheme, request.get_host(), getattr(request, "LANGUAGE_CODE", ""),
        request.get_full_path(),
    ])
    return f"page-cache:{generation()}:{hashlib.sha256(address.encode()).hexdigest()}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        stored = cache.get(key)
        if stored is not None:
            status, content, headers = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if is_storable(request, response):
            cache.set(key, (response.status_code, response.content, list(response.items())),
                      seconds)
        return response
