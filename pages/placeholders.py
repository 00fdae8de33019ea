"""Settings shown inside page text: ``{{ publisher_name }}`` and friends.

Markdown is rendered and sanitized first; the placeholders are then replaced with escaped
values, so a setting can never add markup of its own and an author can reach no value
that is not listed here.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.html import escape, format_html

from editorial.models import DEFAULT_REVIEW_INTERVAL_MONTHS, MAX_REVIEW_INTERVAL_MONTHS

PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z_]*)\s*\}\}")
NAMES = (
    "site_name", "site_url", "publisher_name", "publisher_email", "funding_statement",
    "conflicts_of_interest_statement", "review_interval_months", "review_interval_max_years",
    "feedback_retention_days", "problem_report_retention_days", "server_log_retention_days",
    "search_log_retention_days",
)


def values() -> dict[str, str]:
    """Each placeholder's value as plain text, read from settings when asked."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "publisher_name": settings.PUBLISHER_NAME,
        "publisher_email": settings.PUBLISHER_EMAIL,
        "funding_statement": settings.FUNDING_STATEMENT,
        "conflicts_of_interest_statement": settings.CONFLICTS_OF_INTEREST_STATEMENT,
        "review_interval_months": str(DEFAULT_REVIEW_INTERVAL_MONTHS),
        "review_interval_max_years": str(MAX_REVIEW_INTERVAL_MONTHS // 12),
        "feedback_retention_days": str(settings.FEEDBACK_RETENTION_DAYS),
        "problem_report_retention_days": str(settings.PROBLEM_REPORT_RETENTION_DAYS),
        "server_log_retention_days": str(settings.SERVER_LOG_RETENTION_DAYS),
        "search_log_retention_days": str(settings.SEARCH_LOG_RETENTION_DAYS),
    }


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in NAMES})


def fill_placeholders(html: str) -> str:
    """Replace known placeholders in sanitized HTML with escaped setting values."""
    current = values()

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in current:
            return match.group(0)
        if name == "publisher_email" and current[name]:
            return format_html('<a href="mailto:{}">{}</a>', current[name], current[name])
        return escape(current[name])

    return PLACEHOLDER.sub(replace, html)


def fill_plain(text: str) -> str:
    """Replace placeholders in markdown with plain values (for measuring reading level)."""
    current = values()
    return PLACEHOLDER.sub(lambda match: current.get(match.group(1), match.group(0)), text)
