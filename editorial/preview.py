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
    is_live = is_live_revision(page, revision)
    approved = revision.pk == page.approved_revision_id and page.has_valid_approval
    page.apply_content(revision.content)
    page.render_content()
    if is_live:
        return page
    now = now or timezone.now()
    page.live = True
    page.live_revision = revision
    page.archived_at = None
    page.go_live_at = None
    page.first_published_at = page.first_published_at or now
    page.last_published_at = now
    page.last_significant_change = now
    if approved:
        page._apply_review(page.approved_by, page.approved_at)
    else:
        page._apply_review(None, None)
    return page
