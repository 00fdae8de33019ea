"""Form fields for the structured (JSON-stored) content fields, so no editor sees or types JSON.

Each field turns what a clinician fills in (lines, rows of inputs, checkboxes, a term picker)
into exactly the list the model stores and ``import_content``/``export_content`` read and
write, and back. The model's own validators (``core.validation``) still run on the result,
so the admin, the import and the model agree on the rules; the messages they give land on the
field they are about.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import plain_text
from core.validation import MAX_YEAR, MIN_YEAR, NOTICES, REFERENCE_FIELDS, validate_https_url

# A bullet someone pasted from a document ("- ", "* ", "• ", "1. ") is not part of the point.
_BULLET = re.compile(r"^\s*(?:[-*•·‣◦]|\d{1,2}[.)])\s+")
EXTRA_REFERENCE_ROWS = 2
MAX_REFERENCE_ROWS = 200


def posted_json_list(value: Any) -> list | None:
    """A whole value posted as a JSON list, as scripts written for the old JSON boxes send.

    Kept so those keep working; the form itself never shows or asks for JSON.
    """
    if not isinstance(value, str) or not value.strip().startswith("["):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return parsed if isinstance(parsed, list) else None


class LinesField(forms.Field):
    """A list of short texts, edited one per line (key points, a term's aliases)."""

    def __init__(self, *, rows=8, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows,
                                                          "class": "vLargeTextField"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(str(item) for item in value)
        return value or ""

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return [str(item) for item in value]
        posted = posted_json_list(value)
        if posted is not None:
            return posted
        lines = (_BULLET.sub("", line).strip() for line in str(value or "").splitlines())
        return [line for line in lines if line]


class ReferenceRowsWidget(forms.Widget):
    """One row of inputs (title, publisher, year, web address) per reference, plus blank rows.

    Works without JavaScript: blank rows are always there, and clearing a row removes it.
    editor/js/structured.js adds "Add another reference" and "Remove" buttons.
    """

    template_name = "editor/reference_rows.html"

    class Media:
        css = {"all": ["editor/css/structured.css"]}
        js = ["editor/js/structured.js"]

    def format_value(self, value):
        return value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Blank rows dropped, so "Reference 2" in an error message is the row numbered 2.
        rows = [row for row in (_as_row(item) for item in (value or []) if isinstance(item, dict))
                if any(v.strip() for v in row.values())]
        rows += [dict.fromkeys(REFERENCE_FIELDS, "") for _ in range(EXTRA_REFERENCE_ROWS)]
        context["widget"]["rows"] = [
            {"index": index, "number": index + 1, "values": row} for index, row in enumerate(rows)
        ]
        return context

    def value_from_datadict(self, data, files, name):
        """The rows as posted, in order (indexes may have gaps where rows were removed)."""
        posted = posted_json_list(data.get(name))
        if posted is not None:
            return posted
        pattern = re.compile(rf"^{re.escape(name)}-(\d{{1,3}})-({'|'.join(REFERENCE_FIELDS)})$")
        indexes = sorted({int(match.group(1)) for key in data if (match := pattern.match(key))})
        return [{part: str(data.get(f"{name}-{index}-{part}", "")) for part in REFERENCE_FIELDS}
                for index in indexes[:MAX_REFERENCE_ROWS]]

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(key.startswith(f"{name}-") for key in data)

    def id_for_label(self, id_):
        return f"{id_}-0-title" if id_ else id_


def _as_row(reference: dict) -> dict[str, str]:
    return {part: "" if reference.get(part) is None else str(reference.get(part))
            for part in REFERENCE_FIELDS}


class ReferencesField(forms.Field):
    """References as rows, stored as the list of {key, title, publisher, year, url} dicts."""

    widget = ReferenceRowsWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        references, errors = [], []
        for row in value:
            if not isinstance(row, dict):  # a stored value, already in the model's shape
                references.append(row)
                continue
            unknown = sorted(str(part) for part in row if part not in REFERENCE_FIELDS)
            if unknown:  # only a script posting JSON can send these
                errors.append(_("Reference %(number)s: unknown field(s) %(fields)s.")
                              % {"number": len(references) + 1, "fields": ", ".join(unknown)})
                continue
            cleaned = {part: str(row.get(part, "")).strip() for part in REFERENCE_FIELDS}
            if not any(cleaned.values()):
                continue  # a blank row is no reference
            reference, problems = _clean_reference(cleaned)
            errors += [_("Reference %(number)s: %(problem)s") % {"number": len(references) + 1,
                                                                 "problem": problem}
                       for problem in problems]
            references.append(reference)
        if errors:
            raise ValidationError(errors)
        return references

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != (initial or [])
        except ValidationError:
            return True


def _clean_reference(row: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    problems = []
    if not row["title"]:
        problems.append(_("give the title."))
    if not row["publisher"]:
        problems.append(_("give the publisher (the journal, organisation or website)."))
    year: Any = row["year"]
    if year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR:
        year = int(year)
    else:
        problems.append(_("the year is a four-digit number, such as 2020."))
    try:
        validate_https_url(row["url"])
    except ValidationError:
        if row["url"]:
            problems.append(_("the web address must start with https:// (“%(url)s” doesn't).")
                            % {"url": row["url"]})
        else:
            problems.append(_("give the web address, starting with https://."))
    if row["key"] and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", row["key"]):
        problems.append(_("the citation key is a short name in small letters, digits and "
                          "hyphens, such as fda-2020 (“%(key)s” isn't).") % {"key": row["key"]})
    # The key comes first, as in the content files, so an export writes it where it was.
    reference = {"key": row["key"]} if row["key"] else {}
    return {**reference, "title": row["title"], "publisher": row["publisher"], "year": year,
            "url": row["url"]}, problems


NOTICE_TEMPLATES = {
    "dont-stop-suddenly": "includes/notice_dont_stop_suddenly.html",
    "urgent-help": "includes/urgent_help_card.html",
}


_HEADING = re.compile(r"<h2[^>]*>(.*?)</h2>", re.DOTALL)


def _plain(html: str) -> str:
    return " ".join(plain_text(html).split())


def notice_choices(request=None) -> list[tuple[str, str]]:
    """Each known notice labelled with the words readers will see (from the page's template)."""
    choices = []
    for key, title in NOTICES.items():
        template = NOTICE_TEMPLATES.get(key)
        if not template:
            choices.append((key, title))
            continue
        html = render_to_string(template, request=request)
        heading = _HEADING.search(html)
        choices.append((key, format_html(
            '<span class="notice-title">{}</span><span class="notice-wording">{}</span>',
            _plain(heading.group(1)) if heading else title,
            _plain(_HEADING.sub("", html, count=1)))))
    return choices


class _ListFromJSON:
    def to_python(self, value):
        if isinstance(value, (list, tuple)) and len(value) == 1:
            posted = posted_json_list(value[0])
            if posted is not None:
                value = posted
        return super().to_python(value)


class NoticesField(_ListFromJSON, forms.MultipleChoiceField):
    def __init__(self, *, request=None, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple(
            attrs={"class": "notice-choices"}))
        super().__init__(choices=notice_choices(request), **kwargs)

    def prepare_value(self, value):
        return list(value or [])


def glossary_term_choices() -> list[tuple[str, str]]:
    from glossary.models import Term

    return [(slug, term if term.casefold() == slug.replace("-", " ") else f"{term} ({slug})")
            for slug, term in Term.objects.order_by("term").values_list("slug", "term")]


class TermPickerWidget(FilteredSelectMultiple):
    # Wrapped as Django wraps a relation's select, so the filter box lands beside the label.
    template_name = "editor/term_picker.html"


class GlossaryTermsField(_ListFromJSON, forms.MultipleChoiceField):
    """Glossary terms picked by name (Django's filter box: type to narrow, click to add)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", TermPickerWidget(
            gettext_lazy("glossary terms"), is_stacked=False))
        super().__init__(choices=glossary_term_choices, **kwargs)

    def prepare_value(self, value):
        return list(value or [])
