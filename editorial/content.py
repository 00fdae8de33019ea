"""Saving a content file's item as a revisioned page: what every page kind's import shares."""

from __future__ import annotations

from core.content_files import ContentFile
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
