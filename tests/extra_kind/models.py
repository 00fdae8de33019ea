from django.db import models
from django.urls import reverse
from markdownx.models import MarkdownxField

from core.markdown import render_document
from editorial.models import RevisionedPage


class Leaflet(RevisionedPage):
    """The smallest real page kind: a revisioned, reviewed page with a markdown body."""

    content_fields = ("title", "slug", "summary", "body", "language")

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    language = models.CharField(max_length=10, default="en")
    summary = models.CharField(max_length=160)
    body = MarkdownxField()
    body_html = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def render_content(self) -> None:
        self.body_html = render_document(self.body).html

    def save(self, *args, **kwargs):
        self.render_content()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("extra_kind:leaflet", kwargs={"slug": self.slug})
