"""Site pages as content files (content/pages/<slug>.md): validate, save as revisions, export."""

from __future__ import annotations

from pathlib import Path

from core.content_files import (
    ContentError,
    ContentFile,
    ContentKind,
    check_known_fields,
    check_slug,
    require_text,
    write_item,
)
from editorial.content import save_revisioned
from pages.models import SUMMARY_MAX_LENGTH, Page
from pages.placeholders import NAMES, unknown_placeholders

PAGE_FIELDS = {"title", "slug", "summary", "language"}


def validate_page(item: ContentFile, batch: dict) -> list[ContentError]:
    errors: list[ContentError] = []
    check_known_fields(item, PAGE_FIELDS, errors)
    require_text(item, "title", errors, max_length=200)
    check_slug(item, errors)
    require_text(item, "summary", errors, max_length=SUMMARY_MAX_LENGTH)
    require_text(item, "language", errors, max_length=10, required=False)
    if not item.body.strip():
        errors.append(ContentError(item.path, "body", "is empty: write the page below the ---"))
    for name in unknown_placeholders(item.body):
        errors.append(ContentError(item.path, "body",
                                   f"unknown placeholder '{{{{ {name} }}}}'; known: "
                                   + ", ".join(NAMES)))
    return errors


def page_content(item: ContentFile) -> dict:
    data = item.data
    return {
        "title": data["title"].strip(),
        "slug": item.slug,
        "summary": data["summary"].strip(),
        "body": item.body.rstrip() + "\n",
        "language": (data.get("language") or "en").strip(),
    }


def save_page(item: ContentFile, *, publish: bool) -> str:
    return save_revisioned(Page, item, page_content(item), publish=publish)


def export_pages(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for page in Page.objects.live().order_by("slug"):
        front_matter = {"title": page.title, "slug": page.slug, "summary": page.summary}
        if page.language != "en":
            front_matter["language"] = page.language
        write_item(folder / f"{page.slug}.md", front_matter, page.body)
        count += 1
    return count


# Pages are told apart by their folder: their fields are a subset of an article's.
PAGE_KIND = ContentKind(
    name="page", folder="pages", marker_keys=frozenset(),
    validate=validate_page, save=save_page, export=export_pages, order=40,
    exists=lambda slug: Page.objects.filter(slug=slug).exists(),
)
