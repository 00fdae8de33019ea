"""Saving a content file's item as a revisioned page: what every page kind's import shares."""

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
from editorial.models import ActionLog, Revision, content_hash

IMPORT_LABEL = "import_content"
NOT_REVIEWED_NOTE = "Published by import_content --publish: not yet clinically reviewed."


def save_revisioned(model, item: ContentFile, content: dict, *, publish: bool) -> str:
    """Create or update by slug as a new revision; publish it if asked. Returns what happened."""
    page = model.objects.filter(slug=item.slug).first()
    created = page is None
    if created:
        page = model(slug=item.slug)
    elif page.latest_revision and page.latest_revision.content_hash == content_hash(content):
        if not publish or (page.live and page.live_revision_id == page.latest_revision_id):
            return "unchanged"
        revision = page.latest_revision
        page.publish(revision, actor_label=IMPORT_LABEL, note=NOT_REVIEWED_NOTE)
        return "published"
    revision = page.save_revision(source=Revision.Source.IMPORT, content=content,
                                  note=f"Imported from {item.path.name}")
    ActionLog.record(page, ActionLog.Action.IMPORT, actor_label=IMPORT_LABEL, revision=revision,
                     note=f"{'Created' if created else 'Updated'} from {item.path}"
                          + ("" if publish else " as a draft"))
    if publish:
        page.publish(revision, actor_label=IMPORT_LABEL, note=NOT_REVIEWED_NOTE)
        return "created and published" if created else "updated and published"
    return "created as draft" if created else "updated as draft"


def page_content_kind(model, *, name: str, folder: str, order: int = 50,
                      summary_max_length: int = 160, check_body=None):
    """The content-file kind of a simple page kind: title, slug, summary, language and a
    markdown ``body`` (``docs/architecture.md``, "Adding a page kind"). Files of this kind are
    told apart by their folder; kinds with more fields write their own, as articles do.
    ``check_body(item)`` returns the kind's own errors about the body (site pages' placeholders)."""
    fields = {"title", "slug", "summary", "language"}

    def validate(item: ContentFile, batch: dict) -> list[ContentError]:
        errors: list[ContentError] = []
        check_known_fields(item, fields, errors)
        require_text(item, "title", errors, max_length=200)
        check_slug(item, errors)
        require_text(item, "summary", errors, max_length=summary_max_length)
        require_text(item, "language", errors, max_length=10, required=False)
        if not item.body.strip():
            errors.append(ContentError(item.path, "body", "is empty: write the page below the ---"))
        if check_body is not None:
            errors.extend(check_body(item))
        return errors

    def save(item: ContentFile, *, publish: bool) -> str:
        data = item.data
        content = {"title": data["title"].strip(), "slug": item.slug,
                   "summary": data["summary"].strip(), "body": item.body.rstrip() + "\n",
                   "language": (data.get("language") or "en").strip()}
        return save_revisioned(model, item, content, publish=publish)

    def export(target: Path) -> int:
        target.mkdir(parents=True, exist_ok=True)
        count = 0
        for page in model.objects.live().order_by("slug"):
            front_matter = {"title": page.title, "slug": page.slug, "summary": page.summary}
            if page.language != "en":
                front_matter["language"] = page.language
            write_item(target / f"{page.slug}.md", front_matter, page.body)
            count += 1
        return count

    return ContentKind(name=name, folder=folder, marker_keys=frozenset(), validate=validate,
                       save=save, export=export, order=order,
                       exists=lambda slug: model.objects.filter(slug=slug).exists())
