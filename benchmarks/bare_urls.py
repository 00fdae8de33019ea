"""One view returning pre-fetched bytes of the site's pages (see ``throughput.py``).

``BARE_PAGES_DIR`` holds ``pages.json`` (path, file, content type) and the files themselves.
"""

import json
import os
from pathlib import Path

from django.http import Http404, HttpResponse
from django.urls import re_path

PAGES_DIR = Path(os.environ["BARE_PAGES_DIR"])
PAGES = {
    entry["path"]: ((PAGES_DIR / entry["file"]).read_bytes(), entry["content_type"])
    for entry in json.loads((PAGES_DIR / "pages.json").read_text())
}


def page(request):
    if request.path not in PAGES:
        raise Http404
    body, content_type = PAGES[request.path]
    return HttpResponse(body, content_type=content_type)


urlpatterns = [re_path(r"", page)]
