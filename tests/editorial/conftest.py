"""People in each editorial role, and pages in each workflow state, built the real way."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial import workflow
from editorial.models import ReviewerProfile
from editorial.roles import ADMINISTRATOR, AUTHOR, CLINICAL_REVIEWER, PUBLISHER


@pytest.fixture
def make_staff(db):
    """A staff user in one editorial role; reviewers and administrators get a public profile."""

    def make(role, username=None, *, email=None, display_name=None, credentials="PharmD"):
        username = username or role.lower().replace(" ", "-")
        user = get_user_model().objects.create_user(
            username=username, email=email if email is not None else f"{username}@example.org",
            password="a long test password", is_staff=True,
        )
        user.groups.add(Group.objects.get(name=role))
        if role in (CLINICAL_REVIEWER, ADMINISTRATOR):
            ReviewerProfile.objects.create(user=user, credentials=credentials,
                                           display_name=display_name or f"Dr {username.title()}")
        return user

    return make


@pytest.fixture
def author(make_staff):
    return make_staff(AUTHOR)


@pytest.fixture
def reviewer(make_staff):
    return make_staff(CLINICAL_REVIEWER, display_name="Dr Ada Reviewer",
                      credentials="MD, psychiatry")


@pytest.fixture
def publisher(make_staff):
    return make_staff(PUBLISHER)


@pytest.fixture
def edit(db):
    """Save a new revision of a page with some fields changed, as the admin does."""

    def do(page, user=None, **changes):
        content = {**page.latest_revision.content, **changes}
        return page.save_revision(user=user, content=content)

    return do


@pytest.fixture
def approved_draft(make_article, author, reviewer, edit):
    """A live article with a new revision that a clinician approved; not yet published."""
    article = make_article("tolerance", title="Live title")
    edit(article, author, title="Reviewed title")
    workflow.submit(article, user=author)
    workflow.approve(article, user=reviewer)
    return article
