"""The cron-safe commands: scheduled publishing and review reminders."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from editorial import workflow
from editorial.models import ActionLog, ReviewReminder
from tests.editorial.helpers import reload

pytestmark = pytest.mark.django_db


def run(command):
    out = StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def schedule_then_move_into_the_past(article, publisher):
    workflow.schedule(reload(article), user=publisher,
                      go_live_at=timezone.now() + timedelta(hours=1))
    type(article).objects.filter(pk=article.pk).update(
        go_live_at=timezone.now() - timedelta(minutes=1))


def test_publish_scheduled_publishes_what_is_due(approved_draft, publisher):
    schedule_then_move_into_the_past(approved_draft, publisher)
    assert "1 page(s) published" in run("publish_scheduled")
    article = reload(approved_draft)
    assert article.title == "Reviewed title" and article.go_live_at is None
    assert article.clinically_reviewed


def test_publish_scheduled_is_idempotent(approved_draft, publisher):
    schedule_then_move_into_the_past(approved_draft, publisher)
    run("publish_scheduled")
    assert "0 page(s) published" in run("publish_scheduled")
    assert ActionLog.objects.filter(action="publish", object_id=approved_draft.pk,
                                    actor_label="publish_scheduled").count() == 1


def test_publish_scheduled_leaves_future_times_alone(approved_draft, publisher):
    workflow.schedule(reload(approved_draft), user=publisher,
                      go_live_at=timezone.now() + timedelta(hours=1))
    run("publish_scheduled")
    assert reload(approved_draft).title == "Live title"


def test_an_edit_after_scheduling_cancels_the_schedule(approved_draft, publisher, author, edit):
    schedule_then_move_into_the_past(approved_draft, publisher)
    edit(reload(approved_draft), author, title="Sneaky edit")
    run("publish_scheduled")
    article = reload(approved_draft)
    assert article.title == "Live title" and article.go_live_at is None


@pytest.fixture
def due_pages(make_article, reviewer):
    """One page of the reviewer's overdue, one due in ten days, one due next year."""
    pages = {}
    for slug, days in (("overdue", -3), ("due-soon", 10), ("later", 300)):
        article = make_article(slug, title=slug.replace("-", " ").title())
        workflow.approve(article, user=reviewer)
        type(article).objects.filter(pk=article.pk).update(
            next_review_due=timezone.localdate() + timedelta(days=days))
        pages[slug] = article
    return pages


def test_reminders_list_each_reviewers_due_and_overdue_pages(due_pages, reviewer):
    assert "Sent 1 reminder" in run("send_review_reminders")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [reviewer.email]
    assert "Overdue" in message.body and "Due Soon" in message.body
    assert "Later" not in message.body
    assert "/history/" in message.body


def test_reminders_are_sent_once_per_day(due_pages):
    run("send_review_reminders")
    assert "already reminded today" in run("send_review_reminders")
    assert len(mail.outbox) == 1
    assert ReviewReminder.objects.count() == 1


def test_pages_of_a_departed_reviewer_go_to_every_active_reviewer(due_pages, reviewer,
                                                                  make_staff):
    from editorial.roles import CLINICAL_REVIEWER

    colleague = make_staff(CLINICAL_REVIEWER, "colleague")
    reviewer.is_active = False
    reviewer.save()
    run("send_review_reminders")
    assert [m.to for m in mail.outbox] == [[colleague.email]]


def test_no_reminders_when_nothing_is_due(make_article, reviewer):
    assert "Sent 0 reminder" in run("send_review_reminders")
    assert mail.outbox == []
