"""The editor's endpoints: preview, image upload and writing checks, for staff only.

These replace django-markdownx's own views (which answer anyone and don't sanitize). Each
requires a signed-in, active staff user who has passed the second factor and may add or
change articles or glossary terms; POST only, with Django's CSRF check. Plus the view that
serves uploaded images to everyone, as images only.
"""

from __future__ import annotations

import logging
import re
from functools import wraps

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from admin_security.sites import is_verified
from core.markdown import render_markdown
from core.markdown_limits import BODY_MAX_CHARS, MarkdownTooComplex, check_complexity
from editor.checks import writing_report
from editor.images import CONTENT_TYPES, MAX_UPLOAD_BYTES, ImageRejected, store_upload
from editor.models import UploadedImage
from editor.uploads import MAX_REQUEST_BYTES

logger = logging.getLogger(__name__)

EDITOR_PERMISSIONS = ("articles.add_article", "articles.change_article",
                      "glossary.add_term", "glossary.change_term")
# The most a markdown field may hold (core.markdown_limits); past it, or for text too
# dense to render quickly, a preview or check request is refused with the reason.
MAX_MARKDOWN_CHARS = BODY_MAX_CHARS
_SLUG_LIST = re.compile(r"^[-a-z0-9_,]*$")
_STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|webp)$")


def can_use_editor(user) -> bool:
    return (user.is_authenticated and user.is_active and user.is_staff and is_verified(user)
            and any(user.has_perm(permission) for permission in EDITOR_PERMISSIONS))


def editor_endpoint(view):
    @wraps(view)
    @never_cache
    @require_POST
    def guarded(request, *args, **kwargs):
        if not can_use_editor(request.user):
            return JsonResponse({"error": _("Sign in to the editorial admin to use the editor.")},
                                status=403)
        return view(request, *args, **kwargs)

    return guarded


def _markdown_from(request):
    """(content, None), or (None, the reason it is refused) for text too long or too dense."""
    content = request.POST.get("content", "")
    try:
        check_complexity(content)
    except MarkdownTooComplex as error:
        return None, str(error)
    return content, None


@editor_endpoint
def markdownify(request):
    """The preview: exactly the HTML readers get, glossary links included."""
    from glossary.models import GlossaryState
    from glossary.rendering import linker_for

    content, refused = _markdown_from(request)
    if content is None:
        return HttpResponse(_("This text can't be previewed: %(reason)s") % {"reason": refused},
                            status=413, content_type="text/plain; charset=utf-8")
    exclude = request.GET.get("exclude", "")
    exclude = tuple(filter(None, exclude.split(","))) if _SLUG_LIST.match(exclude) else ()
    html = linker_for(GlossaryState.current()).link(render_markdown(content), exclude=exclude).html
    return HttpResponse(html, content_type="text/html; charset=utf-8")


@editor_endpoint
def writing_checks(request):
    content, refused = _markdown_from(request)
    if content is None:
        return JsonResponse({"error": _("This text can't be checked: %(reason)s")
                             % {"reason": refused}}, status=413)
    report = writing_report(content)
    return JsonResponse({**report.as_dict(),
                         "html": render_to_string("editor/checks.html", {"report": report},
                                                  request=request)})


@editor_endpoint
def upload(request):
    """Store an image and answer with the markdown to insert (alt text left for the author)."""
    if _content_length(request) > MAX_REQUEST_BYTES:
        return _upload_refused(_("The image is larger than %(limit)d MB. Save it smaller and "
                                 "try again.") % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
                               status=413)
    uploaded = request.FILES.get("image")
    if uploaded is None:
        return _upload_refused(_("Choose an image file to upload."))
    try:
        stored = store_upload(uploaded)
    except ImageRejected as rejection:
        logger.info("editor upload refused for %s: %s", request.user, rejection)
        return _upload_refused(str(rejection))
    UploadedImage.objects.create(file=stored.name, format=stored.format, width=stored.width,
                                 height=stored.height, size=stored.size,
                                 uploaded_by=request.user)
    return JsonResponse({"image_code": f"![]({stored.url})", "url": stored.url,
                         "width": stored.width, "height": stored.height})


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _upload_refused(message, status=400):
    return JsonResponse({"error": message, "image": [message]}, status=status)


def media(request, name):
    """An uploaded image, as the image type its extension names and nothing else.

    Names are random and never reused, so the file may be cached for a year. The sandbox
    policy means that even a browser that somehow rendered the bytes as a page would run
    nothing; nosniff (site-wide) stops it guessing another type.
    """
    match = _STORED_NAME.match(name)
    storage_name = f"editor/{name}"
    if not match or not default_storage.exists(storage_name):
        raise Http404
    response = FileResponse(default_storage.open(storage_name, "rb"),
                            content_type=CONTENT_TYPES[match.group(1)])
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
