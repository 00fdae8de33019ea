"""Public URLs answer only what they serve: GET and HEAD, and ``?page=`` in one spelling.

- Methods: a public view (outside the admin) serves GET and HEAD; anything else — TRACE,
  OPTIONS, PUT, DELETE, PATCH, a POST to a page — is ``405 Method Not Allowed`` with
  ``Allow: GET, HEAD``, decided before the CSRF check (which answered 403) and before the
  view (which answered TRACE with the page). The feedback forms' POST endpoints, which are
  ``csrf_exempt`` and ``require_POST`` themselves, keep their own rule.
- Page numbers: ``?page=`` alone is one number from 2 up written plainly. Other
  spellings of a number (``?page=1``, ``?page=02``, ``&page=3&page=3``) are redirected to
  the canonical address; anything else (``?page=x1``) is 404. So the page cache and a CDN
  keep one copy per real page, not one per spelling.
- The admin's responses carry ``X-Robots-Tag: noindex, nofollow``: robots.txt doesn't name
  its path (a moved ``ADMIN_URL`` stays unlisted).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponseNotAllowed, HttpResponsePermanentRedirect

SAFE_METHODS = ("GET", "HEAD")
CANONICAL_PAGE = re.compile(r"[1-9][0-9]{0,5}")
SOME_NUMBER = re.compile(r"\s*([0-9]{1,7})\s*")


def _in_admin(request) -> bool:
    return request.path.startswith("/" + settings.ADMIN_URL)


def canonical_page_redirect(request):
    """None when ?page= is absent or canonical; else a redirect to it, or Http404."""
    values = request.GET.getlist("page")
    if set(request.GET) != {"page"}:
        # With other parameters (a search query) the view reads ?page= leniently itself,
        # and the page cache never stores such addresses.
        return None
    if (len(values) == 1 and CANONICAL_PAGE.fullmatch(values[0])
                      and values[0] != "1"):
        return None
    matches = [SOME_NUMBER.fullmatch(value) for value in values]
    numbers = {int(match.group(1)) for match in matches if match}
    if not all(matches) or len(numbers) != 1 or 0 in numbers or max(numbers) > 999_999:
        raise Http404("not a page number")
    number = numbers.pop()
    query = f"?{urlencode({'page': number})}" if number > 1 else ""
    return HttpResponsePermanentRedirect(request.path + query)


class PublicRequestsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _in_admin(request):
            response = self.get_response(request)
            # Kept out of search indexes without naming the path in robots.txt.
            response["X-Robots-Tag"] = "noindex, nofollow"
            return response
        if request.method in SAFE_METHODS:
            redirect = canonical_page_redirect(request)
            if redirect is not None:
                return redirect
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (request.method in SAFE_METHODS or _in_admin(request)
                or getattr(view_func, "csrf_exempt", False)):
            return None
        return HttpResponseNotAllowed(SAFE_METHODS)
