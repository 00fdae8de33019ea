from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from core.markdown import render_document
from core.text import normalise_phrase
from core.validation import clean_markdown_fields, validate_no_nul
from editorial.models import RevisionedPage

SHORT_DEFINITION_MAX_LENGTH = 200


def validate_aliases(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        raise ValidationError(_("Aliases are a list of words or phrases."))
    validate_no_nul(value)
    if any(len(a) > 100 for a in value):
        raise ValidationError(_("Each alias is at most 100 characters."))


class Term(RevisionedPage):
    class Category(models.TextChoices):
        MEDICINE = "medicine", _("Medicine")
        CONCEPT = "concept", _("Concept")
        SYMPTOM = "symptom", _("Symptom")
        CONDITION = "condition", _("Condition")
        TREATMENT = "treatment", _("Treatment")
        PERSON = "person", _("Person or profession")
        ORGANIZATION = "organization", _("Organization")

    content_fields = ("term", "slug", "aliases", "short_definition", "definition", "category",
                      "language")

    term = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    language = models.CharField(max_length=10, default="en")
    aliases = models.JSONField(
        default=list, blank=True, validators=[validate_aliases],
        help_text=_("Brand names, lay words and irregular plurals that mean this term."),
    )
    short_definition = models.CharField(
        max_length=SHORT_DEFINITION_MAX_LENGTH,
        help_text=_("One plain sentence a 12-year-old would understand. No markdown."),
    )
    definition = MarkdownxField(blank=True, help_text=_("The full definition, in markdown."))
    definition_html = models.TextField(blank=True, editable=False)
    category = models.CharField(max_length=20, choices=Category.choices,
                                default=Category.CONCEPT, db_index=True)
    related = models.ManyToManyField("self", blank=True, symmetrical=False,
                                     related_name="related_from")

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def render_content(self) -> None:
        """Fill the fields rendered from markdown (on save, and for a revision's preview)."""
        self.definition_html = render_document(self.definition).html

    def save(self, *args, **kwargs):
        self.render_content()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("glossary:term", kwargs={"slug": self.slug})

    @property
    def phrases(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)

    def clean(self):
        super().clean()
        if "\n" in (self.short_definition or ""):
            raise ValidationError({"short_definition": _("One sentence on one line.")})
        clean_markdown_fields(self, "definition")
        if self.aliases is None:  # JSON null in the form: no aliases
            self.aliases = []
        if isinstance(self.aliases, list):
            self.aliases = [" ".join(a.split()) for a in self.aliases if isinstance(a, str)]
        collisions = phrase_collisions(self.phrases, exclude_slugs=[self.slug])
        if collisions:
            raise ValidationError({"aliases": [
                _("“%(phrase)s” is already used by the term “%(other)s”.")
                % {"phrase": phrase, "other": other} for phrase, other in collisions
            ]})

    def serialize_content(self) -> dict[str, Any]:
        content = super().serialize_content()
        if hasattr(self, "_pending_related"):
            content["related"] = list(self._pending_related)
        elif self.pk is not None:
            content["related"] = list(self.related.order_by("slug").values_list("slug", flat=True))
        else:
            content["related"] = []
        return content

    def apply_content(self, content: dict[str, Any]) -> None:
        super().apply_content(content)
        if "related" in content:
            self._pending_related = list(content["related"])

    def after_content_saved(self, content: dict[str, Any]) -> None:
        if "related" in content:
            self.related.set(Term.objects.filter(slug__in=content["related"]).exclude(pk=self.pk))
        self.__dict__.pop("_pending_related", None)


def phrase_collisions(phrases, *, exclude_slugs=()) -> list[tuple[str, str]]:
    """Phrases of a term that another (non-archived) term already uses as term or alias.

    Two phrases collide when the linker would match the same words with them
    (``core.text.normalise_phrase``): the later term's would never be linked.
    """
    wanted = {normalise_phrase(p): p for p in phrases if p and p.strip()}
    found = []
    others = Term.objects.filter(archived_at__isnull=True).exclude(slug__in=list(exclude_slugs))
    for other in others.only("term", "aliases", "slug"):
        for phrase in other.phrases:
            if normalise_phrase(phrase) in wanted:
                found.append((wanted[normalise_phrase(phrase)], other.term))
    return found


class TermUsage(models.Model):
    """Which live page links which term: the linker's results, for backlinks.

    The page is named by its kind (``core.kinds``: ``"article"``) and primary key, so any
    kind whose text the glossary links can use terms, with no foreign key into its app.
    """

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="usages")
    kind = models.CharField(max_length=50)
    page_id = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "kind", "page_id"],
                                               name="unique_term_usage_on_page")]
        indexes = [models.Index(fields=["kind", "page_id"], name="glossary_usage_page")]

    def __str__(self):
        return f"{self.kind} {self.page_id} uses {self.term}"


class GlossaryState(models.Model):
    """One row whose version changes whenever the glossary readers see may have changed.

    Linked article HTML is cached under the article's live revision and this version, so a
    term change is seen by every worker at once without deleting any cache key.
    """

    version = models.PositiveBigIntegerField(default=1)

    def __str__(self):
        return f"glossary version {self.version}"

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=1).update(version=F("version") + 1):
            cls.objects.get_or_create(pk=1, defaults={"version": 2})

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("version", flat=True).first() or 1
