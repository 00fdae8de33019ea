import logging

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)


class PermissionsPolicyMiddleware:
    """Adds a Permissions-Policy header: the site needs no camera, location or sensors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """When the database can't be reached, readers get a branded 503 page, not a 500.

    It answers with ``Retry-After`` so browsers, crawlers and load balancers come back later,
    renders without touching the database, and logs one line (no traceback: the cause is
    known and the traceback would only bury it).
    """

    retry_after_seconds = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        reason = str(exception).strip().splitlines()[:1] or [type(exception).__name__]
        logger.warning("database unavailable for %s %s: %s", request.method, request.path,
                       reason[0])
        return database_unavailable_response()


def database_unavailable_response():
    try:
        html = loader.get_template("503.html").render({"SITE_NAME": settings.SITE_NAME})
    except Exception:  # the error page must never raise
        logger.exception("503.html could not be rendered")
        html = ("<!doctype html><title>Temporarily unavailable</title>"
                "<h1>Sorry, this site is temporarily unavailable.</h1>")
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(DatabaseUnavailableMiddleware.retry_after_seconds)
    response["Cache-Control"] = "no-store"
    return response
