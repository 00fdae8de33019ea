"""A revision as readers would see it: the page object a preview renders, nothing saved.

Wagtail previews a page by rebuilding the page object from the revision and serving it with
the page's own template and context. Here the same: ``as_published`` gives the page in
memory as ``RevisionedPage.publish(revision)`` would leave it, and each kind's public view
and its preview then build the context with one function (``article_page_context``,
``term_page_context``, ``site_page_context``), so the two cannot drift apart.
"""

from __future__ import annotations

from django.utils import timezone


def is_live_revision(page, revision) -> bool:
    """Whether ``revision`` is what readers of ``page`` see now."""
    return page.live and not page.archived_at and page.live_revision_id == revision.pk


def as_published(page, revision, *, now=None):
    """``page`` (a row just read) changed in memory to show ``revision``; nothing is saved.

    The live revision shows the page exactly as readers see it now. Any other revision shows
    what publishing it now would show: its content (and what ``save()`` renders from it),
    today's publication date, and the clinical review only if this exact revision holds a
    valid approval, as ``publish()`` decides. Relations travel in the content (an article's
    topics, a term's related terms): ``apply_content`` keeps them pending on the object.
    """
    if is_live_revision(page, revision):
        page.apply_content(revision.content)
        page.render_content()
        return page
    page.show_as_published(revision, now or timezone.now())
    page.render_content()
    return page
