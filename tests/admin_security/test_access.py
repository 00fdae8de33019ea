"""Who may reach the admin and the editor's endpoints: signed-in, verified staff only."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

pytestmark = pytest.mark.django_db

# The sign-in steps themselves are open to anyone, as sign-in pages must be.
OPEN_ADMIN_URLS = {"login", "logout", "login_code", "login_setup"}
EDITOR_URLS = ["markdownx_markdownify", "markdownx_upload", "editor_checks"]


def _admin_url_names(patterns=None):
    for pattern in admin.site.get_urls() if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _admin_url_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name, set(pattern.pattern.regex.groupindex)


def every_admin_url():
    app_label = next(iter(admin.site._registry))._meta.app_label
    values = {"app_label": app_label}
    urls = []
    for name, arguments in _admin_url_names():
        if name in OPEN_ADMIN_URLS:
            continue
        urls.append(reverse(f"admin:{name}", kwargs={a: values.get(a, "1") for a in arguments}))
    return sorted(set(urls))


def assert_sent_to_sign_in(response, url):
    assert response.status_code == 302, url
    assert response["Location"].startswith(reverse("admin:login")), url


def test_the_admin_url_list_covers_every_registered_model():
    urls = every_admin_url()
    for model in admin.site._registry:
        assert reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") \
            in urls
    assert len(urls) > 20


def test_anonymous_visitors_are_sent_to_sign_in_from_every_admin_page(client):
    for url in every_admin_url():
        assert_sent_to_sign_in(client.get(url), url)


def test_anonymous_posts_to_admin_forms_are_refused(client, make_article):
    article = make_article()
    for url in [reverse("admin:articles_article_add"),
                reverse("admin:articles_article_change", args=[article.pk]),
                reverse("admin:articles_article_delete", args=[article.pk])]:
        assert_sent_to_sign_in(client.post(url, {"title": "Hijacked", "post": "yes"}), url)
    article.refresh_from_db()
    assert article.title != "Hijacked"


def test_signed_in_readers_who_are_not_staff_are_sent_to_sign_in(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="a long enough passphrase")
    client.force_login(reader)
    for url in every_admin_url():
        assert_sent_to_sign_in(client.get(url), url)


def test_staff_signed_in_without_a_second_factor_can_not_reach_any_admin_page(client,
                                                                             staff_user):
    """A session signed in by password alone (here force_login) is not enough."""
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    for url in every_admin_url():
        assert_sent_to_sign_in(client.get(url), url)


def test_verified_staff_reach_the_admin_through_the_login_staff_fixture(client, staff_user,
                                                                       login_staff):
    login_staff(client, staff_user)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


@pytest.mark.parametrize("name", EDITOR_URLS)
def test_anonymous_requests_to_the_editor_endpoints_are_refused(client, name):
    response = client.post(reverse(name), {"content": "Hello"})
    assert response.status_code == 403


@pytest.mark.parametrize("name", EDITOR_URLS)
def test_non_staff_requests_to_the_editor_endpoints_are_refused(client, django_user_model,
                                                                name):
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 20))
    assert client.post(reverse(name), {"content": "Hello"}).status_code == 403


@pytest.mark.parametrize("name", EDITOR_URLS)
def test_unverified_staff_requests_to_the_editor_endpoints_are_refused(client, staff_user,
                                                                       name):
    client.force_login(staff_user)
    assert client.post(reverse(name), {"content": "Hello"}).status_code == 403


@pytest.mark.parametrize("name", EDITOR_URLS)
def test_staff_who_may_not_edit_content_are_refused_by_the_editor_endpoints(
        client, django_user_model, login_staff, name):
    clerk = django_user_model.objects.create_user("clerk", password="x" * 20, is_staff=True)
    login_staff(client, clerk)
    assert client.post(reverse(name), {"content": "Hello"}).status_code == 403


@pytest.mark.parametrize("name", EDITOR_URLS)
def test_editor_endpoints_refuse_get(client, staff_user, login_staff, name):
    login_staff(client, staff_user)
    assert client.get(reverse(name), {"content": "Hello"}).status_code == 405


@pytest.mark.parametrize("name", EDITOR_URLS)
def test_editor_endpoints_need_the_csrf_token(staff_user, login_staff, name):
    client = login_staff(Client(enforce_csrf_checks=True), staff_user)
    assert client.post(reverse(name), {"content": "Hello"}).status_code == 403


def test_markdownx_own_open_views_are_not_mounted(client):
    for path in ["/markdownx/markdownify/", "/markdownx/upload/"]:
        assert client.post(path, {"content": "Hello"}).status_code == 404


def test_administrators_can_not_read_anyones_authenticator_secret(client, staff_device,
                                                                  django_user_model,
                                                                  login_staff):
    """They may see who has an authenticator and remove a lost one, nothing more."""
    boss = django_user_model.objects.create_superuser("boss", password="x" * 20)
    login_staff(client, boss)
    change = client.get(reverse("admin:otp_totp_totpdevice_change", args=[staff_device.pk]))
    assert change.status_code == 200
    assert staff_device.key not in change.content.decode()
    assert client.get(f"/admin/otp_totp/totpdevice/{staff_device.pk}/qrcode/").status_code \
        in {302, 404}
    delete = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[staff_device.pk]),
                         {"post": "yes"})
    assert delete.status_code == 302
    assert not type(staff_device).objects.filter(pk=staff_device.pk).exists()
