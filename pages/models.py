"""Site pages (About, Editorial policy, Privacy): content like articles, with the same workflow."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from core.markdown import render_document
from core.validation import clean_markdown_fields
from editorial.models import RevisionedPage
from pages.placeholders import unknown_placeholders

SUMMARY_MAX_LENGTH = 160
# Pages that live at the top of the site; any other page lives under /pages/<slug>/.
TOP_LEVEL_SLUGS = ("about", "editorial-policy", "privacy")


class Page(RevisionedPage):
    content_fields = ("title", "slug", "summary", "body", "language")

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    language = models.CharField(max_length=10, default="en")
    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("One or two plain sentences, at most 160 characters."),
    )
    body = MarkdownxField(help_text=_(
        "Markdown. Settings can be shown with placeholders such as {{ publisher_name }}."
    ))
    body_html = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def render_content(self) -> None:
        """Fill the fields rendered from markdown (on save, and for a revision's preview)."""
        self.body_html = render_document(self.body).html

    def save(self, *args, **kwargs):
        self.render_content()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.summary and "\n" in self.summary:
            raise ValidationError({"summary": _("The summary is plain text on one line.")})
        clean_markdown_fields(self, "body")
        if unknown := unknown_placeholders(self.body or ""):
            raise ValidationError({"body": _("Unknown placeholder: %(names)s.")
                                   % {"names": ", ".join(unknown)}})

    def get_absolute_url(self):
        if self.slug in TOP_LEVEL_SLUGS:
            return reverse(f"pages:{self.slug}")
        return reverse("pages:page", kwargs={"slug": self.slug})

    @property
    def canonical_url(self) -> str:
        return settings.SITE_URL + self.get_absolute_url()
