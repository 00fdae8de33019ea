"""Clinical sign-off you can trust: an approval names what it approves, nobody approves their
own writing, and review facts (interval, correction notes) reach readers only when approved
and published.

Each test drives the real admin with the test client, the way a person in that role would.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial import workflow
from editorial.models import ActionLog, ReviewerProfile, WorkflowState
from editorial.roles import AUTHOR, CLINICAL_REVIEWER
from tests.editorial.forms import form_fields
from tests.editorial.helpers import admin_url, reload, seen

pytestmark = pytest.mark.django_db

STALE = "Nothing was changed"


def load_form(client, page, action):
    """What the history page's form for ``action`` would send (loaded now, sent later)."""
    url = admin_url(page, "workflow", action)
    html = client.get(admin_url(page, "history")).content.decode()
    return url, form_fields(html, url)


def change_form_data(page, **changes):
    content = page.latest_revision.content
    data = {k: content[k] for k in ("title", "summary", "body", "language")}
    data["slug"] = page.slug
    data.update({"key_points": '["One point."]', "references": "[]", "notices": "[]",
                 "glossary_exclude": "[]", "review_interval_months": "12"})
    data.update(changes)
    return data


@pytest.fixture
def in_review(make_article, author, edit):
    article = make_article("tolerance", title="Live title", summary="Version A.")
    edit(article, author, summary="Version A, clearer.")
    workflow.submit(reload(article), user=author)
    return reload(article)


# --- An approval names the revision it approves ------------------------------------------------
def test_an_approve_form_loaded_before_the_author_resubmitted_approves_nothing(
        in_review, author, reviewer, edit, client, login_staff):
    login_staff(client, reviewer)
    url, form = load_form(client, in_review, "approve")
    edit(reload(in_review), author, summary="A change the reviewer never saw.")
    workflow.submit(reload(in_review), user=author)

    response = client.post(url, {**form, "note": "Checked."}, follow=True)

    article = reload(in_review)
    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert article.approved_revision_id is None
    assert article.workflow_state == WorkflowState.IN_REVIEW
    assert not ActionLog.objects.filter(action=ActionLog.Action.APPROVE).exists()


def test_the_stale_approval_never_reaches_the_public_page(in_review, author, reviewer,
                                                         publisher, edit, client, login_staff):
    """The reported race end to end: nothing the reviewer didn't see goes live as reviewed."""
    login_staff(client, reviewer)
    url, form = load_form(client, in_review, "approve")
    edit(reload(in_review), author, summary="A change the reviewer never saw.")
    workflow.submit(reload(in_review), user=author)
    client.post(url, form)
    login_staff(client, publisher)
    client.post(*load_form_or_empty(client, in_review, "publish"))
    html = client.get("/articles/tolerance/").content.decode()
    assert "A change the reviewer never saw." not in html


def load_form_or_empty(client, page, action):
    url = admin_url(page, "workflow", action)
    html = client.get(admin_url(page, "history")).content.decode()
    return url, (form_fields(html, url) if f'action="{url}"' in html else {})


def test_an_approve_form_for_the_revision_in_review_approves_exactly_it(in_review, reviewer,
                                                                        client, login_staff):
    login_staff(client, reviewer)
    url, form = load_form(client, in_review, "approve")
    assert form["revision"] == str(in_review.latest_revision_id)
    assert form["content_hash"] == in_review.latest_revision.content_hash
    client.post(url, form)
    article = reload(in_review)
    assert article.workflow_state == WorkflowState.APPROVED
    assert article.approved_revision_id == in_review.latest_revision_id


def test_a_workflow_post_that_names_no_revision_changes_nothing(in_review, reviewer, client,
                                                               login_staff):
    login_staff(client, reviewer)
    for data in ({}, {"revision": "x", "content_hash": "y"},
                 {"revision": str(in_review.latest_revision_id), "content_hash": "0" * 64}):
        response = client.post(admin_url(in_review, "workflow", "approve"), data, follow=True)
        assert response.status_code == 200 and STALE in response.content.decode()
    assert reload(in_review).workflow_state == WorkflowState.IN_REVIEW


def test_a_request_changes_form_loaded_before_a_resubmission_changes_nothing(
        in_review, author, reviewer, edit, client, login_staff):
    login_staff(client, reviewer)
    url, form = load_form(client, in_review, "request_changes")
    edit(reload(in_review), author, summary="Newer words.")
    workflow.submit(reload(in_review), user=author)
    response = client.post(url, {**form, "note": "Cite the guideline."}, follow=True)
    assert STALE in response.content.decode()
    assert reload(in_review).workflow_state == WorkflowState.IN_REVIEW


def test_a_publish_form_loaded_for_an_earlier_approval_publishes_nothing(
        in_review, author, reviewer, make_staff, publisher, edit, client, login_staff):
    workflow.approve(reload(in_review), user=reviewer)
    first_approved = reload(in_review).approved_revision_id
    login_staff(client, publisher)
    url, form = load_form(client, in_review, "publish")
    assert form["revision"] == str(first_approved)
    # Meanwhile the page is edited again and a second clinician approves the newer words.
    edit(reload(in_review), author, summary="Newer words, approved later.")
    workflow.submit(reload(in_review), user=author)
    workflow.approve(reload(in_review), user=make_staff(CLINICAL_REVIEWER, "second-reviewer"))
    response = client.post(url, form, follow=True)
    assert STALE in response.content.decode()
    assert reload(in_review).live_revision_id != reload(in_review).latest_revision_id


def test_unpublish_names_the_live_revision(make_article, publisher, client, login_staff):
    article = make_article()
    login_staff(client, publisher)
    url = admin_url(article, "workflow", "unpublish")  # its confirmation page (point 8)
    form = form_fields(client.get(url).content.decode(), url)
    assert form["revision"] == str(article.live_revision_id)
    client.post(url, {**form, "note": "Withdrawn while the label change is checked."})
    assert not reload(article).live


# --- Four eyes -----------------------------------------------------------------------------------
@pytest.fixture
def policy_page(db):
    from editorial.models import Revision
    from pages.models import Page

    page = Page(slug="editorial-policy")
    revision = page.save_revision(source=Revision.Source.IMPORT, content={
        "title": "Editorial policy", "slug": "editorial-policy", "summary": "How we check.",
        "body": "## How clinicians check our pages\n\nPlain words.\n", "language": "en"})
    page.publish(revision, actor_label="test")
    return page


def writer_and_reviewer(username="writer-reviewer", *, superuser=False):
    user = get_user_model().objects.create_user(username=username, password="a long password",
                                                is_staff=True, is_superuser=superuser)
    user.groups.add(Group.objects.get(name=AUTHOR), Group.objects.get(name=CLINICAL_REVIEWER))
    ReviewerProfile.objects.create(user=user, display_name="Dr Self", credentials="MD")
    return user


@pytest.mark.parametrize("superuser", [False, True], ids=["author-and-reviewer", "superuser"])
def test_nobody_approves_their_own_writing(make_article, edit, client, login_staff, superuser):
    article = make_article(title="Live title")
    person = writer_and_reviewer(superuser=superuser)
    login_staff(client, person)
    client.post(admin_url(article, "change"), change_form_data(article, summary="My words."))
    url, form = load_form(client, reload(article), "submit")
    client.post(url, form)
    history = client.get(admin_url(article, "history")).content.decode()
    assert "another clinical reviewer must approve it" in history
    article = reload(article)
    response = client.post(admin_url(article, "workflow", "approve"),
                           seen(article.latest_revision), follow=True)
    article = reload(article)
    assert "another clinical reviewer" in response.content.decode()
    assert article.workflow_state == WorkflowState.IN_REVIEW
    assert article.approved_revision_id is None


def test_writing_any_revision_since_the_last_approval_counts_as_authorship(
        make_article, author, edit):
    article = make_article(title="Live title")
    person = writer_and_reviewer()
    edit(article, person, summary="The reviewer's own words.")
    edit(reload(article), author, summary="The author's tidy-up on top.")
    workflow.submit(reload(article), user=author)
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(reload(article), user=person)


def test_writing_before_the_last_approval_does_not_block_the_next_review(
        make_article, author, reviewer, edit):
    article = make_article(title="Live title")
    person = writer_and_reviewer()
    edit(article, person, summary="Written by the second clinician.")
    workflow.submit(reload(article), user=person)
    workflow.approve(reload(article), user=reviewer)
    edit(reload(article), author, summary="Then the author changed it.")
    workflow.submit(reload(article), user=author)
    workflow.approve(reload(article), user=person)
    assert reload(article).workflow_state == WorkflowState.APPROVED


def test_a_team_may_allow_self_approval_and_the_policy_page_then_says_so(
        make_article, policy_page, edit, settings, client):
    settings.EDITORIAL_ALLOW_SELF_APPROVAL = True
    article = make_article(title="Live title")
    person = writer_and_reviewer()
    edit(article, person, summary="My words.")
    workflow.submit(reload(article), user=person)
    workflow.approve(reload(article), user=person)
    assert reload(article).workflow_state == WorkflowState.APPROVED
    assert "approve their own" in client.get("/editorial-policy/").content.decode()


def test_the_policy_page_says_nothing_of_self_approval_by_default(policy_page, client):
    assert "approve their own" not in client.get("/editorial-policy/").content.decode()


# --- Review facts are content ----------------------------------------------------------------
@pytest.fixture
def reviewed_article(make_article, reviewer):
    article = make_article(title="Live title")
    workflow.approve(reload(article), user=reviewer)
    return reload(article)


def publish_through_the_workflow(page, author, reviewer, publisher):
    workflow.submit(reload(page), user=author)
    workflow.approve(reload(page), user=reviewer)
    workflow.publish(reload(page), user=publisher)
    return reload(page)


def test_an_authors_new_review_interval_waits_for_approval_and_publishing(
        reviewed_article, author, reviewer, publisher, client, login_staff):
    due_before = reviewed_article.next_review_due
    login_staff(client, author)
    client.post(admin_url(reviewed_article, "change"),
                change_form_data(reviewed_article, review_interval_months="36"))
    article = reload(reviewed_article)
    assert article.review_interval_months == 12 and article.next_review_due == due_before
    assert article.latest_revision.content["review_interval_months"] == 36
    client.logout()
    assert str(due_before.year) in client.get("/articles/tolerance/").content.decode()

    article = publish_through_the_workflow(article, author, reviewer, publisher)
    assert article.review_interval_months == 36
    assert article.next_review_due.year == article.last_reviewed_at.year + 3


def test_a_correction_note_is_published_with_its_revision_not_before(
        reviewed_article, author, reviewer, publisher, client, login_staff):
    from feedback.models import Correction

    note = "We said the effect lasts a day; it can last longer."
    login_staff(client, author)
    client.post(admin_url(reviewed_article, "change"),
                change_form_data(reviewed_article, body="Corrected words.\n",
                                 correction_note=note))
    article = reload(reviewed_article)
    assert article.latest_revision.content["correction_note"] == note
    client.logout()
    assert note not in client.get("/articles/tolerance/").content.decode()
    assert not Correction.objects.exists()

    article = publish_through_the_workflow(article, author, reviewer, publisher)
    html = client.get("/articles/tolerance/").content.decode()
    assert "Corrected on" in html and note in html
    correction = Correction.objects.get()
    assert correction.revision_id == article.live_revision_id


def test_a_published_correction_note_is_not_carried_into_the_next_draft(
        reviewed_article, author, reviewer, publisher, client, login_staff):
    from feedback.models import Correction

    login_staff(client, author)
    client.post(admin_url(reviewed_article, "change"),
                change_form_data(reviewed_article, correction_note="A fix."))
    publish_through_the_workflow(reviewed_article, author, reviewer, publisher)
    html = client.get(admin_url(reviewed_article, "change")).content.decode()
    assert "A fix." not in html
    client.post(admin_url(reviewed_article, "change"),
                change_form_data(reload(reviewed_article), summary="Another edit."))
    assert "correction_note" not in reload(reviewed_article).latest_revision.content
    publish_through_the_workflow(reviewed_article, author, reviewer, publisher)
    assert Correction.objects.count() == 1


def test_correction_notes_cannot_be_added_or_rewritten_outside_a_revision(
        make_article, make_staff, client, login_staff):
    from django.contrib.contenttypes.models import ContentType

    from editorial.roles import ADMINISTRATOR
    from feedback.models import Correction

    article = make_article()
    correction = Correction.objects.create(
        content_type=ContentType.objects.get_for_model(article), object_id=article.pk,
        note="An earlier published correction.", revision=article.live_revision)
    login_staff(client, make_staff(ADMINISTRATOR))
    assert client.get("/admin/feedback/correction/add/").status_code == 403
    client.post(f"/admin/feedback/correction/{correction.pk}/change/",
                {"note": "Rewritten", "corrected_on": "2020-01-01"})
    assert reload(correction).note == "An earlier published correction."
    # Corrections published before this rule keep showing.
    assert "An earlier published correction." in client.get("/articles/tolerance/").content.decode()


def test_the_reviewer_sees_a_new_interval_and_correction_note_in_the_comparison(
        reviewed_article, author, reviewer, client, login_staff):
    login_staff(client, author)
    client.post(admin_url(reviewed_article, "change"),
                change_form_data(reviewed_article, review_interval_months="24",
                                 correction_note="The dates were wrong."))
    login_staff(client, reviewer)
    html = client.get(admin_url(reviewed_article, "compare")).content.decode()
    # Fields are named as the form names them (issue 16), not by their model names.
    assert "Review every (months)" in html and "24" in html
    assert "Correction note" in html and "The dates were wrong." in html
