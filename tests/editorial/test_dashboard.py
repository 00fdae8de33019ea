"""The review dashboard: who submitted what, when, how long it has waited, who reviewed it
(issue 16, point 3)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from editorial import workflow
from editorial.models import ActionLog
from editorial.roles import AUTHOR
from tests.editorial.helpers import reload

pytestmark = pytest.mark.django_db
URL = reverse("admin:editorial_reviewdashboard_changelist")


def section(html, key):
    return html.split(f'<section id="{key}"')[1].split("</section>")[0]


def row_of(html, key, title):
    part = section(html, key)
    return part[part.index(title):].split("</tr>")[0]


def submit_days_ago(page, user, days):
    workflow.submit(page, user=user)
    ActionLog.objects.filter(action=ActionLog.Action.SUBMIT, revision=page.latest_revision) \
        .update(timestamp=timezone.now() - timedelta(days=days))


def test_an_item_in_review_shows_who_submitted_it_when_and_how_long_it_has_waited(
        make_article, author, client, login_staff):
    page = make_article("in-review", title="Page in review", live=False)
    submit_days_ago(page, author, 9)
    login_staff(client, author)
    row = row_of(client.get(URL).text, "in_review", "Page in review")
    assert "In review" in row
    assert author.username in row
    submitted = timezone.localtime(timezone.now() - timedelta(days=9))
    assert submitted.strftime("%Y-%m-%d") in row  # the <time datetime> of the submission
    assert ">9 days<" in row


def test_an_approved_item_names_its_reviewer(approved_draft, reviewer, client, login_staff):
    """The clinician saw "-" under Reviewer for approved items."""
    login_staff(client, reviewer)
    row = row_of(client.get(URL).text, "awaiting_publish", str(approved_draft))
    assert "Dr Ada Reviewer" in row
    assert "Live with unpublished changes (approved, waiting to publish)" in row


def test_a_reviewed_live_page_shows_its_reviewer_and_due_date(make_article, author, reviewer,
                                                              publisher, client, login_staff):
    page = make_article("due", title="Due page", live=False)
    workflow.submit(page, user=author)
    workflow.approve(reload(page), user=reviewer)
    workflow.publish(reload(page), user=publisher)
    type(page).objects.filter(pk=page.pk).update(
        next_review_due=timezone.localdate() + timedelta(days=10))
    login_staff(client, reviewer)
    row = row_of(client.get(URL).text, "due_soon", "Due page")
    assert "Dr Ada Reviewer" in row
    assert (timezone.localdate() + timedelta(days=10)).isoformat() in row


def test_mine_as_author_lists_only_what_i_wrote_or_submitted(make_article, author, make_staff,
                                                             edit, client, login_staff):
    colleague = make_staff(AUTHOR, "colleague")
    mine, theirs = make_article("mine", title="My page", live=False), \
        make_article("theirs", title="Their page", live=False)
    edit(mine, author, title="My page")
    workflow.submit(reload(mine), user=author)
    edit(theirs, colleague, title="Their page")
    workflow.submit(reload(theirs), user=colleague)
    login_staff(client, author)
    html = section(client.get(URL, {"mine": "author"}).text, "in_review")
    assert "My page" in html and "Their page" not in html
    everything = section(client.get(URL).text, "in_review")
    assert "My page" in everything and "Their page" in everything


def test_mine_as_reviewer_lists_only_what_i_approved_or_reviewed(approved_draft, make_article,
                                                                 make_staff, author, client,
                                                                 login_staff):
    from editorial.roles import CLINICAL_REVIEWER

    other_reviewer = make_staff(CLINICAL_REVIEWER, "other-reviewer")
    login_staff(client, other_reviewer)
    html = section(client.get(URL, {"mine": "reviewer"}).text, "awaiting_publish")
    assert str(approved_draft) not in html
    client.logout()
    login_staff(client, approved_draft.approved_by)
    html = section(client.get(URL, {"mine": "reviewer"}).text, "awaiting_publish")
    assert str(approved_draft) in html


def test_the_dashboard_sorts_by_any_column_both_ways(make_article, author, client, login_staff):
    for title, days in [("Alpha", 2), ("Bravo", 20), ("Charlie", 7)]:
        submit_days_ago(make_article(title.lower(), title=title, live=False), author, days)
    login_staff(client, author)

    def order(sort):
        part = section(client.get(URL, {"sort": sort}).text, "in_review")
        return sorted(["Alpha", "Bravo", "Charlie"], key=part.index)

    assert order("-waiting") == ["Bravo", "Charlie", "Alpha"]
    assert order("waiting") == ["Alpha", "Charlie", "Bravo"]
    assert order("page") == ["Alpha", "Bravo", "Charlie"]
    assert order("-page") == ["Charlie", "Bravo", "Alpha"]
    assert order("nonsense") == ["Bravo", "Charlie", "Alpha"]  # unknown: the default order


def test_nonsense_filters_are_not_an_error(author, client, login_staff):
    login_staff(client, author)
    assert client.get(URL, {"mine": "<script>", "sort": "-" * 50}).status_code == 200


def test_the_dashboard_costs_the_same_queries_for_3_or_30_pages(make_article, author, reviewer,
                                                               client, login_staff):
    """Bounded: no query per row (submissions, reviewers and authors are fetched together)."""
    login_staff(client, reviewer)

    def add(count, start):
        for number in range(start, start + count):
            page = make_article(f"page-{number}", title=f"Page {number}", live=False)
            workflow.submit(page, user=author)
            if number % 2:
                workflow.approve(reload(page), user=reviewer)
            make_article(f"live-{number}", title=f"Live {number}")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    add(3, 0)
    few = queries()
    add(27, 3)
    assert queries() == few, few
    assert few <= 30, few
