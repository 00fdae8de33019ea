"""The workflow rules themselves: states, approval tied to content, publishing, reverting."""

import pytest
from django.core.management import call_command

from editorial import workflow
from editorial.models import ActionLog, Revision, WorkflowState
from editorial.workflow import WorkflowError
from tests.editorial.helpers import reload

pytestmark = pytest.mark.django_db


def test_a_new_revision_is_a_draft(make_article, author, edit):
    article = make_article(live=False)
    edit(article, author, title="Changed")
    assert reload(article).workflow_state == WorkflowState.DRAFT
    assert reload(article).latest_revision.state == WorkflowState.DRAFT


def test_draft_goes_through_review_to_approved(make_article, author, reviewer):
    article = make_article(live=False)
    workflow.submit(article, user=author, note="Ready")
    assert reload(article).workflow_state == WorkflowState.IN_REVIEW
    workflow.approve(article, user=reviewer)
    article = reload(article)
    assert article.workflow_state == WorkflowState.APPROVED
    assert article.approved_revision_id == article.latest_revision_id
    assert article.approved_content_hash == article.latest_revision.content_hash
    assert article.approved_by == reviewer


def test_requested_changes_go_back_to_draft_with_the_next_edit(make_article, author, reviewer,
                                                              edit):
    article = make_article(live=False)
    workflow.submit(article, user=author)
    workflow.request_changes(article, user=reviewer, note="Cite the guideline.")
    assert reload(article).workflow_state == WorkflowState.CHANGES_REQUESTED
    edit(reload(article), author, body="Better words.\n")
    assert reload(article).workflow_state == WorkflowState.DRAFT


def test_requesting_changes_needs_a_note(make_article, author, reviewer):
    article = make_article(live=False)
    workflow.submit(article, user=author)
    with pytest.raises(WorkflowError):
        workflow.request_changes(article, user=reviewer, note="  ")


def test_a_draft_that_was_not_submitted_cannot_be_approved(make_article, author, reviewer,
                                                          edit):
    article = make_article()
    edit(article, author, title="Unsubmitted")
    with pytest.raises(WorkflowError):
        workflow.approve(reload(article), user=reviewer)


def test_approval_needs_a_public_reviewer_profile(make_article, author, make_staff):
    from editorial.roles import CLINICAL_REVIEWER

    nameless = make_staff(CLINICAL_REVIEWER, "nameless")
    nameless.reviewer_profile.delete()
    article = make_article(live=False)
    workflow.submit(article, user=author)
    with pytest.raises(WorkflowError):
        workflow.approve(reload(article), user=type(nameless).objects.get(pk=nameless.pk))


def test_an_edit_after_approval_needs_a_fresh_review(approved_draft, author, publisher, edit):
    edit(approved_draft, author, title="Edited after approval")
    article = reload(approved_draft)
    assert article.approved_revision_id is None
    assert article.workflow_state == WorkflowState.DRAFT
    with pytest.raises(WorkflowError):
        workflow.publish(article, user=publisher)
    assert reload(article).title == "Live title"


def test_approval_is_void_if_the_approved_content_was_altered(approved_draft, publisher):
    Revision.objects.filter(pk=approved_draft.approved_revision_id).update(
        content={**approved_draft.approved_revision.content, "title": "Tampered"})
    with pytest.raises(WorkflowError):
        workflow.publish(reload(approved_draft), user=publisher)


def test_publishing_an_approved_revision_records_the_review(approved_draft, publisher,
                                                            reviewer):
    workflow.publish(reload(approved_draft), user=publisher)
    article = reload(approved_draft)
    assert article.live and article.title == "Reviewed title"
    assert article.clinically_reviewed
    assert article.reviewer_name == "Dr Ada Reviewer"
    assert article.reviewer_credentials == "MD, psychiatry"
    assert article.reviewed_by == reviewer
    assert article.last_reviewed_at == article.approved_at.date()
    assert article.next_review_due.year == article.last_reviewed_at.year + 1
    assert article.last_significant_change == article.last_published_at


def test_an_unapproved_revision_cannot_be_published_from_the_workflow(make_article, author,
                                                                      publisher, edit):
    article = make_article(live=False)
    with pytest.raises(WorkflowError):
        workflow.publish(article, user=publisher)
    workflow.submit(article, user=author)
    with pytest.raises(WorkflowError):
        workflow.publish(reload(article), user=publisher)
    assert not reload(article).live


def test_import_publish_is_live_but_not_clinically_reviewed(tmp_path):
    from articles.models import Article, Topic

    Topic.objects.create(title="Dependence", slug="dependence", summary="About dependence.")
    (tmp_path / "imported.md").write_text(
        "---\ntitle: Imported\nslug: imported\nsummary: A plain summary.\n"
        "topics: [dependence]\nkey_points: [One.]\nreferences: []\n---\nPlain words.\n")
    call_command("import_content", str(tmp_path / "imported.md"), "--publish")
    article = Article.objects.get(slug="imported")
    assert article.live and not article.clinically_reviewed
    assert article.last_reviewed_at is None and article.next_review_due is None


def test_import_publish_over_a_reviewed_page_clears_the_review(approved_draft, publisher,
                                                               edit):
    workflow.publish(reload(approved_draft), user=publisher)
    article = reload(approved_draft)
    revision = edit(article, None, title="Imported over it")
    article.publish(revision, actor_label="import_content")
    assert not reload(article).clinically_reviewed


def test_approving_the_live_revision_records_a_new_review_at_once(make_article, reviewer):
    article = make_article()
    assert not article.clinically_reviewed
    workflow.approve(reload(article), user=reviewer, note="Checked against current guidance.")
    article = reload(article)
    assert article.clinically_reviewed and article.reviewer_name == "Dr Ada Reviewer"
    assert article.next_review_due is not None


def test_review_interval_sets_the_next_due_date_and_is_capped(make_article, reviewer):
    from django.core.exceptions import ValidationError

    article = make_article()
    revision = article.save_revision(content={**article.latest_revision.content,
                                              "review_interval_months": 6})
    article.publish(revision, actor_label="test")
    workflow.approve(reload(article), user=reviewer)
    article = reload(article)
    months = ((article.next_review_due.year - article.last_reviewed_at.year) * 12
              + article.next_review_due.month - article.last_reviewed_at.month)
    assert months == 6
    article.review_interval_months = 37
    with pytest.raises(ValidationError):
        article.full_clean()


def test_scheduling_needs_a_future_time(approved_draft, publisher):
    from django.utils import timezone

    with pytest.raises(WorkflowError):
        workflow.schedule(reload(approved_draft), user=publisher, go_live_at=timezone.now())


def test_unpublish_hides_the_page_and_keeps_its_history(approved_draft, publisher, client):
    workflow.unpublish(reload(approved_draft), user=publisher, note="Outdated")
    assert client.get("/articles/tolerance/").status_code == 404
    assert reload(approved_draft).revisions().count() == 2


def test_archive_hides_the_page_and_restore_brings_it_back_unpublished(make_article, publisher,
                                                                       client):
    article = make_article()
    workflow.archive(article, user=publisher, note="Merged elsewhere")
    assert client.get("/articles/tolerance/").status_code in (404, 410)
    workflow.restore(reload(article), user=publisher)
    article = reload(article)
    assert article.archived_at is None and not article.live


def test_revert_makes_a_new_draft_from_an_old_revision(make_article, author, edit):
    article = make_article(title="First")
    first = article.latest_revision
    edit(article, author, title="Second")
    new = workflow.revert(reload(article), first, user=author)
    article = reload(article)
    assert article.revisions().count() == 3
    assert new.content == first.content and new.pk != first.pk
    assert new.source == Revision.Source.REVERT and article.workflow_state == WorkflowState.DRAFT
    assert article.title == "First"  # what readers see is unchanged: the live revision


def test_every_transition_is_in_the_action_log(approved_draft, publisher, author, reviewer):
    workflow.publish(reload(approved_draft), user=publisher, note="Go")
    actions = list(ActionLog.objects.filter(object_id=approved_draft.pk)
                   .values_list("action", "actor__username"))
    assert ("submit", author.username) in actions
    assert ("approve", reviewer.username) in actions
    assert ("publish", publisher.username) in actions


def test_approval_is_refused_for_an_image_without_alt_text(make_article, author, reviewer, edit):
    article = make_article(live=False)
    edit(article, author, body="![](/media/editor/x.png)\n")
    workflow.submit(reload(article), user=author)
    with pytest.raises(WorkflowError):
        workflow.approve(reload(article), user=reviewer)
