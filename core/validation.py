"""Rules for structured content fields, shared by the models, the admin and import_content."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NOTICES = {
    "dont-stop-suddenly": "Don't stop taking a benzodiazepine suddenly",
    "urgent-help": "When to get urgent help",
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REFERENCE_FIELDS = ("key", "title", "publisher", "year", "url")
MIN_YEAR, MAX_YEAR = 1900, 2100


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_nul(item) for item in value)
    return False


def validate_no_nul(value: Any) -> None:
    """No NUL character anywhere in a stored list: PostgreSQL cannot keep one in JSON text,
    and no reader's text has one."""
    if _holds_nul(value):
        raise ValidationError(_("Remove the invisible NUL character (U+0000) from the text."))


def validate_slug_list(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(s, str) and SLUG.match(s) for s in value):
        raise ValidationError(_("Give a list of slugs (lowercase letters, digits and hyphens)."))


def validate_key_points(value: Any) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Key points are a list of short sentences."))
    validate_no_nul(value)
    for point in value:
        if not isinstance(point, str) or not point.strip():
            raise ValidationError(_("Each key point is a non-empty sentence of plain text."))
        if len(point) > 300:
            raise ValidationError(_("Each key point is at most 300 characters."))
    if len(value) > 8:
        raise ValidationError(_("Give at most 8 key points."))


def validate_https_url(url: Any) -> None:
    if not isinstance(url, str):
        raise ValidationError(_("A URL is text starting with https://."))
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.netloc or " " in url.strip():
        raise ValidationError(_("“%(url)s” is not an https:// URL.") % {"url": url})


def validate_reference(reference: Any) -> None:
    if not isinstance(reference, dict):
        raise ValidationError(_("A reference has a title, publisher, year and url."))
    # Keys from YAML may be numbers or other values: compare and name them as text.
    unknown = {str(key) for key in reference if key not in REFERENCE_FIELDS}
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ValidationError(_("Unknown reference field(s): %(f)s.") % {"f": names})
    for name in ("title", "publisher"):
        if not isinstance(reference.get(name), str) or not reference[name].strip():
            raise ValidationError(_("A reference needs a %(name)s.") % {"name": name})
    year = reference.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(_("A reference year is a four-digit number, such as 2020."))
    validate_https_url(reference.get("url"))
    key = reference.get("key")
    if key is not None and (not isinstance(key, str) or not SLUG.match(key) or len(key) > 60):
        raise ValidationError(_("A reference key is a short slug, such as fda-2020."))


def validate_references(value: Any) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("References are a list."))
    validate_no_nul(value)
    for reference in value:
        validate_reference(reference)
    keys = [r["key"] for r in value if r.get("key")]
    if len(keys) != len(set(keys)):
        raise ValidationError(_("Each reference key is used once per page."))


def validate_notices(value: Any) -> None:
    # Check the type first: a list or mapping inside the list is not hashable.
    if not isinstance(value, list) or any(not isinstance(n, str) or n not in NOTICES
                                          for n in value):
        raise ValidationError(
            _("Notices are a list chosen from: %(names)s.") % {"names": ", ".join(NOTICES)}
        )


def validate_markdown(value: Any) -> None:
    """A markdown field: text, within the size and structure the renderer handles quickly."""
    from core.markdown_limits import MarkdownTooComplex, check_complexity

    if not isinstance(value, str):
        raise ValidationError(_("This is text in markdown."))
    try:
        check_complexity(value)
    except MarkdownTooComplex as error:
        raise ValidationError(str(error)) from error


def clean_markdown_fields(instance, *names: str) -> None:
    """For a model's clean(): each named markdown field checked, errors by field."""
    errors = {}
    for name in names:
        try:
            validate_markdown(getattr(instance, name) or "")
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
