"""Glossary terms as content files: validate, save (as revisions), export."""

from __future__ import annotations

from pathlib import Path

from core import validation
from core.content_files import (
    ContentError,
    ContentFile,
    ContentKind,
    check_known_fields,
    check_slug,
    check_with,
    require_text,
    write_item,
)
from core.text import normalise_phrase
from editorial.content import save_revisioned
from glossary.models import (
    SHORT_DEFINITION_MAX_LENGTH,
    Term,
    phrase_collisions,
    validate_aliases,
)

TERM_FIELDS = {"term", "slug", "aliases", "short_definition", "category", "related", "language"}


def _phrases(item: ContentFile) -> list[str]:
    aliases = item.data.get("aliases") or []
    aliases = aliases if isinstance(aliases, list) else []
    return [p for p in [item.data.get("term"), *aliases] if isinstance(p, str) and p.strip()]


def validate_term(item: ContentFile, batch: dict) -> list[ContentError]:
    errors: list[ContentError] = []
    check_known_fields(item, TERM_FIELDS, errors)
    require_text(item, "term", errors, max_length=100)
    check_slug(item, errors)
    require_text(item, "short_definition", errors, max_length=SHORT_DEFINITION_MAX_LENGTH)
    check_with(item, "aliases", validate_aliases, errors, default=[])
    check_with(item, "related", validation.validate_slug_list, errors, default=[])
    category = item.data.get("category", Term.Category.CONCEPT)
    if category not in Term.Category.values:
        errors.append(ContentError(item.path, "category",
                                   "must be one of " + ", ".join(Term.Category.values)))
    if errors:
        return errors
    related = item.data.get("related") or []
    known = set(Term.objects.filter(slug__in=related).values_list("slug", flat=True))
    for slug in related:
        if slug not in known and slug not in batch["term"]:
            errors.append(ContentError(item.path, "related", f"unknown term '{slug}'"))
    mine = {normalise_phrase(p): p for p in _phrases(item)}
    if len(mine) < len(_phrases(item)):
        errors.append(ContentError(item.path, "aliases", "lists the same phrase twice"))
    # Terms in this same import are compared by their files below, as they are about to be.
    for phrase, other_term in phrase_collisions(mine.values(), exclude_slugs=batch["term"]):
        errors.append(ContentError(item.path, "aliases",
                                   f"'{phrase}' is already used by the term '{other_term}'"))
    for slug, other in batch["term"].items():
        if slug == item.slug:
            continue
        for phrase in _phrases(other):
            if normalise_phrase(phrase) in mine:
                errors.append(ContentError(item.path, "aliases",
                                           f"'{phrase}' is also used in {other.path}"))
    return errors


def term_content(item: ContentFile) -> dict:
    data = item.data
    return {
        "term": data["term"].strip(),
        "slug": item.slug,
        "aliases": [" ".join(a.split()) for a in data.get("aliases") or []],
        "short_definition": data["short_definition"].strip(),
        "definition": item.body.rstrip() + "\n" if item.body.strip() else "",
        "category": data.get("category", Term.Category.CONCEPT),
        "language": (data.get("language") or "en").strip(),
        "related": sorted(data.get("related") or []),
    }


def save_term(item: ContentFile, *, publish: bool) -> str:
    return save_revisioned(Term, item, term_content(item), publish=publish)


def export_terms(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for term in Term.objects.live().prefetch_related("related").order_by("slug"):
        front_matter = {
            "term": term.term,
            "slug": term.slug,
            "aliases": term.aliases,
            "short_definition": term.short_definition,
            "category": term.category,
            "related": sorted(t.slug for t in term.related.all()),
        }
        if term.language != "en":
            front_matter["language"] = term.language
        write_item(folder / f"{term.slug}.md", front_matter, term.definition)
        count += 1
    return count


def relink_term(slug: str) -> None:
    """Related terms again, now that every term of the import has a row."""
    term = Term.objects.filter(slug=slug).first()
    revision = term and (term.live_revision if term.live else term.latest_revision)
    if revision is not None:
        term.after_content_saved(revision.content)


TERM_KIND = ContentKind(
    name="term", folder="glossary",
    marker_keys=frozenset({"term", "short_definition", "aliases"}),
    validate=validate_term, save=save_term, export=export_terms, order=20,
    exists=lambda slug: Term.objects.filter(slug=slug).exists(),
    relink=relink_term,
)
