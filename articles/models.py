from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from articles.citations import link_citations
from core import validation
from core.markdown import render_document
from editorial.models import RevisionedPage

SUMMARY_MAX_LENGTH = 160


class Topic(models.Model):
    class About(models.TextChoices):
        NONE = "", _("Nothing specific")
        DRUG = "Drug", _("A medicine (schema.org Drug)")
        CONDITION = "MedicalCondition", _("A condition (schema.org MedicalCondition)")

    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    language = models.CharField(max_length=10, default="en")
    summary = models.CharField(max_length=SUMMARY_MAX_LENGTH)
    description = MarkdownxField(blank=True)
    description_html = models.TextField(blank=True, editable=False)
    about_type = models.CharField(max_length=20, choices=About.choices, blank=True)
    about_name = models.CharField(max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(default=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description_html = render_document(self.description).html
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        validation.clean_markdown_fields(self, "description")


class Article(RevisionedPage):
    content_fields = (
        "title", "slug", "summary", "body", "key_points", "references", "notices",
        "glossary_exclude", "language",
    )

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    language = models.CharField(max_length=10, default="en")
    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("One or two plain sentences, at most 160 characters."),
    )
    body = MarkdownxField()
    body_html = models.TextField(blank=True, editable=False)
    contents = models.JSONField(default=list, blank=True, editable=False,
                                help_text=_("The body's sections, for a contents list."))
    key_points = models.JSONField(default=list, blank=True,
                                  validators=[validation.validate_key_points])
    references = models.JSONField(default=list, blank=True,
                                  validators=[validation.validate_references])
    notices = models.JSONField(default=list, blank=True, validators=[validation.validate_notices])
    glossary_exclude = models.JSONField(default=list, blank=True,
                                        validators=[validation.validate_slug_list])
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["live", "-last_published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.summary and "\n" in self.summary:
            raise ValidationError({"summary": _("The summary is plain text on one line.")})
        for name in ("key_points", "references", "notices", "glossary_exclude"):
            if getattr(self, name) is None:  # JSON null in the form: no items
                setattr(self, name, [])
        validation.clean_markdown_fields(self, "body")

    def render_content(self) -> None:
        """Fill the fields rendered from markdown (on save, and for a revision's preview)."""
        document = render_document(self.body)
        self.body_html = link_citations(document.html, self.references)
        self.contents = [{"id": h.id, "title": h.title} for h in document.headings]

    def save(self, *args, **kwargs):
        self.render_content()
        super().save(*args, **kwargs)

    def serialize_content(self) -> dict[str, Any]:
        content = super().serialize_content()
        if self.pk is not None and hasattr(self, "_pending_topics"):
            content["topics"] = list(self._pending_topics)
        elif self.pk is not None:
            content["topics"] = list(self.topics.order_by("slug").values_list("slug", flat=True))
        else:
            content["topics"] = list(getattr(self, "_pending_topics", []))
        return content

    def apply_content(self, content: dict[str, Any]) -> None:
        super().apply_content(content)
        if "topics" in content:
            self._pending_topics = list(content["topics"])

    def after_content_saved(self, content: dict[str, Any]) -> None:
        if "topics" in content:
            self.topics.set(Topic.objects.filter(slug__in=content["topics"]))
        self.__dict__.pop("_pending_topics", None)

    @property
    def canonical_url(self) -> str:
        return settings.SITE_URL + self.get_absolute_url()


class Listing(models.Model):
    """A list readers page through: every live article (``topic`` empty) or one topic's.

    Its entries hold just what the list is sorted and paged by, so a page of a list with
    100,000 articles is an index range, not a sort, and its size is a stored number rather
    than a count. ``articles.listings`` keeps both in step with the articles, in the same
    transaction as the change.
    """

    topic = models.OneToOneField(Topic, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="listing")
    article_count = models.PositiveIntegerField(default=0)

    class Meta:
        # A unique column still allows many NULLs: this makes the all-articles listing one.
        constraints = [models.UniqueConstraint(Coalesce("topic", models.Value(0)),
                                               name="one_listing_per_topic")]

    def __str__(self):
        return f"listing of {self.topic or 'all articles'} ({self.article_count})"


class ListingEntry(models.Model):
    """A live article in a listing, with its sort keys copied from the article."""

    # Indexed by the composite indexes below, which start with it.
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="entries",
                                db_index=False)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    published_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name_plural = _("listing entries")
        constraints = [models.UniqueConstraint(fields=["listing", "article"],
                                               name="unique_listing_entry")]
        indexes = [
            models.Index(fields=["listing", "title", "article"], name="listing_entry_by_title"),
            models.Index(fields=["listing", "-published_at", "-article"],
                         name="listing_entry_by_date"),
        ]

    def __str__(self):
        return f"{self.title} in {self.listing}"
