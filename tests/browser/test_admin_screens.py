"""The editorial admin on a phone and a desktop: no sideways page scroll at 375 px on the page
list, the change form, the history and the review dashboard; reports read as text (issue 16,
points 12 and 13).

Set ``SAVE_SCREENSHOTS=docs/screenshots`` to also save the dashboard and history screenshots
committed with the project.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from editorial import workflow
from editorial.models import ActionLog, ReviewerProfile, Revision
from editorial.roles import ADMINISTRATOR, AUTHOR, CLINICAL_REVIEWER
from feedback.models import ProblemReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
PHONE, DESKTOP = 375, 1280
LONG_TITLE = ("Benzodiazepine withdrawal and tapering: what a slow, supervised reduction of "
              "clonazepam (Klonopin) looks like")


def staff(username, role, *, name="", credentials=""):
    user = get_user_model().objects.create_user(username, f"{username}@example.org",
                                                "a long test password", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if name:
        ReviewerProfile.objects.create(user=user, display_name=name, credentials=credentials)
    return user


@pytest.fixture
def scene(make_article, login_staff):
    """An administrator, and pages in the states a clinician meets on the dashboard."""
    author = staff("sam.author", AUTHOR)
    reviewer = staff("dr.rivera", CLINICAL_REVIEWER, name="Dr Ana Rivera",
                     credentials="MD, addiction psychiatry")
    admin = staff("pat.admin", ADMINISTRATOR, name="Pat Admin", credentials="PharmD")
    in_review = make_article("withdrawal-tapering", title=LONG_TITLE)
    content = {**in_review.latest_revision.content, "summary": "A clearer summary."}
    revision = in_review.save_revision(user=author, content=content)
    ActionLog.record(in_review, ActionLog.Action.EDIT, actor=author, revision=revision)
    workflow.submit(in_review, user=author, note="Ready for a clinical check.")
    approved = make_article("tolerance", title="Tolerance: when the same dose does less",
                            live=False)
    workflow.submit(approved, user=author)
    workflow.approve(type(approved).objects.get(pk=approved.pk), user=reviewer)
    make_article("dependence", title="Physical dependence when taken as prescribed")
    due = make_article("stopping", title="Stopping a benzodiazepine safely", live=False)
    workflow.submit(due, user=author)
    workflow.approve(type(due).objects.get(pk=due.pk), user=reviewer)
    workflow.publish(type(due).objects.get(pk=due.pk), user=admin)
    type(due).objects.filter(pk=due.pk).update(
        next_review_due=timezone.localdate() + timedelta(days=12))
    # Times as a clinician meets them: the bundled text imported a month ago, the new draft
    # written ten days ago and submitted nine days ago, the other page approved three days ago.
    now = timezone.now()
    Revision.objects.filter(pk=in_review.live_revision_id).update(
        created_at=now - timedelta(days=30))
    ActionLog.objects.filter(revision_id=in_review.live_revision_id).update(
        timestamp=now - timedelta(days=30), actor_label="import_content")
    Revision.objects.filter(pk=in_review.latest_revision_id).update(
        created_at=now - timedelta(days=10))
    ActionLog.objects.filter(action=ActionLog.Action.EDIT).update(
        timestamp=now - timedelta(days=10))
    ActionLog.objects.filter(action=ActionLog.Action.SUBMIT).update(
        timestamp=now - timedelta(days=9))
    type(in_review).objects.filter(pk=in_review.pk).update(
        first_published_at=now - timedelta(days=30))
    type(approved).objects.filter(pk=approved.pk).update(
        approved_at=timezone.now() - timedelta(days=3))
    ProblemReport.objects.create(
        content_type=ContentType.objects.get_for_model(in_review), object_id=in_review.pk,
        revision_id=in_review.live_revision_id,
        what_is_wrong=("The second section says to stop at once, but the linked FDA label "
                       "warns against stopping suddenly. Please check the wording."))
    client = login_staff(Client(), admin)
    return {"cookie": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "in_review": in_review, "approved": approved, "reviewer": reviewer}


@pytest.fixture
def admin_page(browser, live_server, scene):
    contexts = []

    def open_(path, width):
        context = browser.new_context(base_url=live_server.url,
                                      viewport={"width": width, "height": 900})
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": scene["cookie"],
                              "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        response = page.goto(path)
        assert response.status == 200, path
        return page

    yield open_
    for context in contexts:
        context.close()


def scroll_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


def paths(scene) -> dict[str, str]:
    page = scene["in_review"]
    return {
        "list": reverse("admin:articles_article_changelist"),
        "change": reverse("admin:articles_article_change", args=[page.pk]),
        "history": reverse("admin:articles_article_history", args=[page.pk]),
        "dashboard": reverse("admin:editorial_reviewdashboard_changelist"),
        "my_profile": reverse("admin:editorial_myreviewerprofile_changelist"),
        "user": reverse("admin:auth_user_change", args=[scene["reviewer"].pk]),
    }


@pytest.mark.parametrize("screen", ["list", "change", "history", "dashboard", "my_profile",
                                    "user"])
def test_no_sideways_page_scroll_on_a_375px_phone(admin_page, scene, screen):
    page = admin_page(paths(scene)[screen], PHONE)
    assert scroll_width(page) <= PHONE
    if os.environ.get("SAVE_SCREENSHOTS_ALL"):
        page.screenshot(path=os.environ["SAVE_SCREENSHOTS_ALL"] + f"/{screen}-375.png",
                        full_page=True)


def test_problem_reports_read_as_wrapped_text(admin_page, scene):
    """The report column is wide enough to read and in view, first in the row, on a phone too."""
    for width, readable in ((DESKTOP, 250), (PHONE, 180)):
        page = admin_page(reverse("admin:feedback_problemreport_changelist"), width)
        box = page.locator(".feedback-report-text").first.bounding_box()
        assert box["width"] >= readable, (width, box)  # not a one-word column
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)


def test_screenshots_of_the_dashboard_and_history(admin_page, scene):
    """Saved only with SAVE_SCREENSHOTS (docs/screenshots/), to be looked at by a person."""
    target = os.environ.get("SAVE_SCREENSHOTS")
    for name in ("dashboard", "history"):
        for width in (DESKTOP, PHONE):
            page = admin_page(paths(scene)[name], width)
            if target:
                out = ROOT / target
                out.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out / f"admin-{name}-{width}.png"), full_page=True)
            assert scroll_width(page) <= width


def test_screenshot_of_the_problem_report_list(admin_page, scene):
    target = os.environ.get("SAVE_SCREENSHOTS")
    for width in (DESKTOP, PHONE):
        page = admin_page(reverse("admin:feedback_problemreport_changelist"), width)
        if target:
            page.screenshot(path=str(ROOT / target / f"admin-reports-{width}.png"),
                            full_page=True)


@pytest.mark.parametrize("screen", ["dashboard", "history", "my_profile"])
def test_the_new_admin_screens_pass_axe(admin_page, scene, axe_violations, screen):
    """WCAG A/AA (axe-core) on the screens this change built, at phone and desktop widths."""
    for width in (DESKTOP, PHONE):
        page = admin_page(paths(scene)[screen], width)
        violations = axe_violations(page)
        assert not violations, "\n".join(map(str, violations))


@pytest.mark.parametrize("action", ["unpublish", "archive", "approve", "request_changes"])
def test_workflow_action_pages_fit_a_phone_and_pass_axe(admin_page, scene, axe_violations,
                                                        action):
    """The pages a workflow URL opens (issue 16, points 8 and 9), at 375 and 1280 px."""
    page_obj = scene["in_review"]
    path = reverse("admin:articles_article_workflow", args=[page_obj.pk, action])
    for width in (DESKTOP, PHONE):
        page = admin_page(path, width)
        assert scroll_width(page) <= width
        button = page.locator("#content-main input[type=submit]")
        assert button.is_visible()
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        violations = axe_violations(page)
        assert not violations, "\n".join(map(str, violations))


def test_the_change_page_actions_fit_a_phone_and_pass_axe(admin_page, scene, axe_violations):
    """The reviewer-facing actions beside Save on the change page (issue 16, point 2)."""
    for width in (DESKTOP, PHONE):
        page = admin_page(paths(scene)["change"], width)
        actions = page.locator("#editorial-next-actions")
        assert actions.is_visible()
        assert "Approve revision" in actions.inner_text()
        assert scroll_width(page) <= width
        # This change's parts of the page (Django's own topic picker is not ours to fix here).
        violations = [v for v in axe_violations(page)
                      if any("editorial" in target for target in v.targets)]
        assert not violations, "\n".join(map(str, violations))
