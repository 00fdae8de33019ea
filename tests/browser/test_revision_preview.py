"""A clinical reviewer previews a draft of a bundled article in Chromium, phone and desktop."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from articles.models import Article
from editorial.models import ReviewerProfile
from editorial.roles import AUTHOR, CLINICAL_REVIEWER
from tests.editorial.helpers import admin_url

pytestmark = pytest.mark.browser

ARTICLE = "dependence-when-taken-as-prescribed"


def staff_in(role):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(role.lower().replace(" ", "-"),
                                                password="a long test password", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def reviewer_session(reader_site, login_staff):
    reviewer = staff_in(CLINICAL_REVIEWER)
    ReviewerProfile.objects.create(user=reviewer, display_name="Dr Ada Reviewer",
                                   credentials="MD, psychiatry")
    client = login_staff(Client(), reviewer)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def draft_preview_path(reader_site):
    article = Article.objects.get(slug=ARTICLE)
    assert article.topics.exists()  # the case that used to be a 500
    content = {**article.latest_revision.content, "title": "Draft: dependence as prescribed"}
    revision = article.save_revision(user=staff_in(AUTHOR), content=content)
    return admin_url(article, "preview", revision.pk), revision


@pytest.mark.parametrize(("width", "scheme"), [(375, "light"), (1280, "light"), (375, "dark")])
def test_a_reviewer_sees_the_draft_as_readers_will_with_a_calm_banner(
        width, scheme, browser, live_server, axe_violations, reviewer_session,
        draft_preview_path, tmp_path):
    path, revision = draft_preview_path
    context = browser.new_context(base_url=live_server.url,
                                  viewport={"width": width, "height": 900},
                                  color_scheme=scheme)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": reviewer_session,
                          "url": live_server.url}])
    page = context.new_page()
    errors = []
    page.on("response", lambda r: r.status >= 400 and errors.append(r.url))  # styles, script
    response = page.goto(path)
    assert response.status == 200
    banner = page.locator(".preview-banner")
    assert banner.is_visible()
    assert f"Preview of revision {revision.pk}, not live" in banner.inner_text()
    box = banner.bounding_box()
    assert box["y"] < 900 and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.locator("h1").inner_text() == "Draft: dependence as prescribed"
    assert page.locator(".topics a").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"preview-{width}-{scheme}.png"), full_page=True)
    assert [str(v) for v in axe_violations(page)] == []
    assert errors == []
    context.close()
