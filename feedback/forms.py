from django import forms
from django.utils.translation import gettext_lazy as _

from feedback import targets
from feedback.models import (
    COMMENT_MAX_LENGTH,
    CONTACT_MAX_LENGTH,
    REPORT_MAX_LENGTH,
)


class PageForm(forms.Form):
    """Which page the reader was on, and the live revision they saw (hidden fields)."""

    # Choices read when the form is built: the kinds registered by then (core.kinds).
    kind = forms.ChoiceField(choices=lambda: [(kind, kind) for kind in targets.kinds()])
    page = forms.IntegerField(min_value=1, max_value=targets.MAX_ID)
    revision = forms.IntegerField(min_value=1, max_value=targets.MAX_ID, required=False)

    def clean(self):
        cleaned = super().clean()
        if "kind" in cleaned and "page" in cleaned:
            cleaned["page_object"] = targets.live_page(cleaned["kind"], cleaned["page"])
            if cleaned["page_object"] is None:
                raise forms.ValidationError(_("This page is no longer on the site."))
        return cleaned

    def seen_revision_id(self) -> int | None:
        """The revision the reader saw, if it really is one of this page's revisions."""
        page = self.cleaned_data["page_object"]
        wanted = self.cleaned_data.get("revision")
        if wanted and page.revisions().filter(pk=wanted).exists():
            return wanted
        return page.live_revision_id


class HelpfulForm(PageForm):
    helpful = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))],
                                error_messages={"required": _("Choose yes or no.")})
    comment = forms.CharField(required=False, max_length=COMMENT_MAX_LENGTH)


class ReportForm(PageForm):
    what_is_wrong = forms.CharField(
        max_length=REPORT_MAX_LENGTH,
        error_messages={"required": _("Tell us what is wrong with the page.")},
    )
    contact = forms.EmailField(
        required=False, max_length=CONTACT_MAX_LENGTH,
        error_messages={"invalid": _("Enter an email address like name@example.com, or "
                                     "leave this box empty.")},
    )
