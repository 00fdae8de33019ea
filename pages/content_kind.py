"""Site pages as content files (content/pages/<slug>.md): validate, save as revisions, export."""

from __future__ import annotations

from core.content_files import ContentError, ContentFile
from editorial.content import page_content_kind
from pages.models import SUMMARY_MAX_LENGTH, Page
from pages.placeholders import NAMES, unknown_placeholders


def check_placeholders(item: ContentFile) -> list[ContentError]:
    return [ContentError(item.path, "body",
                         f"unknown placeholder '{{{{ {name} }}}}'; known: " + ", ".join(NAMES))
            for name in unknown_placeholders(item.body)]


# A page of title, slug, summary and body like any simple kind, with its settings
# placeholders checked; pages are told apart by their folder (their fields are a subset of
# an article's).
PAGE_KIND = page_content_kind(Page, name="page", folder="pages", order=40,
                              summary_max_length=SUMMARY_MAX_LENGTH,
                              check_body=check_placeholders)
