"""Site pages are edited in the admin through the same revision workflow as articles."""

import pytest
from django.contrib.auth import get_user_model

from pages.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, login_staff):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x" * 20)
    login_staff(client, user)
    return user


def form_data(page, **changes):
    return {"title": page.title, "slug": page.slug, "summary": page.summary, "body": page.body,
            "language": "en", "review_interval_months": 12, **changes}


def test_an_admin_edit_is_a_draft_revision_readers_do_not_see(client, editor, make_page):
    page = make_page("about", title="Live title")
    response = client.post(f"/admin/pages/page/{page.pk}/change/",
                           form_data(page, title="Draft title"))
    assert response.status_code == 302, response.text
    page.refresh_from_db()
    assert page.has_unpublished_changes
    assert page.latest_revision.content["title"] == "Draft title"
    html = client.get("/about/").text
    assert "Live title" in html and "Draft title" not in html


def test_staff_preview_a_draft_page_with_settings_filled_in(client, editor, make_page, settings):
    settings.PUBLISHER_NAME = "Example Trust"
    page = make_page("about")
    client.post(f"/admin/pages/page/{page.pk}/change/",
                form_data(page, body="Published by {{ publisher_name }}."))
    page.refresh_from_db()
    response = client.get(
        f"/admin/pages/page/{page.pk}/revisions/{page.latest_revision_id}/preview/")
    assert response.status_code == 200
    assert "Published by Example Trust." in response.text
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_admin_refuses_an_unknown_placeholder(client, editor, make_page):
    page = make_page("about")
    response = client.post(f"/admin/pages/page/{page.pk}/change/",
                           form_data(page, body="Key: {{ secret_key }}"))
    assert response.status_code == 200
    assert "Unknown placeholder: secret_key." in response.text
    assert Page.objects.get().revisions().count() == 1


def test_a_reviewed_page_shows_who_reviewed_it_and_when(client, make_page):
    """The same review line as articles: only from a real sign-off recorded in the workflow."""
    from datetime import timedelta

    from django.utils import timezone

    page = make_page("editorial-policy")
    reviewed_at = timezone.now() - timedelta(days=10)
    Page.objects.filter(pk=page.pk).update(
        reviewer_name="A. Reviewer", reviewer_credentials="PharmD", reviewed_at=reviewed_at,
        next_review_due=(reviewed_at + timedelta(days=365)).date())
    html = client.get("/editorial-policy/").text
    assert "Reviewed by A. Reviewer, PharmD on" in html
    assert "Not yet clinically reviewed" not in html
