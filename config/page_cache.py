"""Whole-page cache for anonymous readers: a public page is rendered once, then served as bytes.

Every anonymous reader gets the same bytes (house style), so once the site has answered a
public page the next reader can be given exactly that answer without running anything else.
The middleware sits *first* in ``MIDDLEWARE`` and stores the finished response, headers and
all (security headers, CSP, Cache-Control, ETag, Last-Modified, cache tags), as every other
middleware left it. A hit is answered there: no sessions, authentication, CSRF, messages,
locale or URL resolving, no view, no template and no query. Conditional requests are answered
there too (``If-None-Match``/``If-Modified-Since`` -> 304 with the stored headers), and HEAD
gets the same headers as GET (gunicorn sends no body for HEAD).

Invalidation: the content generation (``core.caching``, which maps every cache on the site
and what makes it stale) is part of every key, and any change readers could see moves it on,
in every process, so every cached page is stale at once without deleting a key. Entries
also expire after ``PAGE_CACHE_SECONDS``: that bounds what no signal sees (``queryset.update()``
outside the workflow, wording that depends on today's date) to the same order as the CDN's
own ``max-age``.

Only what is certainly public is cached: GET or HEAD, no session cookie, outside the admin and
static files, no query string other than ``?page=``, a 200 that set no cookie, that the HTTP
caching middleware marked ``public`` (never a preview, a signed-in page or a form with a CSRF
token: those are ``private``), with no ``Vary`` and no message.
"""

from __future__ import annotations

import hashlib
from http.client import responses

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import parse_etags, parse_http_date_safe

from core import caching


def is_cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(("/" + settings.ADMIN_URL, settings.STATIC_URL))
        and set(request.GET) <= {"page"}
    )


def is_storable(request, response) -> bool:
    """A finished response every anonymous reader may be given as it is."""
    session = getattr(request, "session", None)
    # A message added while answering belongs to this reader (the storage says so publicly).
    messages = get_messages(request)
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The site's HTTP caching middleware marks exactly the pages anyone may share public.
        and "public" in cache_control
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not response.has_header("Vary")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not getattr(messages, "added_new", False)
        # ?page= only where the view pages through a list (others would ignore the number).
        and ("page" not in request.GET or getattr(request, "paginated", False))
    )


def _language(request) -> str:
    # One language today: nothing to work out. With more, the one LocaleMiddleware would pick.
    if len(settings.LANGUAGES) == 1:
        return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request)


def _scheme(environ) -> str:
    """The scheme as ``HttpRequest.is_secure()`` reads it (a trusted proxy's header first)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",")[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def key_for(environ, language: str) -> str:
    """One key from the raw request line: the WSGI layer and the middleware compute the same.

    The host is taken as sent; only a response Django produced (so for a host it allowed) is
    ever stored, so an unknown host never finds anything.
    """
    address = "\n".join([
        _scheme(environ), environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""), language,
        environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    ])
    return f"page-cache:{caching.generation()}:{hashlib.sha256(address.encode()).hexdigest()}"


def page_key(request) -> str:
    return key_for(request.META, _language(request))


# What a 304 leaves out: it has no body to describe.
_BODY_HEADERS = frozenset({"content-length", "content-type", "content-language"})


def stored_response(request, stored) -> HttpResponse:
    """The stored answer, or a 304 with its headers when the client already has these bytes."""
    status, content, headers = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    last_modified = response.get("Last-Modified")
    conditional = get_conditional_response(
        request, etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response)
    if conditional is not response:  # 304: the validators and every other header but the body's
        for name, value in headers:
            if name.lower() not in _BODY_HEADERS and not conditional.has_header(name):
                conditional[name] = value
    return conditional


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
            return stored_response(request, stored)
        response = self.get_response(request)
        if is_storable(request, response):
            cache.set(key, (response.status_code, response.content, list(response.items())),
                      seconds)
        return response


def _not_modified(environ, headers: list[tuple[str, str]]) -> bool:
    """Does the client already hold these bytes? RFC 9110's rules for a GET or HEAD."""
    values = dict((name.lower(), value) for name, value in headers)
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        etag = values.get("etag")
        if etag is None:
            return False
        wanted = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
        return "*" in wanted or etag.removeprefix("W/") in wanted
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    last_modified = values.get("last-modified")
    if since and last_modified:
        since_time, modified_time = parse_http_date_safe(since), parse_http_date_safe(last_modified)
        return since_time is not None and modified_time is not None and modified_time <= since_time
    return False


class PageCacheApplication:
    """The lean path for anonymous readers, in front of Django itself (``config/wsgi.py``).

    A request that the page cache could answer is looked up from the raw WSGI environ: no
    ``HttpRequest``, no request signals, no middleware. A hit is sent with the headers the site
    gave it (or as a 304); anything else goes to Django, whose first middleware stores what is
    storable under the same key.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        stored = self._lookup(environ)
        if stored is None:
            return self.application(environ, start_response)
        status, content, headers = stored
        if _not_modified(environ, headers):
            start_response("304 Not Modified",
                           [(name, value) for name, value in headers
                            if name.lower() not in _BODY_HEADERS])
            return [b""]
        start_response(f"{status} {responses.get(status, '')}", headers)
        return [content]

    def _lookup(self, environ):
        if (not settings.PAGE_CACHE_SECONDS or len(settings.LANGUAGES) != 1
                or environ.get("REQUEST_METHOD") not in ("GET", "HEAD")):
            return None
        path = environ.get("PATH_INFO", "")
        if path.startswith(("/" + settings.ADMIN_URL, settings.STATIC_URL)):
            return None
        query = environ.get("QUERY_STRING", "")
        if query and not query.startswith("page="):
            return None
        cookies = environ.get("HTTP_COOKIE", "")
        if cookies and settings.SESSION_COOKIE_NAME + "=" in cookies:
            return None
        return cache.get(key_for(environ, settings.LANGUAGE_CODE))
