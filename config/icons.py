"""The web app manifest: the site's name and icons for phones that add it to the home screen."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.views.decorators.http import require_GET


@require_GET
def web_manifest(request):
    manifest = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME[:12],
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#00703c",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = HttpResponse(json.dumps(manifest, indent=1),
                            content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response
