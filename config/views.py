import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """200 when the app and its database answer; 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # One line, not a traceback: load balancers poll this every few seconds.
        logger.warning("healthz: the database did not answer: %s",
                       (str(error).strip().splitlines() or [type(error).__name__])[0])
        response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        response["Retry-After"] = "30"
        return response
    return HttpResponse("ok\n", content_type="text/plain")


def server_error(request):
    """The 500 page: rendered without a request context so it can't fail on the database."""
    try:
        html = loader.get_template("500.html").render()
    except Exception:  # the error page must never raise
        logger.exception("500.html could not be rendered")
        html = "<!doctype html><title>Server error</title><h1>Sorry, something went wrong.</h1>"
    response = HttpResponse(html, status=500)
    response["Cache-Control"] = "no-store"
    return response
