"""Changed slugs answer 301 to the new address; archived pages answer 410 Gone."""

import pytest

from core.models import SlugHistory

pytestmark = pytest.mark.django_db


def test_an_old_article_slug_answers_301_with_the_new_address(client, make_article, change_slug):
    change_slug(make_article("old-name"), "new-name")
    response = client.get("/articles/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/new-name/"
    assert client.get("/articles/new-name/").status_code == 200


def test_every_earlier_slug_leads_to_the_current_address(client, make_article, change_slug):
    article = change_slug(change_slug(make_article("first"), "second"), "third")
    assert client.get("/articles/first/")["Location"] == "/articles/third/"
    assert client.get("/articles/second/")["Location"] == "/articles/third/"
    assert article.slug == "third"


def test_a_slug_taken_back_is_no_longer_a_redirect(client, make_article, change_slug):
    article = change_slug(make_article("first"), "second")
    change_slug(article, "first")
    assert client.get("/articles/first/").status_code == 200
    assert client.get("/articles/second/")["Location"] == "/articles/first/"


def test_renaming_a_never_published_draft_keeps_no_history(make_article):
    draft = make_article("draft-name", live=False)
    draft.save_revision(content={**draft.serialize_content(), "slug": "other-name"})
    assert not SlugHistory.objects.exists()


def test_an_archived_article_answers_410_gone(client, make_article, archive):
    archive(make_article("withdrawn"))
    response = client.get("/articles/withdrawn/")
    assert response.status_code == 410
    assert "This page has been removed" in response.text


def test_an_old_slug_of_an_archived_article_answers_410(client, make_article, change_slug,
                                                        archive):
    archive(change_slug(make_article("old-name"), "new-name"))
    assert client.get("/articles/old-name/").status_code == 410


def test_an_unknown_or_unpublished_article_is_still_404(client, make_article):
    make_article("draft", live=False)
    assert client.get("/articles/draft/").status_code == 404
    assert client.get("/articles/never-existed/").status_code == 404


def test_an_archived_term_answers_410_gone(client, make_term, archive):
    archive(make_term("withdrawn-word"))
    assert client.get("/glossary/withdrawn-word/").status_code == 410


def test_an_unknown_term_is_still_404(client):
    assert client.get("/glossary/no-such-word/").status_code == 404
