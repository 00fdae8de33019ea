from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@register.filter
def time_tag(value):
    """A date as ``<time datetime="2026-11-26">26 November 2026</time>`` (empty for None)."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if not isinstance(value, date):
        return ""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(),
                       date_format(value, "j F Y"))
