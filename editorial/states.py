"""One vocabulary for where a page stands, used by every screen that names a state.

The page list, the status box of the change form and history, each row of the history, and
the review dashboard all call these functions, so a page never reads "Live" on one screen and
"Draft" on another. They read only columns already on the page row (no queries).

The words, in Wagtail's sense: *Draft*, *In review*, *Changes requested*, *Approved (waiting
to publish)*, *Scheduled*, *Live*, *Live with unpublished changes (...)*, *Unpublished*,
*Archived*; a page published without a clinical review (``import_content --publish``) reads
*Live (not yet clinically reviewed)*, as its public review line says "Not yet clinically
reviewed".
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from editorial.models import WorkflowState

DRAFT = _("Draft")
IN_REVIEW = _("In review")
CHANGES_REQUESTED = _("Changes requested")
APPROVED = _("Approved (waiting to publish)")
SCHEDULED = _("Scheduled")
LIVE = _("Live")
LIVE_NOT_REVIEWED = _("Live (not yet clinically reviewed)")
UNPUBLISHED = _("Unpublished")
ARCHIVED = _("Archived")
WAS_LIVE = _("Was live (replaced)")

# What the unpublished changes of a live page are waiting for.
_WORKFLOW = {
    WorkflowState.DRAFT: DRAFT,
    WorkflowState.IN_REVIEW: IN_REVIEW,
    WorkflowState.CHANGES_REQUESTED: CHANGES_REQUESTED,
    WorkflowState.APPROVED: APPROVED,
}
_EARLIER = {**_WORKFLOW, WorkflowState.APPROVED: _("Approved")}
_LIVE_WITH_CHANGES = {
    WorkflowState.DRAFT: _("Live with unpublished changes (draft)"),
    WorkflowState.IN_REVIEW: _("Live with unpublished changes (in review)"),
    WorkflowState.CHANGES_REQUESTED: _("Live with unpublished changes (changes requested)"),
    WorkflowState.APPROVED: _("Live with unpublished changes (approved, waiting to publish)"),
}


def _live_label(page):
    return LIVE if page.clinically_reviewed else LIVE_NOT_REVIEWED


def page_state_label(page) -> str:
    """Where the page stands, in one phrase."""
    if page.archived_at:
        return str(ARCHIVED)
    if page.go_live_at:
        return str(SCHEDULED)
    latest_is_live_revision = page.latest_revision_id == page.live_revision_id
    if page.live:
        if latest_is_live_revision:
            return str(_live_label(page))
        return str(_LIVE_WITH_CHANGES.get(page.workflow_state, _LIVE_WITH_CHANGES["draft"]))
    if page.live_revision_id and latest_is_live_revision:
        return str(UNPUBLISHED)  # taken down, nothing new written since
    return str(_WORKFLOW.get(page.workflow_state, DRAFT))


def revision_state_label(page, revision, published_ids=frozenset()) -> str:
    """Where one revision stands: the live revision reads as live, whatever it was saved as.

    ``published_ids``: revisions that were live once (from the action log), so an earlier
    live version is not mistaken for a draft that never reached readers.
    """
    if revision.pk == page.live_revision_id:
        if page.archived_at:
            return str(ARCHIVED)
        return str(_live_label(page)) if page.live else str(UNPUBLISHED)
    if revision.pk == page.latest_revision_id:
        if page.go_live_at:
            return str(SCHEDULED)
        return str(_WORKFLOW.get(page.workflow_state, DRAFT))
    if revision.pk in published_ids:
        return str(WAS_LIVE)
    # An earlier revision keeps the state it reached; its approval no longer waits for anyone.
    return str(_EARLIER.get(revision.state, DRAFT))


def state_filters() -> dict[str, tuple[str, Q]]:
    """The same vocabulary as a list filter: key → (label, condition), mirroring
    ``page_state_label`` (a test checks the two agree for every state)."""
    from django.db.models import F

    current = Q(archived_at__isnull=True, go_live_at__isnull=True)
    latest_is_live = Q(live_revision__isnull=False, latest_revision=F("live_revision"))
    not_live = current & Q(live=False)
    unpublished = not_live & latest_is_live
    return {
        "draft": (DRAFT, not_live & ~latest_is_live & Q(workflow_state=WorkflowState.DRAFT)),
        "in_review": (IN_REVIEW, not_live & ~latest_is_live
                      & Q(workflow_state=WorkflowState.IN_REVIEW)),
        "changes_requested": (CHANGES_REQUESTED, not_live & ~latest_is_live
                              & Q(workflow_state=WorkflowState.CHANGES_REQUESTED)),
        "approved": (APPROVED, not_live & ~latest_is_live
                     & Q(workflow_state=WorkflowState.APPROVED)),
        "scheduled": (SCHEDULED, Q(archived_at__isnull=True, go_live_at__isnull=False)),
        "live": (LIVE, current & Q(live=True, reviewed_at__isnull=False) & latest_is_live),
        "live_not_reviewed": (LIVE_NOT_REVIEWED,
                              current & Q(live=True, reviewed_at__isnull=True) & latest_is_live),
        "live_with_changes": (_("Live with unpublished changes"),
                              current & Q(live=True) & ~latest_is_live),
        "unpublished": (UNPUBLISHED, unpublished),
        "archived": (ARCHIVED, Q(archived_at__isnull=False)),
    }


class StateListFilter(admin.SimpleListFilter):
    """"By state" on every page list, in the words the State column uses."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _condition) in state_filters().items()]

    def queryset(self, request, queryset):
        chosen = state_filters().get(self.value() or "")
        return queryset.filter(chosen[1]) if chosen else queryset
