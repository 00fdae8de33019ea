from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from editorial.models import ActionLog
from editorial.states import page_state_label, revision_state_label

register = template.Library()


@register.simple_tag
def page_state(page):
    """The page's state in the one editorial vocabulary (``editorial.states``)."""
    return page_state_label(page)


@register.simple_tag
def revision_state(page, revision, log=()):
    """One revision's state; ``log`` (the page's action log) tells which revisions were live."""
    published = {entry.revision_id for entry in log if entry.action == ActionLog.Action.PUBLISH}
    return revision_state_label(page, revision, published)


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
