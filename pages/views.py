from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from feedback.corrections import with_corrections_flag
from pages.models import TOP_LEVEL_SLUGS, Page
from pages.placeholders import fill_placeholders


def page_detail(request, slug):
    if slug in TOP_LEVEL_SLUGS and request.resolver_match.url_name == "page":
        return redirect("pages:" + slug, permanent=True)
    page = get_object_or_404(with_corrections_flag(Page.objects.live()), slug=slug)
    return render(request, "pages/page_detail.html", {
        "page": page, "body_html": fill_placeholders(page.body_html),
        "breadcrumbs": [{"title": _("Home"), "url": reverse("articles:home")}],
        "search_log_retention_days": settings.SEARCH_LOG_RETENTION_DAYS,
    })
