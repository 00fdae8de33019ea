import pytest

from editorial.models import Revision
from pages.models import Page


@pytest.fixture
def make_page(db):
    """Create a site page through the revision machinery, live unless told otherwise."""

    def make(slug="about", *, live=True, title=None, summary="Who we are.",
             body="## Who we are\n\nPlain words.\n"):
        content = {"title": title or slug.replace("-", " ").capitalize(), "slug": slug,
                   "summary": summary, "body": body, "language": "en"}
        page = Page(slug=slug)
        revision = page.save_revision(content=content, source=Revision.Source.IMPORT)
        if live:
            page.publish(revision, actor_label="test")
        return page

    return make
