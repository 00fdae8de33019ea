"""The one slug history of every page kind: old addresses keep working (``core.redirects``)."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SlugHistory(models.Model):
    """A slug a page used to have, so its old address answers 301 with the page's current one.

    One rule for every page kind, applied by ``page_saved`` whenever a page is saved
    (``editorial.models.RevisionedPage.save``):

    - A page's old slug is kept only if readers could have seen the page, i.e. it had been
      published (``first_published_at`` set) before the slug changed. Renaming a draft that
      was never public leaves nothing behind: no reader, feed or search engine has its address,
      and keeping it would only block the slug for later pages.
    - A page that takes a slug (new, renamed, or taking its own old slug back) removes the
      row that pointed that address elsewhere. A 301 is permanent: browsers and search engines
      remember it, so an address must lead to the page that now has it, never away from it.

    Slugs are unique per kind, and so are old slugs (``content_type``, ``old_slug``): each
    kind's addresses live under its own path.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    page = GenericForeignKey("content_type", "object_id")
    old_slug = models.SlugField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        ordering = ["content_type", "old_slug"]
        constraints = [models.UniqueConstraint(fields=["content_type", "old_slug"],
                                               name="one_old_slug_per_page_kind")]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.old_slug} → {self.page.slug if self.page else '?'}"

    @staticmethod
    def slug_before_save(page) -> tuple[str | None, bool]:
        """``(slug in the database, whether readers could have seen the page)``, before a save.

        ``(None, False)`` for a page not saved yet.
        """
        if page.pk is None:
            return None, False
        row = (type(page).objects.filter(pk=page.pk)
               .values_list("slug", "first_published_at").first())
        return (row[0], row[1] is not None) if row else (None, False)

    @classmethod
    def page_saved(cls, page, old_slug: str | None, was_public: bool) -> None:
        """Apply the rule (see the class) once ``page`` is saved with a slug other than
        ``old_slug``, the one it had before (None: a new page)."""
        if old_slug == page.slug:
            return
        content_type = ContentType.objects.get_for_model(type(page))
        cls.objects.filter(content_type=content_type, old_slug=page.slug).delete()
        if old_slug and was_public:
            cls.objects.update_or_create(content_type=content_type, old_slug=old_slug,
                                         defaults={"object_id": page.pk})

    @classmethod
    def moved_to(cls, model, slug: str):
        """The pk of the page of kind ``model`` that used to have ``slug``, or None."""
        return (cls.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                   old_slug=slug)
                .values_list("object_id", flat=True).first())
