from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The six-digit code an authenticator app shows (spaces are forgiven)."""

    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True,
            "pattern": "[0-9 ]*", "size": 8,
        }),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(_("Enter the six digits your authenticator app shows."))
        return token
