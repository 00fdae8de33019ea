"""One slug history for every page kind (core.models.SlugHistory), with one rule."""

import pytest
from django.contrib.contenttypes.models import ContentType

from articles.models import Article
from core.models import SlugHistory
from glossary.models import Term
from pages.models import Page

pytestmark = pytest.mark.django_db
KINDS = ["article", "term", "page"]


@pytest.mark.parametrize("kind", KINDS)
def test_an_old_slug_answers_301_with_the_current_address(client, make_kind, change_slug, kind):
    page, prefix = make_kind(kind, "old-name")
    change_slug(page, "new-name")
    response = client.get(f"{prefix}old-name/")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}new-name/"
    assert client.get(f"{prefix}new-name/").status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_old_and_current_slugs_of_an_archived_page_answer_410(client, make_kind, change_slug,
                                                              archive, kind):
    page, prefix = make_kind(kind, "old-name")
    archive(change_slug(page, "new-name"))
    assert client.get(f"{prefix}old-name/").status_code == 410
    assert client.get(f"{prefix}new-name/").status_code == 410


@pytest.mark.parametrize("kind", KINDS)
def test_renaming_a_page_readers_never_saw_keeps_no_history(make_kind, kind):
    page, _ = make_kind(kind, "draft-name", live=False)
    page.save_revision(content={**page.serialize_content(), "slug": "other-name"})
    page.refresh_from_db()
    assert page.slug == "other-name"
    assert not SlugHistory.objects.exists()


def test_an_unpublished_page_readers_saw_keeps_its_old_address(client, make_article,
                                                               change_slug):
    """Unpublished, renamed as a draft, published again: the address readers knew leads on."""
    article = make_article("first-name")
    Article.objects.filter(pk=article.pk).update(live=False)
    article.refresh_from_db()
    article.save_revision(content={**article.serialize_content(), "slug": "second-name"})
    assert client.get("/articles/first-name/").status_code == 404  # nothing live to send to
    article.refresh_from_db()
    article.publish(article.latest_revision, actor_label="test")
    assert client.get("/articles/first-name/")["Location"] == "/articles/second-name/"


def test_a_top_level_site_page_renamed_sends_its_address_on(client, make_page, change_slug):
    change_slug(make_page("about"), "about-us")
    response = client.get("/about/")
    assert response.status_code == 301 and response["Location"] == "/pages/about-us/"


def test_a_page_renamed_to_a_top_level_slug_is_found_at_its_old_address(client, make_page,
                                                                        change_slug):
    change_slug(make_page("our-team"), "about")
    assert client.get("/pages/our-team/")["Location"] == "/about/"


@pytest.mark.parametrize("live", [True, False], ids=["live", "draft"])
def test_a_slug_taken_by_another_page_wins_over_the_history(client, make_article, change_slug,
                                                            live):
    change_slug(make_article("shared-name"), "renamed")
    make_article("shared-name", title="Newcomer", live=live)
    assert not SlugHistory.objects.filter(old_slug="shared-name").exists()
    response = client.get("/articles/shared-name/")
    assert response.status_code == (200 if live else 404)
    if live:
        assert "Newcomer" in response.text


def test_a_slug_taken_by_another_page_and_archived_is_gone_not_moved(client, make_article,
                                                                     change_slug, archive):
    change_slug(make_article("shared-name"), "renamed")
    archive(make_article("shared-name", title="Newcomer"))
    assert client.get("/articles/shared-name/").status_code == 410


def test_the_same_old_slug_may_belong_to_pages_of_different_kinds(client, make_article,
                                                                  make_term, change_slug):
    change_slug(make_article("calm"), "calm-article")
    change_slug(make_term("calm"), "calm-term")
    assert client.get("/articles/calm/")["Location"] == "/articles/calm-article/"
    assert client.get("/glossary/calm/")["Location"] == "/glossary/calm-term/"
    assert SlugHistory.objects.filter(old_slug="calm").count() == 2


def test_a_slug_reused_by_another_page_later_renamed_points_to_that_page(client, make_article,
                                                                        change_slug):
    change_slug(make_article("shared-name"), "first-owner")
    change_slug(make_article("shared-name", title="Second owner"), "second-owner")
    assert client.get("/articles/shared-name/")["Location"] == "/articles/second-owner/"


def test_saving_without_a_slug_change_writes_no_history(make_term, change_slug):
    term = make_term("steady")
    term.save()
    term.save(update_fields=["short_definition"])
    assert not SlugHistory.objects.exists()


def test_deleting_a_page_deletes_its_old_addresses(make_term, make_page, change_slug):
    term = change_slug(make_term("old-word"), "new-word")
    change_slug(make_page("old-page"), "new-page")
    Term.objects.get(pk=term.pk).delete()
    assert list(SlugHistory.objects.values_list("old_slug", "content_type")) == [
        ("old-page", ContentType.objects.get_for_model(Page).pk)]


def test_an_alias_of_a_term_still_answers_301(client, make_term):
    make_term("clonazepam", "Clonazepam", aliases=["Klonopin"])
    assert client.get("/glossary/klonopin/")["Location"] == "/glossary/clonazepam/"


def test_the_admin_lists_old_addresses_read_only(client, django_user_model, login_staff,
                                                 make_page, change_slug):
    change_slug(make_page("old-page"), "new-page")
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 20)
    login_staff(client, admin)
    response = client.get("/admin/core/slughistory/")
    assert response.status_code == 200
    assert "old-page" in response.text and 'href="/pages/new-page/"' in response.text
    assert "Site pages" in response.text
    assert "old-page" not in client.get("/admin/core/slughistory/?kind=term").text
    history = SlugHistory.objects.get()
    assert client.get(f"/admin/core/slughistory/{history.pk}/change/").status_code == 200
    assert client.get("/admin/core/slughistory/add/").status_code == 403
    assert client.post(f"/admin/core/slughistory/{history.pk}/change/",
                       {"old_slug": "hijacked"}).status_code == 403
    history.refresh_from_db()
    assert history.old_slug == "old-page"


def test_an_administrator_can_delete_a_page_with_old_addresses_in_the_admin(
        client, django_user_model, login_staff, make_term, change_slug):
    term = change_slug(make_term("old-word"), "new-word")
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 20)
    login_staff(client, admin)
    url = f"/admin/glossary/term/{term.pk}/delete/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Term.objects.exists() and not SlugHistory.objects.exists()
