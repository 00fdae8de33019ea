"""What readers see about a page's clinical review."""

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial import workflow
from tests.editorial.helpers import reload

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed_article(approved_draft, publisher):
    workflow.publish(reload(approved_draft), user=publisher)
    return reload(approved_draft)


def test_unreviewed_page_says_not_yet_clinically_reviewed(make_article, client):
    make_article()
    html = client.get("/articles/tolerance/").content.decode()
    assert "Not yet clinically reviewed" in html
    assert "Reviewed by" not in html


def test_reviewed_page_names_reviewer_credentials_and_dates(reviewed_article, client):
    html = client.get("/articles/tolerance/").content.decode()
    reviewed = reviewed_article.last_reviewed_at
    due = reviewed_article.next_review_due
    assert "Reviewed by Dr Ada Reviewer, MD, psychiatry on" in html
    assert f'<time datetime="{reviewed.isoformat()}">' in html
    assert f'Next review due <time datetime="{due.isoformat()}">' in html
    assert "Not yet clinically reviewed" not in html
    assert "due for its regular clinical review" not in html


def test_overdue_review_shows_a_calm_notice(reviewed_article, client):
    type(reviewed_article).objects.filter(pk=reviewed_article.pk).update(
        next_review_due=timezone.localdate() - timedelta(days=1))
    html = client.get("/articles/tolerance/").content.decode()
    assert "due for its regular clinical review" in html
    assert "Reviewed by Dr Ada Reviewer" in html


def test_glossary_term_shows_its_review_line(make_term, client):
    make_term("tolerance")
    html = client.get("/glossary/tolerance/").content.decode()
    assert "Not yet clinically reviewed" in html


def test_readers_never_see_a_draft_or_approved_unpublished_revision(approved_draft, client):
    html = client.get("/articles/tolerance/").content.decode()
    assert "Live title" in html and "Reviewed title" not in html


def test_reviewer_name_is_escaped(make_article, make_staff, author, client):
    from editorial.roles import CLINICAL_REVIEWER

    odd = make_staff(CLINICAL_REVIEWER, "odd", display_name="<i>Dr</i> X", credentials="MD")
    article = make_article()
    workflow.approve(article, user=odd)
    html = client.get("/articles/tolerance/").content.decode()
    assert "&lt;i&gt;Dr&lt;/i&gt; X" in html and "<i>Dr</i>" not in html


def test_public_page_is_the_same_bytes_for_every_anonymous_reader(reviewed_article, client):
    from django.test import Client

    first = client.get("/articles/tolerance/")
    second = Client().get("/articles/tolerance/")
    assert first.content == second.content
    assert not first.cookies
