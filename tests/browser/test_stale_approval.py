"""A clinical reviewer's approve form in Chromium: an approval lands only on the revision shown.

The reported race, in a real browser: the reviewer opens the approve form, the author edits
and resubmits, the reviewer presses Approve. They must see a clear refusal, and nothing may
be approved.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from articles.models import Article
from editorial import workflow
from editorial.models import ActionLog, ReviewerProfile, Revision, WorkflowState
from editorial.roles import AUTHOR, CLINICAL_REVIEWER, sync_roles

pytestmark = pytest.mark.browser


def staff(username, role):
    user = get_user_model().objects.create_user(username, password="a long test password",
                                                is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def article_in_review(transactional_db):
    sync_roles(apps)  # the roles, even after an earlier test flushed the database
    author = staff("author", AUTHOR)
    article = Article(slug="tolerance")
    article.publish(article.save_revision(source=Revision.Source.IMPORT, content={
        "title": "Tolerance", "summary": "Version A.", "body": "## What it means\n\nWords.\n",
        "key_points": [], "references": [], "notices": [], "glossary_exclude": [],
        "language": "en", "topics": []}), actor_label="test")
    article.save_revision(user=author, content={**article.latest_revision.content,
                                                "summary": "Version A, clearer."})
    workflow.submit(article, user=author)
    return article, author


def signed_in_context(browser, live_server, user, login_staff, width):
    """A browser context carrying an admin session (two-step sign-in done, as in conftest)."""
    client = login_staff(Client(), user)
    context = browser.new_context(base_url=live_server.url,
                                  viewport={"width": width, "height": 900})
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    return context


@pytest.mark.parametrize("width", [375, 1280])
def test_a_reviewer_pressing_approve_after_the_author_resubmitted_is_refused_clearly(
        browser, live_server, login_staff, article_in_review, width):
    article, author = article_in_review
    reviewer = staff("reviewer", CLINICAL_REVIEWER)
    ReviewerProfile.objects.create(user=reviewer, display_name="Dr Ada Reviewer",
                                   credentials="MD, psychiatry")
    shown = article.latest_revision_id
    context = signed_in_context(browser, live_server, reviewer, login_staff, width)
    page = context.new_page()
    page.goto(reverse("admin:articles_article_history", args=[article.pk]))
    approve = page.locator(f"form[action$='/{article.pk}/workflow/approve/']")
    assert f"Approves revision {shown}" in approve.inner_text()

    # Meanwhile the author changes the summary and submits again.
    article = Article.objects.get(pk=article.pk)
    article.save_revision(user=author, content={**article.latest_revision.content,
                                                "summary": "A change the reviewer never saw."})
    workflow.submit(article, user=author)

    approve.get_by_label("Review note").fill("Checked against the sources.")
    approve.get_by_role("button", name=f"Approve revision {shown}").click()
    page.wait_for_load_state()
    error = page.locator(".messagelist .error")
    assert "Nothing was changed" in error.inner_text()
    assert f"you were shown revision {shown}" in error.inner_text()
    article = Article.objects.get(pk=article.pk)
    assert article.workflow_state == WorkflowState.IN_REVIEW
    assert article.approved_revision_id is None
    assert not ActionLog.objects.filter(action=ActionLog.Action.APPROVE).exists()
    context.close()
