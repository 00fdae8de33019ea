"""Reviewer profiles: on the user's page for administrators, "My reviewer profile" for each
reviewer, every change logged, and pages keep what was recorded at their review (issue 16,
point 11)."""

import pytest
from django.urls import reverse

from editorial import workflow
from editorial.models import ActionLog, ReviewerProfile
from editorial.roles import ADMINISTRATOR
from tests.editorial.helpers import reload

pytestmark = pytest.mark.django_db
MINE = reverse("admin:editorial_myreviewerprofile_changelist")


@pytest.fixture
def administrator(make_staff):
    return make_staff(ADMINISTRATOR, "head-editor")


def user_form(user, **extra):
    """The user change form as the admin sends it, with the reviewer-profile inline."""
    return {
        "username": user.username, "email": user.email, "is_active": "on", "is_staff": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "groups": [group.pk for group in user.groups.all()],
        "reviewer_profile-TOTAL_FORMS": "1", "reviewer_profile-INITIAL_FORMS": "0",
        "reviewer_profile-MIN_NUM_FORMS": "0", "reviewer_profile-MAX_NUM_FORMS": "1",
        **extra,
    }


def test_an_administrator_adds_a_reviewer_profile_on_the_users_own_page(administrator, author,
                                                                         client, login_staff):
    login_staff(client, administrator)
    url = reverse("admin:auth_user_change", args=[author.pk])
    html = client.get(url).text
    assert 'name="reviewer_profile-0-display_name"' in html
    response = client.post(url, user_form(author, **{
        "reviewer_profile-0-display_name": "Dr Sam Lee",
        "reviewer_profile-0-credentials": "MD, family medicine"}))
    assert response.status_code == 302, response.text[:2000]
    assert str(ReviewerProfile.objects.get(user=author)) == "Dr Sam Lee, MD, family medicine"
    entry = ActionLog.objects.get(action=ActionLog.Action.REVIEWER_PROFILE)
    assert entry.actor == administrator and "Dr Sam Lee" in entry.note


def test_the_profile_list_chooses_a_person_by_name_not_a_bare_id(administrator, reviewer,
                                                                client, login_staff):
    login_staff(client, administrator)
    html = client.get(reverse("admin:editorial_reviewerprofile_add")).text
    assert "vForeignKeyRawIdAdminField" not in html
    assert f'<option value="{reviewer.pk}">{reviewer.username}</option>' in html


def test_a_reviewer_edits_their_own_name_and_credentials_and_the_change_is_logged(
        reviewer, client, login_staff):
    login_staff(client, reviewer)
    html = client.get(MINE).text
    assert 'value="Dr Ada Reviewer"' in html and 'value="MD, psychiatry"' in html
    response = client.post(MINE, {"display_name": "Dr Ada Reviewer",
                                   "credentials": "MD, PhD, psychiatry"})
    assert response.status_code == 302
    assert reload(reviewer.reviewer_profile).credentials == "MD, PhD, psychiatry"
    entry = ActionLog.objects.get(action=ActionLog.Action.REVIEWER_PROFILE)
    assert entry.actor == reviewer
    assert "“MD, psychiatry” → “MD, PhD, psychiatry”" in entry.note


def test_a_reviewer_without_a_profile_creates_one(make_staff, client, login_staff):
    from editorial.roles import CLINICAL_REVIEWER

    newcomer = make_staff(CLINICAL_REVIEWER, "newcomer")
    newcomer.reviewer_profile.delete()
    login_staff(client, newcomer)
    assert "no reviewer profile yet" in client.get(MINE).text
    client.post(MINE, {"display_name": "Dr New Comer", "credentials": "PharmD"})
    assert str(ReviewerProfile.objects.get(user=newcomer)) == "Dr New Comer, PharmD"


def test_my_reviewer_profile_never_touches_anyone_elses(reviewer, administrator, client,
                                                       login_staff):
    login_staff(client, reviewer)
    client.post(MINE, {"display_name": "Hijack", "credentials": "None",
                       "user": administrator.pk})
    assert administrator.reviewer_profile.display_name != "Hijack"
    assert reload(administrator.reviewer_profile).display_name != "Hijack"
    assert ReviewerProfile.objects.get(user=reviewer).display_name == "Hijack"


def test_an_empty_name_is_refused_with_a_message_not_an_error(reviewer, client, login_staff):
    login_staff(client, reviewer)
    response = client.post(MINE, {"display_name": "   ", "credentials": "x" * 500})
    assert response.status_code == 200
    assert "Enter the name readers should see." in response.text
    assert reload(reviewer.reviewer_profile).display_name == "Dr Ada Reviewer"


def test_only_reviewers_have_a_reviewer_profile_page(author, reviewer, client, login_staff):
    login_staff(client, author)
    assert client.get(MINE).status_code == 403
    assert MINE not in client.get(reverse("admin:index")).text
    client.logout()
    login_staff(client, reviewer)
    assert MINE in client.get(reverse("admin:index")).text


def test_new_credentials_reach_a_page_only_at_its_next_review(make_article, author, reviewer,
                                                              publisher, edit, client,
                                                              login_staff):
    """Approved as "MD, psychiatry", published after the change: the page shows what the
    reviewer was when they reviewed; the next review shows the new credentials."""
    article = make_article(live=False)
    workflow.submit(article, user=author)
    workflow.approve(reload(article), user=reviewer)
    login_staff(client, reviewer)
    client.post(MINE, {"display_name": "Dr Ada Reviewer", "credentials": "MD, PhD"})
    workflow.publish(reload(article), user=publisher)
    assert reload(article).reviewer_credentials == "MD, psychiatry"
    assert "MD, psychiatry" in client.get(reload(article).get_absolute_url()).text
    workflow.approve(reload(article), user=reviewer)  # the next (periodic) review
    assert reload(article).reviewer_credentials == "MD, PhD"
