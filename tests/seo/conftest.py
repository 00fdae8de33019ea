import pytest
from django.utils import timezone


@pytest.fixture
def archive():
    """Archive a page the way the workflow does: out of every public view, history kept."""

    def archive_page(page):
        type(page).objects.filter(pk=page.pk).update(archived_at=timezone.now(), live=False)
        page.refresh_from_db()
        return page

    return archive_page


@pytest.fixture
def change_slug():
    """Publish a new revision of a live page whose only change is its slug."""

    def change(page, new_slug):
        content = {**page.serialize_content(), "slug": new_slug}
        page.publish(page.save_revision(content=content), actor_label="test")
        page.refresh_from_db()
        return page

    return change
