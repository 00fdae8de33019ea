"""What a site page (About, Editorial policy, ...) shows: one context, public view and preview."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from pages.models import Page
from pages.placeholders import fill_placeholders

TEMPLATE = "pages/page_detail.html"


def site_page_context(page: Page) -> dict:
    """The template context of ``page``: the live row, or one showing a revision (a preview)."""
    return {
        "page": page, "body_html": fill_placeholders(page.body_html),
        "breadcrumbs": [{"title": _("Home"), "url": reverse("articles:home")}],
        "canonical_url": page.canonical_url,
        # Readers are told when the rule that nobody approves their own writing is off.
        "search_log_retention_days": settings.SEARCH_LOG_RETENTION_DAYS,
        "self_approval_notice": (page.slug == "editorial-policy"
                                 and settings.EDITORIAL_ALLOW_SELF_APPROVAL),
    }
