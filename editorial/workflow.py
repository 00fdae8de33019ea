"""The editorial transitions: draft → in review → approved → live, and back.

Each function checks that the transition makes sense for the page's state, changes the
state, and records who did it, when and why in the action log. Who *may* act is checked
by the caller (``editorial.permissions``), so commands can use these too.

A person acts on the revision they were shown: the admin passes ``seen`` (the revision id
and content hash its form carried), and a transition refuses, changing nothing, when that is
no longer the revision it would act on. Commands pass nothing and act on the page as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from markdownx.models import MarkdownxField

from core.markdown import images_missing_alt
from editorial import signals
from editorial.models import (
    ActionLog,
    ReviewerProfile,
    Revision,
    RevisionNote,
    WorkflowState,
)


class WorkflowError(Exception):
    """A transition that does not apply to the page as it stands (shown to the user)."""


@dataclass(frozen=True)
class Seen:
    """The revision a person was shown when they chose to act (their form carries it)."""

    revision_id: int | None
    content_hash: str

    @classmethod
    def from_post(cls, data) -> Seen:
        try:
            revision_id = int(data.get("revision", ""))
        except (TypeError, ValueError):
            revision_id = None
        return cls(revision_id, str(data.get("content_hash", ""))[:64])


def subject_revision(page, action: str) -> Revision | None:
    """The revision an action acts on: what its form names and the transition checks."""
    if action == "unpublish":
        return page.live_revision
    if action == "unschedule":
        return page.approved_revision
    return page.latest_revision


def _check_seen(revision, seen: Seen | None) -> None:
    if seen is None:  # a command, acting on the page as it stands
        return
    if seen.revision_id is None:
        raise WorkflowError(_("This form does not say which revision it acts on. Nothing was "
                              "changed. Reload the page and try again."))
    if revision is None or (seen.revision_id, seen.content_hash) != (revision.pk,
                                                                    revision.content_hash):
        raise WorkflowError(
            _("The page changed after you opened it: you were shown revision %(seen)s, and "
              "this now acts on revision %(current)s. Nothing was changed. Look at revision "
              "%(current)s, then try again.")
            % {"seen": seen.revision_id, "current": revision.pk if revision else "—"})


def authors_since_last_approval(page, revision) -> set[int]:
    """Who wrote any revision after the last approved one, up to and including ``revision``.

    A revision keeps the state "approved" once a clinician approved it, so the newest such
    revision marks where the last review ended.
    """
    earlier = page.revisions().filter(pk__lte=revision.pk)
    last_approved = (earlier.filter(state=WorkflowState.APPROVED)
                     .aggregate(last=Max("pk"))["last"] or 0)
    return set(earlier.filter(pk__gt=last_approved, created_by__isnull=False)
               .values_list("created_by", flat=True))


def self_approval_allowed() -> bool:
    return bool(getattr(settings, "EDITORIAL_ALLOW_SELF_APPROVAL", False))


def _set_state(page, state: str) -> None:
    page.workflow_state = state
    type(page).objects.filter(pk=page.pk).update(workflow_state=state)
    Revision.objects.filter(pk=page.latest_revision_id).update(state=state)


def _latest(page) -> Revision:
    if page.latest_revision is None:
        raise WorkflowError(_("This page has no revision yet."))
    return page.latest_revision


@transaction.atomic
def submit(page, *, user, note="", seen=None):
    revision = _latest(page)
    _check_seen(revision, seen)
    if page.workflow_state not in (WorkflowState.DRAFT, WorkflowState.CHANGES_REQUESTED):
        raise WorkflowError(_("Only a draft can be submitted for review."))
    if page.live and revision.pk == page.live_revision_id:
        raise WorkflowError(_("The latest revision is already live: edit the page first, "
                              "or approve the live revision to record a new review."))
    _set_state(page, WorkflowState.IN_REVIEW)
    ActionLog.record(page, ActionLog.Action.SUBMIT, actor=user, revision=revision, note=note)


@transaction.atomic
def approve(page, *, user, note="", seen=None):
    """A clinician signs off the latest revision, exactly as it is (its content hash).

    Approving the revision readers already see records a new clinical review of the
    live page at once; otherwise the approved revision waits for a publisher. Nobody
    approves changes they wrote themselves (unless EDITORIAL_ALLOW_SELF_APPROVAL is on).
    """
    revision = _latest(page)
    _check_seen(revision, seen)
    is_live_revision = page.live and revision.pk == page.live_revision_id
    if page.workflow_state != WorkflowState.IN_REVIEW and not is_live_revision:
        raise WorkflowError(_("Only a revision in review can be approved."))
    if (not self_approval_allowed()
            and user.pk in authors_since_last_approval(page, revision)):
        raise WorkflowError(_("You wrote part of this revision, so another clinical reviewer "
                              "must approve it. Nothing was changed."))
    if not ReviewerProfile.objects.filter(user=user).exclude(display_name="").exists():
        raise WorkflowError(_("Add your public name and credentials (reviewer profile) "
                              "before approving: readers see who reviewed a page."))
    if missing := images_without_alt(page, revision):
        raise WorkflowError(_("Every image needs a description (alt text) before approval. "
                              "Missing for: %(images)s") % {"images": ", ".join(missing)})
    now = timezone.now()
    page.approved_revision = revision
    page.approved_content_hash = revision.content_hash
    page.approved_by = user
    page.approved_at = now
    fields = ["approved_revision", "approved_content_hash", "approved_by", "approved_at"]
    if is_live_revision:
        page._apply_review(user, now)
        page.last_significant_change = now
        fields += ["reviewed_by", "reviewed_at", "reviewer_name", "reviewer_credentials",
                   "next_review_due", "last_significant_change"]
    type(page).objects.filter(pk=page.pk).update(**{f: getattr(page, f) for f in fields})
    _set_state(page, WorkflowState.APPROVED)
    ActionLog.record(page, ActionLog.Action.APPROVE, actor=user, revision=revision, note=note)


def images_without_alt(page, revision) -> list[str]:
    """Images in the revision's markdown with no alt text (the editor warns about the same)."""
    missing: list[str] = []
    for field in page._meta.get_fields():
        value = revision.content.get(field.name)
        if isinstance(field, MarkdownxField) and isinstance(value, str):
            missing += images_missing_alt(value)
    return missing


@transaction.atomic
def request_changes(page, *, user, note, seen=None):
    revision = _latest(page)
    _check_seen(revision, seen)
    if page.workflow_state != WorkflowState.IN_REVIEW:
        raise WorkflowError(_("Changes can be requested only for a revision in review."))
    if not note.strip():
        raise WorkflowError(_("Say what needs to change."))
    _set_state(page, WorkflowState.CHANGES_REQUESTED)
    ActionLog.record(page, ActionLog.Action.REQUEST_CHANGES, actor=user, revision=revision,
                     note=note)


def _check_publishable(page, seen=None) -> Revision:
    revision = _latest(page)
    _check_seen(revision, seen)
    if page.archived_at:
        raise WorkflowError(_("Restore the page before publishing it."))
    if (page.approved_revision_id != revision.pk or not page.has_valid_approval
            or page.workflow_state != WorkflowState.APPROVED):
        raise WorkflowError(_("Only the latest revision, approved by a clinical reviewer, "
                              "can be published."))
    if page.live and page.live_revision_id == revision.pk:
        raise WorkflowError(_("This revision is already live."))
    return revision


@transaction.atomic
def publish(page, *, user=None, actor_label="", note="", seen=None):
    """Publish the approved revision: the only way the admin makes content live."""
    revision = _check_publishable(page, seen)
    page.publish(revision, user=user, actor_label=actor_label, note=note)


@transaction.atomic
def schedule(page, *, user, go_live_at, note="", seen=None):
    revision = _check_publishable(page, seen)
    if go_live_at <= timezone.now():
        raise WorkflowError(_("Choose a go-live time in the future, or publish now."))
    page.go_live_at = go_live_at
    type(page).objects.filter(pk=page.pk).update(go_live_at=go_live_at)
    when = timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M %Z")
    ActionLog.record(page, ActionLog.Action.SCHEDULE, actor=user, revision=revision,
                     note=" ".join(filter(None, [_("Go live at %(when)s.") % {"when": when},
                                                 note])))


@transaction.atomic
def unschedule(page, *, user, note="", seen=None):
    _check_seen(page.approved_revision, seen)
    if page.go_live_at is None:
        raise WorkflowError(_("Nothing is scheduled."))
    page.go_live_at = None
    type(page).objects.filter(pk=page.pk).update(go_live_at=None)
    ActionLog.record(page, ActionLog.Action.UNSCHEDULE, actor=user,
                     revision=page.approved_revision, note=note)


@transaction.atomic
def unpublish(page, *, user, note="", seen=None):
    _check_seen(page.live_revision, seen)
    if not page.live:
        raise WorkflowError(_("This page is not live."))
    page.live = False
    type(page).objects.filter(pk=page.pk).update(live=False)
    ActionLog.record(page, ActionLog.Action.UNPUBLISH, actor=user,
                     revision=page.live_revision, note=note)
    signals.page_unpublished.send(sender=type(page), instance=page)


@transaction.atomic
def archive(page, *, user, note="", seen=None):
    """Soft delete: the page leaves every public view but keeps all its history."""
    _check_seen(page.latest_revision, seen)
    if page.archived_at:
        raise WorkflowError(_("This page is already archived."))
    page.archived_at = timezone.now()
    page.live = False
    page.go_live_at = None
    type(page).objects.filter(pk=page.pk).update(archived_at=page.archived_at, live=False,
                                                 go_live_at=None)
    ActionLog.record(page, ActionLog.Action.ARCHIVE, actor=user, note=note)
    signals.page_archived.send(sender=type(page), instance=page)


@transaction.atomic
def restore(page, *, user, note="", seen=None):
    """Bring an archived page back as an unpublished page (publishing it is a separate step)."""
    _check_seen(page.latest_revision, seen)
    if not page.archived_at:
        raise WorkflowError(_("This page is not archived."))
    page.archived_at = None
    type(page).objects.filter(pk=page.pk).update(archived_at=None)
    ActionLog.record(page, ActionLog.Action.RESTORE, actor=user, note=note)
    signals.page_restored.send(sender=type(page), instance=page)


@transaction.atomic
def revert(page, revision, *, user, note=""):
    """Start a new draft from an old revision; history is never rewritten."""
    if not page.revisions().filter(pk=revision.pk).exists():
        raise WorkflowError(_("That revision belongs to another page."))
    new = page.save_revision(user=user, source=Revision.Source.REVERT, content=revision.content,
                             note=_("Reverted to revision %(id)s.") % {"id": revision.pk})
    ActionLog.record(page, ActionLog.Action.REVERT, actor=user, revision=new,
                     note=note or _("New draft from revision %(id)s.") % {"id": revision.pk})
    return new


@transaction.atomic
def add_note(page, revision, *, user, text):
    if not text.strip():
        raise WorkflowError(_("A note needs some text."))
    note = RevisionNote.objects.create(revision=revision, author=user, text=text.strip())
    ActionLog.record(page, ActionLog.Action.NOTE, actor=user, revision=revision,
                     note=text.strip()[:500])
    return note


def publish_due(now=None, *, actor_label="publish_scheduled") -> list:
    """Publish every approved revision whose go-live time has come. Safe to run concurrently."""
    from core.kinds import page_models

    now = now or timezone.now()
    published = []
    for model in page_models():
        due_ids = list(model.objects.filter(go_live_at__lte=now, archived_at__isnull=True)
                       .values_list("pk", flat=True))
        for pk in due_ids:
            with transaction.atomic():
                page = (model.objects.select_for_update(skip_locked=True)
                        .filter(pk=pk, go_live_at__lte=now).first())
                if page is None:
                    continue
                try:
                    publish(page, actor_label=actor_label,
                            note=_("Scheduled go-live."))
                except WorkflowError as error:
                    model.objects.filter(pk=pk).update(go_live_at=None)
                    ActionLog.record(page, ActionLog.Action.UNSCHEDULE, actor_label=actor_label,
                                     note=str(error))
                    continue
                published.append(page)
    return published
