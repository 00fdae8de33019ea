"""The workflow actions where clinicians look for them (issue 16, points 2, 8 and 9).

2: the change page says where the page stands, shows the reviewer's note while changes are
   requested, and offers the actions this person may take now beside Save — never an empty list.
8: unpublish, archive and restore go through a confirmation page that says what readers lose and
   requires a reason.
9: every workflow URL answers GET with a page; refusals are the admin's own page, naming the role.
"""

import pytest
from django.urls import reverse

from editorial import workflow
from editorial.models import ActionLog, WorkflowState
from tests.editorial.forms import form_fields
from tests.editorial.helpers import admin_url, reload, seen
from tests.editorial.test_signoff import change_form_data

pytestmark = pytest.mark.django_db
NOTE = "The second section says to stop at once: say to talk to the prescriber first."


@pytest.fixture
def changes_requested(make_article, author, reviewer, edit):
    article = make_article("tolerance", title="Live title")
    edit(article, author, summary="A clearer summary.")
    workflow.submit(reload(article), user=author)
    workflow.request_changes(reload(article), user=reviewer, note=NOTE)
    return reload(article)


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- Point 2: the change page -------------------------------------------------------------------
def test_the_author_sees_the_reviewers_note_on_the_change_page(changes_requested, author,
                                                               client, login_staff):
    login_staff(client, author)
    html = html_of(client.get(admin_url(changes_requested, "change")))
    assert 'class="editorial-banner"' in html
    assert "Changes requested by Dr Ada Reviewer" in html  # the reviewer's public name
    assert NOTE in html
    assert "Changes requested" in html  # the state in words
    assert 'name="_submit"' in html and "Save and submit for review" in html
    assert "Save draft" in html


def test_the_note_stays_while_the_author_edits_and_goes_once_resubmitted(
        changes_requested, author, client, login_staff):
    login_staff(client, author)
    url = admin_url(changes_requested, "change")
    client.post(url, {**change_form_data(changes_requested, summary="Talk to your prescriber."),
                      "_continue": "Save draft"})
    article = reload(changes_requested)
    assert article.workflow_state == WorkflowState.DRAFT
    assert NOTE in html_of(client.get(url))  # still shown while the fix is a draft

    response = client.post(url, {
        **change_form_data(article, summary="Talk to your prescriber before any change."),
        "_submit": "Save and submit for review", "_submit_note": "Reworded as asked."})
    assert response.status_code == 302 and response["Location"] == url
    article = reload(changes_requested)
    assert article.workflow_state == WorkflowState.IN_REVIEW
    assert article.latest_revision.content["summary"] == (
        "Talk to your prescriber before any change.")
    submitted = ActionLog.objects.filter(action="submit").first()
    assert submitted.revision_id == article.latest_revision_id
    assert submitted.note == "Reworded as asked."
    assert 'class="editorial-banner"' not in html_of(client.get(url))


def test_save_and_submit_with_nothing_edited_submits_the_draft_as_it_is(
        make_article, author, client, login_staff):
    article = make_article("tolerance", title="Live title")
    login_staff(client, author)
    url = admin_url(article, "change")
    data = change_form_data(article, summary="A clearer summary.")
    client.post(url, {**data, "_continue": "Save draft"})
    article = reload(article)
    revisions = article.revisions().count()
    html = html_of(client.get(url))
    revision = article.latest_revision
    assert f'name="revision" value="{revision.pk}"' in html
    assert f'name="content_hash" value="{revision.content_hash}"' in html
    client.post(url, {**data, **seen(revision), "_submit": "Save and submit for review"})
    article = reload(article)
    assert article.workflow_state == WorkflowState.IN_REVIEW
    assert article.revisions().count() == revisions
    assert ActionLog.objects.get(action="submit").revision_id == revision.pk


def test_the_reviewer_approves_from_the_change_page_naming_the_revision(
        make_article, author, reviewer, edit, client, login_staff):
    article = make_article("tolerance", title="Live title")
    edit(article, author, summary="A clearer summary.")
    workflow.submit(reload(article), user=author)
    article = reload(article)
    login_staff(client, reviewer)
    html = html_of(client.get(admin_url(article, "change")))
    url = admin_url(article, "workflow", "approve")
    form = form_fields(html, url)
    assert form["revision"] == str(article.latest_revision_id)
    assert form["content_hash"] == article.latest_revision.content_hash
    assert f"Approves revision {article.latest_revision_id}" in html
    assert admin_url(article, "workflow", "request_changes") in html
    assert "Signs this revision off as clinically accurate" in html
    response = client.post(url, form)
    assert response["Location"] == admin_url(article, "change")  # back where they were
    assert reload(article).workflow_state == WorkflowState.APPROVED


def test_the_change_page_keeps_four_eyes(make_article, make_staff, edit, client, login_staff):
    from django.contrib.auth.models import Group

    from editorial.roles import AUTHOR, CLINICAL_REVIEWER

    writer = make_staff(CLINICAL_REVIEWER, "writer-reviewer")
    writer.groups.add(Group.objects.get(name=AUTHOR))
    article = make_article("tolerance", title="Live title")
    edit(article, writer, summary="Written by the reviewer.")
    workflow.submit(reload(article), user=writer)
    login_staff(client, writer)
    html = html_of(client.get(admin_url(article, "change")))
    assert "another clinical reviewer must approve it" in html
    assert f'action="{admin_url(article, "workflow", "approve")}"' not in html


def test_the_publisher_sees_publish_and_schedule_beside_the_state(approved_draft, publisher,
                                                                  client, login_staff):
    login_staff(client, publisher)
    html = html_of(client.get(admin_url(approved_draft, "change")))
    for action in ("publish", "schedule"):
        form = form_fields(html, admin_url(approved_draft, "workflow", action))
        assert form["revision"] == str(approved_draft.latest_revision_id)
    assert "waits for a publisher" in html
    assert "Makes this approved revision what readers see, now." in html


def test_a_live_reviewed_page_never_shows_an_empty_list_of_actions(approved_draft, publisher,
                                                                   author, client, login_staff):
    workflow.publish(reload(approved_draft), user=publisher)
    article = reload(approved_draft)
    login_staff(client, author)
    for name in ("history", "change"):
        html = html_of(client.get(admin_url(article, name)))
        assert ">Actions</h2>" not in html
        if name == "history":
            assert "Nothing for you to do now: readers see the latest revision." in html
    login_staff(client, publisher)
    html = html_of(client.get(admin_url(article, "change")))
    assert "What you can do now" in html and "Unpublish…" in html


# --- Point 8: unpublish, archive and restore confirm and need a reason ----------------------------
def test_unpublish_is_a_confirmation_page_saying_what_readers_lose(make_article, topic,
                                                                  publisher, client,
                                                                  login_staff):
    article = make_article("tolerance", title="Tolerance", topics=[topic])
    login_staff(client, publisher)
    history = html_of(client.get(admin_url(article, "history")))
    url = admin_url(article, "workflow", "unpublish")
    assert f'action="{url}"' not in history  # one click no longer takes a page down
    assert f'href="{url}"' in history and 'class="deletelink"' in history

    html = html_of(client.get(url))
    assert "delete-confirmation" in html  # the admin's danger look
    assert "What readers will lose" in html
    assert "/articles/tolerance/" in html and "HTTP 404" in html
    assert "the topic “Dependence”" in html and "the list of all articles" in html
    assert "CDN" in html
    assert client.get("/articles/tolerance/").status_code == 200


@pytest.mark.parametrize("reason", ["", "   "])
def test_unpublish_without_a_reason_is_refused_on_the_field(make_article, publisher, client,
                                                           login_staff, reason):
    article = make_article("tolerance")
    login_staff(client, publisher)
    url = admin_url(article, "workflow", "unpublish")
    form = form_fields(html_of(client.get(url)), url)
    html = html_of(client.post(url, {**form, "note": reason}))
    assert "Give the reason for taking this page offline." in html
    assert 'class="errorlist"' in html and 'aria-invalid="true"' in html
    assert reload(article).live
    assert not ActionLog.objects.filter(action="unpublish").exists()


def test_unpublish_with_a_reason_takes_the_page_down_and_logs_why(make_article, publisher,
                                                                 client, login_staff):
    article = make_article("tolerance")
    login_staff(client, publisher)
    url = admin_url(article, "workflow", "unpublish")
    form = form_fields(html_of(client.get(url)), url)
    response = client.post(url, {**form, "note": "The FDA label changed; rechecking."})
    assert response.status_code == 302
    assert not reload(article).live
    assert ActionLog.objects.get(action="unpublish").note == "The FDA label changed; rechecking."
    client.logout()
    assert client.get("/articles/tolerance/").status_code == 404


@pytest.mark.parametrize("action", ["archive", "restore"])
def test_archive_and_restore_need_a_reason(make_article, publisher, client, login_staff,
                                           action):
    article = make_article("tolerance")
    if action == "restore":
        workflow.archive(article, user=publisher)
        article = reload(article)
    login_staff(client, publisher)
    url = admin_url(article, "workflow", action)
    form = form_fields(html_of(client.get(url)), url)
    html = html_of(client.post(url, form))
    assert "Give the reason for" in html
    assert (reload(article).archived_at is None) == (action == "archive")
    client.post(url, {**form, "note": "Editorial decision."})
    assert (reload(article).archived_at is None) == (action == "restore")


# --- Point 9: GET answers with a page; refusals name the role -----------------------------------
def test_opening_approve_directly_shows_its_form(make_article, author, reviewer, edit, client,
                                                login_staff):
    article = make_article("tolerance")
    edit(article, author, summary="A clearer summary.")
    workflow.submit(reload(article), user=author)
    article = reload(article)
    login_staff(client, reviewer)
    url = admin_url(article, "workflow", "approve")
    html = html_of(client.get(url))
    assert form_fields(html, url)["revision"] == str(article.latest_revision_id)
    assert reload(article).workflow_state == WorkflowState.IN_REVIEW


def test_opening_an_action_that_does_not_apply_redirects_with_a_message(make_article, publisher,
                                                                        client, login_staff):
    article = make_article("tolerance")  # live, nothing approved waiting
    login_staff(client, publisher)
    response = client.get(admin_url(article, "workflow", "publish"), follow=True)
    assert response.redirect_chain[-1][0] == admin_url(article, "history")
    assert "does not apply to this page now" in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_refusal_is_the_admins_page_naming_the_role(make_article, author, edit, client,
                                                      login_staff, method):
    article = make_article("tolerance")
    edit(article, author, summary="A clearer summary.")
    workflow.submit(reload(article), user=author)
    article = reload(article)
    login_staff(client, author)
    url = admin_url(article, "workflow", "approve")
    response = getattr(client, method)(url, seen(article.latest_revision))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Approving needs the Clinical reviewer role." in html
    assert "Your roles: Author." in html
    assert 'id="site-name"' in html  # the admin's own header, not a bare "403 Forbidden"
    assert admin_url(article, "history") in html  # and the way back
    assert reload(article).workflow_state == WorkflowState.IN_REVIEW


def test_other_refusals_name_their_role_too(make_article, reviewer, client, login_staff):
    article = make_article("tolerance")
    login_staff(client, reviewer)
    response = client.post(admin_url(article, "workflow", "unpublish"),
                           {**seen(article.live_revision), "note": "x"})
    assert response.status_code == 403
    assert "Unpublishing needs the Publisher role." in response.content.decode()
    assert reload(article).live


@pytest.mark.parametrize("action", ["submit", "approve", "request_changes", "publish",
                                    "schedule", "unschedule", "unpublish", "archive",
                                    "restore"])
def test_every_workflow_url_answers_get_with_a_page(make_article, make_staff, client,
                                                   login_staff, action):
    from editorial.roles import ADMINISTRATOR

    article = make_article("tolerance")
    login_staff(client, make_staff(ADMINISTRATOR))
    response = client.get(admin_url(article, "workflow", action), follow=True)
    assert response.status_code == 200
    assert response.content.strip()
    assert reload(article).live


def test_revert_and_note_urls_answer_get_with_the_history(make_article, author, client,
                                                         login_staff):
    article = make_article("tolerance")
    login_staff(client, author)
    for name in ("revert", "note"):
        response = client.get(admin_url(article, name, article.latest_revision_id))
        assert response.status_code == 302
        assert response["Location"].startswith(admin_url(article, "history"))


def test_a_malformed_go_live_time_is_a_field_error(approved_draft, publisher, client,
                                                   login_staff):
    login_staff(client, publisher)
    url = admin_url(approved_draft, "workflow", "schedule")
    form = form_fields(html_of(client.get(url)), url)
    html = html_of(client.post(url, {**form, "go_live_at": "next tuesday-ish"}))
    assert "Enter the go-live time as a date and time." in html
    assert reload(approved_draft).go_live_at is None
    assert reverse("admin:index") in html
